"""What a chat answer leaves unsaid when it finds nothing: a card the user's own filters excluded (「総務省・主担当のみ」
leaves out 04-03, led by 内閣官房), or a 施策番号 the table does not have (12-34). Said as notes on the answer, so the
analyst knows whether the table lacks it or the filters hid it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .retrieve import Filters

__all__ = ["explain", "describe_filters_ja", "unknown_ids"]

_IDS = re.compile(r"(?<!\d)(\d{2})\s*[-‐－ー]\s*(\d{2})(?!\d)")


def describe_filters_ja(f: Filters) -> str:
    """The filters the user set, as a short Japanese phrase: 「総務省・主担当のみ、章 03」."""
    parts = []
    if f.ministries:
        parts.append("、".join(f.ministries) + ("・主担当のみ" if f.lead_only else ""))
    if f.chapters:
        parts.append("章 " + "、".join(f.chapters))
    if f.articles:
        parts.append("、".join(f.articles))
    if f.guides:
        parts.append("手引 " + "、".join(f.guides))
    return "、".join(parts)


def unknown_ids(question: str, cards) -> list[str]:
    """施策番号 written in the question that no card has."""
    known = {c.id for c in cards}
    named = [f"{a}-{b}" for a, b in _IDS.findall(unicodedata.normalize("NFKC", question or ""))]
    return [i for i in dict.fromkeys(named) if i not in known]


def explain(retriever, answer, filters: Filters, top_k: int = 10, mode: str = "hybrid"):
    """`answer` with what hid the cards said: an unknown 施策番号 replaces the misleading 「絞り込み条件に合う施策が
    ありません」, and when the user's filters left no answer, the cards the same question answers without them."""
    missing = unknown_ids(answer.question, retriever.cards)
    if missing and not answer.answers:
        ids = sorted(c.id for c in retriever.cards)
        direct = (f"施策番号 {'、'.join(missing)} の施策は、この施策集にありません"
                  f"（施策番号は {ids[0]}〜{ids[-1]} の {len(ids)} 件）。")
        return replace(answer, direct=direct)
    user_set = replace(filters, ids=())
    if answer.answers or not user_set or answer.kind == "unreadable":
        return answer
    unfiltered = retriever.search(answer.searched or answer.question, top_k=top_k, mode=mode,
                                  filters=Filters(ids=filters.ids))
    hidden = [h.card for h in unfiltered.answers if not user_set.allows(h.card)]
    if not hidden:
        return answer
    names = "、".join(f"[{c.id}] {c.name}（主担当: {'、'.join(c.lead_ministries) or '記載なし'}）" for c in hidden[:5])
    more = f" ほか {len(hidden) - 5} 件" if len(hidden) > 5 else ""
    note = (f"絞り込み（{describe_filters_ja(user_set)}）で除外された施策があります: {names}{more}。"
            f"絞り込みを外すと表示されます。")
    return replace(answer, notes=[*answer.notes, note])
