"""Two readings of 「全部の」, each owning its own question: understand.ALL_OF_A_NOUN says whether 全部の / すべての asks
for every measure (「全部の施策」) or is "all" of another noun (「全部の学校」, 「全部のKPI」); conversation reads, in a
follow-up, whether it points at the cards just answered (「全部のKPIは？」: each card's) or is "all" of a thing a card
serves (「全部の学校」), wherever it stands in the question."""

import pytest

from index.assist import ask
from index.conversation import _EACH
from index.retrieve.understand import ALL_OF_A_NOUN, asks_every


@pytest.mark.parametrize("q, of_a_noun, every", [
    ("全部の施策のKPIを一覧で", False, True),  # the measures: a list of them
    ("いつまでに全部の学校で使う？", True, False),  # a thing the card serves
    ("全部のKPIを教えて", True, False),  # a field: no list of measures either
])
def test_all_of_a_noun_is_no_list_of_measures(q, of_a_noun, every):
    assert bool(ALL_OF_A_NOUN.search(q)) is of_a_noun and asks_every(q) is every


@pytest.mark.parametrize("q, each", [
    ("全部のKPIは？", True),  # the answers' KPIs
    ("全部の主担当は？", True),
    ("いつまでに全部の学校で使うの？", False),  # all of what the card serves
    ("全部の学校で使えるのはいつ？", False),  # the same, said first
    ("すべての自治体に入るのはいつ？", False),
])
def test_a_follow_up_reads_all_of_the_answers_or_all_of_a_served_thing(q, each):
    assert bool(_EACH.search(q)) is each


def test_all_of_the_answers_fields_and_all_schools_in_a_conversation(retriever):
    listed = ask(retriever, "遠隔医療の施策を全部")
    kpis = ask(retriever, "全部のKPIは？", listed.conversation)
    assert [h.card.id for h in kpis.answers] == [h.card.id for h in listed.answers] and kpis.kind == "table"
    one = ask(retriever, "デジタル教科書の施策は？")
    when = ask(retriever, "全部の学校で使えるようになるのはいつ？", one.conversation)
    assert [h.card.id for h in when.answers] == ["03-06"] and when.kind == "field"
