"""Follow-ups, seventh batch (issue 18): a restriction of a list by a kind (「そのうち医療系は？」) reads 系 / 関係 / 話 as
"of that kind", not as a word the cards must hold, and takes a chapter the kind titles; measures named by their names'
words (「端末とか教科書の話」) are those named so; 「…は関係してる？」 asks about the card just answered; and a pick
that no listed card fits (「…のやつもあったよね」) is the one card the whole table answers with. Our own wordings; none
is a blind set's turn."""

import pytest

from index.assist import _holding_any, _kind_stripped, _literal_words
from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, MINISTRY_LEAD_METI, T, assert_followed
from tests.test_conversation_followups_f import MIC_LEADS

CONVERSATIONS = {
    "a kind named with 系 is the cards that say the noun": [
        T("総務省が主担当の施策を全部", MIC_LEADS),
        # 03-07, 03-09, 03-15 say 医療; Web accessibility (07-06) only sounds near it
        T("その中で医療系のものは？", ("03-07", "03-09", "03-15")),
    ],
    "a kind a chapter is titled by": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        # 03-02 (EdTech) mentions 人材 on the way; chapter 06 (デジタル人材の育成) holds the three that are about it
        T("その中で人材系のやつは？", ("06-04", "06-05", "06-06")),
    ],
    "a card holding one noun of the restriction as written stays": [
        T("総務省が主担当の施策を全部", MIC_LEADS),
        # 07-02 says 携帯電話 but not 圏外; 07-01 (ICTインフラ) pairs with it but says neither
        T("そのうち携帯電話の圏外関係は？", ("07-02", "07-03")),
    ],
    "measures named by their names' words": [
        T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
        # 03-03 and 03-05 mention 端末 on the way; 03-01 and 03-06 are named so
        T("その中でタブレット端末とか教科書の話は？", ("03-01", "03-06")),
    ],
    "is a body concerned, of the card just answered": [
        T("放送分野のデータ活用の施策は？", "05-30"),
        T("個人情報保護委員会は関係してる？", "05-30", "個人情報保護委員会"),
    ],
    "a pick no listed card fits is the one card the table answers with": [
        # (not 03-17 災害情報の共有: it says 被災 nowhere; decide.topic_held)
        T("被災者支援の施策を全部", ("03-18", "03-19", "03-20", "03-21")),
        T("沖縄のブロードバンド整備のやつもあったよね、あれの担当は？", "07-04", "内閣府"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_seventh_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_the_words_of_a_kind_are_the_nouns_without_its_suffix():
    assert _literal_words("医療系は？") == ["医療"]
    assert _kind_stripped("携帯電話の電波関係は？") == ["携帯電話", "電波"]
    assert _kind_stripped("教科書の話の施策") == ["教科書"]


def test_a_noun_compound_is_held_as_written(retriever):
    # 02-05 (運転免許) holds 運転, not 自動運転
    assert _holding_any(retriever, ["02-05", "02-07", "02-08"], ["自動運転"]) == {"02-07", "02-08"}


def test_another_topic_starts_afresh_and_its_topic_is_said_first():
    from index.assist import _TOPIC_FIRST_EN, _field_rest
    from index.conversation import Conversation, Turn, follow_up

    talked = Conversation().add(Turn("テレワークの施策は？", ("04-03",)))
    fu = follow_up("Another subject: the Okinawa broadband project, when will it be finished?", talked, _field_rest)
    # the switch's own question, its "it" read as the topic named first (conversation's topic-then-pronoun rule)
    assert fu.kind == "switch" and "the Okinawa broadband project" in fu.rest and " it " not in fu.rest
    # where the topic stays before a comma (assist's reading of a field question), the topic before the comma is what is searched; the question about "it" after it names none
    m = _TOPIC_FIRST_EN.match("the Okinawa broadband project,  will it be finished")
    assert m is not None and m.group("topic") == "the Okinawa broadband project"
    assert _TOPIC_FIRST_EN.match("who leads the telework measure, and since when") is None
