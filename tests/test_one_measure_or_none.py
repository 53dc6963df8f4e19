"""How many cards an opening question answers, and what an ordinal past the end of a list says. Our own wordings; none
is a blind set's turn.

- A question about one measure counts the one card that answers it best: a card that holds every word of the question
  the first card holds and more, with more of them in its name, is that card, also when the search put it second or
  below the answers (English is read in the table's terms: one device per student → 1人1台端末).
- "every" asks for a list only where it counts measures ("every measure", "everything"); "a laptop for every pupil"
  counts pupils.
- 「最初に挙げた中の6番目」 counts the list as first given, and says when it has no such card.
- A question whose topic no card names (図書館, 美術館: nouns no card uses beside デジタル化 / 施策, what every card is)
  has no answer, however near its framing reads to some card."""

import pytest

from index.assist import ask
from index.retrieve.understand import asks_list
from index.text import normalize
from tests.test_conversation_cases import T, assert_followed


@pytest.mark.parametrize("q, listed", [("Our school handed a laptop to every pupil. Which measure covers that?", False),
                                       ("Is there a measure that gives every schoolchild a device?", False),
                                       ("List every measure on drones.", True),
                                       ("Show me everything the Digital Agency leads.", True),
                                       ("Which ones are about ports? Every one, please.", True)])
def test_every_asks_for_measures_only_when_it_counts_them(q, listed):
    assert asks_list(normalize(q)) is listed


def test_a_device_for_every_pupil_is_the_one_card_that_names_it(retriever):
    a = ask(retriever, "Our school handed a laptop to every pupil. Which measure covers that?")
    assert [h.card.id for h in a.answers] == ["03-01"]  # 児童生徒1人1台端末の整備, not the five education cards


def test_the_card_named_by_an_english_question_is_promoted_over_the_first(retriever):
    """The search puts 03-05 (新時代の学びを支える先端技術の活用推進, whose text says GIGAスクール and 1人1台端末) first and
    alone; 03-01 (児童生徒1人1台端末の整備) holds every word of it and 児童生徒 too, in its name: 03-01 answers."""
    assert_followed(retriever, [T("What's happening with one device per student, the GIGA School scheme?", "03-01"),
                                T("Which ministry leads it?", "03-01", "文部科学省")])


@pytest.mark.parametrize("q", ["健診やレセプトのデータを保険者が保健事業に使う取組は？",
                               "レセプトや健診の情報を保険者が保健事業に活かす施策は？"])
def test_the_card_whose_name_says_more_of_the_question_answers_alone(retriever, q):
    """03-10 (保健医療情報を全国の医療機関等で確認できる仕組みの推進) mentions レセプト and 健診 too; 03-13 (レセプト・健診
    情報等を活用したデータヘルスの推進事業) holds all it holds and 保険者 besides, and names them: 03-13 alone counts,
    03-10 is shown below it (「レセプトや健診」 is two things of one measure here, not two measures: 03-13's name
    says both, 03-10's neither)."""
    a = ask(retriever, q)
    assert [h.card.id for h in a.answers] == ["03-13"]
    assert "03-10" in {h.card.id for h in a.related}


def test_an_ordinal_past_the_end_of_the_first_list_says_there_is_none(retriever):
    assert_followed(retriever, [T("被災者支援の施策を全部教えて", ("03-18", "03-19", "03-20", "03-21")),
                                T("その中で厚労省が関わるのは？", "03-21"),
                                T("はじめに出たうちの6番目は？", (), "4 件", "ありません")])


def test_an_ordinal_of_the_first_list_counts_that_list(retriever):
    assert_followed(retriever, [T("被災者支援の施策を全部教えて", ("03-18", "03-19", "03-20", "03-21")),
                                T("その中で厚労省が関わるのは？", "03-21"),
                                T("最初に挙げてもらった中の2番目は？", "03-19")])


def test_a_target_two_cards_state_is_answered_from_both(retriever):
    """「情報処理安全確保支援士」's target (3万人超) is in 06-01's KPI and in 06-05's: a field asked in the singular still
    counts both, as neither holds less of the question, in its text or its name."""
    assert_followed(retriever, [T("What is the goal for the number of 情報処理安全確保支援士?", ("06-01", "06-05"), "3万人"),
                                T("Who leads them?", ("06-01", "06-05"), "内閣官房", "経済産業省")])


@pytest.mark.parametrize("q", ["美術館のデジタル化の施策はこの表に載ってる？",
                               "ところで、図書館の蔵書を電子化する取組ってありますか"])
def test_a_topic_no_card_names_has_no_answer(retriever, q):
    """美術館, 図書館, 蔵書 are in no card; デジタル化, 電子化 and 施策 are what every card is about: nothing answers,
    however near the rest of the sentence reads to 03-06 学習者用デジタル教科書."""
    a = ask(retriever, q)
    assert a.answers == [] and a.kind == "none"


@pytest.mark.parametrize("q, card", [("港の仕事をデジタル化する施策はある？", "02-10"),  # 港 is written in 港湾
                                     ("スマホで使える身分証の施策は？", None)])  # スマホ: the table's スマートフォン
def test_a_topic_the_table_writes_in_its_own_words_is_still_answered(retriever, q, card):
    a = ask(retriever, q)
    assert a.answers, q
    if card:
        assert card in {h.card.id for h in a.answers}
