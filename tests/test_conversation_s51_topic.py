"""Which cards a topic list holds (session 51). Our own wordings on the bundled table; none is a blind set's turn.

A clause names its topic as 「AのB」 does: in 「AがBを学ぶ」 or 「AにBを教える」 the noun marked を is the topic and the
one marked が or に who it is for (Retriever._qualified); and a verb only the list's best card writes is no word the
list's cards share (decide.without_own_phrasing): 「小学生がプログラミングを学べる」 counted 07-09 alone (学び合う is in
its name only), not 06-09 情報教育, which says プログラミング教育."""

import pytest

from index.assist import ask

PROGRAMMING = ("06-09", "07-09")

CLAUSES = {
    "who learns it marked が, what is learnt marked を": "小学生がプログラミングを学べる施策を全部",
    "who is taught marked に": "子どもにプログラミングを教える施策を一覧で",
    "the verb the table writes as a noun (学習) was never the problem": "中学生がプログラミングを学習する施策を全部",
}


@pytest.mark.parametrize("name", list(CLAUSES))
def test_a_clause_lists_what_is_done_not_who_it_is_for(retriever, name):
    question = CLAUSES[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == list(PROGRAMMING), f"{question!r}: counted {got}, expected {list(PROGRAMMING)}"


# A card named by the topic's rarest word counts only where it also says the rest of the topic that every sure card
# says (Retriever._word_named): 04-01 and 06-04 are named by 標準 but never say 教育 or 学習
EDUCATION_DATA = ("03-03", "03-04")
STANDARDS = {
    "education data made standard": "教育データを標準化する施策を全部",
    "the standard of learning data": "学習データの標準化の施策を一覧で",
}


@pytest.mark.parametrize("name", list(STANDARDS))
def test_a_card_named_by_the_topic_word_says_the_rest_of_the_topic(retriever, name):
    question = STANDARDS[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == list(EDUCATION_DATA), f"{question!r}: counted {got}, expected {list(EDUCATION_DATA)}"


def test_a_latin_word_stays_in_an_enumerated_item(retriever):
    """「学校のICT環境や学習データ」 enumerates ICT環境 and 学習データ: the analyser lowercases ICT, which the item's span
    lost (環境 alone), and the list was read as one about 学習データ (03-03, 03-04)."""
    question = "学校のICT環境や学習データに関する施策を全部"
    got = [h.card.id for h in ask(retriever, question).answers]
    assert {"03-01", "03-02", "03-03", "03-04", "03-05", "03-06"} <= set(got), f"{question!r}: counted {got}"


# A bracket of the question adds what the list also takes in; the topic's own word is said outside it (障害, by which
# 02-09 視覚障害者、高齢者等の移動支援システム is named), not アクセシビリティ inside it
DISABILITY = ("02-09", "07-05", "07-06", "07-07", "07-11")
BRACKETS = {
    "accessibility put in, after the list words": "障害者向けの施策を全部（アクセシビリティ関係も入れて）",
    "accessibility put in, before them": "障害がある方に関わる施策(情報アクセシビリティも)をすべて",
}


@pytest.mark.parametrize("name", list(BRACKETS))
def test_the_topic_word_is_read_outside_a_bracket(retriever, name):
    question = BRACKETS[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == list(DISABILITY), f"{question!r}: counted {got}, expected {list(DISABILITY)}"


# 「名前に「…」が入っている施策」 filters by the 施策名 cell: the chat read 名前 as asking for the name field, dropped it
# from the search, and listed the 人材 topic (chapter 06 and the school cards)
NAMED_TALENT = ("06-01", "06-02", "06-04", "06-05", "06-06", "06-08", "06-10", "06-11")
NAME_CELL = {
    "said with が入っている": "名前に「人材」が入っている施策を全部",
    "said with が含まれる": "施策名に「人材」が含まれる施策",
}


@pytest.mark.parametrize("name", list(NAME_CELL))
def test_a_word_in_the_name_cell_lists_the_cards_named_so(retriever, name):
    question = NAME_CELL[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == list(NAMED_TALENT), f"{question!r}: counted {got}, expected {list(NAMED_TALENT)}"


def test_the_name_of_one_card_is_still_its_field(retriever):
    a = ask(retriever, "04-03の名前は？")
    assert a.kind == "field" and [h.card.id for h in a.answers] == ["04-03"]
