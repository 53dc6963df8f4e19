"""Questions about the 工程表 (index.roadmap): 「令和7年度までを期限とする施策」, 「2022年度に稼働・開始するもの」,
「数値目標のある施策」, 「KPIの目標年度が一番遅いのは？」. They are read into filters on the cards' milestones and KPI
targets, answered as the set of cards that meet them, each with the milestone as its evidence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Sequence

from ..corpus import PolicyCard
from ..roadmap import DEFAULT_YEAR, Milestone, Roadmap, Target, latest_target, parse_year
from .results import Evidence, Filters

__all__ = ["DatedAsk", "dated_ask", "relative_year_note", "reads_dated_cell", "with_dated", "latest_target_ids", "roadmap_evidence", "DATED_WORDS"]

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_YEAR = r"(?:令和|平成)\s*(?:\d{1,2}|元)\s*年度?|(?:19|20)\d{2}\s*年度?|\br\s*\d{1,2}\s*年度?"
_Y = re.compile(_YEAR, re.I)
# 「2023〜2025年度」, 「令和5〜7年度」, 「2023-25年度」: a range whose first year borrows the second's era or 年度 (the
# first year alone is no year to _YEAR); read as 「2023年度〜2025年度」
_SPAN = (r"(?P<a>(?:19|20)\d{2}|(?P<era>令和|平成)\s*(?:\d{1,2}|元))\s*(?:年度?)?\s*[~〜～\-–]\s*"
         r"(?P<b>(?:19|20)\d{2}|(?:令和|平成)?\s*\d{1,2})\s*(?P<unit>年度?)")
_YEAR_SPAN = re.compile(_SPAN)
# 「今年度」, 「来年度」, 「昨年度」, 「再来年」, "next fiscal year": a year said from now. The table is a plan of its own
# year (roadmap.DEFAULT_YEAR, the bundled 2021 plan), and the plan's 「今年度」 is that year: read from it, and said so
_RELATIVE = re.compile(r"(?<![対同日基資根相担該妥充従将由外本以午])(?P<rel>再来|来|翌|今|本|当|昨|去|前|一昨)(?P<unit>年度|年)(?!比|以前|以降の比)|"
                       r"\b(?P<en>this|next|last|previous|the coming|the following)\s+(?P<en_unit>fiscal year|fy|year)\b",
                       re.I)
# a relative year is read as a year where measures are asked for as a set (「来年度に始まる施策は？」, 「今年度が期限の
# ものを全部」, "Which measures start next fiscal year?"), as conversation.dated_list asks
_SET_ASKED = re.compile(r"施策|取組|取り組み|事業|もの|やつ|どれ|一覧|リスト|全部|すべて|全て|ぜんぶ|の(?:は|って)\s*(?:ある|あります)?"
                        r"\s*(?:か|の)?\s*[?？]?\s*$|\b(?:measures?|programs?|initiatives?|policies|which|list)\b")
_RELATIVE_STEP = {"再来": 2, "来": 1, "翌": 1, "今": 0, "本": 0, "当": 0, "昨": -1, "去": -1, "前": -1, "一昨": -2,
                  "this": 0, "next": 1, "the coming": 1, "the following": 1, "last": -1, "previous": -1}
_DEADLINE = re.compile(r"期限|締め?切|までに|まで(?:を|が|の|に)?(?:期限|完了|達成|目標|目途|目指)|完了予定|達成予定|目標年度|"
                       # 「2022年度中に終わる予定」, 「令和5年度に完了する」: something due then
                       r"終わ[らりるっ]|終え|完了|完成")
_START = re.compile(r"稼働|開始|始ま|始め|始動|スタート|運用開始")
# 「期限が書いてある」, 「期限の記載がある」, "state a deadline": a deadline said to be written in a cell, no year named
# (not 「目標の期限」, 「達成期限」: the target's year, understand.KPI_TARGET_YEAR_PATTERN)
_CELL_DEADLINE = re.compile(r"(?<!目標)(?<!目標の)(?<!達成)(?:期限|締め?切り?|いつまで)\S{0,3}?(?:が|の|も)?\S{0,2}?(?:書(?:いて|かれて)|記載|明記|"
                            r"入って|示され|ある|あり)|\b(?:states?|gives?|has|have|with|sets?|includes?)\s+(?:a\s+)?(?:deadlines?|due dates?)\b")
# "start operating in FY2022", "go live in 2022": an English question's start, said before the year
_EN_START = re.compile(r"\b(?:start|starts|begin|begins|launch|launches|go(?:es)? live|come(?:s)? into (?:operation|service)|"
                       r"roll(?:s|ed)? out|operational)\b")
# 「令和4年度以降に検討予定の施策」: the milestones of kind review (a matter to be looked at then)
_REVIEW = re.compile(r"検討(?!会)|見直")
_TARGET = re.compile(r"数値目標|目標値|数値(?:の|で)?(?:kpi|目標)|定量(?:的な|的)?(?:目標|kpi)|kpi\S{0,4}(?:数値|目標値)|"
                     r"数字(?:の|で)?目標|numeric (?:kpi|target)", re.I)
# 「数値目標が設定されていない」, 「目標値のない」, "no numeric target": the target denied
_NO_TARGET = re.compile(r"(?:目標|目標値)\S{0,3}?(?:が|は|の)?(?:まだ)?(?:設定されていない|設定されてない|設定がない|決まっていない|"
                        r"決まってない|書かれていない|書かれてない|書いてない|ない|無い|なし|無し)|"
                        r"\b(?:no|without(?: a| any)?) (?:numeric|numerical|quantitative) (?:kpi |targets?|goals?)", re.I)
_LATEST = re.compile(r"(?:目標(?:の)?年度|目標時期|期限|達成(?:の)?(?:年度|時期))\S{0,6}?(?:一番|最も|もっとも)?"
                     r"(?:遅い|先|後ろ|最後|最終)|(?:一番|最も|もっとも)遅い(?:目標|期限)|latest (?:kpi )?target", re.I)
# "FY2025", "Reiwa 7", "in 2023": the English ways of writing a year, read as the Japanese ones
# ("fiscal 2026", "fiscal year 2026": FY2026 spelt out)
_ENGLISH_YEARS = ((re.compile(r"\b(?:fy|fiscal(?: year)?)\s*((?:19|20)\d{2})\b"), r"\1年度"),
                  (re.compile(r"\breiwa\s*(\d{1,2})\b"), r"令和\1年"),
                  (re.compile(r"\bheisei\s*(\d{1,2})\b"), r"平成\1年"),
                  (re.compile(r"\b(in|by|until|till|from|since|after|before|for|of|through)\s+((?:19|20)\d{2})\b(?!\s*年)"),
                   r"\1 \2年"),
                  # "a 2025 deadline", "2022 launches": the year said as the deadline's (or start's) own attribute
                  (re.compile(r"\b((?:19|20)\d{2})(?=\s+(?:deadlines?|due dates?|targets?|goals?|target years?|completion|"
                              r"starts?|launch(?:es)?|start dates?)\b)"), r"\1年"))
_EN_MEASURES = re.compile(r"\b(?:measures?|which|list|programs?|initiatives?|policies)\b")
_EN_ONE_CARD = re.compile(r"\b(?:its|this one|that one|the one)\b")
_EN_BY = re.compile(r"\b(?:by|until|till|no later than|due(?: in)?|deadlines?(?: of| in)?)\s*(?:the end of\s*)?$")
_EN_FROM = re.compile(r"\b(?:from|since|starting(?: in| from)?|after|beyond|onwards? from)\s*$")
# "FY2026 or later", "2023 and beyond", "FY2024 onwards"; "FY2022 or earlier": the range said after the year
_EN_LATER = re.compile(r"\s*(?:(?:or|and)\s+(?:later|after|beyond|thereafter|onwards?)|onwards?|and\s+up)\b")
_EN_EARLIER = re.compile(r"\s*(?:or|and)\s+(?:earlier|before|sooner)\b")
_EN_DEADLINE = re.compile(r"\b(?:deadlines?|due|goals?|targets?|to be (?:reached|achieved|completed|done))\b")
# Which cell the dates are asked of: 「概要に令和4年が出てくる」, "outcome KPI … for FY2025", 「KPIの欄に令和3年度」
_FIELD_ASKED = (("overview", re.compile(r"概要|overview|description")),
                ("kpi_effect", re.compile(r"効果\S{0,5}?(?:kpi|指標)|(?:kpi|指標)\s*[(（]?\s*効果|\b(?:outcome|effect) (?:kpi|indicator)")),
                ("kpi_progress", re.compile(r"進捗\S{0,5}?(?:kpi|指標)|(?:kpi|指標)\s*[(（]?\s*進捗|\bprogress (?:kpi|indicator)")))
_ANY_KPI = re.compile(r"kpi|指標")
# 「“〇年度以降”って書き方」, 「「令和4年度中に〜」って期限の書き方」: the wording of the date itself is asked
_WORDING_ASKED = re.compile(r"書き方|書かれ方|表現|言い回し|文言|という言葉|(?:って|と)書(?:いて|かれて)|wording|phrased")
# 「…年度が書き込まれてる」, 「…年度とある」, 「…年度と書いてある」: the year as the cell writes it
_WRITTEN_IN_CELL = re.compile(r"書き込(?:まれ|んで|み)|記入さ|記載さ|書かれて|書いて(?:ある|る)|とある|と書")
_WORDING = re.compile(r"\s*(?:[(（][^)）]{0,12}[)）])?\s*(中|以降|以後|までに|まで|から|末|目途|めど)")
_RANGE_AFTER = re.compile(r"\s*(?:[(（][^)）]{0,12}[)）])?\s*(?:以降|以後|から|まで|~|〜)")
# 「平成○年」, 「平成の年」: an era named without its year
# (not 「令和何年に稼働？」, which asks when)
_ERA_ONLY = re.compile(r"(平成|令和)\s*(?:[○〇◯×]+\s*年|の(?:年|時代|頃|ころ))")
_ERA_SPANS = {"平成": (1989, 2019), "令和": (2019, 2100)}
# 「2025年度までに達成する目標」, 「令和7年度までの目標」, 「…までを期限とする」, 「…までが締め切り」: a goal set for
# that year (its deadline is the year), not every deadline up to it (「2025年度までに終わるもの」)
_GOAL_BY = re.compile(r"\s*(?:末|中|内)?\s*まで(?:に)?[^、。,.?？!！]{0,8}?(?:期限|締め?切|目標|目途|目処|めど|達成|目指|ゴール)")
# 「KPIの目標が令和5年度までのもの」, 「期限が2025年度までの施策」: the goal (or deadline) named first, as the subject the
# year is said of, is set for that year, as 「令和5年度までの目標」 is (_GOAL_BY): not every date up to it
_GOAL_BEFORE = re.compile(r"(?:目標|期限|締め?切り?|ゴール|達成|目途|目処|めど)(?:年度|年次|時期|の年度|の時期)?\s*(?:が|は|って|を)\s*$")
# 「令和5年度までに達成する目標」, 「2025年度までに実現を目指す」: a goal reached by the year (DatedAsk.reached)
_REACHED = re.compile(r"\s*(?:末|中|内)?\s*までに?[^、。,.?？!！]{0,4}?(?:達成|実現|到達)")
_SAME_YEAR = re.compile(r"^\s*[(（][^)）]{0,12}[)）]")
# 「何かを実現・開始する」: something, said as such, happens then (any kind of milestone)
_SOMETHING = re.compile(r"何か|何らか")
# 「…に何かを開始する予定と概要に書いてある」: what is said to be written is the plan, not the year's own wording
_EVENT_SAID = re.compile(r"予定|目標|期限|計画|何か|何らか|(?:す|し|さ)(?:る|た)")
# 「何かを実施・完了する」: something done that year, the deadline one among others (any kind of milestone)
_ANY_EVENT = re.compile(r"何か|何らか|実施|行[うわ]")
_PAST = re.compile(r"完了した|終わった|済み|済の|実施済|すでに|既に|過去の")
_PLANNED = re.compile(r"予定|これから|今後|計画されて|見込")
#: Words that only frame a 工程表 question; removed from its topic.
DATED_WORDS = re.compile(re.sub(r"\?P<\w+>", "?:", _SPAN) + "|" + re.sub(r"\?P<\w+>", "?:", _RELATIVE.pattern) + "|" + _YEAR + r"|"
                         # 「2023年がゴールや節目になってる」, 「長期の目標年がある」, 「達成を目指す」, 「年度末を期限に」
                         # (「目標年次が2024年度以降」: the 年次 of 目標年次 with it, not a 次 left as a noun)
                         r"(?:ゴール|節目|区切り|目標年次|目標年度|目標年|中長期|長期|中期|短期)(?:や|とか)?|目指す|目指して|達成|年度?末|末|"
                         r"みたいな|のような|になって(?:いる|る)|にして(?:いる|る)|"
                         r"までに|まで|以降|から|期限とする|期限の|期限が|期限|稼働|開始|始まる|始動|予定|"
                         # 「完成・運用開始などを予定している」: what happens on the date, the milestone's kind (_DEADLINE,
                         # _START), not a subject
                         r"完成|完了|終了|終わ[らりるっれ]|終え|運用|実現|(?:など|等)を?|"
                         r"検討(?:する|される|を行う)?(?!会)|見直(?:し|す)|"
                         r"数値目標|目標値|目標年度|目標を?掲げ(?:て|た|る)?(?:いる)?|目標|一番遅い|最も遅い|遅い|のある|がある|"
                         # 「…年度を目標とした値が書かれている」: the figure set for the year, how the date is said
                         r"(?:と|に)し(?:た|ている|てる)(?:値|数値|数字)?|値(?=\s*(?:が|は|を|の))|"
                         r"もの|とする|する", re.I)


@dataclass(frozen=True)
class DatedAsk:
    """What a question asks of the 工程表: a milestone's year range, kind, status; a numeric target; the latest."""

    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()
    launch: bool = False  # something starts (稼働・開始): kind start, or a clause that says so
    reached: bool = False  # 「…までに達成する」: a goal reached by the year, not one that begins then (Filters.reached)
    status: str = ""
    has_target: bool = False
    no_target: bool = False  # 「数値目標が設定されていない」: no KPI target figure read in the card
    latest_target: bool = False
    fields: tuple[str, ...] = ()  # the cells the dates are asked of (index.roadmap.FIELDS); () for any
    wording: str = ""  # the word after the date the question quotes (以降, 中, までに …)
    fiscal: bool = False  # the year is asked as a 年度 (「2022年度中に」): 令和4年3月 is FY2021, not in it
    relative: str = ""  # 「来年度」 read as 「2022年度」: the words said and the year read, for the answer to say so

    def to_dict(self) -> dict:
        return {k: v for k, v in (("year_from", self.year_from), ("year_to", self.year_to),
                                  ("kinds", list(self.kinds)), ("launch", self.launch), ("reached", self.reached),
                                  ("status", self.status),
                                  ("has_target", self.has_target), ("no_target", self.no_target),
                                  ("latest_target", self.latest_target),
                                  ("fields", list(self.fields)), ("wording", self.wording),
                                  ("fiscal", self.fiscal), ("relative", self.relative)) if v}


def dated_ask(question: str) -> DatedAsk | None:
    """The 工程表 part of a question, or None when it asks nothing of dates or targets."""
    q = unicodedata.normalize("NFKC", question or "").lower()
    if _LATEST.search(q):
        return DatedAsk(latest_target=True, has_target=True)
    has_target = bool(_TARGET.search(q))
    if has_target and _NO_TARGET.search(q):  # 「数値目標のない施策」: the cards the 工程表 reads no target figure in
        return DatedAsk(no_target=True)
    in_english = not _JAPANESE.search(q)  # before its years are written the Japanese way below
    relative = [(m.group(0), _relative_year(m)) for m in _RELATIVE.finditer(q)] if _SET_ASKED.search(q) else []
    if relative:  # (「来年度何するの？」, 「今年度は何人育てる？」: what one card does then, its own sentence finds it)
        q = _RELATIVE.sub(_relative_year, q)
    if _EN_MEASURES.search(q) and not _EN_ONE_CARD.search(q):  # "which measures … FY2025", not "its targets for FY2021"
        for english, japanese in _ENGLISH_YEARS:
            q = english.sub(japanese, q)
    q = _YEAR_SPAN.sub(_span_years, q)
    years = [(m, parse_year(re.sub(r"^r", "令和", m.group(0).strip(), flags=re.I))) for m in _Y.finditer(q)]
    era = _ERA_ONLY.search(q)
    if not years and era:  # 「平成○年って古い年号が出てくる」: any year of that era
        span = _ERA_SPANS[era.group(1)]  # … written in that era (平成31年 and 令和元年 are both 2019)
        return DatedAsk(year_from=span[0], year_to=span[1], has_target=has_target, fields=_cells_read(q),
                        wording=era.group(1))
    if not years and _CELL_DEADLINE.search(q) and _SET_ASKED.search(q):
        # 「進捗KPIのほうに期限が書いてあるのは」, "which state a deadline in their progress KPI": a deadline of any year
        # in the KPI cell named (the cell's own date, not a target's year: 「令和7年度までに…体制を整備」 has no figure)
        fields = tuple(f for f in _cells_read(q) if f.startswith("kpi"))
        if fields:
            return DatedAsk(kinds=("deadline",), fields=fields, has_target=has_target)
    if not years:
        return DatedAsk(has_target=True) if has_target else None
    # 「計画の時点（2021年）より先、令和4年以降」: the year that a range word follows is the one asked
    at = next((k for k, (m, _) in enumerate(years) if _RANGE_AFTER.match(q, m.end())), 0)
    first, y = years[at]
    # 「令和7年度（2025年度）までに」: the year said twice is one year, its range word after both
    after = _SAME_YEAR.sub("", q[first.end():], count=1)[:12]
    before = q[max(0, first.start() - 30):first.start()]
    fields = _cells_read(q)
    wording = _WORDING.match(q, first.end()) if _WORDING_ASKED.search(q) else None
    # 「目標時期が令和3年度末になっている」: the year's end said as the cell's date (令和3年度(2021年度)末), not one
    # due by then (「末までに」: a deadline, read below) nor one in the year (「中に」)
    wording = wording or re.match(r"\s*(?:[(（][^)）]{0,12}[)）])?\s*(末)(?!\s*(?:まで|頃|ごろ))\s*(?:に|と|で)?\s*(?:なって|なる|され|書|記|の|で)",
                                  q[first.end():])
    ask = DatedAsk(has_target=has_target, fields=fields, wording=wording.group(1) if wording else "",
                   fiscal=first.group(0).endswith("年度"),
                   relative="、".join(f"「{said}」を{year}" for said, year in dict.fromkeys(relative)))
    if len(years) > at + 1 and re.match(r"\s*(?:から|~|〜|-|–)", after):
        ask = replace(ask, year_from=y, year_to=years[at + 1][1])
    elif re.match(r"\s*(?:以降|以後|から|より(?:も)?(?:先|後|あと))", after):  # 「令和8年度より先の長期のもの」 too
        ask = replace(ask, year_from=y)
    elif re.match(r"\s*(?:以前|より(?:も)?前)", after):  # 「令和3年度以前の」: that year and those before it
        ask = replace(ask, year_to=y)
    elif _REACHED.match(after):  # 「令和5年度までに達成する目標」: a goal set for that year and reached by then
        ask = replace(ask, year_from=y, year_to=y, reached=True)
    elif re.match(r"\s*(?:末|中|内)?\s*(?:まで|までに)", after) and _GOAL_BEFORE.search(before):
        ask = replace(ask, year_from=y, year_to=y, kinds=("deadline",))  # 「KPIの目標が令和5年度までのもの」
    elif re.match(r"\s*(?:末|中|内)?\s*(?:まで|までに)", after) and not _GOAL_BY.match(after):  # 「令和5年度末までに」 too
        ask = replace(ask, year_to=y, status="planned")  # 「2025年度までに終わるもの」: what is still due by then
    elif _GOAL_BY.match(after):  # 「2021年度末までの数値目標」: a goal due that year, not whatever happens in it
        ask = replace(ask, year_from=y, year_to=y, kinds=("deadline",))
    elif _EN_LATER.match(after):  # "FY2026 or later"
        ask = replace(ask, year_from=y)
    elif _EN_EARLIER.match(after):  # "FY2022 or earlier"
        ask = replace(ask, year_to=y)
    elif _EN_FROM.search(before):  # "from FY2023 on"
        ask = replace(ask, year_from=y)
    else:
        ask = replace(ask, year_from=y, year_to=y)
    rest = q[first.end():]
    if ask.wording:  # the date's own word says which milestones (「令和4年度中に」: 中, whatever their kind)
        pass
    elif _SOMETHING.search(rest):  # 「令和4年度に何かを実現・開始する予定」: whatever happens then, of any kind
        pass
    elif _EN_BY.search(before) or (_EN_DEADLINE.search(q) and in_english):  # "a goal … by FY2025"
        ask = replace(ask, kinds=("deadline",))
    elif _EN_START.search(q) and in_english and not _EN_FROM.search(before):
        ask = replace(ask, launch=True)
    elif _DEADLINE.search(q) and (_START.search(rest) or _ANY_EVENT.search(rest)) and not re.search(r"までに|期限", q):
        pass  # 「令和4年度中に何かを終える・始める予定」, 「…に何かを実施・完了する予定」: both, whatever their kind
    elif _DEADLINE.search(q) and not _START.search(rest):
        ask = replace(ask, kinds=("deadline",))
    elif _START.search(rest):
        ask = replace(ask, launch=True)
    elif _REVIEW.search(rest):
        ask = replace(ask, kinds=("review",))
    if _PAST.search(q):
        ask = replace(ask, status="past")
    elif _PLANNED.search(q) and not ask.status:
        ask = replace(ask, status="planned")
    written = _WRITTEN_IN_CELL.search(q, first.end())
    if not ask.wording and first.group(0).endswith("年度") and written and not _EVENT_SAID.search(
            q, first.end(), written.start()):
        # 「令和3年度＝2021年度って年度が書き込まれてる」: the cell writes it as a fiscal year (not 令和3年(2021年))
        ask = replace(ask, wording="年度")
    return ask


def relative_year_note(relative: str) -> str:
    """What an answer says of a year said from now (DatedAsk.relative): which year was read, and from what."""
    return f"{relative}として読んでいます（施策集は{DEFAULT_YEAR}年度の計画なので、{DEFAULT_YEAR}年度を今年度としています）。"


def _relative_year(m: re.Match) -> str:
    """「来年度」 → 「2022年度」, "this fiscal year" → 「2021年度」: a year said from now, counted from the plan's year."""
    step = _RELATIVE_STEP[(m.group("rel") or m.group("en")).lower()]
    fiscal = m.group("unit") == "年度" or (m.group("en_unit") or "").lower() in ("fiscal year", "fy")
    return f"{DEFAULT_YEAR + step}{'年度' if fiscal else '年'}"


def _span_years(m: re.Match) -> str:
    """「2023〜2025年度」 → 「2023年度〜2025年度」, 「令和5〜7年度」 → 「令和5年度〜令和7年度」, 「2023-25年」 → 「2023年〜2025年」."""
    a, b, unit = m.group("a"), m.group("b"), m.group("unit")
    if m.group("era") and b.isdigit():  # 「令和5〜7年度」: the second year in the first's era
        b = m.group("era") + b
    elif b.isdigit() and len(b) < 4:  # 「2023-25年度」: the second year in the first's century (or decade)
        b = a[:4 - len(b)] + b
    return f"{a}{unit}〜{b}{unit}"


def _cells_read(q: str) -> tuple[str, ...]:
    """The cells a 工程表 question reads its dates in (「概要に」, 「KPIの欄に」, "outcome KPI"); not a cell it asks for
    (「令和4年度に稼働する施策のKPIは？」: the KPI is what is wanted of the cards, the date is anywhere)."""
    def read(pattern: re.Pattern) -> bool:
        return any(not _ASKED_CELL.match(q, m.end()) or _EN_IN.search(q[:m.start()]) for m in pattern.finditer(q))

    fields = tuple(f for f, pattern in _FIELD_ASKED if read(pattern))
    if read(_ANY_KPI) and not any(f.startswith("kpi") for f in fields):
        # a KPI with no kind said is either KPI cell, beside the overview if that is named too (「（KPIか概要）」)
        fields += ("kpi_progress", "kpi_effect")
    return fields


_EN_IN = re.compile(r"\b(?:in|of|whose)\s+(?:the|their|its)?\s*$")  # "… in their overview?": where it looks
_ASKED_CELL = re.compile(r"\s*(?:\(\S{0,4}\))?\s*(?:は|を|も|って|とは|について|[?？]|$)")


_IN_CELL = re.compile(r"(?:概要|kpi|指標|overview)\S{0,3}?(?:に|で|の(?:なか|中)|の欄|欄に|\b(?:sets|says|mentions|has)\b)|"
                      r"\b(?:whose|in the|in its) (?:overview|outcome kpi|progress kpi|kpi)", re.I)


def reads_dated_cell(question: str) -> bool:
    """A 工程表 question that names the cell it reads (「概要に令和4年が出てくる」, 「KPIの欄に令和3年度」, "whose overview
    sets a goal by FY2025"): the cell says where to look, it is not a field asked of the cards."""
    ask = dated_ask(question)
    q = unicodedata.normalize("NFKC", question or "").lower()
    return ask is not None and bool(ask.fields) and bool(_IN_CELL.search(q))


def with_dated(filters: Filters, ask: DatedAsk | None, cards: Sequence[PolicyCard],
               roadmaps: Sequence[Roadmap]) -> Filters:
    """The caller's filters completed with what a 工程表 question asks, where the caller left that open."""
    if ask is None:
        return filters
    if ask.latest_target:
        ids = latest_target_ids(cards, roadmaps)
        return replace(filters, ids=filters.ids + tuple(i for i in ids if i not in filters.ids) or ("\x00none",),
                       has_target=True)
    if filters.dated or filters.has_target or filters.no_target:
        return filters
    if ask.no_target:
        return replace(filters, no_target=True)
    if ask.wording in _ERA_SPANS and (ask.year_from, ask.year_to) == _ERA_SPANS[ask.wording] and not ask.kinds:
        # 「概要に平成○年って古い年号が出てくる」: the era's name as the cells write it, read word for word (a law's
        # number 「平成30年法律第100号」 and a year in parentheses are no milestones, but they are that era's years)
        return replace(filters, mentions=filters.mentions + (ask.wording,), fields=ask.fields, status=ask.status)
    return replace(filters, year_from=ask.year_from, year_to=ask.year_to, kinds=ask.kinds, launch=ask.launch,
                   reached=ask.reached,
                   status=ask.status, has_target=ask.has_target, fields=ask.fields, wording=ask.wording,
                   fiscal=ask.fiscal)


def latest_target_ids(cards: Sequence[PolicyCard], roadmaps: Sequence[Roadmap]) -> tuple[str, ...]:
    """The cards whose KPI target is due latest (「KPIの目標年度が一番遅いのは？」)."""
    return tuple(dict.fromkeys(c.id for c, _ in latest_target(zip(cards, roadmaps))))


def _cite(field: str, sentence: str, start: int, end: int) -> Evidence:
    return Evidence(sentence, start, end, field)


def roadmap_evidence(road: Roadmap, filters: Filters) -> tuple[list[Milestone], list[Target], list[Evidence]]:
    """The milestones and targets of a card that meet the filters (a target only for has_target), and the sentences
    that state them, as evidence (first the milestone's, latest first)."""
    ms = [m for m in road.milestones if filters.milestone_ok(m)] if filters.dated else []
    ts = list(road.targets) if filters.has_target and not filters.dated else []
    if filters.has_target and filters.ids and not filters.dated:  # the latest target: its own year first
        ts.sort(key=lambda t: (-(t.year or 0), t.field == "overview"))  # a KPI's own target before the overview's
    ms.sort(key=lambda m: m.sort_key, reverse=True)
    ev: list[Evidence] = []
    seen: set[tuple[str, object]] = set()
    for m in ms:
        key = (m.field, m.sentence_start)
        if key not in seen:
            seen.add(key)
            ev.append(_cite(m.field, m.sentence, m.sentence_start, m.sentence_end))
    for t in ts:
        target_key = (t.field, t.kpi)
        if target_key not in seen:
            seen.add(target_key)
            ev.append(_cite(t.field, t.kpi, t.kpi_start, t.kpi_start + len(t.kpi)))
    return ms, ts, ev
