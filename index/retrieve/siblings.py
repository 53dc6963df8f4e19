"""The sibling rerank: two close cards of the fused order told apart by the words only one of them writes.

The misses that fusion weights cannot fix are sibling cards: the right card ranked 2nd, just behind a similar one
(07-01 光ファイバ整備 and 07-02 携帯電話の不感地帯解消; 07-09 and 06-09 on ICT in schools). Where the top two are within
`SearchParams.sibling_margin` of each other in fused score, the question's nouns (as the analyser reads them, with the
glossary's table terms for its everyday and English words) are compared with each card's words that the other does
not write (name, overview, KPIs; only words at most `sibling_df_max` cards write, so 施策 or データ does not count):
where the 2nd card's own words outweigh the 1st's (by idf), the 2nd goes first. Chosen leave-one-split-out by
eval/ranking_study.py --sibling (held hit@1 0.9628 → 0.9680 over 1,157 standalone tuning questions). The
question is read as asked (Query.original): the understood text may be only its last sentence."""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

import numpy as np

from ..text import analyzer
from .card_words import CardWords
from .glossary import table_terms

__all__ = ["card_counts", "question_nouns", "second_first"]


def card_counts(card_words: CardWords) -> Counter[str]:
    """How many cards write each word (name, overview, KPIs): CardWords.counts."""
    return card_words.counts


def question_nouns(text: str) -> frozenset[str]:
    """The nouns of a question (lemmas, content words only), with the words of the glossary's table terms for its
    everyday and English words (スマホ → スマートフォン, rural areas → 過疎, 離島 …)."""
    an = analyzer()
    tokens = an.tokens(text)
    nouns = {t.base for t in tokens if t.pos.startswith("名詞")} & set(an.words_of(tokens))
    terms = table_terms(text)
    return frozenset(nouns | (set(an.words(terms)) if terms else set()))


def second_first(order: Sequence[int], fused: np.ndarray, text: str, card_words: CardWords, counts: Counter[str],
                 margin: float, df_max: int) -> bool:
    """Whether the 2nd card of `order` answers the question `text` better than the 1st: the two are within `margin`
    in fused score and the question's nouns that only the 2nd writes outweigh (summed idf) those only the 1st
    writes, counting words at most `df_max` cards write."""
    if margin <= 0 or len(order) < 2:
        return False
    a, b = int(order[0]), int(order[1])
    if fused[a] - fused[b] >= margin:
        return False
    nouns = question_nouns(text)
    wa, wb = card_words.words[a], card_words.words[b]
    n = len(card_words)

    def weight(words: frozenset[str]) -> float:
        return sum(math.log(n / counts[w]) for w in words & nouns if 0 < counts[w] <= df_max)

    return weight(wb - wa) > weight(wa - wb)
