"""Single-card openings and the ellipsis after them (session 50): a clause ended by a verb's て form and 、 is why the
question is asked, not the first of two topics joined by 、 (「オンライン診療を使いたくて、国の施策の中身を知りたい」
is one measure); a count right after a noun counts that noun (「コンテンツ何件？」 is a number of the card just
answered, not how many measures); a verb typed in kana asks as its kanji does (「国交省もからんでる？」 is whether the
ministry takes part in the card just answered, as 「絡んでる？」); in 「…何か対策ありますか」 the noun asked to exist
is the measure itself, so the sentence quoted is the one that says the rest of the question (訪日外国人), not one
that says 対策; その before a field word (「そのKPIはいつまで」) points at the card just answered; a count floated
before its noun (「何件くらいコンテンツを載せるの？」) counts that noun; 「法務省も関わってる？関係省庁ぜんぶ教えて」
checks the ministry and asks the card's ministries, a field, no list. Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import T, assert_followed

CONVERSATIONS = {
    "a clause ended by て and 、 is the reason, not a second topic": [
        T("オンライン診療を使いたくて、国の施策の中身を知りたい", "03-14"),
        T("担当は？", "03-14", "厚生労働省"),
    ],
    "a count right after a noun counts that noun, of the card just answered": [
        T("EdTechの施策について", "03-02"),
        T("コンテンツ何件？", "03-02", "約80件"),
    ],
    "a count after a noun marked by は": [
        T("EdTechの施策について", "03-02"),
        T("コンテンツは何件？", "03-02", "約80件"),
    ],
    "a ministry's part asked with a verb typed in kana": [
        T("ドローンの施策を教えて", "04-02"),
        T("国交省もからんでる？", "04-02", "国土交通省は関係府省庁"),
        T("担当は？", "04-02", "内閣官房"),
    ],
    "the noun asked to exist is the measure, not a word the quoted sentence must say": [
        T("外国人旅行者が鉄道のトンネルで携帯を使えないことに何か対策ある？", "07-03", "訪日外国人"),
    ],
    "その before a field word is the card just discussed": [
        T("農林水産省が主担当の施策を全部", ("03-41", "03-42", "05-32")),
        T("2つ目は何をする？", "03-42"),
        T("そのKPIはいつまで？", "03-42"),
    ],
    "a count floated before its noun": [
        T("EdTechの施策について", "03-02"),
        T("何件くらいコンテンツを載せるの？", "03-02", "約80件"),
    ],
    "a ministry checked, then all the card's ministries asked": [
        T("登記のデータを固定資産税の台帳につなぐ施策", "05-31"),
        T("法務省もかかわってる？関係省庁、全部教えて", "05-31", "法務省は関係府省庁"),
    ],
    "another verb typed in kana": [
        T("ドローンの施策を教えて", "04-02"),
        T("消費者庁もはいってる？", "04-02", "消費者庁は関係府省庁"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_an_opening_and_its_ellipsis_are_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_measure_count_is_still_a_list(retriever):
    """「施策は何件ある？」 counts the measures: a word for them before the count keeps the list reading."""
    assert_followed(retriever, [
        T("EdTechの施策について", "03-02"),
        T("テレワークの施策は何件ある？", "04-03"),
    ])


@pytest.mark.parametrize("question, rest", [
    # after 、 or a space the question has begun: its first kana are its own word's (難病, デジタル)
    ("別件だけど、なんびょうの施策ってある？", "なんびょうの施策ってある?"),
    ("ところで でじたる教科書の施策は？", "でじたる教科書の施策は?"),
    # right after the switch words, the copula that ends them is still theirs
    ("別件なんだけど難病の施策は？", "難病の施策は?"),
    ("Unrelated, but what does the table have on drones?", "what does the table have on drones?"),
])
def test_the_words_that_switch_the_topic_end_at_their_comma(question, rest):
    from index.conversation import topic_switch
    assert topic_switch(question) == (True, rest)
