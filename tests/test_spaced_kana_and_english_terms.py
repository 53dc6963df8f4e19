"""Questions typed the way some people really type (session 12): kana a word at a time with spaces between (a phone,
an older user), and English questions whose answer turns on the table's own term (an English name of it, or the term
itself with the writer's gloss in parentheses). Each wording here is our own; the cards are the bundled table's."""

import pytest

from index.text import english_keys, english_words_keys, is_spaced_kana, romaji, written_spaced_kana
from tests.test_conversation_cases import T, assert_followed


@pytest.mark.parametrize("q, written", [
    # the table's words by their readings (信号機, 整備: a word may span a space), the others by UniDic's lemma
    ("め の みえない ひと の ための しんごうき の せいび", "見えない人"),
    ("め の みえない ひと の ための しんごうき の せいび", "信号機の整備"),
    ("ひさいしゃ しえん の しさく は ある？", "被災者支援の施策"),
    # a piece led by a noun the table has no reading of: UniDic's word, not the table's sounds (と|しより → 処理)
    ("としよりむけの しえん の しさく", "年寄り向けの支援"),
    # 何 + a counter the conversation reads (何か所, 何件)
    ("いま なんかしょ ぐらい あるの", "何か所"),
    ("ぜんぶで なんけん ありますか", "何件"),
    # the counter's sound after なん, as the conversation reads it too (text.COUNTER_KANA): 人 is にん there
    ("いま なんにん ぐらい いるの", "何人"),
    ("もくひょう は なんぱーせんと なの", "何%"),
])
def test_spaced_kana_is_written_as_one_converted_sentence(retriever, q, written):
    out = written_spaced_kana(retriever.understanding.spell_names(q), retriever.reading_dictionary())
    assert written in out and " " not in out


@pytest.mark.parametrize("q", [
    "テレワーク 総務省 KPI",  # words typed as keywords: not kana sentences
    "テレワークの施策は？",
    "よさんは いくら？",  # two pieces: read as before
    "What is the Osaka Track?",
])
def test_other_questions_are_not_read_as_spaced_kana(q):
    assert not is_spaced_kana(q)


def test_grammar_nouns_stay_in_kana_for_the_follow_up_patterns(retriever):
    """ほか, こと stay as typed (「ほかにもある？」 is read as more of the same), and a word MeCab cut up (やく|しょ) is
    left alone rather than spelled 役しょ."""
    d = retriever.reading_dictionary()
    assert "ほかにも" in written_spaced_kana("こうれいしゃ むけの しえん ほかにも ある？", d)
    assert "役しょ" not in written_spaced_kana("どこの やくしょが やってるの", d)


SPACED_KANA = {
    "a spaced-kana opening, then how many, then more of the same kind, all in kana": [
        T("め の みえない ひと の ための しんごうき を ふやす しさく は どこが たんとう", "02-09", "◎警察庁"),
        T("いま なんかしょ ぐらい あるの", "02-09", "高度化PICS整備交差点数"),
        T("こうれいしゃ むけの しえん は ほかにも ある？", ("07-06", "07-08")),
    ],
}


@pytest.mark.parametrize("name", list(SPACED_KANA))
def test_a_conversation_typed_in_spaced_kana_is_followed(retriever, name):
    assert_followed(retriever, SPACED_KANA[name])


def test_an_english_name_meets_the_table_word_by_romaji_and_loanword():
    from index.text import analyzer

    keys = english_keys(analyzer().tokens("「大阪トラック」を立ち上げた"))
    words = english_words_keys("the Osaka Track")
    assert romaji("オオサカ") == "osaka" and romaji("トウキョウ") == "tokyo"
    assert all(w & keys for w in words[1:])  # osaka (大阪's romaji), track (トラック's consonants)


ENGLISH_TERMS = {
    "an English name of a card's own term: the answer quotes the sentence that holds it": [
        T("What has Japan launched as the Osaka Track for data rules?", "05-35", "大阪トラック"),
    ],
    "civil servants, after telework: the card just answered, through the glossary's 国家公務員 row": [
        T("Is there a measure on remote work?", "04-03"),
        T("What about government employees, any deadline?", "04-03", "令和7年度(2025年度)"),
    ],
    "the table's term glossed in parentheses: the term chooses the cards, not the gloss": [
        T("Which measures have a target for 情報処理安全確保支援士 (registered security specialists)? list all",
          ("06-01", "06-05")),
        T("Which of them is led by METI?", "06-05", "◎経済産業省"),
    ],
}


@pytest.mark.parametrize("name", list(ENGLISH_TERMS))
def test_an_english_question_on_a_card_term_is_answered_with_the_term(retriever, name):
    assert_followed(retriever, ENGLISH_TERMS[name])


ABOUT = {
    "what a listed measure is about: its overview and what it measures, as 「何についての施策？」 answers it": [
        T("農林水産省が主担当の施策を全部", ("03-41", "03-42", "05-32")),
        T("And what is the last one about?", "05-32", "eMAFF地図", "全国農地ナビ"),
    ],
}


@pytest.mark.parametrize("name", list(ABOUT))
def test_what_a_measure_is_about_is_said_with_its_kpis(retriever, name):
    assert_followed(retriever, ABOUT[name])


@pytest.mark.parametrize("q, name", [
    ("国土交通しょうが主担当の施策", "国土交通省"),  # the name converted, its 省 left in kana
    ("国交しょうのしさく", "国土交通省"),  # the short name too
    ("警察ちょうがやってるの", "警察庁"),
])
def test_a_ministry_name_with_its_sho_or_cho_left_in_kana_is_read_as_the_name(retriever, q, name):
    assert name in retriever.understanding.spell_names(q)


def test_a_longer_word_that_begins_with_the_sounds_is_left_alone(retriever):
    assert retriever.understanding.spell_names("経済産業しょうめい") == "経済産業しょうめい"


HALF_KANA_MINISTRY = {
    "a list by a ministry typed half converted, then a card of it by position": [
        T("国土交通しょうが主担当の施策をぜんぶ", ("02-10", "03-43", "03-44", "05-33", "05-34")),
        T("5つ目の担当は？", "05-34", "◎国土交通省"),
    ],
}


@pytest.mark.parametrize("name", list(HALF_KANA_MINISTRY))
def test_a_half_converted_ministry_list_is_followed(retriever, name):
    assert_followed(retriever, HALF_KANA_MINISTRY[name])


def test_a_long_spaced_kana_question_is_written_in_time(retriever):
    """A question of thousands of spaced pieces (a paste, a stuck key) is read in linear time: a word across the
    writer's spaces is checked against the next space, not against every space of the question (8.5 s → 0.3 s for
    the 5,000 characters a question may hold). Every kana is kept; the writer's spaces stay where MeCab would read a
    word across them (text._joined: あ|い is 愛)."""
    import time

    q = ("あ い" * 2000)[:5000]
    started = time.process_time()
    out = written_spaced_kana(q, retriever.reading_dictionary())
    assert time.process_time() - started < 3.0
    assert out.count("あ") == q.count("あ") and out.count("い") == q.count("い")


@pytest.mark.parametrize("q, written, not_written", [
    ("なんかいい しさく ない？", "施策", "何回"),  # なんか + いい, not 何回 + い
    ("なんかしょうがない はなし だけど", "話", "何か所"),
    ("いま なんかしょ ぐらい あるの", "何か所", None),
    ("としに なんかい やってる の", "何回", None),
])
def test_a_counter_typed_in_kana_is_a_word_of_its_own(retriever, q, written, not_written):
    """何 + a counter is read where the counter ends its word (「なんかしょぐらい」), not inside another word that
    begins with the same sounds (「なんかいい」: なんか + いい)."""
    out = written_spaced_kana(retriever.understanding.spell_names(q), retriever.reading_dictionary())
    assert written in out and (not_written is None or not_written not in out)


def test_the_conversation_reads_a_kana_counter_only_as_a_word_of_its_own():
    from index.conversation import QUANTITY, quantity_counter

    assert quantity_counter(QUANTITY.search("なんかしょくらい整備できたの")) == "か所"
    assert quantity_counter(QUANTITY.search("なんにんいるの？")) == "人"
    assert QUANTITY.search("なんかしょうがないけど港湾の施策は？") is None
    assert quantity_counter(QUANTITY.search("目標はなんぱーせんと？")) == "%"
    assert QUANTITY.search("なんかいる？") is None  # なんか + いる: 回 is read in kana only in spaced kana
