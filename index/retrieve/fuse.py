"""Fusion: the lexical and dense card scores put on one scale and summed (or reciprocal-rank fused), then ordered."""

from __future__ import annotations

import numpy as np

from ..config import Fusion, SearchMode, SearchParams

__all__ = ["fuse", "ranked", "zscore"]


def _ranks(scores: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """1-based ranks by descending score; cards that are not valid get rank inf."""
    ranks = np.full(len(scores), np.inf)
    idx = np.flatnonzero(valid)
    order = idx[np.argsort(-scores[idx], kind="stable")]
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def zscore(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    if not mask.any():
        return np.zeros_like(x)
    sd = x[mask].std()
    return (x - x[mask].mean()) / sd if sd > 0 else np.zeros_like(x)


def _minmax(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    if not mask.any():
        return np.zeros_like(x)
    lo, hi = x[mask].min(), x[mask].max()
    return (x - lo) / (hi - lo) if hi > lo else np.where(mask, 1.0, 0.0)


def fuse(dense: np.ndarray, lexical: np.ndarray, allowed: np.ndarray, params: SearchParams, mode: SearchMode, *,
         lexical_weight: float = 1.0, dense_weight: float = 1.0, lead: np.ndarray | None = None) -> np.ndarray:
    """One score per card (-inf where not `allowed`). `lexical_weight` / `dense_weight` scale a side for questions it
    reads badly (English for the lexical side, kana for the dense side); cards in `lead` (led by a ministry the
    question names) are lifted above the others."""
    p = params
    if mode == SearchMode.BM25:
        fused = lexical.copy()
    elif mode == SearchMode.DENSE:
        fused = dense.copy()
    elif p.fusion == Fusion.RRF:
        fused = dense_weight / (p.rrf_k + _ranks(dense, allowed))
        fused = fused + lexical_weight / (p.rrf_k + _ranks(lexical, allowed & (lexical > 0)))
    else:  # a weighted sum of scores put on one scale: a confident side outweighs an unsure one
        norm = zscore if p.fusion == Fusion.ZSCORE else _minmax
        fused = (p.dense_weight * dense_weight * norm(dense, allowed)
                 + (1 - p.dense_weight) * lexical_weight * norm(lexical, allowed))
    if lead is not None:
        fused = fused + p.ministry_boost * lead * (fused.max() - fused.min() + 1e-9) * 0.1
    return np.where(allowed, fused, -np.inf)


def ranked(fused: np.ndarray, allowed: np.ndarray, limit: int | None = None) -> list[int]:
    """Allowed cards, best first (ties keep table order); with `limit`, only the first `limit` of that order, found
    without sorting every card (a full sort and list of 300k cards took ~175 ms here)."""
    idx = np.flatnonzero(allowed)
    if limit is None or len(idx) <= limit:
        order = np.argsort(-fused, kind="stable")
        return order[allowed[order]].tolist()  # no Python loop over every card
    values = fused[idx]
    cut = -np.partition(-values, limit - 1)[limit - 1]  # the limit-th best score
    above, tied = idx[values > cut], idx[values == cut]  # tied cards in table order, as a stable sort keeps them
    chosen = np.concatenate([above, tied[:limit - len(above)]])
    return chosen[np.lexsort((chosen, -fused[chosen]))].tolist()
