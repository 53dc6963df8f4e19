"""`seisaku similar`: overlapping cards of the bundled table (checked by reading them), and a modified copy of the
table compared against it, whose labels are known (eval/table_changes.py, test split: thresholds came from dev)."""

import base64
import json
import sys
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from app.cli import main
from index.report import charts
from index.report.overlap_files import overlap_figures, write_comparison, write_overlap
from index.report.similar import (PAIR_WEIGHTS, combine, compare, crowding, nearness_rank, outcome_text, overlap,
                                  pair_scores, space_of, space_of_file)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
from table_changes import write_modified_table  # noqa: E402

# Pairs read and judged near-duplicates (same programme in two places, or successive steps of one system):
#  03-16/03-17 both share disaster information through SIP4D (内閣府); 02-10/03-43 port digitalisation and its
#  logistics platform Cyberport; 03-18/03-21, 03-19/03-20, 03-20/03-21 successive steps of disaster-victim
#  procedures (罹災証明 → 台帳 → マイナポータル → 支援金); 06-01/06-05 the security-talent programmes (セキュリティ・
#  キャンプ …) that 内閣官房 coordinates and 経済産業省 runs; 06-03/06-11 the two NICT security exercises of 総務省;
#  03-03/03-04 learning-data infrastructure by 文部科学省 and by 総務省; 03-01/03-03 GIGA devices and their data;
#  02-07/02-08 police traffic-data research for automated driving (a dev overlap of eval/overlap_pairs.jsonl).
NEAR_DUPLICATES = {frozenset(p) for p in [("03-16", "03-17"), ("02-10", "03-43"), ("03-18", "03-21"), ("02-07", "02-08"),
                                          ("03-19", "03-20"), ("03-20", "03-21"), ("06-01", "06-05"),
                                          ("06-03", "06-11"), ("03-03", "03-04"), ("03-01", "03-03")]}


@pytest.fixture(scope="module")
def space(retriever, settings):
    return space_of(retriever.stored, retriever.embedder, cache_dir=settings.cache_dir)


@pytest.fixture(scope="module")
def ov(space):
    return overlap(space)


def test_the_top_pairs_are_the_near_duplicates_read_in_the_table(ov):
    top = [frozenset((p.a, p.b)) for p in ov.pairs[:6]]
    assert all(p in NEAR_DUPLICATES for p in top), top
    assert sum(frozenset((p.a, p.b)) in NEAR_DUPLICATES for p in ov.pairs) >= 7
    scores = [p.score for p in ov.pairs]
    assert scores == sorted(scores, reverse=True) and all(s >= ov.threshold for s in scores)


def test_pairs_say_what_they_share_and_whether_two_ministries_lead(ov):
    pairs = {frozenset((p.a, p.b)): p for p in ov.pairs}
    sip4d = pairs[frozenset(("03-16", "03-17"))]
    assert "災害" in sip4d.shared_terms and not sip4d.cross_ministry  # 内閣府 leads both
    talent = pairs[frozenset(("06-01", "06-05"))]
    assert talent.cross_ministry and "人材" in talent.shared_terms  # 内閣官房 and 経済産業省
    port = pairs[frozenset(("02-10", "03-43"))]
    assert "港湾" in port.shared_terms
    w = PAIR_WEIGHTS
    for p in ov.pairs:  # the score is the explained mix of its parts
        assert p.score == pytest.approx(min(1.0, w["meaning"] * p.meaning + w["wording"] * p.wording
                                            + w["purpose"] * p.purpose + w["outcome"] * p.outcome
                                            + w["chapter"] * p.same_chapter - p.crowding), abs=1e-4)
    # why each pair was flagged: the passages that share a purpose (their own text), the terms, the KPI words
    assert "目的の近い文" in sip4d.reasons[0] and "災害対応" in sip4d.purpose_passages[0]
    cards = {c.id: c for c in ov.cards}
    assert sip4d.purpose_passages[1] in cards["03-17"].overview
    assert talent.reasons[0] == "主担当が異なる" and talent.shared_kpi
    assert sip4d.to_dict()["reasons"] == sip4d.reasons


def test_two_measures_closing_the_same_gap_in_different_words_are_listed_and_say_why(ov):
    # 07-01 optical fibre in disadvantaged areas (総務省) and 07-04 broadband in Okinawa (内閣府): fewer shared words
    # than most listed pairs, but each is the other's nearest card once the plan's common direction and each
    # ministry's register are taken out, which lifts it into the default list
    pairs = {frozenset((p.a, p.b)): p for p in ov.pairs}
    fibre = pairs[frozenset(("07-01", "07-04"))]
    assert fibre.cross_ministry and max(fibre.nearness) <= 3
    assert fibre.wording < np.median([p.wording for p in ov.pairs])
    assert fibre.reasons[0] == "主担当が異なる" and any("互いに近い施策" in r for r in fibre.reasons)
    ranked = [frozenset((p.a, p.b)) for p in ov.pairs]
    assert len(ranked) >= 50  # the default list is long enough to hold the overlaps (it once stopped at 13)
    assert ranked.index(frozenset(("07-01", "07-04"))) < 30


def test_a_measure_is_judged_by_its_effect_kpi_else_its_progress_kpi_else_its_name():
    from index.corpus import PolicyCard

    card = PolicyCard(id="01-01", name="遠隔診療の推進", overview="", kpi_progress="研修の受講者数",
                      kpi_effect="遠隔診療の算定件数")
    assert outcome_text(card) == "遠隔診療の算定件数"
    unset = PolicyCard(id="01-02", name="港湾の電子化", overview="", kpi_progress="接続可能な港湾関係者数",
                       kpi_effect="未設定(令和4年度以降に検討)")
    assert outcome_text(unset) == "接続可能な港湾関係者数"  # a KPI not yet set says nothing of the outcome
    blank = PolicyCard(id="01-03", name="国際的なデータ流通の推進", overview="")
    assert outcome_text(blank) == "国際的なデータ流通の推進"


def test_two_measures_for_different_road_users_judged_by_the_same_count_say_so(ov, space, retriever):
    # 02-06 TSPS (signal information for drivers) and 02-09 高度化PICS (for visually impaired pedestrians): the same
    # roadside infrastructure for two kinds of user, counted the same way (整備交差点数; a dev overlap of
    # eval/overlap_pairs.jsonl)
    pairs = {frozenset((p.a, p.b)): p for p in ov.pairs}
    signals = pairs[frozenset(("02-06", "02-09"))]
    assert signals.outcome >= 0.5 and signals.outcome_texts == ("TSPS整備交差点数", "高度化PICS整備交差点数")
    assert any(r.startswith("成果の KPI が近い: 「TSPS整備交差点数」") for r in signals.reasons)
    assert signals.to_dict()["outcome_texts"] == list(signals.outcome_texts)
    # without an embedder the outcome is left out of the score (and of the reasons), the rest unchanged
    plain = {frozenset((p.a, p.b)): p for p in overlap(space_of(retriever.stored), threshold=0.2).pairs}
    alone = plain[frozenset(("02-06", "02-09"))]
    assert alone.outcome == 0.0 and alone.outcome_texts == ("", "") and not any("成果" in r for r in alone.reasons)
    assert alone.purpose == pytest.approx(signals.purpose) and alone.wording == pytest.approx(signals.wording)


def test_the_score_recombines_from_its_parts_with_another_chapter_bonus_or_k(space):
    # eval/overlap.py --cv chooses the chapter bonus and k on part of the labelled pairs through `combine`
    parts = pair_scores(space)
    score, _, crowd = combine(parts)
    assert np.allclose(score, parts["score"]) and np.allclose(crowd, parts["crowding"])
    no_bonus, _, _ = combine(parts, chapter=0.0)
    same = parts["chapter"].astype(bool)
    assert np.allclose((score - no_bonus)[same], PAIR_WEIGHTS["chapter"]) and np.allclose((score - no_bonus)[~same], 0)
    assert not np.allclose(combine(parts, k=3)[2], crowd)  # fewer neighbours: another crowding


def test_cross_validation_counts_held_out_overlaps_under_settings_chosen_on_the_others():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from overlap import cross_validated

    # twelve cards: four planted overlaps close in every part, the other pairs apart
    rng = np.random.default_rng(0)
    noise = rng.uniform(0.0, 0.1, (12, 12))
    base = (noise + noise.T) / 2
    planted = [(0, 1), (2, 3), (4, 5), (6, 7)]
    for i, j in planted:
        base[i, j] = base[j, i] = 0.8
    parts = {name: base.copy() for name in ("meaning", "wording", "purpose", "outcome")}
    parts["chapter"] = np.zeros((12, 12), dtype=bool)
    cv = cross_validated(parts, [frozenset(p) for p in planted], [], top=4, repeats=5)
    assert cv["settings"] == 12 and cv["of"] == 4
    assert cv["loo"] == 4 and cv["two_fold"] == pytest.approx(4.0) and cv["in_split"] == (4, 4.0, 4)
    assert cv["by_card"] == pytest.approx(4.0)  # every card's overlaps held out together: still all four


def test_the_dev_split_reads_both_blind_labellings_and_the_test_split_only_the_first():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from overlap import LABELS, LABELS2, _rows, split_labels

    pair = lambda r: frozenset((r["a"], r["b"]))  # noqa: E731
    dev, test = split_labels("dev"), split_labels("test")
    first = _rows(LABELS)
    assert [pair(r) for r in test] == [pair(r) for r in first if r["split"] == "test"]
    assert len({pair(r) for r in dev}) == len(dev)  # a pair both readers labelled counts once
    assert {pair(r) for r in _rows(LABELS2)} <= {pair(r) for r in dev}
    assert not {pair(r) for r in dev} & {pair(r) for r in test}  # no test pair is tuned on
    assert sum(r["label"] == "overlap" for r in dev) > sum(r["label"] == "overlap" for r in first if r["split"] == "dev")


def test_each_readers_dev_overlaps_can_be_counted_apart_and_together_they_are_the_dev_overlaps():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from overlap import labellings, split_labels

    pair = lambda r: frozenset((r["a"], r["b"]))  # noqa: E731
    dev = {pair(r) for r in split_labels("dev") if r["label"] == "overlap"}
    by = {name: {pair(r) for r in rows} for name, rows in labellings("dev").items()}
    assert set(by) == {"first labelling", "second labelling"}
    assert by["first labelling"] | by["second labelling"] == dev
    assert by["first labelling"] & by["second labelling"]  # the pairs both readers call overlaps count in each
    test = {pair(r) for r in split_labels("test") if r["label"] == "overlap"}
    assert {pair(r) for r in labellings("test")["first labelling"]} == test and not test & dev


def test_a_whole_search_is_cross_validated_so_a_design_that_fits_only_the_pairs_it_was_picked_on_gets_no_credit():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from overlap import cross_validated_scores

    # ten cards, four labelled overlaps; each candidate score ranks one overlap first and buries the rest (a design
    # that fits the one pair it was looked at on), one honest candidate ranks all four in the top 4
    planted = [(0, 1), (2, 3), (4, 5), (6, 7)]
    overlaps = [frozenset(p) for p in planted]
    noise = np.random.default_rng(1).uniform(0.0, 0.1, (10, 10))
    noise = (noise + noise.T) / 2

    def ranking(lifted: list[tuple[int, int]], buried: list[tuple[int, int]]) -> np.ndarray:
        s = noise.copy()
        for i, j in lifted:
            s[i, j] = s[j, i] = 0.9
        for i, j in buried:
            s[i, j] = s[j, i] = -1.0
        return s

    overfit = [ranking([p], [q for q in planted if q != p]) for p in planted]
    honest = ranking(planted, [])
    alone = cross_validated_scores(overfit, overlaps, [], top=4, repeats=20)
    assert alone["in_split"][2] == 1 and alone["loo"] == 0  # each held-out pair lies under a design fit to the others
    searched = cross_validated_scores(overfit + [honest], overlaps, [], top=4, repeats=20)
    assert searched["settings"] == 5 and searched["loo"] == 4 and searched["two_fold"] == pytest.approx(4.0)


def test_a_dev_run_never_names_a_top_pair_it_has_no_label_for():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    from overlap import shown_top

    ids = ["02-06", "02-09", "03-16", "03-17"]
    top = [frozenset((2, 3)), frozenset((0, 3)), frozenset((0, 1))]
    labels = {frozenset((2, 3)): "overlap", frozenset((0, 1)): "shared_words"}  # this split's labels and the pool's
    shown, hidden = shown_top(top, ids, labels)
    assert shown == ["03-16/03-17(o)", "02-06/02-09(s)"] and hidden == 1  # 02-06/03-17: counted, not named


def test_crowding_lowers_a_card_close_to_everything_and_lifts_two_cards_that_only_find_each_other():
    # two pairs equally close by the mix (0.4): cards 0/1 sit in a crowd (0, 1, 4 and 5 are all alike), while cards
    # 2/3 say the same thing in other words and are far from everything else
    mix = np.full((6, 6), 0.05)
    for i, j, x in [(0, 1, 0.4), (0, 4, 0.4), (0, 5, 0.4), (1, 4, 0.3), (1, 5, 0.3), (4, 5, 0.3), (2, 3, 0.4)]:
        mix[i, j] = mix[j, i] = x
    np.fill_diagonal(mix, 1.0)
    crowd = crowding(mix, k=2)
    assert crowd[0, 1] > 0 > crowd[2, 3]
    assert (mix - crowd)[2, 3] > (mix - crowd)[0, 1]  # the pair that only finds each other now ranks first
    assert nearness_rank(mix)[2, 3] == nearness_rank(mix)[3, 2] == 1 and nearness_rank(mix)[1, 0] == 1
    assert not crowding(mix[:2, :2]).any()  # two cards: no neighbourhood to compare with


def test_centring_takes_out_what_every_card_shares():
    # four cards whose passages all lean the same way (as any two e5 passages of one plan do); cards 0 and 1 share
    # a topic beyond that, cards 2 and 3 have topics of their own
    from collections import Counter

    from index.corpus import PolicyCard
    from index.report.similar import CardSpace, centred

    common, topic, own2, own3 = np.eye(4)
    passages = np.array([common + 0.3 * topic, common + 0.3 * topic, common + 0.3 * own2, common + 0.3 * own3])
    passages /= np.linalg.norm(passages, axis=1, keepdims=True)
    cards = [PolicyCard(id=f"01-0{i}", name=str(i), overview="") for i in range(4)]
    space = CardSpace(cards, passages.astype(np.float32), [Counter() for _ in cards], passages.astype(np.float32),
                      np.arange(4), np.zeros(4, dtype=bool), ["a", "b", "c", "d"])
    raw = space.vectors @ space.vectors.T
    assert raw[2, 3] > 0.9  # the shared lean alone makes two unrelated cards look alike
    flat = centred(space).vectors @ centred(space).vectors.T
    assert flat[0, 1] > 0.9 and flat[2, 3] < 0.1  # the shared topic stays, the shared lean is gone
    assert centred(space).passage_texts == space.passage_texts  # the same passages, so reasons quote the same text


def test_a_ministrys_register_is_taken_out_so_two_ministries_measures_for_one_purpose_come_together():
    # cards 0 and 1 are led by 総務省 and share its register; cards 2 and 3 by 内閣府; cards 1 and 2 serve one
    # purpose in different ministries' words; card 4's ministry leads nothing else
    from collections import Counter

    from index.corpus import Ministry, PolicyCard
    from index.report.similar import CardSpace, without_register

    reg_a, reg_b, aim, own0, own3, own4 = np.eye(6)
    passages = np.array([reg_a + own0, reg_a + 0.7 * aim, reg_b + 0.7 * aim, reg_b + own3, own4])
    passages /= np.linalg.norm(passages, axis=1, keepdims=True)
    leads = ["総務省", "総務省", "内閣府", "内閣府", "文部科学省"]
    cards = [PolicyCard(id=f"01-0{i}", name=str(i), overview="", ministries=(Ministry(m, lead=True),))
             for i, m in enumerate(leads)]
    space = CardSpace(cards, passages.astype(np.float32), [Counter() for _ in cards], passages.astype(np.float32),
                      np.arange(5), np.zeros(5, dtype=bool), list("abcde"))
    before = space.vectors @ space.vectors.T
    assert before[0, 1] > before[1, 2]  # the shared register outweighs the shared purpose
    out = without_register(space, 0.5)
    after = out.vectors @ out.vectors.T
    assert after[1, 2] > 0.3 > after[0, 1]  # the purpose shared across ministries now counts more
    assert np.allclose(out.vectors[4], space.vectors[4]) and out.passage_texts == space.passage_texts
    assert without_register(space, 0.0) is space


def test_clusters_are_named_by_their_terms_and_group_related_measures(ov):
    by_card = {cid: c for c in ov.clusters for cid in c.ids}
    assert by_card["03-18"] is by_card["03-19"] is by_card["03-20"] is by_card["03-21"]
    assert "被災" in by_card["03-19"].name
    assert by_card["02-10"] is by_card["03-43"] and "港湾" in by_card["03-43"].name
    assert by_card["03-19"] is not by_card["06-01"]
    assert sorted(ov.order) == list(range(len(ov.cards)))


def test_the_pictures_exist_and_are_not_empty(ov, tmp_path):
    heat, cmap = overlap_figures(ov)
    for fig in (heat, cmap):
        data = charts.png(fig, dpi=60)
        assert data[:4] == b"\x89PNG" and len(data) > 10_000
    write_overlap(ov, "xlsx", tmp_path / "s.xlsx")
    wb = load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames == ["要約", "ペア", "クラスタ"] and len(wb["要約"]._images) == 2
    assert wb["ペア"].max_row == len(ov.pairs) + 1 and wb["ペア"].freeze_panes == "A2"
    assert wb["ペア"]["M1"].value == "成果" and wb["ペア"]["N1"].value == "理由" and "共通語" in wb["ペア"]["N2"].value
    write_overlap(ov, "html", tmp_path / "s.html")
    text = (tmp_path / "s.html").read_text(encoding="utf-8")
    imgs = [part.split("'", 1)[0] for part in text.split("src='data:image/png;base64,")[1:]]
    assert len(imgs) == 2 and all(len(base64.b64decode(i)) > 10_000 for i in imgs)
    assert text.index("主担当が異なる重複候補") < text.index("似ている施策のペア")  # cross-ministry pairs first
    assert "http" not in text.split("<body>", 1)[1]


@pytest.mark.slow
def test_cli_similar_prints_one_pair_a_line_in_the_issue_shape(capsys, settings):
    assert main(["similar", "--threshold", "0.45", "--cache-dir", str(settings.cache_dir)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines and all(set(x) >= {"a", "b", "score", "shared_terms", "cross_ministry"} for x in lines)
    assert all(x["score"] >= 0.45 for x in lines) and lines[0]["score"] >= lines[-1]["score"]


@pytest.fixture(scope="module")
def modified(cards, embedder, tmp_path_factory):
    path = tmp_path_factory.mktemp("against") / "next_year.jsonl"
    labels, dropped = write_modified_table(cards, "test", path)
    return path, labels, dropped, space_of_file(path, embedder)


def test_against_labels_the_modified_copy_as_it_was_made(space, modified):
    path, labels, dropped, b = modified
    cmp = compare(space, b)
    assert [r.label for r in cmp.rows] == labels
    assert sorted(cmp.dropped) == dropped
    for r, card in zip(cmp.rows, b.cards):  # a reworded row finds the card it was written from
        if r.label == "changed":
            assert r.matches[0][0] in {"02-09", "03-15", "04-01", "05-30", "06-07", "07-09"}


def test_against_jsonl_shape_and_files(space, modified, tmp_path, capsys, settings):
    path, labels, dropped, b = modified
    assert main(["similar", "--against", str(path), "--cache-dir", str(settings.cache_dir)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    rows, tail = lines[: len(labels)], lines[len(labels):]
    assert [x["row"] for x in rows] == list(range(1, len(labels) + 1))
    assert all(set(x) == {"row", "id", "name", "label", "matches"} for x in rows)
    assert [x["label"] for x in rows] == labels and all(x["matches"] for x in rows)
    assert tail == [{"id": i, "label": "dropped"} for i in dropped]
    cmp = compare(space, b)
    write_comparison(cmp, "xlsx", tmp_path / "c.xlsx", "施策集", path.name)
    wb = load_workbook(tmp_path / "c.xlsx")
    assert wb.sheetnames == ["要約", "対応", "終了・対応なし"] and wb["終了・対応なし"].max_row == len(dropped) + 1
    assert [c.value for c in wb["対応"]["D"][1:]] == [{"continued": "継続", "changed": "変更", "new": "新規"}[x]
                                                     for x in labels]
