"""Metrics on hand-checkable cases, and the JGLUE readers on the real files."""

import math

import pytest

from index.evaluate import JGLUE, Question, jsquad_corpus, load_questions, score_question, spearman, summarise


def q(relevant=(), partial=(), type_="paraphrase"):
    return Question("x", "?", type_, tuple(relevant), tuple(partial), "dev")


def test_scores_of_a_perfect_and_a_late_ranking():
    perfect = score_question(q(["a", "b"], ["c"]), ["a", "b", "c", "d"], False)
    assert (perfect.hit1, perfect.recall5, perfect.mrr10, perfect.ndcg10) == (1.0, 1.0, 1.0, 1.0)
    late = score_question(q(["a"]), ["x", "y", "a"], False)
    assert late.hit1 == 0 and late.mrr10 == pytest.approx(1 / 3)
    assert late.ndcg10 == pytest.approx((2 / math.log2(4)) / 2)


def test_partial_cards_count_half_in_ndcg_and_abstaining_on_an_answerable_question_scores_zero():
    s = score_question(q(["a"], ["b"]), ["b", "a"], False)
    assert s.hit1 == 0 and 0 < s.ndcg10 < 1
    assert score_question(q(["a"]), [], True).ndcg10 == 0


def test_abstention_precision_and_recall():
    scores = [score_question(q(type_="none"), [], True), score_question(q(type_="none"), ["a"], False),
              score_question(q(["a"]), [], True), score_question(q(["a"]), ["a"], False)]
    a = summarise(scores)["abstention"]
    assert a["precision"] == 0.5 and a["recall"] == 0.5 and a["answerable_abstained"] == 0.5


def test_a_list_answer_is_scored_as_a_set_with_partial_cards_neutral():
    # relevant a, b, c; partial d. Listed a, b, d, x: precision 2/3 (d is neither), recall 2/3
    s = score_question(q(["a", "b", "c"], ["d"]), ["a", "b", "d", "x", "c"], False, listed=["a", "b", "d", "x"])
    assert s.list_scores == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    lists = summarise([s, score_question(q(["a"]), ["a"], False)])["lists"]
    assert lists["n"] == 1 and lists["f1"] == pytest.approx(2 / 3)  # questions without a list answer don't count


def test_spearman_matches_hand_computation():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486833)


def test_question_set_is_well_formed_and_split(cards):
    qs = load_questions()
    known = {c.id for c in cards}
    assert len(qs) >= 120 and len({x.qid for x in qs}) == len(qs)
    assert all(set(x.relevant + x.partial) <= known for x in qs)
    types = {x.type for x in qs}
    assert types == {"paraphrase", "keyword", "list", "kpi", "ministry", "english", "noisy", "none", "colloquial", "kana",
                     "typo"}
    for t in types:
        splits = [x.split for x in qs if x.type == t]
        assert splits.count("dev") > splits.count("test") > 0


@pytest.mark.skipif(not (JGLUE / "jsquad-valid-v1.3.json").exists(), reason="../shared/bench not present")
def test_jsquad_becomes_paragraph_cards_with_titles():
    paragraphs, questions = jsquad_corpus()
    assert len(paragraphs) == 1145 and len(questions) == 4442
    assert all(p["name"] and p["overview"] and "[SEP]" not in p["overview"] for p in paragraphs)


def test_the_chat_evaluation_reads_the_splits_of_a_list_file_as_of_a_conversation_file(tmp_path):
    """`seisaku eval --chat --lists FILE` alone scores a list set: its splits are read from its lines (dev first)."""
    from app.chat_evaluation import present_splits

    lists = tmp_path / "lists.jsonl"
    lists.write_text('{"qid": "M002", "query": "q", "expected": [], "split": "test3"}\n'
                     '{"qid": "M001", "query": "q", "expected": ["03-01"], "split": "dev3"}\n\n', encoding="utf-8")
    assert present_splits(lists) == ["dev3", "test3"]
    conversations = tmp_path / "conversations.jsonl"
    conversations.write_text('{"cid": "c1", "split": "test", "turns": []}\n{"cid": "c2", "turns": []}\n',
                             encoding="utf-8")
    assert present_splits(conversations) == ["dev", "test"]  # a line without a split is dev
