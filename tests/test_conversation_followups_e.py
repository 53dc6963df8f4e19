"""Follow-ups, fifth batch (issue 18): a part of a list left out by its words (「港湾関係を除くと？」: every card they fit,
read generously), one ministry alone (「内閣官房単独で主担当のもの」), what a measure is (「具体的にどんな取り組み
なんですか」), since when (「いつから続けてるの？」), an amount's ceiling (「支援額の上限は？」), English "other programs"
(the card given kept out) and "the Commission" said again (the ministry just named). Our own wordings; none is a blind
set's turn."""

import pytest

from index.assist import ask
from tests.test_conversation_cases import MINISTRY_LEAD_CAO, MINISTRY_LEAD_MLIT, T, assert_followed

CABINET_SECRETARIAT_LEADS = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")
CABINET_SECRETARIAT_ALONE = ("04-01", "04-02", "04-03", "05-31", "06-01", "07-07")  # 03-19..03-21 share the ◎

CONVERSATIONS = {
    "a part of a ministry's list left out by a word its cards hold": [
        T("国交省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("その中で港湾関係を除くと？", ("05-33", "05-34")),  # 02-10, 03-43 (サイバーポート), 03-44 (AIターミナル) go
    ],
    "a part left out by a topic: the cards about it, not only those that say the word": [
        T("内閣府が主担当の施策を一覧で", MINISTRY_LEAD_CAO),
        # 03-18 to 03-21 say 被災者, not 災害: they are about disasters too
        T("このうち災害関係でないものは？", ("03-11", "03-45", "07-04")),
    ],
    "one ministry alone as the lead": [
        T("内閣官房が主担当の施策を全部", CABINET_SECRETARIAT_LEADS),
        T("そのうち内閣官房単独で主担当のものは？", CABINET_SECRETARIAT_ALONE, "内閣官房"),
    ],
    "what the measure is, asked with a noun that names no topic": [
        T("ドローンの規制の施策は？", "04-02"),
        T("具体的にどんな取り組みなんですか", "04-02", "課題・取組概要"),
    ],
    "since when an ongoing exercise has run": [
        T("サイバー防御演習の施策", "06-03"),
        T("その集合演習はいつから続けてるの？", "06-03", "平成29年度"),
    ],
    "the ceiling of an amount, of the card just answered": [
        T("個人の奇抜なICT挑戦を支援する施策", "07-10"),
        T("支援額の上限は？", "07-10", "300万円"),
    ],
    "English: other programs on a topic, the card given kept out": [
        T("Is there a measure on Data Free Flow with Trust?", "05-35"),
        T("Are there other programs dealing with personal data going abroad?", "05-36", "CBPR"),
    ],
    "English: the Commission said again is the ministry just named": [
        T("Which measures is the Personal Information Protection Commission involved in?",
          ("03-03", "03-07", "05-30", "05-35", "05-36")),
        T("Which of them does the Commission lead?", "05-36", "個人情報保護委員会"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_as_people_write_it(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_list_narrowed_to_a_ministry_is_not_read_as_that_ministry_alone(retriever):
    # 「内閣官房だけに絞って」 keeps the measures it leads with others too: だけ limits the list, not the ◎
    shared = ask(retriever, "被災者支援の施策を全部")
    a = ask(retriever, "内閣官房が主担当のものだけに絞って", shared.conversation)
    assert "03-21" in [h.card.id for h in a.answers]  # ◎ 内閣府, 内閣官房 and 厚労省


def test_what_kind_of_measures_exist_is_still_a_list(retriever):
    # 「どんな施策がある？」 asks which measures there are (a list), not what the measure just answered is
    drones = ask(retriever, "ドローンの施策は？")
    a = ask(retriever, "テレワークについてはどんな施策がありますか", drones.conversation)
    assert a.field_name != "overview"
    assert "04-03" in [h.card.id for h in a.answers]
