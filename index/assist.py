"""The assistant on top of search: a conversation carried as plain data, answers written from the cards' own fields.

A follow-up such as 「その中で総務省が担当しているのは？」 or 「それの担当府省庁は？」 is resolved against the cards the
previous turn showed; a question about a field (KPI, 担当府省庁, 概要, いつ …) is answered with that field, a list of
fields as a table. The short direct answer is extractive: card names, lead ministries and the card's own sentences.
Everything here is data in, data out, so that the web app, the API and the tests share it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from .corpus import PolicyCard
from .retrieve import Filters, Hit, Retriever, SearchResult, confidence_label
from .text import normalize, sentence_spans

__all__ = ["Turn", "Conversation", "Reference", "FieldAsk", "Answer", "ask", "resolve_reference", "field_asked",
           "answer_cards", "confidence_of", "chapter_titles", "card_rows", "kpi_status_label", "is_junk",
           "MAX_QUESTION_CHARS", "MAX_SEARCH_CHARS", "FIELD_LABELS"]

MAX_QUESTION_CHARS = 5000  # a question longer than this is cut (in the bubble too)
MAX_SEARCH_CHARS = 2000  # what is searched: the model reads 512 tokens, BM25 gains nothing from more
MAX_TURNS = 20  # turns kept in the conversation state (only the last one is ever referred to)


# ------------------------------------------------------------------------------------------------ conversation

@dataclass(frozen=True)
class Turn:
    """One exchange: the question and the cards shown for it, answers first, in the order shown."""

    question: str
    answers: tuple[str, ...] = ()  # 施策番号 of the cards that answer
    related: tuple[str, ...] = ()  # shown below them, as related

    @property
    def shown(self) -> tuple[str, ...]:
        return self.answers + self.related

    def to_dict(self) -> dict:
        return {"question": self.question, "answers": list(self.answers), "related": list(self.related)}


@dataclass(frozen=True)
class Conversation:
    """The turns so far; lives in the user's browser (or the API caller's hands), never on the server."""

    turns: tuple[Turn, ...] = ()

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def add(self, turn: Turn) -> Conversation:
        return Conversation((self.turns + (turn,))[-MAX_TURNS:])

    def to_list(self) -> list[dict]:
        return [t.to_dict() for t in self.turns]

    @classmethod
    def from_list(cls, data) -> Conversation:
        """Read what `to_list` wrote (or what a client sends back); malformed entries are dropped, not trusted."""
        turns = []
        for t in data or ():
            if not isinstance(t, dict):
                continue
            ids = [tuple(str(i) for i in (t.get(k) or ()) if isinstance(i, (str, int)))[:100]
                   for k in ("answers", "related")]
            turns.append(Turn(str(t.get("question", ""))[:MAX_QUESTION_CHARS], ids[0], ids[1]))
        return cls(tuple(turns[-MAX_TURNS:]))


# ------------------------------------------------------------------------------------------------ references

@dataclass(frozen=True)
class Reference:
    """What a follow-up points at: the previous cards (`ids`), and the question without the pointing words."""

    ids: tuple[str, ...]
    rest: str
    kind: str  # "set" (その中で), "one" (それ / 2番目の施策)
    words: str  # the words that pointed, as written


_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ORDINAL = re.compile(r"(?:(\d{1,2}|[一二三四五六七八九十])\s*(?:番目|つ目|件目|個目)|(最初|一番上|1番上|最後))の?(?:施策|もの|やつ|カード)?"
                      r"|\b(first|second|third|last)\s+(?:one|measure|card)\b", re.I)
_SET_REF = re.compile(r"その(?:中|うち)|この(?:中|うち)|それらの?|これらの?|上記の?(?:施策)?|上の施策|以上の施策|"
                      r"(?:前|先ほど|先程|さっき|今)の(?:施策|回答|結果|答え)|\b(?:among (?:them|those)|of (?:them|those)|"
                      r"these|those)\b", re.I)
_ONE_REF = re.compile(r"その施策|この施策|同施策|当該施策|それ(?!ぞれ|ら|から|に)|これ(?!ら|まで|から)|\bit\b|\bthat one\b", re.I)
_EN_ORD = {"first": 1, "second": 2, "third": 3, "last": -1}


def resolve_reference(question: str, conversation: Conversation) -> Reference | None:
    """The previous turn's cards that the question points at, or None for a new topic (or no previous cards)."""
    last = conversation.last
    if last is None or not last.shown:
        return None
    q = unicodedata.normalize("NFKC", question)
    m = _ORDINAL.search(q)
    if m:
        raw = m.group(1) or m.group(2) or m.group(3)
        if raw.lower() in _EN_ORD:
            n = _EN_ORD[raw.lower()]
        elif raw in ("最初", "一番上", "1番上"):
            n = 1
        elif raw == "最後":
            n = -1
        else:
            n = int(raw) if raw.isdigit() else _ORDINALS[raw]
        shown = last.shown
        if n == -1 or 1 <= n <= len(shown):
            return Reference((shown[n - 1] if n > 0 else shown[-1],), _cut(q, m), "one", m.group(0))
    m = _SET_REF.search(q)
    if m:
        # 「その中で」 restricts to everything shown (a related card may be just what the follow-up wants); a field
        # table over 「上の施策」 lists the answers, not the related cards below them
        ids = last.answers if field_asked(q) is not None and last.answers else last.shown
        return Reference(ids, _cut(q, m), "set", m.group(0))
    m = _ONE_REF.search(q)
    if m:
        return Reference(last.answers[:1] or last.shown[:1], _cut(q, m), "one", m.group(0))
    return None


def _cut(q: str, m: re.Match) -> str:
    rest = (q[: m.start()] + " " + q[m.end():]).strip()
    return re.sub(r"^[でのはにがを、,\s]+", "", rest)


# ------------------------------------------------------------------------------------------------ fields

FIELD_LABELS = {"kpi": "KPI", "kpi_progress": "KPI(進捗)", "kpi_effect": "KPI(効果)", "ministries": "担当府省庁",
                "overview": "課題・取組概要", "when": "時期", "marks": "該当する条・手引", "source": "出典", "name": "施策名"}

# Order matters: the first pattern that matches names the field; its words are removed before searching.
_FIELD_PATTERNS = (
    ("kpi_effect", re.compile(r"効果\s*(?:の)?\s*(?:kpi|指標)|kpi\s*[(（]?\s*効果\s*[)）]?|アウトカム(?:指標)?|"
                              r"effect kpi|outcome kpi", re.I)),
    ("kpi_progress", re.compile(r"進捗\s*(?:の)?\s*(?:kpi|指標)|kpi\s*[(（]?\s*進捗\s*[)）]?|progress kpi", re.I)),
    ("kpi", re.compile(r"kpi|指標|目標値|\btargets?\b", re.I)),
    ("ministries", re.compile(r"担当(?:の)?(?:府省庁|省庁|府省|官庁)|(?:どこ|どの(?:府省庁|省庁|府省|省|官庁))が(?:担当|所管|主担当|主管)"
                              r"(?:して(?:いる|います))?|担当(?:は|って)(?:どこ|誰|だれ)?|所管(?:は|って)|府省庁(?:は|名)|"
                              r"主担当(?:は|って)|\b(?:which|what) (?:ministry|ministries|agency)\b|\bwho leads\b", re.I)),
    ("when", re.compile(r"いつ(?:から|まで|ごろ|頃)?|時期|スケジュール|何年|期限|目途|めど|工程|"
                        r"(?:稼働|開始|運用|完了|実施|導入)(?:予定|時期|目標)|\bwhen\b|\bschedule\b", re.I)),
    ("marks", re.compile(r"(?:何|どの)条|条文|該当(?:する)?条|手引", re.I)),
    ("source", re.compile(r"出典|出所|何行目|行番号|\bsource\b", re.I)),
    ("overview", re.compile(r"概要|内容|詳細|詳しく|どんな(?:施策|取組|取り組み|もの)|何をする|\bdetails?\b|\boverview\b",
                            re.I)),
)
_TABLE_WORDS = re.compile(r"一覧|表で|表に|それぞれ|各施策|全部|すべて|全て|まとめ|\ball\b|\beach\b|\blist\b|\btable\b", re.I)
# After a field's words are gone, these are left over from the way the question was asked.
_LEFTOVER = re.compile(r"(?:を|は|が|の|って)?\s*(?:教えて(?:ください|下さい)?|知りたい|見せて|出して|ください|下さい|"
                       r"ですか|でしょうか|ある|なに|何|どう|予定|なって(?:いる|ます)?|稼働)?\s*[?？。.!！]*\s*$")


@dataclass(frozen=True)
class FieldAsk:
    """The field a question asks about, the question without it, and whether a table (one row per card) is wanted."""

    field: str
    rest: str
    table: bool
    words: str


def field_asked(question: str) -> FieldAsk | None:
    """Which field of a card the question asks for (「04-03の担当府省庁は？」 → ministries), or None."""
    q = unicodedata.normalize("NFKC", question)
    for name, pattern in _FIELD_PATTERNS:
        m = pattern.search(q)
        if m:
            rest = (q[: m.start()] + " " + q[m.end():]).strip()
            rest = _LEFTOVER.sub("", rest).strip()
            rest = re.sub(r"[のをはが]\s*$", "", rest).strip()
            return FieldAsk(name, rest, bool(_TABLE_WORDS.search(q)), m.group(0))
    return None


_DATE = re.compile(r"令和\s*\d+\s*年|平成\s*\d+\s*年|(?:19|20)\d{2}\s*年|年度|\d+\s*月|までに|以降|目途|めど|目指")


def when_sentence(card: PolicyCard, question: str = "") -> tuple[str, str, int, int] | None:
    """The sentence of the card that says when (a date or fiscal year), preferring one with the question's words:
    (field, sentence, start, end) with offsets into that field, or None if no sentence names a time."""
    qgrams = {question[i:i + 2] for i in range(len(question) - 1)}
    best, best_score = None, 0.0
    for fld in ("kpi_progress", "overview", "kpi_effect"):
        text = getattr(card, fld)
        for s, e in sentence_spans(text):
            sent = text[s:e]
            dates = len(_DATE.findall(sent))
            if not dates:
                continue
            overlap = sum(g in sent for g in qgrams if not g.isspace())
            score = dates + 2.0 * overlap
            if score > best_score:
                best, best_score = (fld, sent, s, e), score
    return best


def kpi_status_label(card: PolicyCard) -> str:
    """設定済 / 未設定あり / 空欄あり, as the KPI cells read."""
    kpis = (card.kpi_progress, card.kpi_effect)
    if any("未設定" in k for k in kpis):
        return "未設定あり"
    return "空欄あり" if any(not k.strip() for k in kpis) else "設定済"


# ------------------------------------------------------------------------------------------------ chapters

# Descriptive headings for the chapters of the bundled 2021 table, written from the cards in each chapter (the table
# itself carries only the two-digit number). Other tables get "第NN章" and their first card's name.
_BUNDLED_CHAPTERS = {
    "02": "行政サービス・インフラのデジタル化（警察・港湾）",
    "03": "準公共分野のデジタル化（教育・医療・防災・農林・港湾物流）",
    "04": "成長・規制改革（電子インボイス・ドローン・テレワーク）",
    "05": "データ利活用と国際データ流通",
    "06": "デジタル人材の育成",
    "07": "誰一人取り残されないデジタル化（通信基盤・アクセシビリティ）",
}


def chapter_titles(cards: Sequence[PolicyCard]) -> dict[str, str]:
    """Chapter number → a label with its title, for filters and the card browser (「03 準公共分野のデジタル化…」)."""
    chapters = sorted({c.chapter for c in cards if c.chapter})
    bundled = all(c.source.file == "sesakushu_2021.tsv" for c in cards)
    out = {}
    for ch in chapters:
        first = next(c for c in cards if c.chapter == ch)
        title = _BUNDLED_CHAPTERS.get(ch) if bundled else None
        out[ch] = f"{ch} {title or first.name[:24] + ' ほか'}"
    return out


def card_rows(cards: Sequence[PolicyCard], text: str = "") -> list[list[str]]:
    """The card browser's rows (施策番号, 施策名, 章, 主担当, KPI), those containing every word of `text`
    (after NFKC, in any field) when given."""
    titles = chapter_titles(cards)
    words = normalize(text).split()
    rows = []
    for c in cards:
        if words:
            hay = normalize(" ".join((c.id, c.name, c.overview, c.kpi_progress, c.kpi_effect, c.ministries_raw)))
            if not all(w in hay for w in words):
                continue
        rows.append([c.id, c.name, titles.get(c.chapter, c.chapter), "、".join(c.lead_ministries) or "-",
                     kpi_status_label(c)])
    return rows


# ------------------------------------------------------------------------------------------------ answers

def confidence_of(res: SearchResult) -> float:
    """The answer's calibrated confidence in [0, 1] (the search's own; 0 when nothing answers)."""
    if res.abstained or not res.results:
        return 0.0
    return float(res.confidence)


def answer_cards(res: SearchResult) -> tuple[list[Hit], list[Hit]]:
    """(answers, related): SearchResult.answers, and the other cards shown. "N 件" counts the answers only."""
    return res.answers, res.others


@dataclass
class Answer:
    """One assistant turn: what was asked and searched, the direct answer, the cards, and the next state."""

    question: str  # as typed (cut at MAX_QUESTION_CHARS)
    searched: str  # what went to the search (the follow-up without its pointing words, field words removed)
    kind: str  # "cards", "field", "table", "none" or "unreadable"
    direct: str  # the direct answer, plain Japanese text (no markup)
    confidence: float
    result: SearchResult | None
    answers: list[Hit] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    field_name: str = ""  # the field asked for, when kind is field/table
    table: list[list[str]] = field(default_factory=list)  # header row first, when kind is table
    quote: tuple[str, str, int, int] | None = None  # (field, sentence, start, end) quoted from the first answer
    notes: list[str] = field(default_factory=list)  # what the assistant assumed: a resolved reference, a filter clash
    conversation: Conversation = field(default_factory=Conversation)

    @property
    def level(self) -> str:
        return confidence_label(self.confidence) if self.kind not in ("none", "unreadable") else ""

    @property
    def cards(self) -> list[PolicyCard]:
        return [h.card for h in self.answers + self.related]

    def to_dict(self) -> dict:
        """The JSON of `seisaku search --json` plus the assistant's part ("answer") and the next "history"."""
        d = self.result.to_dict() if self.result is not None else {"query": self.question, "abstained": True,
                                                                   "results": []}
        d["query"] = self.question
        d["answer"] = {"kind": self.kind, "text": self.direct, "count": len(self.answers),
                       "confidence": round(self.confidence, 4), "level": self.level,
                       "answers": [h.card.id for h in self.answers], "related": [h.card.id for h in self.related],
                       "notes": list(self.notes), "searched": self.searched,
                       **({"field": self.field_name} if self.field_name else {}),
                       **({"table": self.table} if self.table else {})}
        d["history"] = self.conversation.to_list()
        return d


_TAG = re.compile(r"<[^>]{0,200}>")
_IDS = re.compile(r"(?<!\d)(\d{2})\s*[-‐－ー]\s*(\d{2})(?!\d)")


def is_junk(question: str) -> bool:
    """No words at all once markup and punctuation are gone (「<b>」, 「？？」): nothing to search for."""
    text = _TAG.sub(" ", unicodedata.normalize("NFKC", question))
    letters = [c for c in text if unicodedata.category(c)[0] in "LN"]
    return not letters


_REASONS = (  # the search's reasons, said in Japanese
    ("nothing in the corpus answers", "この表には、この質問に答える施策がありません。"),
    ("no card matches the filters", "選んだ絞り込み条件に合う施策がありません。"),
    ("no card in this table lists", "この表の府省庁名には {names} が出てきません。"),
)


def _reason_ja(res: SearchResult) -> str:
    reason = res.reason or ""
    for key, text in _REASONS:
        if key in reason:
            names = "、".join(res.intent.absent_ministries) if res.intent is not None else ""
            return text.format(names=names or "その府省庁")
    return "この表には、この質問に答える施策がありません。"


def _lead(card: PolicyCard) -> str:
    return "、".join(card.lead_ministries) or "主担当の記載なし"


def _name(card: PolicyCard) -> str:
    return f"[{card.id}] {card.name}"


def field_text(card: PolicyCard, fld: str, question: str = "") -> str:
    """The value of one field of a card, as the answer says it."""
    if fld == "kpi":
        return f"KPI(進捗): {card.kpi_progress or '（空欄）'} / KPI(効果): {card.kpi_effect or '（空欄）'}"
    if fld == "kpi_progress":
        return card.kpi_progress or "（空欄）"
    if fld == "kpi_effect":
        return card.kpi_effect or "（空欄）"
    if fld == "ministries":
        names = "、".join(("◎" if m.lead else "") + m.name for m in card.ministries) or "（記載なし）"
        return f"{names}（◎ 主担当: {_lead(card)}）"
    if fld == "when":
        found = when_sentence(card, question)
        return f"「{found[1]}」" if found else "時期を書いた文はこの施策にはありません。"
    if fld == "marks":
        marks = "、".join(f"{m.column}{m.symbol}" for m in card.marks)
        return marks or "（判定できる印なし）"
    if fld == "source":
        return f"{card.source.file} {card.source.line} 行目"
    if fld == "name":
        return card.name
    return card.overview.replace("\n", " ")[:400] + ("…" if len(card.overview) > 400 else "")


def _table(cards: Sequence[PolicyCard], fld: str, question: str) -> list[list[str]]:
    if fld == "kpi":
        rows = [["施策番号", "施策名", "主担当", "KPI(進捗)", "KPI(効果)"]]
        rows += [[c.id, c.name, _lead(c), c.kpi_progress or "（空欄）", c.kpi_effect or "（空欄）"] for c in cards]
        return rows
    rows = [["施策番号", "施策名", "主担当", FIELD_LABELS[fld]]]
    return rows + [[c.id, c.name, _lead(c), field_text(c, fld, question)] for c in cards]


def ask(retriever: Retriever, question: str, conversation: Conversation | None = None, *,
        filters: Filters | None = None, top_k: int = 10, mode: str = "hybrid") -> Answer:
    """Answer one chat turn: resolve a follow-up against the previous cards, search, and answer the field asked
    for (or the cards); returns the answer with the conversation extended by this turn."""
    conversation = conversation or Conversation()
    filters = filters or Filters()
    question = (question or "").strip()[:MAX_QUESTION_CHARS]
    if is_junk(question):
        return Answer(question, "", "unreadable", "質問の内容を読み取れませんでした。施策の内容、府省庁名、"
                      "施策番号（例: 04-03）などで質問してください。", 0.0, None,
                      conversation=conversation.add(Turn(question[:200])))
    notes: list[str] = []
    ref = resolve_reference(question, conversation)
    text = question
    if ref is not None:
        text = ref.rest
        filters = replace(filters, ids=tuple(i for i in ref.ids if not filters.ids or i in filters.ids))
        which = "、".join(ref.ids[:5]) + (" ほか" if len(ref.ids) > 5 else "")
        notes.append(f"「{ref.words}」は直前の回答の施策（{which}）として答えています。")
    ask_field = field_asked(text)
    searched = ask_field.rest if ask_field is not None else text
    named_ids = _IDS.findall(unicodedata.normalize("NFKC", searched))
    if ask_field is not None and named_ids:
        searched = " ".join(f"{a}-{b}" for a, b in named_ids)  # 「02-10はいつ稼働予定？」: the card by its number
    if ask_field is not None and not searched and ref is None:
        # 「KPIは？」 alone, with no earlier card to refer to: search the question as typed
        searched = text
    if not searched and ref is not None:
        searched = " ".join(ref.ids)  # 「それの担当府省庁は？」: the card itself is the subject
    res = retriever.search(searched[:MAX_SEARCH_CHARS] or question[:MAX_SEARCH_CHARS], top_k=int(top_k),
                           filters=filters, mode=mode)
    if (ref is not None and res.results and not res.abstained
            and (ask_field is not None or (res.intent is not None and res.intent.structured))):
        # 「その中で総務省が担当しているのは？」: among the previous cards, in the order they were shown
        order = {i: n for n, i in enumerate(ref.ids)}
        res.results.sort(key=lambda h: (h.related, order.get(h.card.id, len(order))))
    notes += _filter_clash(res, filters)
    confidence = confidence_of(res)
    answers, related = answer_cards(res)
    if ref is not None and ref.kind == "one" and answers:
        answers, related = answers[:1], []
    turn = Turn(question[:200], tuple(h.card.id for h in answers), tuple(h.card.id for h in related))
    state = conversation.add(turn)
    base: dict[str, Any] = dict(question=question, searched=searched, confidence=confidence, result=res, answers=answers,
                related=related, notes=notes, conversation=state)
    if not answers:
        near = "、".join(_name(h.card) for h in (res.suggestions or related)[:3])
        reason = _reason_ja(res) if res.abstained else "確かに当たる施策はありません（下の施策は参考です）。"
        direct = "該当する施策は見つかりませんでした。" + reason + (f" 近い施策（参考）: {near}" if near else "")
        return Answer(kind="none", direct=direct, **base)
    first = answers[0].card
    if ask_field is not None:
        table_wanted = ask_field.table or (len(answers) > 1 and (ref is None or ref.kind == "set")
                                           and (res.intent is not None and (res.intent.is_list or res.intent.structured)))
        if table_wanted and len(answers) > 1:
            rows = _table([h.card for h in answers], ask_field.field, text)
            direct = f"{len(answers)} 件の施策の{FIELD_LABELS[ask_field.field]}を表にしました。"
            return Answer(kind="table", direct=direct, field_name=ask_field.field, table=rows, **base)
        value = field_text(first, ask_field.field, text)
        quote = when_sentence(first, text) if ask_field.field == "when" else None
        direct = f"{_name(first)} の{FIELD_LABELS[ask_field.field]}: {value}"
        if len(answers) > 1:
            direct += f"（ほかに該当する施策が {len(answers) - 1} 件あります。下の一覧をご覧ください）"
        return Answer(kind="field", direct=direct, field_name=ask_field.field, quote=quote, **base)
    quote = None
    if answers[0].evidence:
        ev = answers[0].evidence[0]
        quote = (ev.field, ev.text, ev.start, ev.end)
    if len(answers) == 1:
        direct = f"{_name(first)}（主担当: {_lead(first)}）が当たります。"
    else:
        names = "、".join(f"{_name(h.card)}（{_lead(h.card)}）" for h in answers[:5])
        more = f" ほか {len(answers) - 5} 件" if len(answers) > 5 else ""
        direct = f"該当する施策は {len(answers)} 件です: {names}{more}。"
    if quote is not None and quote[0] != "name":
        direct += f" 要点: 「{quote[1]}」"
    return Answer(kind="cards", direct=direct, quote=quote, **base)


def _filter_clash(res: SearchResult, filters: Filters) -> list[str]:
    """A ministry named in the question that the chosen ministry filter excludes: said, not silently overridden."""
    if res.intent is None or not filters.ministries:
        return []
    named = [m for m in res.intent.ministries if m not in filters.ministries]
    if not named:
        return []
    chosen = "、".join(filters.ministries)
    return [f"質問にある {'、'.join(named)} は、選んだ府省庁の絞り込み（{chosen}）と食い違います。"
            f"絞り込み（{chosen}）の条件で答えています。{'、'.join(named)} の施策を見るには絞り込みを外してください。"]


def esc(text: str) -> str:
    """HTML-escape card or user text for the page."""
    return html.escape(text or "", quote=True)
