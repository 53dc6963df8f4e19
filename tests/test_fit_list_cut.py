"""The per-question cuts eval/fit_list_confidence.py --cut tries in place of list_threshold, on a list's ratings."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from fit_list_confidence import expected_f1_cut, gap_cut, relative_cut  # noqa: E402

# a list whose model rates two cards sure, two likely and the rest unlikely (candidates in the ranking's order)
RATINGS = np.array([0.95, 0.6, 0.9, 0.5, 0.2, 0.1, 0.05])


def test_expected_f1_takes_the_likely_cards_of_calibrated_ratings():
    # taken at their word, a card at 0.5 adds more expected F1 than it costs: the four surest count
    assert expected_f1_cut(RATINGS).tolist() == [True, True, True, True, False, False, False]
    # ratings read as less sure (logits moved down) count the two sure cards only
    assert expected_f1_cut(RATINGS, shift=-1.0).tolist() == [True, False, True, False, False, False, False]


def test_expected_f1_counts_one_card_at_least():
    assert expected_f1_cut(np.array([0.1, 0.05])).tolist() == [True, False]


def test_relative_and_gap_cuts():
    # 70 % of the surest card's 0.95 is a bar of 0.665: the two sure cards
    assert relative_cut(RATINGS, 0.7, 0.25, 0.85).tolist() == [True, False, True, False, False, False, False]
    # a weak list (best 0.4) keeps its bar at the lower bound: 0.35 counts beside 0.4
    assert relative_cut(np.array([0.4, 0.35, 0.1]), 0.7, 0.25, 0.85).tolist() == [True, True, False]
    # everything from 0.85, then down to the widest drop among the ratings from 0.3 (0.9 → 0.6)
    assert gap_cut(RATINGS, 0.3, 0.85).tolist() == [True, False, True, False, False, False, False]
