"""A question that lists measures by a date (「2025年度が期限の施策は？」, "Which measures have a 2025 deadline?") asked
after an answer is a list over the whole table, not the 時期 of the cards just answered: 期限 / まで / deadline are
the date's words there, not a field asked of them. Said with その中 / そのうち it is the cards of that list due then;
said of the card just answered (「それは2025年度まで？」, 「期限はいつ？」, 「2025年度までに何をするの？」) it stays a
follow-up about that card. Our own wordings; none is an evaluation turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, dated_list, follow_up
from index.retrieve.dated import dated_ask
from tests.test_conversation_cases import T, assert_followed

# the cards whose 工程表 sets a deadline in FY2025 (令和7年度): the digital textbooks, telework, the security
# workforce and the IT workforce (what 「2025年度が期限の施策は？」 lists asked first)
DUE_FY2025 = ("03-06", "04-03", "06-01", "06-05")
MINISTRY_LEAD_MIC = ("03-04", "03-07", "03-09", "03-15", "05-30", "06-02", "06-03", "06-11", "07-01", "07-02", "07-03",
                     "07-05", "07-06", "07-08", "07-09", "07-10", "07-11")
DRONES = Conversation((Turn("ドローンの施策は？", ("04-02",)),))


@pytest.mark.parametrize("question", [
    "2025年度が期限の施策は？",
    "2025年度までが期限の施策は？",
    "期限が2025年度のは？",
    "令和7年度が期限のものはある？",
    "2025年度までに終わるやつ、全部教えて",
    "2025年度が期限の施策を一覧で",
    "Which measures have a 2025 deadline?",
    "Which measures have deadlines in FY2025?",
])
def test_measures_asked_by_a_date_after_an_answer_are_a_question_of_their_own(question):
    assert dated_list(question)
    assert follow_up(question, DRONES, _field_rest).kind == "fresh"


@pytest.mark.parametrize("question, kind", [
    ("それは2025年度まで？", "one"),  # whether the card just answered is due then
    ("2025年度まで？", "ellipsis"),
    ("期限はいつ？", "ellipsis"),
    ("いつまで？", "ellipsis"),
    ("2025年度までに何をするの？", "ellipsis"),  # what that card does by then
    ("その中で2025年度までが期限のは？", "set"),  # among the cards just answered
])
def test_a_date_asked_of_the_card_just_answered_stays_a_follow_up(question, kind):
    assert not dated_list(question) or kind == "set"
    assert follow_up(question, DRONES, _field_rest).kind == kind


def test_an_english_year_said_before_deadline_is_read_as_the_deadlines_year():
    due = dated_ask("Which measures have a 2025 deadline?")
    assert (due.year_from, due.year_to, due.kinds) == (2025, 2025, ("deadline",))
    start = dated_ask("Which measures have a 2022 start?")
    assert (start.year_from, start.year_to, start.launch) == (2022, 2022, True)
    assert dated_ask("Is there a 2025 deadline?") is None  # no measures asked: a question about the card just answered


def test_until_a_year_is_the_deadline_whichever_word_says_deadline():
    # 「令和7年度までが締め切り」 is 「令和7年度までが期限」: the deadline is that year, not every one up to it
    for question in ("令和7年度までが期限のものを全部", "令和7年度までが締め切りのものを全部", "2025年度までが締切の施策"):
        due = dated_ask(question)
        assert (due.year_from, due.year_to, due.kinds) == (2025, 2025, ("deadline",)), question


CONVERSATIONS = {
    "after one card, the measures due in FY2025 over the whole table": [
        T("ドローンの施策は？", "04-02"),
        T("2025年度が期限の施策は？", DUE_FY2025),
    ],
    "after a ministry's list, the measures due by FY2025 are not that list's timing": [
        T("総務省が主担当の施策を全部", MINISTRY_LEAD_MIC),
        T("2025年度までが期限の施策は？", DUE_FY2025),
    ],
    "in English, after one card": [
        T("ドローンの施策は？", "04-02"),
        T("Which measures have a 2025 deadline?", DUE_FY2025),
    ],
    "in English, the deadlines in the plural": [
        T("ドローンの施策は？", "04-02"),
        T("Which measures have deadlines in FY2025?", DUE_FY2025),
    ],
    "until a year said to be the deadline, after a field of one card": [
        T("ドローンの施策は？", "04-02"),
        T("担当は？", "04-02", "内閣官房"),
        T("令和7年度までが締め切りのものを全部", DUE_FY2025),
    ],
    "the deadline word first, after one card": [
        T("テレワークの施策は？", "04-03"),
        T("締め切りが令和7年度のものはどれ？", DUE_FY2025),
    ],
    "the card just answered asked about its date stays that card": [
        T("ドローンの施策は？", "04-02"),
        T("期限はいつ？", "04-02", "令和4年度"),
        T("それは2025年度まで？", "04-02"),
    ],
    "what one card does by FY2025 stays that card": [
        T("学習者用デジタル教科書の施策は？", "03-06"),
        T("2025年度までに何をするの？", "03-06", "取組概要"),
    ],
    "more of the measures due then, the card just answered left out": [
        T("テレワークの施策は？", "04-03"),
        T("令和7年度が期限の施策、ほかにもあれば教えて", ("03-06", "06-01", "06-05")),
    ],
    "more of the measures due then, in English": [
        T("テレワークの施策は？", "04-03"),
        T("Any other measures with a 2025 deadline?", ("03-06", "06-01", "06-05")),
    ],
    "among a list, said so: the list's cards due then": [
        T("テレワークや人材育成の施策を全部", ("04-03", "06-01", "06-05", "06-06", "06-08", "06-10", "06-11")),
        T("その中で2025年度までが期限のは？", ("04-03", "06-01", "06-05")),
    ],
    "among a list, pointed at as the one just given, in English": [
        T("テレワークや人材育成の施策を全部", ("04-03", "06-01", "06-05", "06-06", "06-08", "06-10", "06-11")),
        T("Of those, which have a 2025 deadline?", ("04-03", "06-01", "06-05")),
    ],
    "among a list, pointed at as the one before": [
        T("テレワークや人材育成の施策を全部", ("04-03", "06-01", "06-05", "06-06", "06-08", "06-10", "06-11")),
        T("さっきの中で2025年度が期限のものは？", ("04-03", "06-01", "06-05")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_date_list_after_an_answer_is_followed(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
