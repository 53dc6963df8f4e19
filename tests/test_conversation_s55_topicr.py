"""Topic lists that must hold every card that writes the topic, and topics the table does not hold (session 55). Our
own wordings on the bundled table; none is a blind set's turn.

- 「XやYに触れている施策」, 「XとかYの活用が出てくるやつ」: words enumerated before the one said to be mentioned are
  each a word a card may hold instead (results.ANY_OF), as "mention Okinawa or remote islands" is read; where the
  last is joined by の to a word a quarter of the cards hold (活用), the list is of the words, not of the compound one
  card writes (03-20 マイナポータル活用).
- "mentions people with disabilities (障害者)": the table's own word, given in brackets, is the word the cards write
  (02-09 writes 視覚障害者; the glossary's word for "disabilities" is not it).
- 「この中にある？」 points at the table: its 中 is no one-character topic noun the table writes, so a question on
  fishing (漁業, 水産: a piece of 農林水産省 only) is answered "not in the table", not with the nearest card.
"""

import pytest

from index.assist import answer_text, ask

MY_NUMBER = ("03-07", "03-19", "03-20", "03-21")
DISABILITIES = ("02-09", "07-06", "07-07", "07-11")
ELDERLY = ("02-09", "07-06", "07-08")


def _counted(retriever, question: str) -> list[str]:
    return sorted(h.card.id for h in ask(retriever, question).answers)


ENUMERATED_MENTIONS = {
    "polite, の活用": ("マイナンバーやマイナポータルの活用に触れている施策を教えてください", MY_NUMBER),
    "casual, とか": ("マイナンバーとかマイナポータルが出てくるやつ全部", MY_NUMBER),
    "casual, の利用": ("マイナンバーとかマイナポータルの利用が出てくる施策ってどれ？", MY_NUMBER),
    "または": ("マイナンバーまたはマイナポータルに言及している施策は", MY_NUMBER),
    "・": ("防災・被災者に触れている施策を全部", ("03-16", "03-18", "03-19", "03-20", "03-21", "03-45", "05-33")),
    "English, or": ("Which measures mention My Number or Mynaportal (マイナポータル)?", ("03-20", "03-21")),
    # (one word inside another: 特定健診 taken out of the topic before 健診, which would leave 特定 as a topic)
    "a word inside another": ("健診や特定健診に触れている施策", ("03-07", "03-10", "03-13")),
}


@pytest.mark.parametrize("name", list(ENUMERATED_MENTIONS))
def test_enumerated_words_said_to_be_mentioned_are_each_a_word_to_hold(retriever, name):
    question, wanted = ENUMERATED_MENTIONS[name]
    got = _counted(retriever, question)
    assert got == sorted(wanted), f"{question!r}: counted {got}, expected {sorted(wanted)}"


def test_both_words_asked_for_are_not_read_as_either(retriever):
    # 「…の両方に触れている」 asks for cards holding both; 03-21 is the one card writing マイナンバー and マイナポータル
    got = _counted(retriever, "マイナンバーとマイナポータルの両方に触れている施策は？")
    assert "03-07" not in got and "03-19" not in got, got


GIVEN_TERM = {
    "English, disabilities": ("Can you list all measures that mention people with disabilities (障害者)?",
                              DISABILITIES),
    "English, elderly": ("Which measures mention older people (高齢者)?", ELDERLY),
    "English, ports": ("list every measure that mentions ports (港湾).", ("02-10", "03-43", "03-44")),
    "English, mobile phones": ("Which measures refer to mobile phones (携帯電話)?", ("07-02", "07-03")),
}


@pytest.mark.parametrize("name", list(GIVEN_TERM))
def test_the_tables_word_given_in_brackets_is_the_word_mentioned(retriever, name):
    question, wanted = GIVEN_TERM[name]
    got = _counted(retriever, question)
    assert got == sorted(wanted), f"{question!r}: counted {got}, expected {sorted(wanted)}"


NOT_IN_TABLE = {
    "casual, この中": "漁業とか水産のデジタル化の施策ってこの中にある？",
    "polite, この中": "水産業や漁業に関する施策はこの中にありますか。",
    "phone": "漁業のでじたる化の施策 この中にある?",
    "short": "水産の施策ってこの中にある？",
    "another topic, この中": "図書館のデジタル化の施策はこの中にある？",
}


@pytest.mark.parametrize("name", list(NOT_IN_TABLE))
def test_a_topic_the_table_does_not_hold_is_not_answered_by_the_nearest_card(retriever, name):
    question = NOT_IN_TABLE[name]
    a = ask(retriever, question)
    assert not a.answers, f"{question!r}: counted {[h.card.id for h in a.answers]}"
    assert "この表には" in answer_text(a, related=False), answer_text(a, related=False)


HELD_WITH_THIS_TABLE = {
    "港 alone": ("じゃあ港の施策はこの中にある？", "02-10"),
    "森林": ("森林の施策ってこの中にある？", "03-41"),
}


@pytest.mark.parametrize("name", list(HELD_WITH_THIS_TABLE))
def test_a_topic_the_table_holds_is_still_answered_when_asked_of_this_table(retriever, name):
    question, card = HELD_WITH_THIS_TABLE[name]
    got = _counted(retriever, question)
    assert card in got, f"{question!r}: counted {got}"


# a first clause that says why the person asks (「…なので、」) is not the topic list's: its rarest noun (町, 方) would be
# the topic's own word, by which no card is named (02-09 視覚障害者、高齢者等の移動支援システム is named by 高齢者)
REASON_FIRST = {
    "polite, ので、": "うちは高齢の方が多いので、高齢者向けの施策ってどれがあるか全部知りたいです",
    "町なので": "年配の方が多い町なので、高齢者向けの施策を全部知りたいです",
    "phone, a space for the comma": "うちの親は高齢の方なので 高齢者向けのやつぜんぶ",
    "から": "母が高齢だから、高齢者向けの施策を全部教えて",
}


@pytest.mark.parametrize("name", list(REASON_FIRST))
def test_a_reason_said_first_is_not_the_topic_of_the_list(retriever, name):
    question = REASON_FIRST[name]
    got = _counted(retriever, question)
    assert got == sorted(ELDERLY), f"{question!r}: counted {got}, expected {sorted(ELDERLY)}"


def test_a_reason_the_request_leans_on_stays(retriever):
    # 「関係する施策」 names no topic of its own: the reason says it (プログラミング → 07-09 地域ICTクラブ)
    got = _counted(retriever, "子どもがプログラミングを習ってるので、関係する施策は？")
    assert "07-09" in got, got
