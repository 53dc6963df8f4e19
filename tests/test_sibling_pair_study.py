"""eval/sibling_pair_study.py: the top two cards of a question read as a pair, and the votes that may swap them."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from sibling_pair_study import (FEATURES, Reader, gap_vote, pair_of, searched,  # noqa: E402
                                standalone_turns, turns_riding)


def row(**values: float) -> np.ndarray:
    return np.array([values.get(f, 0.0) for f in FEATURES])


def test_the_shipped_rerank_is_the_gap_vote_at_margin_0_2():
    # the 2nd card's own words outweigh the 1st's (idf 1.9) in a close pair (gap 0.01): swapped; the same pair 0.3
    # apart is left alone, and so is a close pair where the 1st's words weigh more
    x = np.array([row(idf=1.9, gap=0.01), row(idf=1.9, gap=0.3), row(idf=-2.3, gap=0.05)])
    fixed = np.zeros(3, bool)
    assert gap_vote(x, fixed, 0.2).tolist() == [True, False, False]
    # a wider margin with a bar rising with the gap: 1.9 > 2 × 0.3 swaps the second too
    assert gap_vote(x, fixed, 0.5, slope=2.0).tolist() == [True, True, False]
    # a question the search answers by other means (a listing) is never swapped
    assert gap_vote(x, np.array([True, False, False]), 0.2).tolist() == [False, False, False]


def test_the_questions_are_the_tuning_splits_standalone_turns():
    turns = standalone_turns()
    folds = {fold for fold, _, _ in turns}
    # dev … dev25 (dev6 has lists only) and the single-question set's dev split; a rewording is in its original's fold
    assert {"dev", "dev2", "dev24", "dev25", "qdev"} <= folds
    assert not any(f.startswith("test") or f in ("dev6", "dev26", "dev27") for f in folds)
    assert len({text for _, text, _ in turns}) == len(turns)  # a question asked in two files counts once
    # every one expects a card
    assert all(expected for _, _, expected in turns)


def test_a_turn_and_the_follow_ups_on_its_card_ride_on_it():
    # dev23's 「山ん中とか道で携帯…」 opens a topic (07-02): it and the questions asked of that card after it
    text = "あとさ、山ん中とか道で携帯つながんないとこ、なんとかしてくれるやつない？"
    assert text in {t for _, t, _ in standalone_turns()}
    assert turns_riding({text})[text] >= 1
    assert turns_riding({"どこにもない質問"}) == {}


def test_mountain_coverage_pair_reads_the_second_cards_own_words(retriever):
    # fused alone, 07-03 (railway tunnels) is a hair above 07-02 (coverage in disadvantaged areas); the question's
    # "mountain areas" reads as 07-02's own words (条件不利地域 / 過疎): the vote is for the 2nd
    question = "Is there a plan for mobile phone coverage in mountain areas?"
    s = searched(retriever, question)
    assert s is not None
    pair = pair_of(retriever, Reader(retriever), "example", question, ("07-02",), s)
    assert pair is not None
    ids = [c.id for c in retriever.cards]
    assert (ids[pair.a], ids[pair.b]) == ("07-03", "07-02")
    x = dict(zip(FEATURES, pair.x))
    assert x["idf"] > 0 and 0 <= x["gap"] < 0.2
    assert gap_vote(pair.x[None, :], np.array([pair.fixed]), 0.2).tolist() == [True]
