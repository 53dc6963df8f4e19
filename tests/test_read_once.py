"""What a search reads of its question's text is read once per text and is the same each time it is asked."""

from index.conversation import dated_list
from index.retrieve.card_words import CardWords
from index.retrieve.glossary import table_terms
from index.retrieve.understand import list_topic_text, with_table_words


def test_the_glossary_words_of_a_question_are_the_same_read_again():
    # 「すまほ」 is the table's スマートフォン; read a second time (from the cache) it is the same words
    first = with_table_words("すまほの使い方を教える施策")
    assert "スマートフォン" in first
    assert with_table_words("すまほの使い方を教える施策") == first
    assert table_terms("remote islands broadband") == table_terms("remote islands broadband")
    # a glossary given by the caller is read as given, not the bundled one's cached answer
    assert table_terms("remote islands broadband", ()) == ""


def test_a_topic_and_a_dated_list_are_read_the_same_each_time():
    assert list_topic_text("港湾関係のデジタル化施策を全部教えて") == "港湾" == list_topic_text("港湾関係のデジタル化施策を全部教えて")
    assert dated_list("2025年度が期限の施策は？") and dated_list("2025年度が期限の施策は？")
    assert not dated_list("それの担当府省庁は？")


def test_the_card_word_counts_are_a_typed_part_of_the_card_words():
    words = CardWords(name=(frozenset(),) * 2, subject=(frozenset(),) * 2,
                      words=(frozenset({"テレワーク", "推進"}), frozenset({"推進"})),
                      heads=(frozenset(),) * 2, outcome=(frozenset(),) * 2)
    assert words.counts["推進"] == 2 and words.counts["テレワーク"] == 1
    assert words.counts is words.counts  # counted once
    assert CardWords.from_json(words.to_json(), 2) == words  # not a stored field
