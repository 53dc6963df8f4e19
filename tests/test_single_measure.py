"""A question that names one measure is answered with that one card, its neighbours shown below it (issue 18): the
card whose name says what is asked is the one meant, 「…について知りたい」 says nothing of the topic, and 「どの施策で
扱ってる？」 asks in which one measure a thing is. Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import ask
from index.retrieve.understand import asks_list
from index.text import normalize
from tests.test_conversation_cases import T, assert_followed


@pytest.mark.parametrize("q, listed", [("電子カルテの標準化って、どの施策で扱ってる？", False),
                                       ("テレワークの普及はどの施策に入ってる？", False),
                                       ("港湾関係はどの施策に入ってる？", True),  # a kind of measure
                                       ("どの施策がある？", True)])  # which ones exist
def test_in_which_measure_a_thing_is_asks_for_one(q, listed):
    assert asks_list(normalize(q)) is listed


def test_the_card_named_by_the_question_is_the_one_answer(retriever):
    """03-05 (新時代の学びを支える先端技術の活用推進) also says GIGAスクール and 端末 in its text, and the card model rates
    it 0.8; its name says none of it, 03-01's (児童生徒1人1台端末の整備) does: 03-01 answers, 03-05 is shown below."""
    a = ask(retriever, "GIGAスクールで配る端末の施策は？")
    assert [h.card.id for h in a.answers] == ["03-01"]
    assert "03-05" in {h.card.id for h in a.related}


def test_asking_about_a_topic_is_no_word_of_it(retriever):
    """「について」 reads as the verb 就く, which 02-10 (港湾のデジタル化) holds and 03-43 (サイバーポート) lacks; by the
    nouns asked, 02-10 holds less than 03-43 and is shown below it, not counted."""
    a = ask(retriever, "港の物流手続きを電子化するプラットフォームについて教えてください")
    assert [h.card.id for h in a.answers] == ["03-43"]
    assert "02-10" in {h.card.id for h in a.related}


def test_two_cards_that_both_hold_what_is_asked_both_answer(retriever):
    """06-01 and 06-05 both say 情報処理安全確保支援士 and neither name does: neither is a lesser answer, both count."""
    a = ask(retriever, "情報処理安全確保支援士を増やす施策は？")
    assert {h.card.id for h in a.answers} == {"06-01", "06-05"}


def test_the_follow_ups_are_about_the_one_card(retriever):
    assert_followed(retriever, [T("GIGAスクールで配る端末の施策は？", "03-01"), T("主担当は？", "03-01", "文部科学省")])


@pytest.mark.parametrize("said", ["Another topic:", "Another subject —", "Another question,"])
def test_another_topic_in_english_starts_afresh(said):
    """As 「話変わるけど」: what follows is a question of its own, not about the card just answered."""
    from index.assist import _field_rest
    from index.conversation import Conversation, Turn, follow_up

    after = Conversation().add(Turn("How does the police handle driver's licences online?", ("02-05",)))
    assert follow_up(f"{said} the telework measure, who leads it?", after, _field_rest).kind == "switch"
