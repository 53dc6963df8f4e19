"""Follow-ups reworded (session 49, the rewording twins): 「〜のほう」 after one card contrasts with what was asked of it
before, and where the card just answered writes the description itself (03-10: 「手術の情報など…令和4年夏を目途に」) and
no other card shown so far does, it asks that card again, however the nouns are joined (「手術情報のほう」, 「手術のほうの
情報」); a description another card shown so far writes (03-43 港湾物流分野, which 02-10 mentions on the way) is still
that other card. 「〇〇省が関わってるけど主担当じゃないのは？」 said bare right after the list of what that ministry
leads is more of the table, as with 「ほかに」 (a restriction of that list could keep none of it); said with 「そのうち」
it is still the list's own, and none. Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_METI, MINISTRY_LEAD_MLIT, T, assert_followed

METI_IN_NOT_LEAD = ("03-01", "03-03", "03-11", "04-01", "04-02", "04-03", "05-36", "06-01", "07-07")

CONVERSATIONS = {
    "a part of the card just answered, said as 〜のほう": [
        T("患者の薬剤情報を他の病院でも見られるようにする施策は？", "03-10"),
        T("いつから見られるの？", "03-10", "令和3年"),
        T("手術の情報のほうは？", "03-10", "令和4年(2022年)夏"),
    ],
    "the nouns of the part joined into one compound": [
        T("03-10はいつまでに？", "03-10"),
        T("手術情報のほうはいつ？", "03-10", "令和4年(2022年)夏"),
    ],
    "のほう said between the nouns": [
        T("03-10はいつまでに？", "03-10"),
        T("手術のほうの情報はいつごろ見れる？", "03-10", "令和4年(2022年)夏"),
    ],
    "a part the card just answered mentions on the way, but an earlier card is named by, is that earlier card": [
        T("サイバーポートについて教えてください", ("02-10", "03-43")),  # both name it (s52)
        T("三分野一体運用の開始時期は？", "02-10"),
        T("港湾物流分野のほうの指標は？", "03-43", "サイバーポート(港湾物流)"),
    ],
    "involved but not leading, said bare after the ministry's own list: the table beside it": [
        T("経済産業省が主担当の施策を全部", MINISTRY_LEAD_METI),
        T("経済産業省が関係してるけど主管じゃないのは？", METI_IN_NOT_LEAD),
    ],
    "the same with another ministry and 主担当ではない": [
        T("国交省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("国土交通省が関わってるけど主担当ではないものは", ("04-02", "04-03", "05-31", "07-07")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_reworded_follow_up_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_not_leading_said_with_sonouchi_stays_in_the_list(retriever):
    """「そのうち主担当じゃないのは？」 points at the list: none of the ministry's own list, not the table beside it."""
    from tests.test_conversation_cases import play

    (_, first), (_, a) = play(retriever, [T("文部科学省が主担当の施策をすべて挙げてください。"), T("そのうち主担当じゃないのは？")])
    assert [h.card.id for h in a.answers] == []
