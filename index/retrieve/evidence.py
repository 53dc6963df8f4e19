"""Evidence: the sentences of a card that match the question, with their field and character offsets."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..english import is_english
from ..store import StoredIndex
from ..text import analyzer, char_ngrams, english_keys, english_words_keys, sentence_spans
from .results import Evidence

__all__ = ["EvidenceFinder"]


class EvidenceFinder:
    """Ranks a card's sentences by their chunk's dense score plus bigram overlap with the question."""

    def __init__(self, stored: StoredIndex):
        self.stored = stored
        self._units: dict[int, list] = {}
        self._keys: dict[int, list[frozenset[str]]] = {}

    def _english_keys(self, i: int) -> list[frozenset[str]]:
        """text.english_keys of each of card i's sentences (as _sentence_units orders them), on the first English
        question about it."""
        keys = self._keys.get(i)
        if keys is None:
            keys = self._keys[i] = [english_keys(analyzer().tokens(ev.text)) for _, ev, _ in self._sentence_units(i)]
        return keys

    def _sentence_units(self, i: int) -> list[tuple[int, Evidence, frozenset]]:
        """(chunk index, sentence, its bigrams) for card i; computed once per card, on first use (a race computes the
        same list twice, harmlessly)."""
        units = self._units.get(i)
        if units is None:
            card, units = self.stored.cards[i], []
            for ci in self.stored.chunks.of_card(i):
                ch = self.stored.chunks[ci]
                if ch.field == "head":
                    spans = [(f, 0, len(t), t) for f, t in (("name", card.name), ("kpi_progress", card.kpi_progress),
                                                           ("kpi_effect", card.kpi_effect)) if t]
                else:
                    spans = [("overview", ch.start + a, ch.start + b, ch.text[a:b]) for a, b in sentence_spans(ch.text)]
                units.extend((int(ci), Evidence(t, a, b, f), frozenset(char_ngrams(t))) for f, a, b, t in spans)
            self._units[i] = units
        return units

    def find(self, i: int, text: str, chunk_scores: np.ndarray | None, n: int = 2) -> list[Evidence]:
        qgrams, english = _question_keys(text)
        keys = self._english_keys(i) if english else []
        scored = []
        for k, (ci, ev, grams) in enumerate(self._sentence_units(i)):
            base = float(chunk_scores[ci]) if chunk_scores is not None else 0.0
            overlap = len(qgrams & grams) / (len(qgrams) or 1)
            if english:
                overlap += sum(bool(w & keys[k]) for w in english) / len(english)
            scored.append((base + 0.5 * overlap - (0.02 if ev.field == "name" else 0.0), ev))
        scored.sort(key=lambda x: -x[0])
        return [e for _, e in scored[:n]]


@lru_cache(maxsize=256)
def _question_keys(text: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The question's bigrams and its English words' keys, read once for every card whose evidence a search shows."""
    # an English question's words meet the card's words by romaji, gloss or a loanword's consonants (the Osaka
    # Track: 「大阪トラック」), in place of the bigrams its Latin letters share with nothing
    # (a question that is not Japanese: English, or in no language of its own, "KPIs?", whose Latin words share no
    # bigram with the cards either)
    english = english_words_keys(text) if is_english(text) is not False else []
    return frozenset(char_ngrams(text)), tuple(english)
