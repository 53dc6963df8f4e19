"""Follow-ups and answer sets, third batch (issue 18): 「ほかに〇〇省の△△は？」 is △△ among that ministry's cards not yet
given (not the ministry's whole list), and a card that answers a one-measure question less well than the first (it
lacks a word of the question the first card holds) is shown below it, not counted. Our own wordings; none is a blind
set's turn."""

import pytest

from index.assist import ask
from tests.test_conversation_cases import T, assert_followed

CONVERSATIONS = {
    "others of a ministry on a topic: that topic among the ministry's cards, not its list on the topic": [
        T("テレワークの施策", "04-03"),
        T("ほかに総務省のサイバーセキュリティの演習みたいなのは？", "06-03", "CYDER"),  # not 06-11 as well
        T("ほかに総務省の光ファイバの施策は？", "07-01"),
    ],
    "others from the same ministry, in English: the lead of the card just answered, the topic searched among its cards": [
        T("Which measure is about Web accessibility?", "07-06"),
        T("others from the same ministry about cyber defence exercises?", "06-03"),
        # 07-04 (Okinawa broadband) is the Cabinet Office's: the ministry keeps it out
        T("others from the same ministry on broadband for remote islands?", "07-01"),
    ],
    "a ministry after ほかに with no topic is still its whole list, the card given kept out": [
        T("ドローンの施策", "04-02"),
        T("ほかに警察庁が主担当のやつは？", ("02-05", "02-06", "02-07", "02-08", "02-09")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_as_people_write_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_second_card_that_lacks_a_word_the_first_holds_is_not_counted(retriever):
    a = ask(retriever, "GIGAスクールで配った端末の整備はどうなってる？")
    assert [h.card.id for h in a.answers] == ["03-01"]  # 03-05 (先端技術の活用) holds no 整備 or 端末 of it
    assert "03-05" in [h.card.id for h in a.related]  # still shown below


def test_two_cards_that_both_hold_every_word_asked_are_both_counted(retriever):
    a = ask(retriever, "情報処理安全確保支援士を増やす施策は？")
    assert sorted(h.card.id for h in a.answers) == ["06-01", "06-05"]


def test_a_ministry_and_a_topic_none_of_its_cards_is_sure_of_still_lists_its_cards_on_the_topic(retriever):
    drones = ask(retriever, "ドローンの施策")
    a = ask(retriever, "ほかに警察庁の信号の情報みたいなのは？", drones.conversation)
    got = [h.card.id for h in a.answers]
    assert "02-06" in got  # 信号灯火に関する情報: the one it names, not 「該当する施策は見つかりませんでした」
    assert all(h.card.id.startswith("02-0") and "警察庁" in h.card.lead_ministries for h in a.answers)
