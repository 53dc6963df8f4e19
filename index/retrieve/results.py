"""What a search takes and gives: filters on the cards, hits with their evidence, and the result with its outcome."""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..corpus import ARTICLE_COLUMNS, PolicyCard
from ..roadmap import (DEFAULT_YEAR, FIELD_NAMES, KpiStatus, fiscal_of, kpi_cell, kpi_status,  # the one KPI status every view shares
                       targets_of)

if TYPE_CHECKING:
    import numpy as np

    from .understand import QueryIntent

__all__ = ["ANY_OF", "Filters", "CardFacets", "kpi_status", "cell_rules", "cell_reason", "blank_kpi_note",
           "undecided_marks_note", "marks_rule_met",
           "Evidence", "Hit", "Outcome", "SearchResult", "confidence_label",
           "ANSWER_CONFIDENCE"]


@dataclass(frozen=True)
class Filters:
    """Structured restrictions; an empty field means no restriction."""

    ministries: tuple[str, ...] = ()
    lead_only: bool = False  # only cards where one of `ministries` is the ◎ lead
    leads: tuple[str, ...] = ()  # … or where each of these is a ◎ lead (the others in `ministries` only take part)
    all_ministries: bool = False  # every one of `ministries` is involved (「AとBの両方が関わる」), not just one
    not_lead: bool = False  # involved, but none of `ministries` is the lead (「関わるが主担当ではない」)
    chapters: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # resolved article marks only (10条 … 19条)
    guides: tuple[str, ...] = ()  # 手引: 都道府県 / 市町村, resolved marks only
    ids: tuple[str, ...] = ()
    kpi_unset: bool = False  # a KPI (進捗 or 効果) reads 未設定 or is blank
    several_leads: bool = False  # more than one ◎ in 府省庁名
    sole_lead: bool = False  # one ◎ only in 府省庁名 (with lead_only: the ministry asked leads alone)
    lead_count: str = ""  # this many ◎ in 府省庁名 ("==3")
    # The 工程表 (index.roadmap): a card passes when one of its milestones is in the year range (fiscal year number
    # for 年度, calendar year otherwise), of the status and of one of the kinds, all at once.
    year_from: int | None = None
    year_to: int | None = None
    status: str = ""  # "past" or "planned", against the table's year
    kinds: tuple[str, ...] = ()  # start, deadline, during, from, review
    # … in these fields only (overview, kpi_progress, kpi_effect: 「概要に令和4年が出てくる」, "outcome KPI for FY2025"),
    # and written with this word after the date (「〇年度以降」って書き方: 以降; 「令和4年度中に」: 中)
    fields: tuple[str, ...] = ()
    wording: str = ""
    launch: bool = False  # a milestone where something starts (kind start, or 稼働・開始 in its clause)
    # a goal reached by the year (「令和5年度までに達成する目標」): not one aimed at from the year on (「令和5年度以降の…
    # を目指す」, kind from), which begins then
    reached: bool = False
    fiscal: bool = False  # the years are fiscal years (「2022年度」): a milestone's date counts as the 年度 it falls in
    has_target: bool = False  # a KPI with a numeric target (a figure with its unit)
    no_target: bool = False  # … none: no target figure read in the card (「数値目標が設定されていない」)
    kpi_rule: str = ""  # finer KPI cells (cell_rules): blank, blank_both, both, neither, one, one_blank, target_year, effect, progress,
    # effect_only, progress_only, effect_or_blank, progress_or_blank (…_only: the other cell set), written (未設定 itself), set (both
    # hold a KPI), same
    marks_rule: str = ""  # the 条・手引 marks (cell_rules): none, circle_only, no_double, double, circle, any, minN (N marks),
    # minN◎ (N ◎ marks), either with 条 (in the 条 columns), symbol◎ / symbol○ (that symbol in the article or 手引 columns asked)
    mentions: tuple[str, ...] = ()  # words a card's text holds, each of them (cell_rules); 沖縄|離島: either (ANY_OF)
    mentions_in_name: bool = False  # … in its name (施策名)
    ministry_count: str = ""  # how many bodies 府省庁名 lists, compared (">=5", ">=2", "==1") (cell_rules)
    target_unit: str = ""  # a KPI target (index.roadmap.targets_of) in this unit: "人" (人 or 名), "%" (% or 割), then the figure it is
    # compared with, if any ("%<50": a share target under 50%) (cell_rules)
    kpi_counts: str = ""  # a KPI cell counting this kind of body (「都道府県数」, 「(都道府県)数」) (cell_rules)

    def __bool__(self) -> bool:
        return bool(self.ministries or self.chapters or self.articles or self.guides or self.ids or self.kpi_unset
                    or self.several_leads or self.sole_lead or self.lead_count or self.dated or self.has_target or self.no_target or self.kpi_rule
                    or self.marks_rule or self.mentions or self.cell_counted)

    @property
    def cell_counted(self) -> bool:
        """Restricts by a count or figure read off each card (cell_rules): bodies in 府省庁名, a KPI target's unit, what a
        KPI counts."""
        return bool(self.ministry_count or self.target_unit or self.kpi_counts)

    @property
    def dated(self) -> bool:
        """Restricts by milestone (year range, status or kind)."""
        return (self.year_from is not None or self.year_to is not None or bool(self.status) or bool(self.kinds)
                or self.launch or bool(self.wording))

    def milestone_ok(self, m) -> bool:
        """Whether one milestone meets the year range, status and kinds."""
        year = fiscal_of(m.year, m.fiscal, m.month) if self.fiscal else m.year
        return ((self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)
                and (not self.status or m.status == self.status)
                and (not self.kinds or m.kind in self.kinds or ("deadline" in self.kinds and m.aimed))
                and (not self.launch or m.launches) and (not self.fields or m.field in self.fields)
                and not (self.reached and m.kind == "from")
                and (not self.wording or self.wording in m.text))

    def allows(self, card: PolicyCard) -> bool:
        """Whether one card passes: CardFacets.mask over that card alone, so the rules are written once (there);
        past/planned against the bundled table's year (CardFacets built for a table reads the table's own), and the
        finer KPI-cell and mark rules (cell_rules), which the facets do not index."""
        if not CardFacets([card], as_of=DEFAULT_YEAR).mask(self)[0]:
            return False
        return not (self.kpi_rule or self.marks_rule or self.mentions or self.cell_counted) or cell_rules(card, self)


ANY_OF = "|"  # joins the words of one Filters.mentions entry that any card may hold instead ("Okinawa or remote islands")
RAW_MEMO_MAX = 512  # names arrive from users too (the web API): a server's memo must not grow without bound


class CardFacets:
    """What filters read of each card, as arrays and posting lists built once per index (and stored with it), so
    that a filter is a few NumPy operations instead of a Python call per card. `mask` is where the filter rules are
    written (Filters.allows asks it about one card)."""

    # the 条・手引 columns marked, by the marks the table places (PolicyCard.marks): a mark whose column the PDF text
    # does not let us place is in none of them (marks_policy)
    FACETS = ("id", "chapter", "involved", "lead", "article", "guide")
    VERSION = 7  # bump when what the arrays hold changes: an index's stored facets are then rebuilt from its cards
    _SEP = "\x00"  # between cards' raw 府省庁名 texts (a name holding it matches no card)

    def __init__(self, cards: Sequence[PolicyCard] = (), *, arrays: dict | None = None, as_of: int | None = None):
        import numpy as np

        if arrays is None:
            arrays = self._arrays(cards, as_of)
        self.kpi, self.n_leads = arrays["kpi"], arrays["n_leads"]
        self.n = len(self.kpi)
        # the milestones of every card, one row each (card, year, status 0 past / 1 planned, kind), and the cards
        # with a numeric KPI target
        self.ms_card, self.ms_year = arrays["ms_card"], arrays["ms_year"]
        self.ms_status, self.ms_kind, self.target = arrays["ms_status"], arrays["ms_kind"], arrays["target"]
        self.ms_launch = arrays["ms_launch"]
        self.ms_fy, self.ms_aim = arrays["ms_fy"], arrays["ms_aim"]  # the 年度 it falls in; a goal aimed at then
        self.ms_field, self.ms_text = arrays["ms_field"], arrays["ms_text"]  # FIELDS index; the dated phrase as written
        # per facet: its values sorted, and the cards of value j at indices[indptr[j]:indptr[j + 1]]
        self._by = {k: (arrays[f"{k}_values"], arrays[f"{k}_indptr"], arrays[f"{k}_indices"]) for k in self.FACETS}
        self._raw_text = arrays["raw_utf8"].tobytes().decode("utf-8")
        self._raw_starts = np.asarray(arrays["raw_starts"])
        self._raw_has: dict[str, np.ndarray] = {}

    @classmethod
    def _arrays(cls, cards: Sequence[PolicyCard], as_of: int | None = None) -> dict:
        import numpy as np

        from ..roadmap import FIELDS, KINDS, fiscal_of, roadmaps

        out: dict = {"kpi": np.array([kpi_status(c) for c in cards], dtype=np.int8),
                     "n_leads": np.array([len(c.lead_ministries) for c in cards], dtype=np.int16)}
        roads = roadmaps(cards, as_of)  # past / planned against `as_of`, else the table's own year
        rows = [(i, m.year, m.status == "planned", KINDS.index(m.kind), m.launches, FIELDS.index(m.field), m.text,
                 fiscal_of(m.year, m.fiscal, m.month), m.aimed)
                for i, r in enumerate(roads) for m in r.milestones]
        cols = list(zip(*rows)) or [()] * 9
        out.update(ms_card=np.array(cols[0], dtype=np.int64), ms_year=np.array(cols[1], dtype=np.int32),
                   ms_status=np.array(cols[2], dtype=np.int8), ms_kind=np.array(cols[3], dtype=np.int8),
                   ms_launch=np.array(cols[4], dtype=bool), ms_field=np.array(cols[5], dtype=np.int8),
                   ms_text=np.array(cols[6], dtype=str) if rows else np.zeros(0, dtype="<U1"),
                   ms_fy=np.array(cols[7], dtype=np.int32), ms_aim=np.array(cols[8], dtype=bool),
                   target=np.array([bool(r.targets) for r in roads], dtype=bool))
        by: dict[str, dict[str, list[int]]] = {k: {} for k in cls.FACETS}
        raws = []
        for i, c in enumerate(cards):
            by["id"].setdefault(c.id, []).append(i)
            by["chapter"].setdefault(c.chapter, []).append(i)
            for m in c.ministries:
                by["involved"].setdefault(m.name, []).append(i)
                if m.lead:
                    by["lead"].setdefault(m.name, []).append(i)
            for mark in c.marks:
                by["article" if mark.column in ARTICLE_COLUMNS else "guide"].setdefault(mark.column, []).append(i)
            raws.append((c.ministries_raw or "").replace(cls._SEP, " "))
        for k, d in by.items():
            values = sorted(d)
            postings = [np.unique(np.array(d[v], dtype=np.int64)) for v in values]
            out[f"{k}_values"] = np.array(values, dtype=str) if values else np.zeros(0, dtype="<U1")
            out[f"{k}_indptr"] = np.concatenate([[0], np.cumsum([len(p) for p in postings], dtype=np.int64)])
            out[f"{k}_indices"] = np.concatenate(postings) if postings else np.zeros(0, dtype=np.int64)
        out["raw_utf8"] = np.frombuffer(cls._SEP.join(raws).encode("utf-8"), dtype=np.uint8)  # (not 4 bytes a char)
        out["raw_starts"] = np.concatenate([[0], np.cumsum([len(r) + 1 for r in raws], dtype=np.int64)])
        return out

    def save(self, path) -> None:
        """Write the arrays as one .npz (plain arrays, no pickles) for `load`."""
        import numpy as np

        arrays = {"version": np.array([self.VERSION]), "kpi": self.kpi, "n_leads": self.n_leads,
                  "ms_card": self.ms_card, "ms_year": self.ms_year, "ms_status": self.ms_status,
                  "ms_kind": self.ms_kind, "ms_launch": self.ms_launch, "target": self.target,
                  "ms_field": self.ms_field, "ms_text": self.ms_text, "ms_fy": self.ms_fy, "ms_aim": self.ms_aim,
                  "raw_utf8": np.frombuffer(self._raw_text.encode("utf-8"), dtype=np.uint8),
                  "raw_starts": self._raw_starts}
        for k, (values, indptr, indices) in self._by.items():
            arrays.update({f"{k}_values": values, f"{k}_indptr": indptr, f"{k}_indices": indices})
        with open(path, "wb") as f:
            np.savez(f, **arrays)

    @classmethod
    def load(cls, path) -> CardFacets | None:
        """The facets `save` wrote, or None when the file is missing or from another version."""
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (OSError, ValueError):
            return None
        if arrays.get("version", np.zeros(1))[0] != cls.VERSION:
            return None
        try:
            return cls(arrays=arrays)
        except KeyError:  # written by another version that forgot to bump VERSION
            return None

    def _any(self, facet: str, values) -> np.ndarray:
        """Cards holding any of `values` in `facet`."""
        import numpy as np

        out = np.zeros(self.n, dtype=bool)
        keys, indptr, indices = self._by[facet]
        for v in values:
            j = int(np.searchsorted(keys, v))
            if j < len(keys) and keys[j] == v:
                out[indices[indptr[j]:indptr[j + 1]]] = True
        return out

    def led_by(self, names) -> np.ndarray:
        """Cards that any of `names` leads (◎)."""
        return self._any("lead", names)

    def _raw(self, name: str) -> np.ndarray:
        """Cards whose raw 府省庁名 text holds `name` (an office in a ministry's parentheses): memoised per name."""
        import re

        import numpy as np

        hit = self._raw_has.get(name)
        if hit is None:
            hit = np.full(self.n, not name, dtype=bool)  # "" is in every text, as `in` has it
            if name and self._SEP not in name:
                at = np.fromiter((m.start() for m in re.finditer(re.escape(name), self._raw_text)), dtype=np.int64)
                hit[np.searchsorted(self._raw_starts, at, side="right") - 1] = True
            if len(self._raw_has) < RAW_MEMO_MAX:
                self._raw_has[name] = hit
        return hit

    def mask(self, f: Filters) -> np.ndarray:
        """Which cards pass `f`, as a boolean array: the one definition of what each filter field means."""
        import numpy as np

        out = np.ones(self.n, dtype=bool)
        if f.ids:
            out &= self._any("id", f.ids)
        if f.kpi_unset:
            out &= self.kpi != 2
        if f.sole_lead:
            out &= self.n_leads == 1
        if f.several_leads:
            out &= self.n_leads >= 2
        if f.lead_count:
            out &= self.n_leads == int(f.lead_count.lstrip("="))
        if f.dated:
            from ..roadmap import KINDS

            ok = np.ones(len(self.ms_card), dtype=bool)
            years = self.ms_fy if f.fiscal else self.ms_year
            if f.year_from is not None:
                ok &= years >= f.year_from
            if f.year_to is not None:
                ok &= years <= f.year_to
            if f.status:
                ok &= self.ms_status == (f.status == "planned")
            if f.kinds:
                kind_ok = np.isin(self.ms_kind, [KINDS.index(k) for k in f.kinds if k in KINDS])
                ok &= kind_ok | self.ms_aim if "deadline" in f.kinds else kind_ok  # a goal aimed at then is due then
            if f.launch:
                ok &= self.ms_launch
            if f.reached:
                ok &= self.ms_kind != KINDS.index("from")
            if f.fields:
                from ..roadmap import FIELDS

                ok &= np.isin(self.ms_field, [FIELDS.index(x) for x in f.fields if x in FIELDS])
            if f.wording:
                ok &= np.char.find(self.ms_text, f.wording) >= 0
            dated = np.zeros(self.n, dtype=bool)
            dated[self.ms_card[ok]] = True
            out &= dated
        if f.has_target:
            out &= self.target
        if f.no_target:
            out &= ~self.target
        if f.chapters:
            out &= self._any("chapter", f.chapters)
        if f.ministries:
            found = [self._any("lead", [m]) if f.lead_only else self._any("involved", [m]) | self._raw(m)
                     for m in f.ministries]
            out &= np.logical_and.reduce(found) if f.all_ministries else np.logical_or.reduce(found)
            if f.not_lead:
                out &= ~self._any("lead", f.ministries)
            if f.leads:
                out &= np.logical_and.reduce([self._any("lead", [m]) for m in f.leads])
        if f.articles or f.guides:  # a mark in one of the columns asked (「11条1項2項か市町村」: either)
            out &= self._any("article", f.articles) | self._any("guide", f.guides)
        return out


def cell_rules(card: PolicyCard, f: Filters) -> bool:
    """The finer questions about a card's cells that CardFacets does not index (read from the card itself):
    KPI cells blank (空欄) rather than 未設定 (one of them, or both), or 未設定 in one KPI only; 条・手引 marks absent, or
    only ○."""
    # each KPI cell as kpi_cell reads it (the status the card browser and reports show): 未設定 (or （今後設定）, 未定),
    # blank (empty, or only －), or set
    progress, effect = kpi_cell(card.kpi_progress), kpi_cell(card.kpi_effect)
    unset = [progress == KpiStatus.UNSET, effect == KpiStatus.UNSET]
    blank = [progress == KpiStatus.BLANK, effect == KpiStatus.BLANK]
    rule = f.kpi_rule
    if rule == "blank" and not any(blank):
        return False
    if rule == "blank_both" and not all(blank):
        return False
    if rule == "both" and not all(unset):
        return False
    # 「両方決まってない」: neither cell holds a KPI, 未設定 or left blank (a blank cell has none either)
    if rule == "neither" and not all(u or b for u, b in zip(unset, blank)):
        return False
    # 「片方だけ未設定」: one cell holds no KPI (未設定 or blank) and the other holds one; 「片方だけ空欄」: one cell blank
    if rule == "one" and [u or b for u, b in zip(unset, blank)].count(True) != 1:
        return False
    if rule == "one_blank" and (blank.count(True) != 1 or KpiStatus.SET not in (progress, effect)):
        return False
    if rule in ("effect", "effect_only") and not unset[1]:
        return False
    if rule in ("progress", "progress_only") and not unset[0]:
        return False
    # 「効果KPIが決まっていない」, 「効果KPIが未設定とか空欄」: that cell holds no KPI, written 未設定 or left blank
    if rule in ("effect_or_blank", "effect_or_blank_only") and effect == KpiStatus.SET:
        return False
    if rule in ("progress_or_blank", "progress_or_blank_only") and progress == KpiStatus.SET:
        return False
    # 「目標の年度が明記されているもの」: a KPI cell's target figure with its year written (roadmap.targets_of)
    if rule == "target_year" and not dated_targets(card):
        return False
    # 「はっきり「未設定」と書かれている（空欄は除く）」: the word itself in a cell, a blank cell not counted
    if rule == "written" and not any(unset):
        return False
    # 「両方ちゃんと設定されている」: both cells hold a KPI (the card browser's 設定済); 「同じ文言」: the same one twice
    if rule in ("set", "same") and kpi_status(card) != KpiStatus.SET:
        return False
    if rule == "same" and card.kpi_progress.strip() != card.kpi_effect.strip():
        return False
    # 「進捗KPIはあるのに効果KPIが…」, "progress KPI set but not the outcome KPI": the other cell holds a KPI
    if rule in ("effect_only", "effect_or_blank_only") and progress != KpiStatus.SET:
        return False
    if rule in ("progress_only", "progress_or_blank_only") and effect != KpiStatus.SET:
        return False
    # 「11条が◎じゃなくて○」: that symbol in one of the columns asked; the other rules read the card's marks
    columns = f.articles + f.guides
    if f.marks_rule and not marks_rule_met(card, f.marks_rule, [m for m in card.marks if m.column in columns]
                                           if columns and f.marks_rule.startswith("symbol") else None):
        return False
    if f.ministry_count and not _compared(len(card.ministries), f.ministry_count):
        return False
    if f.target_unit and not unit_targets(card, f.target_unit):
        return False
    if f.kpi_counts and not counted_in_kpi(card, f.kpi_counts):
        return False
    if f.mentions:
        from ..text import normalize

        # in the name only (「名前に…」), in the cells asked (「概要に平成○年が出てくる」), or anywhere in the card
        text = normalize(card.name if f.mentions_in_name else " ".join(getattr(card, x) for x in f.fields) if f.fields
                         else " ".join((card.name, card.overview, card.kpi_progress, card.kpi_effect)))
        # (spaces aside: 「Society5.0」 is the table's 「Society 5.0」)
        text = text.replace(" ", "")
        if not all(any(normalize(x).replace(" ", "") in text for x in w.split(ANY_OF)) for w in f.mentions):
            return False
    return True


_KPI_RULE_CELLS = {"effect": ("効果",), "effect_or_blank": ("効果",), "effect_only": ("進捗", "効果"),
                   "effect_or_blank_only": ("進捗", "効果"), "progress": ("進捗",), "progress_or_blank": ("進捗",),
                   "progress_only": ("進捗", "効果"), "progress_or_blank_only": ("進捗", "効果")}


_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}


def _rule(rule: str) -> tuple[Callable[[Any, Any], bool], str]:
    """A rule such as ">=5" or "<50" as its comparison and the figure it compares with."""
    op = rule[:2] if rule[:2] in _OPS else rule[:1]
    return _OPS[op], rule[len(op):]


def _compared(n: int, rule: str) -> bool:
    """`n` against a rule such as ">=5" or "==1"."""
    op, figure = _rule(rule)
    return op(n, int(figure))


def dated_targets(card: PolicyCard) -> list:
    """The KPI cells' target figures whose year the cell writes (「令和6年度(2024年度)までに90%以上」)."""
    return [t for t in kpi_targets(card) if t.year]


def kpi_targets(card: PolicyCard) -> list:
    """The card's target figures as index.roadmap reads them, those written in its two KPI cells."""
    return [t for t in targets_of(card) if t.field in ("kpi_progress", "kpi_effect")]


def percent_targets(card: PolicyCard, compared: str = "") -> list:
    """The card's KPI targets written as a share (100%, 8割), as index.roadmap reads them; with `compared` ("<50"),
    those whose figure in % (a 割 is ten) is so."""
    shares = [t for t in kpi_targets(card) if t.unit in ("%", "割")]
    if not compared:
        return shares
    op, figure = _rule(compared)
    return [t for t in shares if op(t.value * (10 if t.unit == "割" else 1), float(figure))]


def unit_targets(card: PolicyCard, rule: str) -> list:
    """The card's KPI targets a target_unit rule reads: "人" those counted in people (3万人超, 3,000人, 〇名), else a share
    (percent_targets, the rule less its "%")."""
    if rule.startswith("人"):
        return [t for t in kpi_targets(card) if t.unit in ("人", "名")]
    return percent_targets(card, rule[1:])


def counted_in_kpi(card: PolicyCard, body: str) -> str:
    """The KPI cell text that counts `body` (「…を運用する都道府県数」, 「参加地方公共団体(都道府県)数」), "" when none."""
    import re

    cell, _, body = body.rpartition(":")
    cells = {"effect": (card.kpi_effect,), "progress": (card.kpi_progress,)}.get(cell, (card.kpi_progress, card.kpi_effect))
    for text in cells:
        for item in re.split(r"[・\n]", text):
            # 自治体 is how people say the table's 地方公共団体 and each kind of them
            if body == "人":  # people counted: 受験者数, 修了生の人数, 登録者数3万人超, 3,000人 (not 事業者数: businesses;
                # not 1人1台: a ratio)
                if re.search(r"(?<!事業)(?:者|人|生|員)(?:の)?(?:人)?数|人数|\d[\d,.]*\s*万?\s*(?:人|名)(?![一-龥\d])", item):
                    return item.strip()
                continue
            said = ("(?:自治体|地方公共団体|都道府県|市町村|市区町村)" if body in ("自治体", "地方公共団体")
                    else re.escape(body))
            if re.search(said + r"\)?\s*(?:の)?(?:団体)?(?:数|件数)", item):
                return item.strip()
    return ""


# The one policy for the 条・手引 marks whose column the PDF text does not let us place (PolicyCard.unresolved_marks,
# 22 cards of the bundled table): an answer counts what the table says for certain and names what it cannot decide.
# A mark in no column is certainly a mark, and its symbol is read: a request that names no column (any mark, a ◎, only
# ○, none, N marks) reads every mark, and the answer names the cards it counts by such marks. A request about a column
# (「11条1項2項」, 「市町村の手引」, the 条 columns counted) is answered by the marks the table places there; a card whose
# unplaced marks might stand there (a reading of its row puts them there) is named in a note, not counted.
_CIRCLES = ("○", "〇")


def marks_rule_met(card: PolicyCard, rule: str, marks: Sequence | None = None) -> bool:
    """Whether a card's marks meet a marks rule (Filters.marks_rule) by the policy above; `marks`: the placed marks to
    read (those of the columns asked, for symbol◎ / symbol○), the card's own by default."""
    every = [m.symbol for m in card.marks] + [m.symbol for m in card.unresolved_marks]
    # (the symbols the rule reads: every mark where no column is asked, else the placed marks of the columns asked)
    placed = every if marks is None and not rule.endswith("条") else [m.symbol for m in (card.marks if marks is None else marks)]
    if rule.startswith("unplaced"):  # unplacedN◎: N marks (1 by default), of that symbol if one is said, in no column
        wanted = rule[len("unplaced"):]
        symbol = wanted.lstrip("0123456789")
        counted = [m.symbol for m in card.unresolved_marks
                   if not symbol or (m.symbol in _CIRCLES if symbol == "○" else symbol in m.symbol)]
        return len(counted) >= int(wanted[:len(wanted) - len(symbol)] or 1)
    if rule == "none":
        return not every
    if rule == "no_double":
        return not any("◎" in s for s in every)
    if rule == "circle_only":  # a ○, and no ◎ anywhere
        return any(s in _CIRCLES for s in placed) and not any("◎" in s for s in every)
    if rule in ("double", "symbol◎"):
        return any("◎" in s for s in placed)
    if rule in ("circle", "symbol○"):
        return any(s in _CIRCLES for s in placed)
    if rule == "any":
        return bool(placed)
    if rule == "placed":  # 「読める印がある」: a mark the table places in a column (the marks in no column not read)
        return bool(card.marks if marks is None else marks)
    if rule.startswith("min"):  # minN: N marks; minN条: N placed in the 条 columns; minN◎: N of them ◎ (「◎が2つ以上」)
        n = int(rule[3:].rstrip("条◎") or 1)
        counted = [m.symbol for m in card.marks if m.column in ARTICLE_COLUMNS] if rule.endswith("条") else placed
        return sum("◎" in s or "◎" not in rule for s in counted) >= n
    return True


def cell_reason(card: PolicyCard, f: Filters, milestones: Sequence = ()) -> str:
    """Why a card is in a set its cells make, in a line: the KPI cells, marks, ministries or milestones that the
    filters read (「KPI(効果): 未設定(…)」, 「府省庁名: ◎内閣府、内閣官房」, 「課題・取組概要「令和4年度(2022年度)以降」（2022年度 以降）」);
    "" when no filter of that kind applies."""
    parts: list[str] = []
    if f.kpi_rule == "target_year":
        parts += [f"KPI目標: {t.text}（{t.kpi[:40]}）" for t in dated_targets(card)[:2]]
    elif f.kpi_unset or f.kpi_rule:
        cells = _KPI_RULE_CELLS.get(f.kpi_rule, ("進捗", "効果"))
        values = {"進捗": card.kpi_progress, "効果": card.kpi_effect}
        parts += [f"KPI({c}): {_short(values[c]) or '（空欄）'}" for c in cells]
    if f.marks_rule or f.articles or f.guides:
        placed = [f"{m.column}{m.symbol}" for m in card.marks
                  if not (f.articles or f.guides) or m.column in f.articles + f.guides]
        unplaced = [m.symbol for m in card.unresolved_marks]
        if placed:
            parts.append("条・手引: " + "、".join(placed))
        if unplaced and not (f.articles or f.guides or f.marks_rule == "placed" or f.marks_rule.endswith("条")):
            parts.append(("列の読み取れない印: " if f.marks_rule.startswith("unplaced") else "印（列は未確定）: ")
                         + " ".join(unplaced))
        if not placed and not unplaced:
            parts.append("条・手引: 印なし")
    if f.no_target:
        parts.append("KPIの数値目標: 数字と単位の目標値の記載なし")
    if f.target_unit:
        parts += [f"KPI目標: {t.text}（{t.kpi[:40]}）" for t in unit_targets(card, f.target_unit)[:2]]
    if f.kpi_counts:
        parts.append(f"KPI: {_short(counted_in_kpi(card, f.kpi_counts))}")
    if f.ministry_count:
        parts.append(f"府省庁名（{len(card.ministries)}府省庁）: {_short(card.ministries_raw, 60)}")
    elif f.ministries or f.several_leads or f.sole_lead or f.lead_count:
        shown = _short(card.ministries_raw, 60)
        # 「ドローンの施策って消防庁も入ってる？」: a ministry asked about that a long 府省庁名 names past the cut is said
        cut_off = [m for m in f.ministries if m not in shown and m in card.ministries_raw]
        parts.append(f"府省庁名: {shown}" + (f"（{'、'.join(cut_off)} を含む）" if cut_off else ""))
    for m in milestones[:2]:
        parts.append(f"{FIELD_NAMES.get(m.field, m.field)}「{m.text}」（{m.label}）")
    if f.mentions and not milestones:  # the words asked, where the card writes them
        parts += _mentioned_at(card, f)
    return " / ".join(parts)


def _mentioned_at(card: PolicyCard, f: Filters) -> list[str]:
    """「課題・取組概要「平成30年度(2018年度))における…」」: each word asked, from where the first cell read that holds it
    writes it."""
    from ..text import normalize

    fields = ("name",) if f.mentions_in_name else f.fields or ("name", "overview", "kpi_progress", "kpi_effect")
    out = []
    for w in (x for said in f.mentions for x in said.split(ANY_OF)):
        for fld in fields:
            text = getattr(card, fld) or ""
            at = text.find(w)
            if at < 0:  # written another way (full-width, another case): read as the filter reads it
                text = normalize(text)
                at = text.find(normalize(w))
            if at >= 0:
                label = "施策名" if fld == "name" else "府省庁名" if fld == "ministries_raw" else FIELD_NAMES.get(fld, fld)
                out.append(f"{label}「{_short(text[at:], 30)}」")
                break
    return out


def _short(text: str, n: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def blank_kpi_note(cards: Sequence[PolicyCard]) -> str:
    """The caveat of a question for KPIs 「未設定」 (the word the table writes in a cell): the cards whose KPI cells
    are left blank are not counted, which a reader who means "no KPI yet" may want too; "" when no card has one."""
    blank = [c.id for c in cards if KpiStatus.BLANK in (kpi_cell(c.kpi_progress), kpi_cell(c.kpi_effect))]
    if not blank:
        return ""
    return (f"KPIの欄が空欄の施策（{'、'.join(blank)}）は、表に「未設定」と書かれていないため含めていません。"
            f"空欄も含めるには「KPIが未設定か空欄の施策」と聞いてください。")


def undecided_marks_note(cards: Sequence[PolicyCard], f: Filters, answered: Sequence[str] = ()) -> str:
    """The note beside an answer about the 条・手引 marks (the marks policy above): for a request about columns, the cards
    not counted whose marks the table does not place and which might satisfy it (a reading of their row, from the left
    or the right, puts a mark of the symbol asked in a column asked); for one that names no column, the cards counted
    by marks in no column; each named, "" when there are none. The request's other filters (ministry, chapter, the
    list restricted) still apply."""
    from dataclasses import replace as _replace

    if not (f.articles or f.guides or f.marks_rule) or f.marks_rule in ("none", "no_double"):  # (denied: every mark read)
        return ""
    if f.marks_rule.startswith("unplaced"):  # the marks asked for are those in no column: say what they are
        return ("列の読み取れない印とは、条・手引の欄に◎か○はあるものの、どの条・手引の列の印かを表（PDFの文字）から"
                "読み取れない印です。印の種類（◎/○）は確かなので、各施策の印として示しています。")
    columns = f.articles + f.guides
    rest = _replace(f, articles=(), guides=(), marks_rule="")
    symbol = "◎" if f.marks_rule in ("double", "symbol◎") or "◎" in f.marks_rule else (
        "○" if f.marks_rule in ("circle", "symbol○", "circle_only") else "")

    def might(card: PolicyCard) -> bool:
        if card.id in answered or not card.unresolved_marks or (rest and not rest.allows(card)):
            return False
        if f.marks_rule == "circle_only" and any("◎" in m.symbol for m in card.unresolved_marks):
            return False
        return any((not symbol or (m.symbol in _CIRCLES if symbol == "○" else symbol in m.symbol))
                   and (not columns or any(c in columns for c in m.readings())) for m in card.unresolved_marks)

    if f.marks_rule == "placed":  # the readable marks asked: the cards with marks in no column only, left out, named
        only_unplaced = [c.id for c in cards if c.unresolved_marks and not c.marks and c.id not in answered
                         and not (rest and not rest.allows(c))]
        return (f"列の読み取れない印しかない {len(only_unplaced)} 件は、どの条・手引の列の印か表からは決められないため"
                f"含めていません: {'、'.join(only_unplaced)}。" if only_unplaced else "")
    if not columns and not f.marks_rule.endswith("条"):
        # no column asked: marks in no column are counted (their symbol is certain); the cards counted by them named
        by_unplaced = [c.id for c in cards if c.id in answered and c.unresolved_marks]
        return (f"このうち {len(by_unplaced)} 件は、印はありますがどの列の印か表から読み取れません: {'、'.join(by_unplaced)}。"
                if by_unplaced else "")
    undecided = [c.id for c in cards if might(c)]
    if not undecided:
        # every unplaced mark falls outside the columns asked however the row is read: say they were weighed, not missed
        weighed = [c.id for c in cards if c.unresolved_marks and c.id not in answered and not (rest and not rest.allows(c))]
        return (f"列の読み取れない印がある {len(weighed)} 件は、表の行を左右どちらから読んでも{'・'.join(columns)}の列の印には"
                f"ならないため含めていません。" if weighed and columns else "")
    return f"ほかに {len(undecided)} 件は印の列が表から読み取れず、含まれるかは不明です: {'、'.join(undecided)}。"


@dataclass(frozen=True)
class Evidence:
    """A sentence of the card that matches the query, with character offsets into the named field."""

    text: str
    start: int
    end: int
    field: str = "overview"  # overview, name, kpi_progress or kpi_effect


def finite(x, digits: int) -> float:
    """A number for JSON: rounded, and 0.0 where it is NaN or infinite (NaN is not JSON, and says nothing)."""
    x = float(x)
    return round(x, digits) if math.isfinite(x) else 0.0


ANSWER_CONFIDENCE = 0.5  # a card counts as an answer (the chat's "N 件", a report's match) from this confidence
# … and a card after the first of a question that is no list from this one: most such questions have one answer, and a
# second card the card model rates 0.5-0.7 is most often a neighbour (dev single questions that are no list, 249: the
# answer set is exactly right for 0.847 at 0.5, 0.863 at 0.7, 0.867 at 0.8; set F1 0.884, 0.890, 0.888)
ALSO_ANSWER_CONFIDENCE = 0.6


def confidence_label(confidence: float) -> str:
    """高 / 中 / 低: the level a person reads instead of a number (same cut-offs as the answer/uncertain decision)."""
    if confidence >= 0.8:
        return "高"
    return "中" if confidence >= 0.5 else "低"


@dataclass(frozen=True)
class Hit:
    card: PolicyCard
    score: float  # the fused score that ordered the results (any sign; compare within one result only)
    dense: float  # best chunk cosine
    lexical: float  # BM25 score
    evidence: tuple[Evidence, ...] = ()
    # A list question's answer is the cards above its threshold; the nearest of the rest follow, marked related,
    # so that a measure just under the line is still in view (and the UI can draw the line).
    related: bool = False
    confidence: float = 1.0  # probability that this card answers the question (same model as the no-answer decision)
    # a 工程表 question's answer: the card's milestones (index.roadmap.Milestone) and KPI targets that meet it
    milestones: tuple = ()
    targets: tuple = ()
    reason: str = ""  # a set made by the cells: which cell or milestone puts this card in it (cell_reason)

    def to_dict(self) -> dict:
        dated = {**({"milestones": [m.to_dict() for m in self.milestones]} if self.milestones else {}),
                 **({"targets": [t.to_dict() for t in self.targets]} if self.targets else {})}
        return {**self._dict(), **({"reason": self.reason} if self.reason else {}), **dated}

    def _dict(self) -> dict:
        return {
            "id": self.card.id, "name": self.card.name, "score": finite(self.score, 6), "related": self.related,
            "confidence": finite(self.confidence, 4),
            "ministries": [{"name": m.name, "lead": m.lead} for m in self.card.ministries],
            "evidence": [{"text": e.text, "start": e.start, "end": e.end, "field": e.field} for e in self.evidence],
            "source": {"file": self.card.source.file, "line": self.card.source.line},
        }


class Outcome(str, Enum):
    """What a search concluded: cards that answer, cards that may answer (shown, flagged 確度 低), or no card."""

    ANSWER = "answer"
    UNCERTAIN = "uncertain"
    NONE = "none"


@dataclass
class SearchResult:
    query: str
    abstained: bool
    results: list[Hit]
    intent: QueryIntent | None = None
    reason: str = ""
    suggestions: list[Hit] = field(default_factory=list)  # when abstained: the nearest cards, for "did you mean"
    confidence: float = 1.0  # probability that some card answers the question
    uncertain: bool = False  # results shown, but the engine is unsure they answer
    calibrated: bool = True  # False on a corpus the no-answer model was not fitted for: confidences are only a guide
    notes: list[str] = field(default_factory=list)  # caveats of the answer (undecided_marks_note), said with it
    # the cards a reading of the question counted, whatever their confidence (index.assist.search_question: a field of
    # a measure asked, counted as the chat counts it); None: counted by the confidences (answers)
    counted: tuple[str, ...] | None = None

    @property
    def outcome(self) -> Outcome:
        if self.abstained:
            return Outcome.NONE
        return Outcome.UNCERTAIN if self.uncertain else Outcome.ANSWER

    @property
    def answers(self) -> list[Hit]:
        """The hits that answer, the same in the chat, the CLI and the reports. A list or a question about the table
        is answered by its listed cards; otherwise the first card answers when the search is confident that some card
        does, and the others on their own confidence (ALSO_ANSWER_CONFIDENCE): the ten shown are not ten answers."""
        if self.abstained:
            return []
        if self.counted is not None:
            return [h for h in self.results if h.card.id in self.counted and not h.related]
        listed = [h for h in self.results if not h.related]
        if self.intent is not None and (self.intent.is_list or (self.intent.structured and not self.intent.one_measure)):
            return listed
        return [h for i, h in enumerate(listed)
                if (self.confidence >= ANSWER_CONFIDENCE if i == 0 else h.confidence >= ALSO_ANSWER_CONFIDENCE)]

    def answer_flags(self) -> list[bool]:
        """For each hit shown, in order: is it one of `answers`?"""
        answers = {id(h) for h in self.answers}
        return [id(h) in answers for h in self.results]

    @property
    def others(self) -> list[Hit]:
        """The hits shown that are not answers, in their order."""
        return [h for h, answer in zip(self.results, self.answer_flags()) if not answer]

    def to_dict(self) -> dict:
        d = {"query": self.query, "abstained": self.abstained, "outcome": self.outcome.value,
             "confidence": finite(self.confidence, 4), "results": [h.to_dict() for h in self.results]}
        if self.suggestions:
            d["suggestions"] = [{"id": h.card.id, "name": h.card.name, "score": finite(h.score, 6),
                                 "confidence": finite(h.confidence, 4)} for h in self.suggestions]
        if not self.calibrated:
            d["calibrated"] = False
        if self.intent is not None:
            d["understood"] = self.intent.to_dict()
        if self.reason:
            d["reason"] = self.reason
        if self.notes:
            d["notes"] = list(self.notes)
        return d
