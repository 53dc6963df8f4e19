"""Hybrid retrieval: fugashi BM25 + dense chunks, fused; filters, query understanding, abstention and evidence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from .corpus import MINISTRY_ALIASES, PolicyCard
from .embed import Embedder
from .store import StoredIndex, head_text
from .text import analyzer, char_ngrams, normalize, reading_dictionary, respell, sentence_spans

ABSTAIN_FEATURES = ("top_dense", "dense_z", "corpus_coverage", "card_coverage", "reading_coverage", "english")

__all__ = ["Filters", "Evidence", "Hit", "SearchResult", "RetrievalParams", "QueryIntent", "understand", "Retriever"]


@dataclass(frozen=True)
class Filters:
    """Structured restrictions; an empty field means no restriction."""

    ministries: tuple[str, ...] = ()
    lead_only: bool = False  # only cards where one of `ministries` is the ◎ lead
    all_ministries: bool = False  # every one of `ministries` is involved (「AとBの両方が関わる」), not just one
    not_lead: bool = False  # involved, but none of `ministries` is the lead (「関わるが主担当ではない」)
    chapters: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # resolved article marks only (10条 … 19条)
    guides: tuple[str, ...] = ()  # 手引: 都道府県 / 市町村, resolved marks only
    ids: tuple[str, ...] = ()
    kpi_unset: bool = False  # a KPI (進捗 or 効果) reads 未設定 or is blank
    several_leads: bool = False  # more than one ◎ in 府省庁名

    def __bool__(self) -> bool:
        return bool(self.ministries or self.chapters or self.articles or self.guides or self.ids or self.kpi_unset
                    or self.several_leads)

    def allows(self, card: PolicyCard) -> bool:
        if self.ids and card.id not in self.ids:
            return False
        if self.kpi_unset and kpi_status(card) == 2:
            return False
        if self.several_leads and len(card.lead_ministries) < 2:
            return False
        if self.chapters and card.chapter not in self.chapters:
            return False
        if self.ministries:
            names = card.lead_ministries if self.lead_only else tuple(m.name for m in card.ministries)
            # an office inside a ministry's parentheses (内閣サイバーセキュリティセンター) is matched in the raw field
            found = [m in names or (not self.lead_only and m in card.ministries_raw) for m in self.ministries]
            if not (all(found) if self.all_ministries else any(found)):
                return False
            if self.not_lead and any(m in card.lead_ministries for m in self.ministries):
                return False
        if self.articles and not any(m.column in self.articles for m in card.articles):
            return False
        if self.guides and not any(m.column in self.guides for m in card.guides):
            return False
        return True


def kpi_status(card: PolicyCard) -> int:
    """0: a KPI is written as 未設定 (not yet set), 1: a KPI cell is blank, 2: both KPIs are set."""
    kpis = (card.kpi_progress, card.kpi_effect)
    if any("未設定" in k for k in kpis):
        return 0
    return 1 if any(not k.strip() for k in kpis) else 2


@dataclass(frozen=True)
class Evidence:
    """A sentence of the card that matches the query, with character offsets into the named field."""

    text: str
    start: int
    end: int
    field: str = "overview"  # overview, name, kpi_progress or kpi_effect


@dataclass(frozen=True)
class Hit:
    card: PolicyCard
    score: float  # the fused score that ordered the results
    dense: float  # best chunk cosine
    lexical: float  # BM25 score
    evidence: tuple[Evidence, ...] = ()
    # A list question's answer is the cards above its threshold; the nearest of the rest follow, marked related,
    # so that a measure just under the line is still in view (and the UI can draw the line).
    related: bool = False

    def to_dict(self) -> dict:
        return {
            "id": self.card.id, "name": self.card.name, "score": round(float(self.score), 6), "related": self.related,
            "ministries": [{"name": m.name, "lead": m.lead} for m in self.card.ministries],
            "evidence": [{"text": e.text, "start": e.start, "end": e.end, "field": e.field} for e in self.evidence],
            "source": {"file": self.card.source.file, "line": self.card.source.line},
        }


@dataclass
class SearchResult:
    query: str
    abstained: bool
    results: list[Hit]
    intent: "QueryIntent | None" = None
    reason: str = ""
    suggestions: list[Hit] = field(default_factory=list)  # when abstained: the nearest cards, for "did you mean"

    def to_dict(self) -> dict:
        d = {"query": self.query, "abstained": self.abstained, "results": [h.to_dict() for h in self.results]}
        if self.suggestions:
            d["suggestions"] = [{"id": h.card.id, "name": h.card.name, "score": round(float(h.score), 6)}
                                for h in self.suggestions]
        if self.intent is not None:
            d["understood"] = self.intent.to_dict()
        if self.reason:
            d["reason"] = self.reason
        return d


@dataclass(frozen=True)
class RetrievalParams:
    """Knobs of the ranking, chosen on the dev split (eval/tune.py, eval/fit_abstention.py) and, for the fusion,
    also on 500 JSQuAD questions disjoint from the ones `seisaku eval` reports."""

    fusion: str = "zscore"  # "zscore" or "minmax" (normalised weighted sums) or "rrf" (reciprocal rank fusion)
    rrf_k: float = 2.0
    dense_weight: float = 0.7  # weighted sums: share of the dense side
    gram_weight: float = 0.0  # weight of the character-bigram BM25 beside the word BM25
    reading_weight: float = 0.6  # weight of the BM25 over katakana-reading bigrams (hiragana-only questions)
    english_lexical: float = 0.3  # multiplier of the lexical side for queries without Japanese script
    kana_dense: float = 0.3  # multiplier of the dense side for kana-only questions (the model reads them badly)
    kana_min_reading: float = 0.5  # kana-only questions abstain when the best card has less of their sounds
    head_weight: float = 0.5  # dense card score = max(overview chunks) mixed with the head (name + KPI) chunk
    list_margin: float = 1.5  # list questions: keep cards whose fused z-score is within this of the best …
    list_dense_margin: float = 0.0  # … or whose dense score is within this of the best (chosen for set F1 on dev)
    list_max: int = 30
    # Abstention: a logistic model over ABSTAIN_FEATURES, fitted on the dev split (eval/fit_abstention.py);
    # abstain when its probability of "no card answers" exceeds abstain_threshold.
    abstain_weights: tuple[float, ...] = (-63.2692, -1.2741, -3.1034, -2.0274, 1.19, -5.0803)
    abstain_bias: float = 59.3043
    abstain_threshold: float = 0.4965
    ministry_boost: float = 1.0


# ------------------------------------------------------------------------------------------------- query understanding

# English names and short forms of ministries, for questions that name them.
MINISTRY_NAMES_EN = {
    "national police agency": "警察庁", "police": "警察庁", "cabinet office": "内閣府",
    "cabinet secretariat": "内閣官房", "digital agency": "デジタル庁",
    "ministry of internal affairs and communications": "総務省", "mic": "総務省", "internal affairs": "総務省",
    "ministry of economy, trade and industry": "経済産業省", "meti": "経済産業省",
    "ministry of education": "文部科学省", "mext": "文部科学省",
    "ministry of health, labour and welfare": "厚生労働省", "mhlw": "厚生労働省", "ministry of health": "厚生労働省",
    "ministry of land, infrastructure, transport and tourism": "国土交通省", "mlit": "国土交通省",
    "ministry of agriculture, forestry and fisheries": "農林水産省", "maff": "農林水産省",
    "ministry of agriculture": "農林水産省", "ministry of finance": "財務省", "ministry of justice": "法務省",
    "ministry of foreign affairs": "外務省", "mofa": "外務省", "ministry of the environment": "環境省",
    "personal information protection commission": "個人情報保護委員会", "ppc": "個人情報保護委員会",
    "consumer affairs agency": "消費者庁", "fire and disaster management agency": "消防庁",
    "ministry of defense": "防衛省", "ministry of defence": "防衛省", "financial services agency": "金融庁",
    "reconstruction agency": "復興庁", "children and families agency": "こども家庭庁", "japan tourism agency": "観光庁",
    "japan meteorological agency": "気象庁", "japan patent office": "特許庁", "agency for cultural affairs": "文化庁",
    "japan sports agency": "スポーツ庁", "forestry agency": "林野庁", "fisheries agency": "水産庁",
    "small and medium enterprise agency": "中小企業庁", "agency for natural resources and energy": "資源エネルギー庁",
    "japan coast guard": "海上保安庁", "immigration services agency": "出入国在留管理庁", "national tax agency": "国税庁",
    "japan fair trade commission": "公正取引委員会", "nuclear regulation authority": "原子力規制委員会",
    "imperial household agency": "宮内庁", "national personnel authority": "人事院", "board of audit": "会計検査院",
    "public security intelligence agency": "公安調査庁", "national public safety commission": "国家公安委員会",
}
# Central government bodies (English names in MINISTRY_NAMES_EN) that a question may name although the table does not list
# them in 府省庁名: 「デジタル庁が主担当の施策は？」 is answered by "no card", not by the nearest cards about デジタル.
GOVERNMENT_BODIES = (
    "デジタル庁", "防衛省", "金融庁", "復興庁", "こども家庭庁", "観光庁", "気象庁", "特許庁", "文化庁", "スポーツ庁", "林野庁",
    "水産庁", "中小企業庁", "資源エネルギー庁", "海上保安庁", "出入国在留管理庁", "国税庁", "公正取引委員会", "原子力規制委員会",
    "宮内庁", "人事院", "会計検査院", "公安調査庁", "国家公安委員会", "財務省", "外務省", "法務省", "環境省", "消費者庁", "消防庁",
    "内閣府", "内閣官房", "総務省", "警察庁", "経済産業省", "文部科学省", "厚生労働省", "国土交通省", "農林水産省",
    "個人情報保護委員会",
)
MINISTRY_SHORT_JA = {"文科": "文部科学省", "厚労": "厚生労働省", "国交": "国土交通省", "経産": "経済産業省",
                     "農水": "農林水産省", "総務": "総務省", "警察": "警察庁", "個情委": "個人情報保護委員会",
                     "個人情報保護委": "個人情報保護委員会"}
LEAD_WORDS = ("主担当", "主管", "所管", "主導", "取りまとめ", "とりまとめ", "統括", "リード", "中心となって", "主に担当",
              "担当省庁", "主幹", "筆頭", "lead", "led by", "in charge", "responsible")
# 「AとBの両方」: every named ministry must be involved; 「関わるが主担当ではない」: involved, not leading.
ALL_PATTERN = re.compile(r"両方|双方|いずれも|どちらも|共に|ともに|共同|合同|\bboth\b|\bjointly\b", re.I)
NOT_LEAD_PATTERN = re.compile(
    r"(?:主担当|主管|所管|リード|主導)\S{0,3}?(?:ではない|でない|じゃない|以外|ではなく|でなく|していない|しない)|"
    r"not (?:the )?lead|(?:does not|doesn't|do not|don't) lead|without leading", re.I)
LIST_PATTERN = re.compile(
    r"全部|全て|すべて|一覧|どれ(?!くらい|ぐらい|だけ|ほど)|どの施策|挙げ|列挙|全件|リスト|洗い出|"
    r"(?:施策|取組|取り組み)(?:は|が|には)?(?:何|なに)があ|"
    r"\ball\b|\blist\b|which measures|which ones|\bevery\b|what measures", re.I)
# Questions about the table's own cells rather than a topic: 「KPIが未設定の施策」, 「主担当が複数の施策」.
KPI_UNSET_PATTERN = re.compile(
    r"(?:kpi|指標|目標)\S{0,6}?(?:未設定|設定されていない|設定されてない|設定がない|設定していない|定められていない|"
    r"決まっていない|決まってない|空欄|がない|が無い|なし|無し)|"
    r"未設定の(?:kpi|指標|目標)|\bno kpis?\b|\bwithout (?:a |any )?kpis?\b|\bkpis? (?:is |are )?(?:not set|unset|missing|blank)"
    r"|\bkpis? (?:not yet set|yet to be set)", re.I)
SEVERAL_LEADS_PATTERN = re.compile(
    r"(?:主担当|◎|主管|主導|リード)\S{0,4}?(?:が|の)?(?:複数|2つ以上|二つ以上|2省庁以上|ふたつ以上)|"
    r"複数の(?:府省庁|省庁|府省)が(?:主担当|主管|主導|リード|◎)|共同(?:で|の)?主担当|"
    r"\b(?:more than one|several|multiple|two or more) (?:lead|leading) (?:ministr|agenc|bod)|\bco-?led\b", re.I)

# Words that ask for measures rather than describe one; removed before judging what topic remains.
GENERIC_WORDS = ("施策", "取組", "取り組み", "政策", "事業", "measures", "measure", "policies", "policy")

# Words that frame a question rather than name its topic (全部挙げて, について教えて); the corpus lacks most of them,
# so they would make any list question look unanswerable.
QUESTION_WORDS = frozenset({
    "施策", "取組", "取り組み", "取り組む", "政策", "事業", "全部", "全て", "総て", "上げる", "挙げる", "教える", "下さる",
    "くださる", "知る", "つく", "何", "どれ", "どの", "どんな", "どう", "関する", "関わる", "関係", "一覧", "リスト",
    "列挙", "見せる", "欲しい", "思う", "探す", "調べる", "ある", "いる",
    "measure", "polici", "policy", "list", "all", "which", "what", "show", "tell", "about", "are", "there", "any",
    "me", "the", "of", "for", "to", "on", "in", "and", "is", "doe", "do", "relat", "related", "concern",
})
# … and, beyond those, words that only frame a question about ministries or IDs (担当, 関与, 内容, involved, led):
# what is left after all of them is the topic, if any.
FRAMING_WORDS = QUESTION_WORDS | {
    "する", "担当", "関与", "実施", "もの", "ください", "下さい", "省", "庁", "主", "なに", "なん", "内容", "概要", "詳細",
    "番号", "関連", "携わる", "含む", "参加", "id", "by", "is", "give", "involved", "with", "does", "run", "led",
    "its", "their", "that", "detail", "details", "join", "joins", "participate", "participates", "but", "not",
    "also", "take", "part", "takes", "involve", "involves", "ministry", "agency", "なる", "設定", "まだ", "yet",
    "set", "have", "has", "kpi", "指標", "目標",
}
_ACTOR = r"\s*(?:が|は|で|と|や|及び|として|の(?:施策|取組|取り組み|事業|政策))"
_ID = re.compile(r"(?<!\d)(\d{2})\s*[-‐－ー]\s*(\d{2})(?!\d)")
_CHAPTER = re.compile(r"第\s*(\d{1,2})\s*章|chapter\s*(\d{1,2})", re.I)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


@dataclass(frozen=True)
class QueryIntent:
    """What the question asks beyond its topic: ministries, IDs, chapters, a list, and what topic is left."""

    ministries: tuple[str, ...] = ()
    absent_ministries: tuple[str, ...] = ()  # named, but in no card's 府省庁名 (nor anywhere in the table)
    lead: bool = False
    all_ministries: bool = False
    not_lead: bool = False
    ids: tuple[str, ...] = ()
    chapters: tuple[str, ...] = ()
    kpi_unset: bool = False  # asks for measures whose KPI is 未設定 or blank
    several_leads: bool = False  # asks for measures with more than one ◎
    is_list: bool = False
    english: bool = False
    kana: bool = False  # written (almost) only in kana: ひさいしゃしえん
    topic: str = ""  # the query without the ministry/ID/chapter/list words
    respelled: str = ""  # a kana question as the table would write it (ひさいしゃしえん → 被災者支援), when it changed

    @property
    def structured(self) -> bool:
        """Asks about the table itself (a ministry, an ID, a chapter, KPI status, several leads): never abstained."""
        return bool(self.ministries or self.ids or self.chapters or self.kpi_unset or self.several_leads)

    def to_dict(self) -> dict:
        return {"ministries": list(self.ministries), "absent_ministries": list(self.absent_ministries),
                "lead": self.lead, "all_ministries": self.all_ministries,
                "not_lead": self.not_lead, "ids": list(self.ids),
                "chapters": list(self.chapters), "kpi_unset": self.kpi_unset,
                "several_leads": self.several_leads, "list": self.is_list, "topic": self.topic,
                **({"respelled": self.respelled} if self.respelled else {})}


def _ministry_lexicon(cards: Sequence[PolicyCard]) -> dict[str, str]:
    names = {m.name for c in cards for m in c.ministries if m.name != "関係府省庁"}
    lex = {n: n for n in names}
    for c in cards:  # offices named inside parentheses: 内閣官房(◎内閣官房小型無人機等対策推進室、IT室、…)
        for inner in re.findall(r"[(（]([^)）]*)[)）]", c.ministries_raw):
            for office in re.split(r"[、,，]", inner):
                office = office.strip("◎○ ")
                if len(office) >= 4 and office not in lex:
                    lex[office] = office
    # Bare forms such as 環境 or 法務 are ordinary words in a question (教材や演習の環境); only the 省/庁 forms and the
    # short names people really write (文科, 厚労, 総務 …) count.
    aliases = [(a, f) for a, f in MINISTRY_ALIASES.items() if a.endswith(("省", "庁", "委"))]
    for alias, full in aliases + list(MINISTRY_SHORT_JA.items()):
        if full in names and len(alias) >= 2:
            lex[alias] = full
    for en, full in MINISTRY_NAMES_EN.items():
        if full in names:
            lex[en] = full
    return lex


def _absent_bodies(cards: Sequence[PolicyCard], lexicon: dict[str, str]) -> dict[str, str]:
    """Government bodies (Japanese and English names) that the table never mentions, neither in 府省庁名 nor in any
    other cell: a question about what they lead has no answer here."""
    listed = set(lexicon.values())
    text = "\n".join(c.ministries_raw + " " + c.name + " " + c.overview for c in cards)
    out: dict[str, str] = {}
    for body in GOVERNMENT_BODIES:
        if body not in listed and body not in text:
            out[body] = body
            out.update({en: body for en, ja in MINISTRY_NAMES_EN.items() if ja == body})
    return out


def _find_names(topic: str, lexicon: dict[str, str]) -> tuple[list[str], str]:
    """The names of `lexicon` in `topic` (longest alias first: 内閣官房 before 内閣), and the topic without them."""
    found: list[str] = []
    for alias in sorted(lexicon, key=len, reverse=True):
        if not alias.isascii():
            hit = alias in topic
        else:
            hit = re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", topic) is not None
        if hit:
            if lexicon[alias] not in found:
                found.append(lexicon[alias])
            topic = topic.replace(alias, " ")
    return found, topic


def understand(query: str, lexicon: dict[str, str], absent: dict[str, str] | None = None) -> QueryIntent:
    """Find ministries, IDs, chapters and list wording in a question (after NFKC, case-folded); `absent` names
    government bodies that the table does not list."""
    q = normalize(query)
    found, topic = _find_names(q, lexicon)
    missing, rest = _find_names(topic, absent or {})
    # a body the table never names decides the answer only as the actor (デジタル庁が…, 防衛省と総務省が…, led by …) or
    # as the whole question; in 「気象庁のデータを使う防災の施策」 it is context and stays in the topic
    if missing and (any(w in q for w in LEAD_WORDS) or any(re.search(re.escape(b) + _ACTOR, q) for b in missing)
                    or not _has_topic(rest)):
        topic = rest
    else:
        missing = []
    ids = tuple(f"{a}-{b}" for a, b in _ID.findall(q))
    topic = _ID.sub(" ", topic)
    chapters = tuple(f"{int(a or b):02d}" for a, b in _CHAPTER.findall(q))
    topic = _CHAPTER.sub(" ", topic)
    kpi_unset, several_leads = bool(KPI_UNSET_PATTERN.search(q)), bool(SEVERAL_LEADS_PATTERN.search(q))
    topic = SEVERAL_LEADS_PATTERN.sub(" ", KPI_UNSET_PATTERN.sub(" ", topic))
    named = bool(found or missing)
    not_lead = named and bool(NOT_LEAD_PATTERN.search(q))
    lead = named and not not_lead and any(w in q for w in LEAD_WORDS)
    all_ministries = len(found) + len(missing) > 1 and bool(ALL_PATTERN.search(q))
    topic = NOT_LEAD_PATTERN.sub(" ", ALL_PATTERN.sub(" ", topic)) if named else topic
    is_list = bool(LIST_PATTERN.search(q)) or ((named or kpi_unset or several_leads) and not _has_topic(topic))
    return QueryIntent(ministries=tuple(found), absent_ministries=tuple(missing), lead=lead,
                       all_ministries=all_ministries, not_lead=not_lead,
                       ids=ids, chapters=chapters, kpi_unset=kpi_unset, several_leads=several_leads, is_list=is_list,
                       english=not _JAPANESE.search(q), kana=_is_kana_query(q), topic=topic.strip())


def _is_kana_query(q: str) -> bool:
    """Written in kana with hardly any kanji (ひさいしゃしえん, ウエブアクセシビリテイ): the way people type when they
    do not convert, or spell a loanword from memory. The dense model reads such text badly; its sounds still match."""
    letters = [c for c in q if c.isalpha()]
    if not letters:
        return False
    kanji = sum("\u3400" <= c <= "\u9fff" for c in letters)
    kana = sum("\u3041" <= c <= "\u30ff" for c in letters)
    # a long sentence full of loanwords (パソコンやスマホ、ネットのサービス…) has little kanji too, but is converted text
    return kana / len(letters) >= 0.6 and kanji / len(letters) <= (0.2 if len(letters) <= 30 else 0.1)


def _has_topic(topic: str) -> bool:
    """True when content words remain once ministry, list and generic words are gone."""
    t = topic
    t = LIST_PATTERN.sub(" ", t)
    for w in LEAD_WORDS + GENERIC_WORDS:
        t = t.replace(w, " ")
    words = [w for w in analyzer().words(t) if len(w) > 1 or _JAPANESE.search(w)]
    return any(w not in FRAMING_WORDS for w in words)


# ------------------------------------------------------------------------------------------------- retriever

def _rank_scores(scores: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """1-based ranks by descending score; cards that are not valid get rank inf."""
    ranks = np.full(len(scores), np.inf)
    idx = np.flatnonzero(valid)
    order = idx[np.argsort(-scores[idx], kind="stable")]
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def _zscore(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    if not mask.any():
        return np.zeros_like(x)
    sd = x[mask].std()
    return (x - x[mask].mean()) / sd if sd > 0 else np.zeros_like(x)


def _minmax(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    if not mask.any():
        return np.zeros_like(x)
    lo, hi = x[mask].min(), x[mask].max()
    return (x - lo) / (hi - lo) if hi > lo else np.where(mask, 1.0, 0.0)


class Retriever:
    """Search one stored index; `mode` picks the lexical side, the dense side, or both fused."""

    def __init__(self, stored: StoredIndex, embedder: Embedder, params: RetrievalParams | None = None):
        from .vectors import query_thread_policy

        query_thread_policy()
        self.stored, self.embedder = stored, embedder
        self.params = params or RetrievalParams()
        self.cards = stored.cards
        self._lex = stored.lexical  # BM25 per term kind, memory-mapped; also document frequencies and membership
        self._n = len(stored.cards)
        self._chunks = stored.chunks
        self.lexicon = _ministry_lexicon(self.cards)
        self.absent_bodies = _absent_bodies(self.cards, self.lexicon)
        self._qcache: dict[str, np.ndarray] = {}
        self._readings: dict[str, str] | None = None
        self._units: dict[int, list] = {}

    def reading_dictionary(self) -> dict[str, str]:
        """Reading → spelling of the corpus's nouns, for kana questions; built on the first one (~0.2 s here)."""
        if self._readings is None:
            self._readings = reading_dictionary(text for c in self.cards for text in (head_text(c), c.overview))
        return self._readings

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding; the last 2,048 distinct queries are remembered (chat retries, batch duplicates)."""
        v = self._qcache.get(query)
        if v is None:
            v = self.embedder.embed_queries([query])[0]
            if len(self._qcache) >= 2048:
                self._qcache.pop(next(iter(self._qcache)))
            self._qcache[query] = v
        return v

    # -- the two sides -----------------------------------------------------------------------------------------

    def lexical_scores(self, query: str) -> np.ndarray:
        an = analyzer()
        words = an.words(query)
        grams = ["#" + g for g in char_ngrams(query)]
        s = self._lex.scores("words", words) if words else np.zeros(self._n, np.float32)
        if grams and self.params.gram_weight:
            s = s + self.params.gram_weight * self._lex.scores("grams", grams)
        readings = an.reading_grams(query)
        if readings and self.params.reading_weight:
            s = s + self.params.reading_weight * self._lex.scores("readings", readings)
        return np.asarray(s, dtype=np.float64)

    def chunk_scores(self, query_vec: np.ndarray) -> np.ndarray:
        """Every chunk's cosine: exact below the store's ANN threshold; above it the nearest chunks' own scores and a
        floor for the rest."""
        return self.stored.vectors.all_scores(query_vec)

    def dense_scores(self, chunk_scores: np.ndarray) -> np.ndarray:
        """Card score: best overview chunk, mixed with the head chunk (name + KPIs)."""
        head, over = self._chunks.card_max(chunk_scores)
        over = np.where(over < -0.5, head, over)
        w = self.params.head_weight
        return np.maximum((1 - w) * over + w * head, np.maximum(over, head) - 0.02)

    def _idf(self, kind: str, terms: list[str]) -> np.ndarray:
        return np.log(1 + self._n / (1 + self._lex.df(kind, terms).astype(np.float64)))

    @staticmethod
    def _share(idf: np.ndarray, present: np.ndarray) -> float:
        """IDF-weighted share of the terms that are `present`."""
        return float(idf[present].sum() / idf.sum()) if len(idf) else 0.0

    def abstention_features(self, query: str, dense: np.ndarray, order: list[int], english: bool) -> np.ndarray:
        """Signals that a question is answered by some card: a peaked dense score, and query words/readings that
        the corpus and the top cards contain (see ABSTAIN_FEATURES)."""
        top = float(dense[order[0]])
        # the whole corpus is the baseline, also when filters leave few cards
        z = (top - float(dense.mean())) / (float(dense.std()) + 1e-6)
        an = analyzer()
        words = [w for w in dict.fromkeys(an.words(query)) if w not in QUESTION_WORDS]
        df = self._lex.df("words", words)
        corpus_cov = self._share(self._idf("words", words), df > 0)
        top3 = order[:3]
        known = [w for w, d in zip(words, df) if d > 0 or len(w) > 1]  # one-character unknowns are noise
        known_idf = self._idf("words", known)
        card_cov = max(self._share(known_idf, self._lex.contains("words", i, known)) for i in top3)
        grams = list(dict.fromkeys(an.reading_grams(query)))
        # IDF-weighted, so that common syllable pairs (シス, ョウ) count little
        gidf = self._idf("readings", grams)
        reading_cov = max(self._share(gidf, self._lex.contains("readings", i, grams)) for i in top3)
        card_cov = max(card_cov, reading_cov)  # hiragana-only questions have no usable words, only sounds
        return np.array([top, z, corpus_cov, card_cov, reading_cov, float(english)])

    def abstain_probability(self, features: np.ndarray) -> float:
        w = np.asarray(self.params.abstain_weights, dtype=np.float64)
        x = float(np.clip(features @ w + self.params.abstain_bias, -50, 50))
        return 1.0 / (1.0 + np.exp(-x))

    # -- search ----------------------------------------------------------------------------------------------

    def search(self, query: str, *, top_k: int = 10, filters: Filters | None = None, mode: str = "hybrid",
               understand_query: bool = True, abstain: bool = True) -> SearchResult:
        p = self.params
        filters = filters or Filters()
        browsing = bool(filters)  # the caller chose filters: a filtered listing, never abstained
        intent = (understand(query, self.lexicon, self.absent_bodies) if understand_query
                  else QueryIntent(topic=normalize(query)))
        text = query  # what is searched: the question, or a kana question in the table's own spelling
        if intent.kana:
            spelled = respell(query, self.reading_dictionary())
            if spelled != normalize(query):
                # the model reads kana badly and BM25 matches words, not sounds: search the spelled form
                text = spelled
                intent = replace(understand(spelled, self.lexicon, self.absent_bodies), respelled=spelled)
        if intent.absent_ministries and (intent.all_ministries or not intent.ministries):
            # 「デジタル庁が主担当の施策は？」: asked about a body (alone, or jointly with another) that the table never
            # names, so no card is its measure; cards on the rest of the question are offered as near misses
            names = "、".join(intent.absent_ministries)
            near = []
            if _has_topic(intent.topic):
                near = self.search(intent.topic, top_k=3, abstain=False, understand_query=False).results
            return SearchResult(query, True, [], intent, reason=f"no card in this table lists {names} (府省庁名)",
                                suggestions=[replace(h, evidence=()) for h in near])
        if intent.ids:
            filters = replace(filters, ids=filters.ids + tuple(i for i in intent.ids if i not in filters.ids))
        if intent.chapters and not filters.chapters:
            filters = replace(filters, chapters=intent.chapters)
        if intent.kpi_unset or intent.several_leads:
            filters = replace(filters, kpi_unset=filters.kpi_unset or intent.kpi_unset,
                              several_leads=filters.several_leads or intent.several_leads)
        if intent.ministries and not filters.ministries:
            filters = replace(filters, ministries=intent.ministries, lead_only=intent.lead,
                              all_ministries=intent.all_ministries, not_lead=intent.not_lead)
        allowed = np.array([filters.allows(c) for c in self.cards]) if filters else np.ones(self._n, bool)
        if not allowed.any():
            return SearchResult(query, True, [], intent, reason="no card matches the filters")

        topic = intent.topic if intent.structured else text
        lex = self.lexical_scores(topic) if mode in ("hybrid", "bm25") else np.zeros(self._n)
        # a named ministry is a filter already; the dense side reads what is asked about it (自動運転, not 警察庁)
        qvec = self.query_vector(topic if intent.ministries else text) if mode in ("hybrid", "dense") else None
        chunk_s = self.chunk_scores(qvec) if qvec is not None else None
        dense = self.dense_scores(chunk_s) if chunk_s is not None else np.zeros(self._n)

        lex_weight = p.english_lexical if intent.english else 1.0
        dense_weight = p.kana_dense if intent.kana else 1.0
        if mode == "bm25":
            fused = lex.copy()
        elif mode == "dense":
            fused = dense.copy()
        elif p.fusion == "rrf":
            fused = dense_weight / (p.rrf_k + _rank_scores(dense, allowed))
            lex_valid = allowed & (lex > 0)
            fused = fused + lex_weight / (p.rrf_k + _rank_scores(lex, lex_valid))
        else:  # a weighted sum of scores put on one scale: a confident side outweighs an unsure one
            norm = _zscore if p.fusion == "zscore" else _minmax
            fused = (p.dense_weight * dense_weight * norm(dense, allowed)
                     + (1 - p.dense_weight) * lex_weight * norm(lex, allowed))
        if filters.ministries and not (filters.lead_only or filters.not_lead):  # cards the ministry leads come first
            leads = np.array([any(m in c.lead_ministries for m in filters.ministries) for c in self.cards])
            fused = fused + p.ministry_boost * leads * (fused.max() - fused.min() + 1e-9) * 0.1
        fused = np.where(allowed, fused, -np.inf)
        ranked = np.argsort(-fused, kind="stable")
        order = ranked[allowed[ranked]].tolist()

        structured_only = understand_query and bool(filters) and not _has_topic(intent.topic)
        if structured_only:
            # the question is only "which measures does X lead / is 03-01 / have no KPI yet": every matching card,
            # in table order with leads (and KPIs written 未設定, before blank ones) first, is the answer
            lead_first = sorted(order, key=lambda i: (not any(m in self.cards[i].lead_ministries
                                                               for m in filters.ministries),
                                                      filters.kpi_unset and kpi_status(self.cards[i]), i))
            hits = [self._hit(i, text, fused, dense, lex, chunk_s) for i in lead_first]
            return SearchResult(query, False, hits, intent)

        # A question about the table itself (a ministry, an ID, KPI status …) or a filtered listing is in its domain.
        if abstain and mode != "bm25" and order and not (browsing or intent.structured):
            f = self.abstention_features(topic, dense, order, intent.english)
            unlikely = self.abstain_probability(f) > p.abstain_threshold
            # kana-only questions also need few of their sounds in the best cards (the model misreads kana)
            if unlikely and (f[4] < p.kana_min_reading if intent.kana else True):
                near = [Hit(self.cards[i], float(fused[i]), float(dense[i]), float(lex[i])) for i in order[:3]]
                return SearchResult(query, True, [], intent, reason="nothing in the corpus answers this",
                                    suggestions=near)

        if intent.is_list and mode != "bm25" and order:
            # every card close to the best one: by fused z-score (lexical matches count) or by meaning alone
            z = _zscore(np.where(allowed, fused, 0.0), allowed)
            top_dense = max(dense[i] for i in order)
            keep = [i for i in order if z[i] >= z[order[0]] - p.list_margin
                    or dense[i] >= top_dense - p.list_dense_margin][: p.list_max]
            selected = keep or order[:1]
            chosen = set(selected)
            rest = [i for i in order if i not in chosen][: max(0, top_k - len(selected))]
        else:
            selected, rest = order[:top_k], []
        hits = [self._hit(i, text, fused, dense, lex, chunk_s) for i in selected]
        hits += [replace(self._hit(i, text, fused, dense, lex, chunk_s), related=True) for i in rest]
        return SearchResult(query, False, hits, intent)

    # -- evidence -------------------------------------------------------------------------------------------

    def _hit(self, i: int, query: str, fused, dense, lex, chunk_s) -> Hit:
        return Hit(self.cards[i], float(fused[i]), float(dense[i]), float(lex[i]),
                   tuple(self.evidence(i, query, chunk_s)))

    def _sentence_units(self, i: int) -> list[tuple[int, Evidence, frozenset]]:
        """(chunk index, sentence, its bigrams) for card i; computed once per card, on first use."""
        units = self._units.get(i)
        if units is None:
            card, units = self.cards[i], []
            for ci in self._chunks.of_card(i):
                ch = self._chunks[ci]
                if ch.field == "head":
                    spans = [(f, 0, len(t), t) for f, t in (("name", card.name), ("kpi_progress", card.kpi_progress),
                                                           ("kpi_effect", card.kpi_effect)) if t]
                else:
                    spans = [("overview", ch.start + a, ch.start + b, ch.text[a:b]) for a, b in sentence_spans(ch.text)]
                units.extend((int(ci), Evidence(t, a, b, f), frozenset(char_ngrams(t))) for f, a, b, t in spans)
            self._units[i] = units
        return units

    def evidence(self, i: int, query: str, chunk_s: np.ndarray | None, n: int = 2) -> list[Evidence]:
        """The card's sentences that best match the query: dense score of their chunk plus bigram overlap."""
        qgrams = set(char_ngrams(query))
        scored = []
        for ci, ev, grams in self._sentence_units(i):
            base = float(chunk_s[ci]) if chunk_s is not None else 0.0
            overlap = len(qgrams & grams) / (len(qgrams) or 1)
            scored.append((base + 0.5 * overlap - (0.02 if ev.field == "name" else 0.0), ev))
        scored.sort(key=lambda x: -x[0])
        return [e for _, e in scored[:n]]

def open_retriever(settings=None, *, progress=None, rebuild: str = "auto", embedder: Embedder | None = None) -> Retriever:
    """Load (or build) the index of `settings.source` and return a ready Retriever."""
    from .config import Settings
    from .corpus import load_cards
    from .store import open_index

    s = settings or Settings()
    emb = embedder or s.embedder()
    # the source is parsed only when its bytes differ from the ones the index was built from
    stored = open_index(lambda: load_cards(s.source, lenient=s.lenient), emb, cache_dir=s.cache_dir, source=s.source,
                        chunk_chars=s.chunk_chars, exact_max=s.exact_index_max, rebuild=rebuild, progress=progress,
                        lenient=s.lenient)
    return Retriever(stored, emb, s.retrieval_params())
