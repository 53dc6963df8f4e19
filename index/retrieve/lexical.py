"""The lexical side: BM25 over fugashi words, character bigrams and katakana-reading bigrams, and the term statistics
the no-answer decision reads."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..protocols import LexicalSearch
from ..config import SearchParams
from ..text import analyzer, char_ngrams

__all__ = ["TermStats", "LexicalScorer"]


class _DocFreq:
    """In how many cards a term occurs (`df[t]`; `t in df` when in any), read from the stored BM25 postings."""

    def __init__(self, index: LexicalSearch, kind: str):
        self.index, self.kind = index, kind

    def __getitem__(self, term: str) -> int:
        return int(self.index.df(self.kind, [term])[0])

    def __contains__(self, term: str) -> bool:
        return self[term] > 0

    def held(self, terms: list[str]) -> np.ndarray:
        """Which of `terms` occur in any card: one store call for all of them."""
        return self.index.df(self.kind, terms) > 0


class _CardTerms:
    """`t in sets[i]`: whether card i holds term t, by a binary search of the term's postings."""

    def __init__(self, index: LexicalSearch, kind: str):
        self.index, self.kind = index, kind

    def __getitem__(self, card: int) -> _OneCard:
        return _OneCard(self, int(card))


@dataclass(frozen=True)
class _OneCard:
    terms: _CardTerms
    card: int

    def __contains__(self, term: str) -> bool:
        return bool(self.held([term])[0])

    def held(self, terms: list[str]) -> np.ndarray:
        """Which of `terms` the card holds: one store call for all of them."""
        return np.asarray(self.terms.index.contains(self.terms.kind, self.card, terms), dtype=bool)


class TermStats:
    """Which words and reading bigrams each card has, and in how many cards each occurs: answered from the stored
    BM25 matrices (memory-mapped), not from per-card sets held in memory."""

    def __init__(self, n: int, index: LexicalSearch):
        self.n = n
        self.word_sets, self.reading_sets = _CardTerms(index, "words"), _CardTerms(index, "readings")
        self.word_df, self.reading_df = _DocFreq(index, "words"), _DocFreq(index, "readings")

    def idf(self, terms: list[str], df) -> np.ndarray:
        counts = df.index.df(df.kind, terms).astype(np.float64) if isinstance(df, _DocFreq) else \
            np.array([df[t] for t in terms], dtype=np.float64)
        return np.log(1 + self.n / (1 + counts))


class LexicalScorer:
    """Card scores for a text from three BM25 indexes (words, bigrams, readings), weighted by `params`."""

    def __init__(self, index: LexicalSearch, n_cards: int, params: SearchParams):
        self.params, self.index = params, index
        self.stats = TermStats(n_cards, index)

    def scores(self, text: str, filters=None) -> np.ndarray:
        an = analyzer()
        n = self.stats.n
        words = an.query_words(text, self.stats.word_df.held)
        grams = ["#" + g for g in char_ngrams(text)]
        s = self.index.scores("words", words, filters) if words else np.zeros(n, np.float32)
        if grams and self.params.gram_weight:
            s = s + self.params.gram_weight * self.index.scores("grams", grams, filters)
        readings = self.telling_readings(an.reading_grams(text)) if self.params.reading_weight else []
        if readings:
            s = s + self.params.reading_weight * self.index.scores("readings", readings, filters)
        return np.asarray(s, dtype=np.float64)

    def telling_readings(self, readings: list[str]) -> list[str]:
        """The question's reading bigrams less those most cards hold (see SearchParams.common_reading_share): on a
        large corpus their postings are most of the question's BM25 time and add a nearly flat score."""
        n = self.stats.n
        cap = max(self.params.common_reading_share * n, self.params.common_reading_cards)
        if not readings or cap >= n:
            return readings
        df = self.index.df("readings", readings)
        return [t for t, d in zip(readings, df) if d <= cap]
