"""The no-answer decision: does some card answer the question? A logistic model over a few signals, fitted on the
dev split (eval/fit_abstention.py)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import SearchParams
from ..text import analyzer
from .lexical import TermStats
from .understand import QUESTION_WORDS

__all__ = ["abstention_features", "abstain_probability", "Decision", "decide"]


def _share(terms: list[str], idf: np.ndarray, present) -> float:
    """IDF-weighted share of `terms` found in `present`."""
    return float(idf[[t in present for t in terms]].sum() / idf.sum()) if terms else 0.0


def abstention_features(stats: TermStats, text: str, dense: np.ndarray, order: list[int], english: bool) -> np.ndarray:
    """Signals that a question is answered by some card (see config.ABSTAIN_FEATURES): a peaked dense score, and
    question words/readings that the corpus and the top cards (`order[:3]`) contain."""
    top = float(dense[order[0]])
    # the whole corpus is the baseline, also when filters leave few cards
    z = (top - float(dense.mean())) / (float(dense.std()) + 1e-6)
    an = analyzer()
    words = [w for w in dict.fromkeys(an.words(text)) if w not in QUESTION_WORDS]
    corpus_cov = _share(words, stats.idf(words, stats.word_df), stats.word_df)
    top3 = order[:3]
    known = [w for w in words if w in stats.word_df or len(w) > 1]  # one-character unknowns are noise
    known_idf = stats.idf(known, stats.word_df)
    card_cov = max(_share(known, known_idf, stats.word_sets[i]) for i in top3)
    grams = list(dict.fromkeys(an.reading_grams(text)))
    # IDF-weighted, so that common syllable pairs (シス, ョウ) count little
    gidf = stats.idf(grams, stats.reading_df)
    reading_cov = max(_share(grams, gidf, stats.reading_sets[i]) for i in top3)
    card_cov = max(card_cov, reading_cov)  # hiragana-only questions have no usable words, only sounds
    return np.array([top, z, corpus_cov, card_cov, reading_cov, float(english)])


def abstain_probability(features: np.ndarray, params: SearchParams) -> float:
    """Probability that no card answers, from the fitted logistic model."""
    w = np.asarray(params.abstain_weights, dtype=np.float64)
    x = float(np.clip(features @ w + params.abstain_bias, -50, 50))
    return 1.0 / (1.0 + np.exp(-x))


@dataclass(frozen=True)
class Decision:
    """Whether to answer: `abstain` when no card answers; `p_none` the model's probability of that."""

    abstain: bool
    p_none: float
    features: np.ndarray


def decide(stats: TermStats, text: str, dense: np.ndarray, order: list[int], *, english: bool, kana: bool,
           params: SearchParams) -> Decision:
    f = abstention_features(stats, text, dense, order, english)
    p = abstain_probability(f, params)
    unlikely = p > params.abstain_threshold
    # kana-only questions also need few of their sounds in the best cards (the model misreads kana)
    abstain = unlikely and (f[4] < params.kana_min_reading if kana else True)
    return Decision(abstain, p, f)
