"""Single-card follow-ups and the sentence an answer quotes (session 49): a year said with its era name
(「令和4年度は何をやるの？」) asks the card just answered, as a year in digits does; 「AとBはそれぞれいつ？」 after one
card is each of the two things of that card, not each card of the list it was picked from; 「担当府省はどちらですか」
after one card is the polite "which", not "which of them"; "the guideline" in English is the one of the card just
answered; a field asked of a measure found by its description says the name its text gives it (［TSPS］); a question
about a number (「実績は？」, 「どのくらいの割合？」) quotes the sentence with a counted number or a share, not one that
only dates; "can … apply?" quotes who may apply. Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import _card_index, detail_sentence
from tests.test_conversation_cases import MINISTRY_LEAD_MHLW, T, assert_followed

CONVERSATIONS = {
    "an era-named year asks the card just answered": [
        T("02-08の概要は？", "02-08"),
        T("令和5年度は何をやるんですか", "02-08"),
    ],
    "two things coordinated before それぞれ, after one card picked from a list": [
        T("主担当が二つ以上の府省になっている施策を全部", ("03-19", "03-20", "03-21")),
        T("そのうちガイドラインを作ったのは？", "03-20", "ガイドライン"),
        T("作成と改訂の時期はそれぞれ？", "03-20", "平成31年(2019年)3月", "令和2年(2020年)8月"),
    ],
    "「どちらですか」 after one card picked from a list asks its field": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("その中で遠隔診療のものは？", "03-14"),
        T("主に担当している府省はどちらでしょうか", "03-14", "厚生労働省"),
    ],
    "English: the guideline of the card just answered": [
        T("Any measure on how broadcasters may use TV viewing data?", "05-30"),
        T("When is the guideline going to be revised?", "05-30", "令和4年(2022年)4月1日"),
    ],
    "a field of a measure found by its description names it as its text does": [
        T("信号の情報を車に届ける交差点のインフラ、担当省庁はどこ？", "02-06", "警察庁", "TSPS"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_single_card_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("card_id, question, said", [
    ("06-02", "去年の派遣実績は？", "227団体"),  # a counted number, not 「令和2年度…においても派遣を実施」
    ("06-02", "派遣はどれくらいやったの", "227団体"),
    ("03-18", "導入済みの自治体はどのくらいの割合？", "約40%"),  # a share, in %
    ("07-10", "can people from overseas apply?", "国籍"),  # who may apply
    ("07-10", "do I have to be a Japanese citizen to apply?", "国籍"),
])
def test_the_sentence_quoted_answers_a_number_or_a_condition(retriever, card_id, question, said):
    sent = detail_sentence(_card_index(retriever)[card_id], question)
    assert sent is not None and said in sent, sent


CONVERSATIONS_MORE = {
    "それ with a topic the card pointed at writes, 話 no word it must hold": [
        T("02-08の施策名は？", "02-08"),
        T("それって5Gや新しい技術の話も載ってる？", "02-08", "5G"),
    ],
    "a topic no card holds beside words the whole plan uses is no measure": [
        T("02-05のKPIは？", "02-05"),
        T("話は変わりますが、養殖や漁港のデータを連携する施策はありますか", ()),
    ],
    "English: a card picked by a name the glossary gives (security camp), then IT as the acronym": [
        T("Which measures talk about the registered information security specialist exam?", ("06-01", "06-05")),
        T("the one mentioning the security camp: which ministry leads it?", "06-05", "経済産業省"),
        T("another topic: any measure on IT skill standards?", "06-04", "ITSS"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS_MORE))
def test_a_pointer_and_a_new_topic_are_read_as_said(retriever, name):
    assert_followed(retriever, CONVERSATIONS_MORE[name])


@pytest.mark.parametrize("question, none", [
    ("水産業のデジタル化を進める施策はある？", True),  # 水産 only in 農林水産省, a ministry's name
    ("漁船のデータを活用する施策", True),  # 漁船 in no card; データ, 活用 in a quarter of the cards or more
    ("インフラの台帳データを共有する施策", False),  # 台帳 is in a few cards: a topic the table has
    ("港湾の統計業務を効率化する施策", False),
    # a compound the table writes whole, read in one-character pieces beside an unknown noun, is a topic it has
    ("1人1台タブレットの配備の施策", False),  # 1 / 人 / 1 / 台 of 1人1台, タブレット in no card
    ("スマホの使い方をご近所で教えてもらえる施策", False),  # the glossary's 支援員, read 支援 / 員; 近所 in no card
    # a compound no card writes whose head the table writes (林業 in the forestry cards) is a kind of what it speaks of
    ("農林業のデータ活用の施策はある？", False),
    ("畜産業のデータ活用の施策", True),  # 産業 is no head the table's cards are about
])
def test_a_topic_only_the_plan_s_general_words_hold_has_no_card(retriever, question, none):
    assert retriever.search(question).abstained is none
