"""Field words typed in hiragana on a phone with the IME off (issue 18, second wave): one list of the table's field
words, their readings UniDic's, so that every field word is read in kana the same way (しょうちょう after a verb,
なんねんど, げんじょう, おかね, どこのしょう), not one phrase at a time. Each wording here is our own."""

import pytest

from index.assist import _WRITTEN_FIELDS, _kana_fields, _kana_readings, field_asked
from tests.test_conversation_cases import T, assert_followed


def test_every_field_word_of_the_list_has_its_reading():
    _, readings = _kana_readings()
    assert set(_WRITTEN_FIELDS) <= set(readings.values())
    assert readings["しょうちょう"] == "省庁" and readings["なんねんど"] == "何年度"


@pytest.mark.parametrize("q, field", [
    ("かかわってるしょうちょうは？", "ministries"),  # after a verb's ending, inside one hiragana run
    ("どこのしょうがやってるの", "ministries"),
    ("なんねんどまでにやるの", "when"),
    ("しひょうおしえて", "kpi"),
    ("こうかのしひょうは", "kpi_effect"),
    ("おかねはどのくらい出てる？", "budget"),
    ("げんじょうは？", "kpi"),
    ("What was the starting level?", "kpi"),
])
def test_a_field_word_typed_in_kana_is_read_as_the_field(q, field):
    asked = field_asked(q)
    assert asked is not None and asked.field == field


@pytest.mark.parametrize("q", ["ごきげんいかが", "しょうがないね"])
def test_kana_inside_another_word_is_left_alone(q):
    """ご|きげん: a prefix, not a particle or a verb, comes before the sounds; a bare しょう is not 省."""
    assert _kana_fields(q) == q


CONVERSATIONS = {
    "the ministries and the deadline of a card, asked in kana": [
        T("ドローンを人のいる地域の上で目視なしで飛ばせるようにする施策", "04-02"),
        T("かかわってるしょうちょうは？", "04-02", "農林水産省"),
        T("なんねんどまでにやるの", "04-02", "令和4年度"),
    ],
    "the lead ministry asked as どこのしょう": [
        T("デジタル教科書を使っている学校の割合を上げる施策は？", "03-06"),
        T("どこのしょうがやってるの", "03-06", "◎文部科学省"),
    ],
    "where a KPI stands now, in kana and in English": [
        T("デジタル教科書を使っている学校の割合を上げる施策は？", "03-06"),
        T("げんじょうは？", "03-06", "8.2%"),
        T("And the starting level?", "03-06", "8.2%"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_kana_follow_up_asks_the_field_of_the_card_just_answered(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


ENGLISH_DETAILS = {
    "an English detail phrase found in the card just answered through the glossary's English rows": [
        T("テレワークを広げる施策は？", "04-03"),
        T("Are there any numeric goals for private firms?", "04-03", "踏まえて設定"),
    ],
    "an English question naming another topic still moves on": [
        T("テレワークを広げる施策は？", "04-03"),
        T("Is there a drone measure?", "04-02"),
    ],
}


@pytest.mark.parametrize("name", list(ENGLISH_DETAILS))
def test_an_english_detail_phrase_is_looked_for_in_the_card_just_answered(retriever, name):
    assert_followed(retriever, ENGLISH_DETAILS[name])


def test_english_detail_terms_give_the_table_and_everyday_words():
    from index.retrieve.glossary import english_detail_terms

    assert "企業" in english_detail_terms("numeric goals for private companies")[0]
    assert english_detail_terms("the Ministry of Health") == []  # a ministry's name is no detail
