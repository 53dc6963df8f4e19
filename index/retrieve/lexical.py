"""The lexical side: BM25 over fugashi words, character bigrams and katakana-reading bigrams, and the term statistics
the no-answer decision reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..config import SearchParams
from ..text import analyzer, char_ngrams

__all__ = ["TermStats", "LexicalScorer"]


@dataclass(frozen=True)
class TermStats:
    """Which words and reading bigrams each card has, and in how many cards each occurs."""

    n: int
    word_sets: list[frozenset[str]]
    reading_sets: list[frozenset[str]]
    word_df: Counter
    reading_df: Counter

    def idf(self, terms: list[str], df: Counter) -> np.ndarray:
        return np.array([np.log(1 + self.n / (1 + df[t])) for t in terms])


class LexicalScorer:
    """Card scores for a text from three BM25 indexes (words, bigrams, readings), weighted by `params`."""

    def __init__(self, card_terms: Sequence[Sequence[str]], params: SearchParams):
        import bm25s

        self.params = params
        words = [[t for t in terms if t[0] not in "#~"] for terms in card_terms]
        grams = [[t for t in terms if t[0] == "#"] for terms in card_terms]
        readings = [[t for t in terms if t[0] == "~"] for terms in card_terms]
        self._words, self._grams, self._readings = bm25s.BM25(), bm25s.BM25(), bm25s.BM25()
        self._words.index(words, show_progress=False)
        self._grams.index(grams, show_progress=False)
        self._readings.index(readings, show_progress=False)
        word_sets = [frozenset(w) for w in words]
        reading_sets = [frozenset(r) for r in readings]
        self.stats = TermStats(len(card_terms), word_sets, reading_sets,
                               Counter(w for ws in word_sets for w in ws), Counter(g for rs in reading_sets for g in rs))

    def scores(self, text: str) -> np.ndarray:
        an = analyzer()
        n = self.stats.n
        words = an.words(text)
        grams = ["#" + g for g in char_ngrams(text)]
        s = self._words.get_scores(words) if words else np.zeros(n, np.float32)
        if grams and self.params.gram_weight:
            s = s + self.params.gram_weight * self._grams.get_scores(grams)
        readings = an.reading_grams(text)
        if readings and self.params.reading_weight:
            s = s + self.params.reading_weight * self._readings.get_scores(readings)
        return np.asarray(s, dtype=np.float64)
