"""A fourth set of conversations, written after the second blind set's dev half showed how its annotator asks (request
wordings around a list, a field carried to another card, a yes/no about a ministry, remarks before a question, English
field questions); each wording here is our own, none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, MINISTRY_LEAD_MLIT, T, assert_followed

CAS_LEAD = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
MEXT_NOT_LEAD = ("03-02", "03-04", "03-11", "03-17", "04-02", "07-07")

CONVERSATIONS = {
    "a ministry's list asked politely, then the other side of it": [
        T("文科省が主担当の施策を全部ちょうだい", MINISTRY_LEAD_MEXT, "06-10"),
        T("逆に、文部科学省が主担当じゃないけど府省庁名に載っている施策は？", MEXT_NOT_LEAD, "07-07"),
    ],
    "a list by request wording, counted": [
        T("国土交通省が主担当の施策を一覧にしていただけますか", MINISTRY_LEAD_MLIT, "05-33"),
        T("What other measures does MLIT lead?", ()),
    ],
    "invoice: the ministries as the table writes them, and no budget column": [
        T("電子インボイスの施策は？", "04-01"),
        T("参画している府省庁は？", "04-01", "経産省", "財務省"),
        T("予算はどれくらい？", "04-01", "予算"),
    ],
    "drones: the leading office, then the same field of another card": [
        T("ドローンの施策って担当どこ？", "04-02", "小型無人機等対策推進室"),
        T("匿名加工医療情報の施策だったら？", "03-11", "経済産業省"),
    ],
    "a yes or no about a ministry": [
        T("沖縄のブロードバンドの施策は総務省なの？", "07-04", "内閣府", "総務省"),
    ],
    "the card with the most ministries among a list": [
        T("内閣官房が主担当の施策は？", CAS_LEAD),
        T("そのうち関係省庁がいちばん多いのは？", "04-02", "04-02"),
        T("Which articles apply?", "04-02"),
    ],
    "a remark, then a new question": [
        T("テレワークの施策の主担当は？", "04-03", "内閣官房"),
        T("なるほど、総務省も入ってるんですね。条件不利地域の光ファイバ整備の施策は？", "07-01"),
    ],
    "each of a list right after one card of it": [
        T("港湾の施策を全部", ("02-10", "03-43", "03-44")),
        T("3番目の主担当は？", "03-44", "国土交通省"),
        T("それぞれいつまで？", ("02-10", "03-43", "03-44"), "2023年度"),
    ],
    "two cards that both hold the words asked": [
        T("情報処理安全確保支援士が出てくる施策は？", ("06-01", "06-05")),
        T("登録者数の目標年度は？", ("06-01", "06-05"), "2025年度"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_fourth_conversation_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
