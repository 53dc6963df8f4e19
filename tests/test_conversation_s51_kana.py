"""Questions typed in kana read as their kanji forms would be (session 51): a verb is not written by its lemma where
its neighbour is a prefix MeCab made of the rest of a cut-up word (すま|ほの is スマホ, not 済む), nor kana after a
numeral (2|つめ is 2つ目, not 爪); the words that say a ministry leads are spelled from kana as the patterns read
them (しゅたんとう → 主担当, not しゅ + 担当); a word MeCab reads just as typed is no slip of a mark (としより is not
と + 処理, read loosely as しより ≈ しょり); the glossary's everyday phrases are met by their sounds where typed in hiragana
(「めの ふじゆうな」 is 目の不自由, 「おしえてくれるひと」 教えてくれる人); and a spaced question keeps the writer's space
where MeCab would read a word across it (それと めの: not 止め). Our own wordings; none is a blind set's turn."""

import pytest

from index.retrieve.glossary import table_terms
from index.text import written_kana_words, written_spaced_kana
from tests.test_conversation_cases import MINISTRY_LEAD_NPA, T, assert_followed

CONVERSATIONS = {
    "a spaced kana question: a loanword in hiragana, then the ministry in kana": [
        T("すまほの つかいかたを おしえてもらえる せいどって ありますか", "07-08"),
        T("たんとうは どこの しょう", "07-08", "総務省"),
    ],
    "the lead typed in spaced kana is read as 主担当, not half converted (しゅ + 担当)": [
        T("けいさつちょうが しゅたんとうの しさくは ぜんぶで どれ", MINISTRY_LEAD_NPA),
    ],
    "a spaced kana question names an everyday word by its sounds": [
        T("めの ふじゆうな ひとの ための しんごうの しさくは ありますか", "02-09"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_kana_question_is_answered_as_its_kanji_form(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_verb_is_not_written_by_its_lemma_inside_a_cut_up_loanword(retriever):
    written = written_spaced_kana("すまほの つかいかたを おしえて ください", retriever.reading_dictionary())
    assert "済" not in written and written.startswith("すまほの"), written


def test_the_writers_space_is_kept_where_mecab_would_read_across_it(retriever):
    written = written_spaced_kana("それと めの ふじゆうな ひとの しんごうは", retriever.reading_dictionary())
    assert written.startswith("それと め"), written


def test_an_everyday_word_is_heard_in_hiragana():
    assert "視覚障害者" in table_terms("めのふ自由な人の信号")
    assert "視覚障害者" in table_terms("目の不自由な人の信号")
    assert "視覚障害者" not in table_terms("芽の自由な人の信号")


def test_kana_after_a_numeral_are_its_counter(retriever):
    written = written_spaced_kana("2つめの たんとうは どこ", retriever.reading_dictionary())
    assert written.startswith("2つめ"), written  # not 2 + 爪
    assert written_kana_words("3つめのしひょうは").startswith("3つめ")


def test_a_kana_word_spelt_right_is_no_slip_of_a_mark(retriever):
    # としより is a word MeCab reads as typed: no word read loosely (シヨリ as ショリ, 処理) may cut it; ひよう is
    # not ひょう|か (評価) but 費用
    assert "処理" not in retriever.understanding.run("おとしよりむけのほかにもある？").text
    assert "費用" in retriever.understanding.run("ひようかかる？").text
