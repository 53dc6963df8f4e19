"""Questions about the 工程表 (index.roadmap): 「令和7年度までを期限とする施策」, 「2022年度に稼働・開始するもの」,
「数値目標のある施策」, 「KPIの目標年度が一番遅いのは？」. They are read into filters on the cards' milestones and KPI
targets, answered as the set of cards that meet them, each with the milestone as its evidence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Sequence

from ..corpus import PolicyCard
from ..roadmap import Milestone, Roadmap, Target, latest_target, parse_year
from .results import Evidence, Filters

__all__ = ["DatedAsk", "dated_ask", "with_dated", "latest_target_ids", "roadmap_evidence", "DATED_WORDS"]

_YEAR = r"(?:令和|平成)\s*(?:\d{1,2}|元)\s*年度?|(?:19|20)\d{2}\s*年度?|\br\s*\d{1,2}\s*年度?"
_Y = re.compile(_YEAR, re.I)
_DEADLINE = re.compile(r"期限|締め?切|までに|まで(?:を|が|の|に)?(?:期限|完了|達成|目標|目途|目指)|完了予定|達成予定|目標年度")
_START = re.compile(r"稼働|開始|始ま|始動|スタート|運用開始")
# 「令和4年度以降に検討予定の施策」: the milestones of kind review (a matter to be looked at then)
_REVIEW = re.compile(r"検討(?!会)|見直")
_TARGET = re.compile(r"数値目標|目標値|数値(?:の|で)?(?:kpi|目標)|定量(?:的な|的)?(?:目標|kpi)|kpi\S{0,4}(?:数値|目標値)|"
                     r"数字(?:の|で)?目標|numeric (?:kpi|target)", re.I)
_LATEST = re.compile(r"(?:目標(?:の)?年度|目標時期|期限|達成(?:の)?(?:年度|時期))\S{0,6}?(?:一番|最も|もっとも)?"
                     r"(?:遅い|先|後ろ|最後|最終)|(?:一番|最も|もっとも)遅い(?:目標|期限)|latest (?:kpi )?target", re.I)
_PAST = re.compile(r"完了した|終わった|済み|済の|実施済|すでに|既に|過去の")
_PLANNED = re.compile(r"予定|これから|今後|計画されて|見込")
#: Words that only frame a 工程表 question; removed from its topic.
DATED_WORDS = re.compile(_YEAR + r"|"
                         # 「2023年がゴールや節目になってる」, 「長期の目標年がある」, 「達成を目指す」, 「年度末を期限に」
                         r"(?:ゴール|節目|区切り|目標年|中長期|長期|中期|短期)(?:や|とか)?|目指す|目指して|達成|年度?末|末|"
                         r"みたいな|のような|になって(?:いる|る)|にして(?:いる|る)|"
                         r"までに|まで|以降|から|期限とする|期限の|期限が|期限|稼働|開始|始まる|始動|予定|"
                         r"検討(?:する|される|を行う)?(?!会)|見直(?:し|す)|"
                         r"数値目標|目標値|目標年度|目標を?掲げ(?:て|た|る)?(?:いる)?|目標|一番遅い|最も遅い|遅い|のある|がある|"
                         r"もの|とする|する", re.I)


@dataclass(frozen=True)
class DatedAsk:
    """What a question asks of the 工程表: a milestone's year range, kind, status; a numeric target; the latest."""

    year_from: int | None = None
    year_to: int | None = None
    kinds: tuple[str, ...] = ()
    launch: bool = False  # something starts (稼働・開始): kind start, or a clause that says so
    status: str = ""
    has_target: bool = False
    latest_target: bool = False

    def to_dict(self) -> dict:
        return {k: v for k, v in (("year_from", self.year_from), ("year_to", self.year_to),
                                  ("kinds", list(self.kinds)), ("launch", self.launch), ("status", self.status),
                                  ("has_target", self.has_target), ("latest_target", self.latest_target)) if v}


def dated_ask(question: str) -> DatedAsk | None:
    """The 工程表 part of a question, or None when it asks nothing of dates or targets."""
    q = unicodedata.normalize("NFKC", question or "").lower()
    if _LATEST.search(q):
        return DatedAsk(latest_target=True, has_target=True)
    has_target = bool(_TARGET.search(q))
    years = [(m, parse_year(re.sub(r"^r", "令和", m.group(0).strip(), flags=re.I))) for m in _Y.finditer(q)]
    if not years:
        return DatedAsk(has_target=True) if has_target else None
    first, y = years[0]
    after = q[first.end():first.end() + 12]
    ask = DatedAsk(has_target=has_target)
    if len(years) >= 2 and re.match(r"\s*(?:から|~|〜|-|–)", after):
        ask = replace(ask, year_from=y, year_to=years[1][1])
    elif re.match(r"\s*(?:以降|以後|から)", after):
        ask = replace(ask, year_from=y)
    elif re.match(r"\s*(?:末|中|内)?\s*(?:まで|までに)", after) and not re.match(
            r"\s*(?:末|中|内)?\s*まで(?:に)?\s*(?:を|が|の)?\s*(?:期限|目標|目途)", after):  # 「令和5年度末までに」 too
        ask = replace(ask, year_to=y, status="planned")  # 「2025年度までに終わるもの」: what is still due by then
    else:
        ask = replace(ask, year_from=y, year_to=y)
    rest = q[first.end():]
    if _DEADLINE.search(q) and not _START.search(rest):
        ask = replace(ask, kinds=("deadline",))
    elif _START.search(rest):
        ask = replace(ask, launch=True)
    elif _REVIEW.search(rest):
        ask = replace(ask, kinds=("review",))
    if _PAST.search(q):
        ask = replace(ask, status="past")
    elif _PLANNED.search(q) and not ask.status:
        ask = replace(ask, status="planned")
    return ask


def with_dated(filters: Filters, ask: DatedAsk | None, cards: Sequence[PolicyCard],
               roadmaps: Sequence[Roadmap]) -> Filters:
    """The caller's filters completed with what a 工程表 question asks, where the caller left that open."""
    if ask is None:
        return filters
    if ask.latest_target:
        ids = latest_target_ids(cards, roadmaps)
        return replace(filters, ids=filters.ids + tuple(i for i in ids if i not in filters.ids) or ("\x00none",),
                       has_target=True)
    if filters.dated or filters.has_target:
        return filters
    return replace(filters, year_from=ask.year_from, year_to=ask.year_to, kinds=ask.kinds, launch=ask.launch,
                   status=ask.status, has_target=ask.has_target)


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
