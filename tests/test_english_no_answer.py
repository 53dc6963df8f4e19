"""Whether the table answers an English (or mixed) question is read in the table's words: the English words the
glossary knows are put in its terms for the no-answer model (remote islands → 離島, Okinawa → 沖縄), as the search
already scores them beside the question's own words. Read as typed, English words are in no card, and a question the
table answers looked like one it does not."""

import pytest

from index.retrieve.glossary import english_as_written
from index.text import normalize


def test_an_english_question_is_written_in_the_tables_terms():
    assert english_as_written("Which measures are about remote islands?") == \
        "which measures are about 条件不利地域・過疎・離島・へき地?"
    assert english_as_written("Is there anything about Okinawa?") == "is there anything about 沖縄?"
    # one English word counts here, unlike where the question is searched put in the table's words
    assert "離島" in english_as_written("Any help for island clinics?")


def test_a_term_the_question_already_writes_is_not_repeated():
    assert english_as_written("Remote islands, 離島 for example?") == "条件不利地域・過疎・へき地, 離島 for example?"


def test_words_the_glossary_does_not_know_are_left_as_typed():
    assert english_as_written("What about ferry fares?") == "what about ferry fares?"
    assert english_as_written("離島に関する施策は？") == normalize("離島に関する施策は？")


@pytest.mark.parametrize("question, card", [
    ("Which measures are about remote islands?", "03-09"),  # 離島やへき地 in its 課題
    ("Is there anything about Okinawa?", "07-04"),  # 沖縄県における超高速ブロードバンド環境整備
])
def test_an_english_question_the_table_answers_is_not_refused(retriever, monkeypatch, question, card):
    res = retriever.search(question)
    assert not res.abstained
    assert card in [h.card.id for h in res.results[:5]]
    monkeypatch.setattr(retriever, "_as_written", lambda q: None)  # read in its own words only, as before
    assert retriever.search(question).abstained


def test_an_english_question_the_table_does_not_answer_stays_refused(retriever):
    """Radio (放送) is in the glossary; selling frequencies at auction is in no card."""
    assert retriever.search("Is there a measure to sell radio frequencies at auction?").abstained


def test_the_confidence_the_cards_are_shown_with_reads_the_question_as_typed(retriever, monkeypatch):
    """Only the no-answer decision reads the table's terms: the confidence (確度), which the card, list and chat
    cut-offs were chosen on, is the same either way."""
    question = "Which measures are about remote islands?"
    read = retriever.search(question)
    monkeypatch.setattr(retriever, "_as_written", lambda q: None)
    assert retriever.search(question, abstain=False).confidence == pytest.approx(read.confidence)


def test_a_japanese_question_naming_its_topic_in_english_is_read_in_the_tables_word(retriever, monkeypatch):
    """「telemedicineの施策は？」: its one topic word is English, in no card; in the table's words it is 遠隔診療, which
    03-14 holds, so the topic is one the table names and the question is not refused for naming none."""
    res = retriever.search("telemedicineの施策は？")
    assert not res.abstained
    assert res.results[0].card.id == "03-14"
    monkeypatch.setattr(retriever, "_as_written", lambda q: None)
    assert retriever.search("telemedicineの施策は？").abstained
