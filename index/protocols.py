"""The store contract the search stages use, as typing.Protocols: the local index (index.vectors.VectorStore,
index.bm25.BM25Index) and the Milvus store (index.milvus) both implement them, declared as subclasses so that the
type checker verifies every signature. The embedder's contract is index.embed.Embedder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Sequence

if TYPE_CHECKING:
    import numpy as np

    from .retrieve.results import Filters

__all__ = ["VectorSearch", "LexicalSearch"]


class VectorSearch(Protocol):
    """Inner-product search over the chunk vectors of one index."""

    kind: str  # "flat" (exact), "hnsw" (approximate, local) or "milvus"

    def __len__(self) -> int: ...

    @property
    def dim(self) -> int: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k nearest chunks of each query row, best first (ids -1 where fewer)."""
        ...

    def all_scores(self, query: np.ndarray, filters: Filters | None = None) -> np.ndarray:
        """Every chunk's score for one query (an approximate store: the nearest chunks their own, the rest a floor)."""
        ...

    def vectors(self) -> np.ndarray:
        """All chunk vectors as a float32 matrix (decoded where the store keeps codes)."""
        ...


class LexicalSearch(Protocol):
    """BM25 over the cards, per term kind ("words", "grams", "readings")."""

    def scores(self, kind: str, terms: Sequence[str], filters: Filters | None = None) -> np.ndarray:
        """Every card's BM25 score for the terms (a repeated term counts again)."""
        ...

    def df(self, kind: str, terms: Sequence[str]) -> np.ndarray:
        """How many cards hold each term."""
        ...

    def contains(self, kind: str, card: int, terms: Sequence[str]) -> np.ndarray:
        """Which of the terms one card holds."""
        ...
