"""Follow-ups after a right opening answer (session 14): 「さいご」 / 「さいしょ」 typed in kana are the last and first
of the list, as 最後 / 最初 are; ◎ asked by itself (「◎はどこ？」, 「◎がついてるのは？」) is the lead; a figure asked by its
kind (「倍率は？」, 「競争率って？」) is the card's KPI; how often (「どんなペースで？」, 「頻度は？」) and how many said as a
word (「いっぱい？」, 「たくさんあるの？」) ask about the card just answered, not a topic of their own; a card named
to be left out (「06-05以外にも…ある？」) asks for more of what the words name, that card left out;
who asks, said of themselves (「うちの職員も」, 「弊社の社員も」), is no word the card must hold; 「そのうちもう運用が
始まってるのは？」 is the cards whose 工程表 says they began running; 「全部の学校で」 is all of what the card
serves, not every measure; a word a card is asked to write (「健康保険組合が出てくる」) is read as written;
「まだ出てないもののうち」, 「残りの中で」, 「ほかの残った中で」 are the rest of the list; 「何キロ」 asks the card's km. Our own wordings;
none is an evaluation turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MHLW, MINISTRY_LEAD_MLIT, T, assert_followed

CONVERSATIONS = {
    "the last and the first of a list typed in kana": [
        T("内閣府が主担当の施策を全部", MINISTRY_LEAD_CAO),
        T("さいごのはどこの話？", "07-04", "沖縄"),
        T("いちばんさいしょのやつの担当は？", "03-11", "内閣府"),
    ],
    "the lead's mark asked by itself": [
        T("テレワークを広める施策は？", "04-03"),
        T("◎はどこ？", "04-03", "内閣官房"),
        T("それぞれ◎がついてるのは？", "04-03", "◎内閣官房"),
    ],
    "a rate asked by its kind is the card's KPI": [
        T("変わった発想の挑戦を応援する異能プログラムの施策は？", "07-10"),
        T("応募の倍率は？", "07-10", "10倍以上"),
    ],
    "how many ministries, said as a word": [
        T("テレワークを広める施策は？", "04-03"),
        T("担当はどこ？たくさんあるの？", "04-03", "厚生労働省"),
    ],
    "how often, asked of the card just answered": [
        T("SIP4Dで災害の情報を共有する施策は？", "03-17"),
        T("訓練ではどんなペースで使うの？", "03-17", "年1回以上"),
    ],
    "a card named to be left out of more of the same": [
        T("06-05の施策の概要は？", "06-05"),
        T("支援士の登録者を増やす目標、06-05を除いて掲げてる施策はある？", "06-01", "06-01"),
    ],
    "who asks, said of themselves, is no word the card must hold": [
        T("サイバー防御演習のCYDERの施策は？", "06-03"),
        T("弊社の社員もオンラインで受講できる？", "06-03", "オンライン受講環境"),
        T("それって私の部下もオンラインで受けられますか", "06-03", "オンライン受講環境"),
    ],
    "which of a list have already begun running, by the 工程表": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("その中で既に運用されてるのは？", "03-43", "第一次運用を開始"),
    ],
    "all of what a card serves is not all the measures": [
        T("学習者用デジタル教科書の施策は？", "03-06"),
        T("すべての学校で使えるようになるのはいつ？", "03-06", "令和7年度(2025年度)までに100%"),
    ],
    "a word a card is asked to write is read as written, among a list": [
        T("レセプトや健診のデータを使う施策を全部", ("03-07", "03-10", "03-13")),
        T("その中で健康保険組合に触れてるのは？", "03-13", "健康保険組合"),
    ],
    "the rest of a list said as those not yet talked about, or among the rest": [
        T("厚生労働省が主担当の施策を全部", MINISTRY_LEAD_MHLW),
        T("その中で遠隔診療のは？", "03-14"),
        T("まだ話に出ていない施策の中で、被災者の支援に関するのは？", "03-21"),
        T("残りの中で難病のデータベースのは？", "03-08"),
    ],
    "a length asked in the unit the card writes": [
        T("鉄道のトンネルで携帯がつながらないのを解消する施策は？", "07-03"),
        T("距離にすると何キロメートル？", "07-03", "125km"),
    ],
}


def test_a_word_asked_to_be_written_is_not_put_in_the_glossarys_words(retriever):
    # the glossary reads 健康保険 as the table's 保険者; 「健康保険組合」 asked as written is the card that writes it
    assert [h.card.id for h in retriever.search("健康保険組合が出てくる施策は？").answers] == ["03-13"]


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_after_a_right_opening_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
