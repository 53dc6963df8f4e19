"""Query reports: every input row searched (questions embedded in batches), as row records and a running summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from ..retrieve import confidence_label
from ..text import FORMULA, NO_TEXT, ONLY_DIGITS, ONLY_URL
from .table import InputRow

__all__ = ["ReportOptions", "RowReport", "Match", "Summary", "answer_rows", "search_many", "OUTCOME_JA",
           "confidence_level", "reason_ja", "EMPTY_QUESTION"]

#: How an outcome reads in the report (回答 = some card answers it, 不確か = maybe, 該当なし = no card does).
OUTCOME_JA = {"answer": "回答", "uncertain": "不確か", "none": "該当なし"}

#: Why a row is 該当なし, as its 理由 cell says it (keyed by the search's reason; index.text names the unsearchable).
EMPTY_QUESTION = "質問の欄が空です"
_REASONS_JA = (
    (NO_TEXT, "文字も数字もなく、検索する語がありません"),
    (FORMULA, "表計算の数式で、検索する語がありません"),
    (ONLY_URL, "URL だけで、検索する語がありません"),
    (ONLY_DIGITS, "数字と記号だけで、検索する語がありません（施策番号は 04-03 の形で）"),
    ("nothing in the corpus answers", "この表には、この質問に答える施策がありません"),
    ("no card matches the filters", "絞り込み条件に合う施策がありません"),
    ("no card in this table lists", "この表の府省庁名に、質問の府省庁が出てきません"),
)


@dataclass(frozen=True)
class ReportOptions:
    """What each row is searched with; the filters are index.retrieve.Filters."""

    top_k: int = 3
    filters: object | None = None
    mode: str = "hybrid"
    batch_size: int = 32


@dataclass(frozen=True)
class Match:
    """One card found for a row, with the fields a report shows."""

    rank: int
    id: str
    name: str
    chapter: str
    lead: tuple[str, ...]
    ministries: tuple[tuple[str, bool], ...]
    confidence: float  # calibrated 0–1: how likely this card answers the row (never a raw fused score)
    related: bool  # shown, but not an answer (below a list's line, or not confident enough: SearchResult.answers)
    evidence: tuple[dict, ...]  # {"text", "field", "start", "end"}

    @property
    def kind(self) -> str:
        return "related" if self.related else "answer"


@dataclass(frozen=True)
class RowReport:
    """The report line of one input row."""

    row: int
    query: str
    columns: dict
    outcome: str  # "answer", "uncertain" or "none"
    confidence: float  # probability that some card answers the row
    matches: tuple[Match, ...]
    near: tuple[tuple[str, str], ...] = ()  # a "none" row's nearest cards (id, name): not answers, for reference
    truncated: bool = False
    reason: str = ""  # why a "none" row has no answer, in Japanese (reason_ja)

    def to_dict(self) -> dict:
        """The JSONL shape of `seisaku report --format jsonl`."""
        d = {"row": self.row, "query": self.query, "columns": self.columns, "outcome": self.outcome,
             "confidence": round(self.confidence, 4), "results": [
                 {"id": m.id, "name": m.name, "score": round(m.confidence, 4), "level": confidence_level(m.confidence),
                  "lead": list(m.lead), "ministries": [{"name": n, "lead": ld} for n, ld in m.ministries],
                  "related": m.related, "evidence": list(m.evidence)} for m in self.matches]}
        if self.reason:
            d["reason"] = self.reason
        if self.near:
            d["near"] = [{"id": i, "name": n} for i, n in self.near]
        if self.truncated:
            d["truncated"] = True
        return d


def confidence_level(x: float) -> str:
    """高 / 中 / 低 for a 0–1 confidence, as the search labels it."""
    return confidence_label(x)


def reason_ja(reason: str) -> str:
    """The search's reason for no answer (SearchResult.reason, English) as the report says it."""
    for key, text in _REASONS_JA:
        if key in reason:
            return text
    return "どの施策もこの質問に答えません"


# ----------------------------------------------------------------------------------------------- search

def search_many(retriever, queries: Sequence[str], **kwargs) -> list:
    """The rows' questions searched as /search and `seisaku search` search them (index.assist.search_questions: embedded
    in batches, a refused question that asks a field of a measure searched by the measure), results in input order."""
    from ..assist import search_questions  # (the one answer path of a question searched)

    return search_questions(retriever, queries, **kwargs)


def row_report(row: InputRow, res, top_k: int) -> RowReport:
    matches = []
    answer = res.answer_flags()  # as the chat counts them: a card shown is not an answer by itself
    for rank, h in enumerate(res.results[:top_k], 1):
        c = h.card
        matches.append(Match(rank, c.id, c.name, c.chapter, tuple(c.lead_ministries),
                             tuple((m.name, m.lead) for m in c.ministries), float(h.confidence), not answer[rank - 1],
                             tuple({"text": e.text, "field": e.field, "start": e.start, "end": e.end}
                                   for e in h.evidence[:1])))
    outcome = res.outcome.value
    near = tuple((h.card.id, h.card.name) for h in res.suggestions[:3]) if outcome == "none" else ()
    return RowReport(row.row, row.query, row.columns, outcome, float(res.confidence), tuple(matches), near,
                     row.truncated, reason_ja(res.reason or "") if outcome == "none" else "")


def answer_rows(retriever, rows: Iterable[InputRow], options: ReportOptions = ReportOptions(),
                progress: Callable[[int], None] | None = None) -> Iterator[RowReport]:
    """Search every row with a question, in input order, `batch_size` questions per engine call; a row whose question
    cell is empty (other cells filled) is 該当なし with that reason, not left out. Streams: one batch at a time."""
    batch: list[InputRow] = []
    done = 0

    def flush() -> Iterator[RowReport]:
        nonlocal done
        asked = [r for r in batch if r.query.strip()]
        kw = dict(top_k=options.top_k, filters=options.filters, mode=options.mode)
        # 「…は誰が主担当？」: a refused row that asks a field of a measure is searched by the measure, as /search does
        results = iter(search_many(retriever, [r.query for r in asked], **kw) if asked else [])
        for r in batch:
            if r.query.strip():
                yield row_report(r, next(results), options.top_k)
            else:
                yield RowReport(r.row, r.query, r.columns, "none", 0.0, (), reason=EMPTY_QUESTION)
        done += len(batch)
        batch.clear()
        if progress:
            progress(done)

    for row in rows:
        batch.append(row)
        if len(batch) >= options.batch_size:
            yield from flush()
    if batch:
        yield from flush()


# ----------------------------------------------------------------------------------------------- summary

@dataclass
class CardCoverage:
    """How one card was matched across the report's rows."""

    answer: int = 0  # rows where it is an answer (any rank)
    top: int = 0  # rows where it is the first answer
    related: int = 0
    best: float = 0.0
    rows: list[int] = field(default_factory=list)  # the first rows that matched it (a few, for the sheet)


@dataclass
class Summary:
    """Running totals of a report: everything the summary sheet and charts need, O(cards) memory."""

    rows: int = 0
    outcomes: Counter = field(default_factory=Counter)
    truncated: int = 0
    top_confidence: list[int] = field(default_factory=lambda: [0] * 10)  # histogram of each row's best confidence
    by_chapter: Counter = field(default_factory=Counter)  # chapter of each answered row's first card
    by_lead: Counter = field(default_factory=Counter)  # lead ministry of each answered row's first card
    coverage: dict[str, CardCoverage] = field(default_factory=dict)

    def add(self, r: RowReport) -> None:
        self.rows += 1
        self.outcomes[r.outcome] += 1
        self.truncated += r.truncated
        # the row's own confidence, the number its 信頼度 cell shows (a row at 0.136 is counted in 0.1–0.2), not its
        # best card's (lower, or 0 for a row with no answer)
        self.top_confidence[min(max(int(r.confidence * 10), 0), 9)] += 1
        answers = [m for m in r.matches if not m.related]
        if r.outcome != "none" and answers:
            first = answers[0]
            self.by_chapter[first.chapter or "-"] += 1
            for lead in first.lead or ("(主担当なし)",):
                self.by_lead[lead] += 1
        if r.outcome == "none":
            return
        for m in r.matches:
            cov = self.coverage.setdefault(m.id, CardCoverage())
            if m.related:
                cov.related += 1
            else:
                cov.answer += 1
                cov.top += m is answers[0]
            cov.best = max(cov.best, m.confidence)
            if len(cov.rows) < 5:
                cov.rows.append(r.row)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "outcomes": {k: self.outcomes.get(k, 0) for k in OUTCOME_JA},
                "truncated": self.truncated, "top_confidence_histogram": self.top_confidence,
                "by_chapter": dict(sorted(self.by_chapter.items())), "by_lead": dict(self.by_lead.most_common())}
