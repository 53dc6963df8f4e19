"""Round 15's overlap signals (eval/overlap_round15.py, issue 21): the action + object frames of a goal sentence with
the place abstracted away, the kind of count a KPI makes, and a Sinkhorn hubness correction. None ships (every one
ties or trails the shipped score under cross-validation, eval/README.md); these pin what each reads."""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from overlap_round15 import frames, kpi_kinds, kpi_stripped, sinkhorn  # noqa: E402


def test_a_goal_sentence_becomes_object_and_action_frames_without_its_place():
    import fugashi

    got = frames(fugashi.Tagger(), "沖縄県において超高速ブロードバンド環境整備促進事業を行い、人材育成を推進する")
    assert "ブロードバンド環境を整備" in got  # 促進 and 事業 give way to the stronger action before them
    assert "人材を育成" in got
    assert not any("沖縄" in f for f in got)  # the place slot is abstracted away


def test_a_kpi_is_read_for_what_it_counts_with_its_targets_and_dates_stripped(retriever):
    cards = {c.id: c for c in retriever.stored.cards}
    assert kpi_kinds(cards["03-19"]) == {"public bodies"}  # …活用を予定している地方公共団体数
    assert "people" in kpi_kinds(cards["06-03"])  # セキュリティ人材の育成数(…3,000人)
    assert "a rate" in kpi_kinds(cards["07-04"])  # …サービス利用率(…42.86%)
    stripped = kpi_stripped(cards["07-04"])
    assert "利用率" in stripped and "42" not in stripped and "令和" not in stripped


def test_sinkhorn_lowers_a_hub_card_that_is_close_to_everything():
    rng = np.random.default_rng(0)
    mix = rng.uniform(0.0, 0.2, (8, 8))
    mix = (mix + mix.T) / 2
    mix[0, 1:] = mix[1:, 0] = 0.5  # card 0 is close to every card
    out = sinkhorn(mix, 0.05)
    assert (out[0, 1:] - mix[0, 1:] < 0).all()  # the hub's pairs lose
    assert (out - out.T == 0).all()  # symmetric
