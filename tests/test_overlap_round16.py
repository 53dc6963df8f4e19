"""Round 16's overlap signals (eval/overlap_round16.py, issue 21): whom a measure serves, a second stage that re-ranks
only the shipped score's top pairs, and a ministry's register estimated without the pair being scored. None ships
(each ties or trails the shipped score under cross-validation, eval/README.md); these pin what each reads."""

import sys
from pathlib import Path

import numpy as np
import pytest

from index.report import similar
from index.report.similar import space_of

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from overlap_round16 import (beneficiaries, beneficiary_similarity, register_left_out, reranked,  # noqa: E402
                             strongest_part)


@pytest.fixture(scope="module")
def space(retriever, settings):
    return space_of(retriever.stored, retriever.embedder, cache_dir=settings.cache_dir)


def test_whom_a_measure_serves_is_read_from_its_own_words(retriever):
    cards = {c.id: c for c in retriever.stored.cards}
    assert "farmers and foresters" in beneficiaries(cards["03-41"])  # 林業事業者, 森林所有者
    assert "public bodies" in beneficiaries(cards["03-41"])  # 都道府県、市町村
    assert "universities and researchers" in beneficiaries(cards["06-10"])  # 博士人材
    assert "schools and pupils" in beneficiaries(cards["03-06"])  # 学校, 児童生徒


def test_a_beneficiary_every_card_names_weighs_nothing():
    sim = beneficiary_similarity([{"firms"}, {"firms", "patients and medical institutions"},
                                  {"firms", "patients and medical institutions"}, {"firms"}])
    assert sim[1, 2] == pytest.approx(1.0)  # the rare category carries the pair
    assert sim[0, 1] == pytest.approx(0.0)  # "firms" is named by every card: log(4 / 4) = 0


def test_the_second_stage_reorders_only_the_top_pairs():
    score = np.array([[0, .9, .8, .1], [.9, 0, .7, .2], [.8, .7, 0, .3], [.1, .2, .3, 0]], dtype=float)
    signal = np.zeros((4, 4))
    signal[1, 2] = signal[2, 1] = 1.0  # lifts (1, 2), a top-3 pair, above (0, 1)
    signal[0, 3] = signal[3, 0] = 5.0  # cannot lift (0, 3), which is outside the top 3
    out = reranked(score, signal, top=3, weight=0.5)
    assert out[1, 2] > out[0, 1] > out[0, 2]
    assert out[0, 3] < min(out[0, 1], out[0, 2], out[1, 2])


def test_the_strongest_part_is_the_best_rank_any_view_gives_the_pair():
    n = 5
    parts = {p: np.zeros((n, n)) for p in ("meaning", "wording", "purpose", "outcome")}
    parts["outcome"][0, 4] = parts["outcome"][4, 0] = 1.0  # first of all pairs by the outcome alone
    out = strongest_part(parts)
    assert out[0, 4] == pytest.approx(1.0)
    assert out[0, 4] > out[1, 2]


def test_a_ministrys_register_left_out_of_its_own_pair_brings_two_of_its_cards_closer(space):
    centred = similar.centred(space)
    meaning, purpose = register_left_out(centred)
    shipped = similar.pair_scores(space)
    pos = {c.id: i for i, c in enumerate(space.cards)}
    a, b = pos["03-41"], pos["05-32"]  # forest and farmland consolidation, both led by 農林水産省
    assert meaning[a, b] > shipped["meaning"][a, b]
    assert purpose[a, b] > shipped["purpose"][a, b]
    x, y = pos["07-01"], pos["07-04"]  # fibre in disadvantaged areas (総務省) and broadband in Okinawa (内閣府)
    assert not set(space.cards[x].lead_ministries) & set(space.cards[y].lead_ministries)
    assert meaning[x, y] == pytest.approx(shipped["meaning"][x, y], abs=0.02)  # different leads: as shipped
    # with nothing taken out, the parts are the centred ones
    m0, p0 = register_left_out(centred, 0.0)
    plain = similar._pair_scores(centred)
    iu = np.triu_indices(len(space), 1)
    assert np.allclose(m0[iu], plain["meaning"][iu], atol=1e-5) and np.allclose(p0[iu], plain["purpose"][iu], atol=1e-5)
