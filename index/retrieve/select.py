"""List selection: which of the ordered cards are the answer (one card's worth, every card of a list, every card a
structured question names) and which follow as related."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from ..config import SearchParams
from ..corpus import PolicyCard
from .fuse import zscore
from .results import Filters, kpi_status

__all__ = ["table_order", "select"]


def table_order(order: list[int], cards: Sequence[PolicyCard], filters: Filters) -> list[int]:
    """A question only about the table ("which measures does X lead / have no KPI yet"): every matching card, in table
    order, with the ministry's leads (and KPIs written 未設定, before blank ones) first."""
    return sorted(order, key=lambda i: (not any(m in cards[i].lead_ministries for m in filters.ministries),
                                        filters.kpi_unset and kpi_status(cards[i]), i))


def select(order: list[int], fused: np.ndarray, dense: np.ndarray, allowed: np.ndarray, *, is_list: bool,
           top_k: int, params: SearchParams, confidence: Callable[[int], float] | None = None
           ) -> tuple[list[int], list[int]]:
    """(answer cards, related cards). A list's answer is, given each card's `confidence`, every card of the first
    `list_max` that reaches `list_confidence`; without it, every card close to the best one, by fused z-score
    (lexical matches count) or by meaning alone. The nearest others follow as related, up to `top_k` in all."""
    if not (is_list and order):
        return order[:top_k], []
    if confidence is not None:
        selected = [i for i in order[:params.list_max] if confidence(i) >= params.list_confidence] or order[:1]
        chosen = set(selected)
        return selected, [i for i in order if i not in chosen][: max(0, top_k - len(selected))]
    z = zscore(np.where(allowed, fused, 0.0), allowed)
    top_dense = dense[allowed].max()
    # every allowed card close to the best one, in the fused order (`order` may hold only the first cards of it)
    close = np.flatnonzero(allowed & ((z >= z[order[0]] - params.list_margin)
                                      | (dense >= top_dense - params.list_dense_margin)))
    keep = close[np.lexsort((close, -fused[close]))][: params.list_max].tolist()
    selected = keep or order[:1]
    chosen = set(selected)
    return selected, [i for i in order if i not in chosen][: max(0, top_k - len(selected))]
