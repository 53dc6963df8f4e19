"""The dense side: the question's embedding (remembered), chunk cosines, and one score per card."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Sequence, cast

import numpy as np

from ..config import SearchParams
from ..embed import Embedder
from ..store import StoredIndex
from ..vectors import VectorStore

__all__ = ["DenseScorer"]


class DenseScorer:
    """Scores cards by their best chunk: overview chunks mixed with the head chunk (name + KPIs)."""

    cache_size = 2048  # distinct questions remembered (chat retries, batch duplicates)

    def __init__(self, stored: StoredIndex, embedder: Embedder, params: SearchParams):
        self.stored, self.embedder, self.params = stored, embedder, params
        self.n = len(stored.cards)
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def query_vector(self, text: str) -> np.ndarray:
        v = self._cache.get(text)
        if v is None:
            v = self.embed([text])[0]
        return v

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed the texts not yet remembered in one engine call, remember them, and return all of them in order."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            vecs = self.embedder.embed_queries(missing)
            with self._lock:
                for t, v in zip(missing, vecs):
                    self._cache[t] = v
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        found = {t: self._cache.get(t) for t in texts}
        if any(v is None for v in found.values()):  # evicted by another thread meanwhile: embed those again
            return self.embedder.embed_queries(list(texts))
        return np.stack([cast(np.ndarray, found[t]) for t in texts]) if texts else np.zeros((0, self.embedder.dim), np.float32)

    #: Above the ANN threshold, the chunks of this many best lexical cards are scored exactly too (their vectors
    #: decoded from the index), so that the dense side tells the lexical candidates apart instead of giving most of
    #: them the same floor; and a filter that keeps at most EXACT_FILTERED chunks has all of them scored exactly
    #: (the nearest ANN_K chunks of a million may hold none of the few cards a filter keeps); a larger one has the
    #: graph searched among its chunks.
    LEXICAL_CANDIDATES = 200
    EXACT_FILTERED = 5_000

    def scores(self, query_vec: np.ndarray, filters=None, *, allowed: np.ndarray | None = None,
               candidates: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(chunk scores, card scores) of a question: see chunk_scores and card_scores."""
        chunk_s, floor = self._chunk_scores(query_vec, filters, allowed=allowed, candidates=candidates)
        return chunk_s, self.card_scores(chunk_s, floor)

    def chunk_scores(self, query_vec: np.ndarray, filters=None, *, allowed: np.ndarray | None = None,
                     candidates: np.ndarray | None = None) -> np.ndarray:
        """Every chunk's cosine: exact below the store's ANN threshold; above it the nearest chunks' own scores and a
        floor for the rest (index.vectors.VectorStore.all_scores), then exact scores for the chunks of the cards a
        filter keeps (when few) and of the best `candidates` (lexical scores per card)."""
        return self._chunk_scores(query_vec, filters, allowed=allowed, candidates=candidates)[0]

    def _chunk_scores(self, query_vec, filters, *, allowed, candidates) -> tuple[np.ndarray, float | None]:
        """The chunk scores and, above the ANN threshold, the floor every chunk not scored on its own got."""
        vectors = self.stored.vectors
        if not isinstance(vectors, VectorStore) or vectors.kind != "hnsw":
            # flat: exact already; Milvus: filters where it searches, vectors not at hand
            return vectors.all_scores(query_vec, filters), None
        chunks = self.stored.chunks
        cards = []
        if allowed is not None and not allowed.all():
            kept = np.flatnonzero(allowed)
            if (chunks.ends[kept] - chunks.starts[kept]).sum() <= self.EXACT_FILTERED:
                cards.append(kept)
                scores = vectors.all_scores(query_vec, filters)
            else:  # many chunks: the graph searched among the filter's chunks only
                scores = vectors.all_scores(query_vec, filters, chunk_mask=allowed[chunks.card])
        else:
            scores = vectors.all_scores(query_vec, filters)
        floor = float(scores.min()) if len(scores) else None  # the ANN's lowest fetched score, given to the rest
        if candidates is not None and candidates.any():
            pool = np.flatnonzero((candidates > 0) & (allowed if allowed is not None else True))
            top = min(self.LEXICAL_CANDIDATES, len(pool))
            if top:
                cards.append(pool[np.argpartition(-candidates[pool], top - 1)[:top]])
        if cards:
            ids = chunks.chunk_ids(np.unique(np.concatenate(cards)))
            scores = scores.copy()
            scores[ids] = vectors.scores_of(query_vec, ids)
        return scores, floor

    def similarity_to(self, seeds: Sequence[int], cards: Sequence[int]) -> np.ndarray | None:
        """How near each of `cards` lies to the `seeds` (a list's surest cards): the card score of the seeds' mean
        chunk vector, as a question's is scored; None where the store keeps its vectors elsewhere (Milvus). A topic
        list's later cards read like its first ones even where they share few of the question's words."""
        vectors = self.stored.vectors
        if not isinstance(vectors, VectorStore) or not len(seeds) or not len(cards):
            return None
        chunks = self.stored.chunks
        seed_ids = chunks.chunk_ids(np.asarray(seeds))
        if not len(seed_ids):
            return None
        centre = vectors.rows_of(seed_ids).mean(axis=0)
        centre /= float(np.linalg.norm(centre)) or 1.0
        cards_a = np.asarray(cards, dtype=np.int64)
        ids = chunks.chunk_ids(cards_a)
        scores = np.full(len(chunks), -1.0, dtype=np.float32)
        scores[ids] = vectors.scores_of(centre, ids)
        return self._mix(*chunks.card_max(scores, cards_a))

    #: the table's mean passage direction is read from at most this many passages (evenly spaced): enough for a mean
    MEAN_SAMPLE = 20_000

    def centred_closeness(self, query_vec: np.ndarray, cards: Sequence[int]) -> np.ndarray | None:
        """Per card of `cards`, the best cosine of one of its passages with the question once the table's mean passage
        direction is taken out of both (as report.similar.centred does for pairs): raw e5 cosines of one plan sit near
        0.8 whatever is asked, centred ones tell what a card says beyond the plan's common register. None where the
        store keeps its vectors elsewhere (Milvus)."""
        vectors = self.stored.vectors
        if not isinstance(vectors, VectorStore) or not len(cards) or not len(self.stored.chunks):
            return None
        mean = getattr(self, "_mean_passage", None)
        if mean is None:
            n = len(self.stored.chunks)
            rows = vectors.rows_of(np.unique(np.linspace(0, n - 1, min(n, self.MEAN_SAMPLE)).astype(np.int64)))
            rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
            mean = self._mean_passage = rows.mean(axis=0)
        cards_a = np.asarray(cards, dtype=np.int64)
        ids = self.stored.chunks.chunk_ids(cards_a)
        rows = vectors.rows_of(ids)
        rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12) - mean
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        q = np.asarray(query_vec, dtype=np.float32).reshape(-1)
        q = q / (float(np.linalg.norm(q)) or 1.0) - mean
        q /= float(np.linalg.norm(q)) or 1.0
        scores = np.full(len(self.stored.chunks), -1.0, dtype=np.float32)
        scores[ids] = rows @ q
        head, over = self.stored.chunks.card_max(scores, cards_a)
        return np.maximum(head, over)

    def card_scores(self, chunk_scores: np.ndarray, floor: float | None = None) -> np.ndarray:
        """Card score: best overview chunk, mixed with the head chunk (name + KPIs); vectorised over the chunk table.
        With `floor` (the score of every chunk the ANN search did not reach), only the cards of the other chunks are
        computed: every other card scores the floor (a million chunks' maxima cost ~16 ms a question)."""
        chunks = self.stored.chunks
        if floor is None:
            return self._mix(*chunks.card_max(chunk_scores))
        out = np.full(self.n, self._mix(np.array([floor]), np.array([floor]))[0])
        reached = np.unique(chunks.card[np.flatnonzero(chunk_scores != floor)])
        out[reached] = self._mix(*chunks.card_max(chunk_scores, reached))
        return out

    def _mix(self, head: np.ndarray, over: np.ndarray) -> np.ndarray:
        over = np.where(over < -0.5, head, over)
        w = self.params.head_weight
        return np.maximum((1 - w) * over + w * head, np.maximum(over, head) - 0.02)
