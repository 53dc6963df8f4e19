"""Follow-ups that keep the thread and questions that name a card's field, read by the class of wording rather than
one phrase (session 16): an English verb of the no-topic words in its -ed / -ing form ("reached", "achieving",
"working on it"), "the one helping …" naming another measure by what it does, an English question about the one card
pointed at that the Japanese card's words cannot match, a card number with a field said by its words alone
("06-06 lead ministry?"), a card number then the thing of it asked about (「03-17、訓練の時期は？」: one card, not two
topics), a kind of money (助成金) asked as the budget, a number aimed at (何人を目標に) as the KPI, a comma the field's
words leave behind, and "overall" in a ministry's list. Each wording here is our own, none is a tuning set's turn."""

import pytest

from index.assist import _field_rest, coordinated_topics, field_asked, field_by_words
from index.conversation import Conversation, Turn, follow_up, has_own_topic
from tests.test_conversation_cases import MINISTRY_LEAD_MLIT, T, assert_followed

CONVERSATIONS = {
    "a target reached, asked in English with the verb's -ed form": [
        T("Which measure brings ultra-fast broadband to Okinawa?", "07-04"),
        T("By when is the target supposed to be reached?", "07-04", "令和4年度"),
    ],
    "the ministries working on it": [
        T("Is there a program of digital helpers who teach seniors to use smartphones?", "07-08"),
        T("Which ministries are working on it?", "07-08", "総務省"),
    ],
    "the one that does something else, named by its verb, after one card": [
        T("Is there a program of digital helpers who teach seniors to use smartphones?", "07-08"),
        T("and the one making road crossings safer for blind people?", "02-09", "警察庁"),
    ],
    "an English question about the card pointed at stays on it": [
        T("個人データの国際的な枠組みとAPEC CBPRの施策", "05-36"),
        T("which partners do they hold talks with", "05-36", "APEC"),
    ],
    "a card number and the field in English words alone": [
        T("06-06 lead ministry?", "06-06", "◎経済産業省"),
    ],
    "a card number, then the thing of it whose date is asked": [
        T("03-17、情報共有の訓練の時期は？", "03-17"),
    ],
    "a kind of money asked of the card just answered is its budget": [
        T("テレワークを広める施策は？", "04-03"),
        T("助成金の額は書いてある？", "04-03", "予算"),
    ],
    "how many people are aimed at is the KPI": [
        T("情報処理安全確保支援士は何人を目標にしてる？", ("06-01", "06-05"), "3万人超"),
    ],
    "a measure named before a comma, then the ministry asked in English": [
        T("the drone rules measure, which ministry?", "04-02", "内閣官房"),
    ],
    "when it goes live, asked in English of the card just answered": [
        T("Is there a measure on digital certificates for disaster victims?", "03-18"),
        T("When does it go live?", "03-18", "令和3年度"),
    ],
    "what a measure named by its own name is, asked with って何です": [
        T("異能プログラムって何です？", "07-10", "300万円"),
    ],
    "a ministry's measures, overall": [
        T("which measures are led by 国土交通省 overall?", MINISTRY_LEAD_MLIT),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_thread_or_a_field_is_read_by_its_class_of_wording(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q", ["When will it be reached?", "Is it on track for achieving that?", "Who is working on it?",
                               "When was it completed?"])
def test_english_verb_forms_of_the_no_topic_words_name_no_topic(q):
    """A follow-up made of asking words and the -ed / -ing forms of verbs that say how a card is asked about stays on
    the card just answered (a topic would make it a new question)."""
    conv = Conversation().add(Turn("q", ("07-04",)))
    assert follow_up(q, conv, _field_rest).kind in ("ellipsis", "one")


@pytest.mark.parametrize("q", ["measures", "programs", "road crossings", "blind people"])
def test_nouns_and_their_plurals_still_name_what_they_name(q):
    """Only the -ed / -ing forms are read as the verbs: a plural noun is not stripped to a word of no topic."""
    assert has_own_topic(q) is (q not in ("measures", "programs"))


def test_a_card_number_then_a_thing_of_it_is_not_two_topics():
    """「03-17、訓練の時期」: the card by its number, then what of it; 「03-17、03-18の時期」 still names two cards."""
    assert coordinated_topics("03-17、情報共有の訓練") == []
    assert coordinated_topics("03-17、03-18") != []


def test_a_kind_of_money_is_the_budget_and_a_trailing_comma_is_not_searched():
    f = field_by_words("補助金の金額は載ってる？")
    assert f is not None and f.field == "budget"
    asked = field_asked("the Okinawa broadband project, which ministry?")
    assert asked is not None and asked.field == "ministries" and asked.rest == "the Okinawa broadband project"


@pytest.mark.parametrize("q, field", [("What are the milestones?", "when"), ("Who pays for it?", "budget"),
                                      ("Who else is on board?", "ministries"), ("Whose job is it?", "ministries"),
                                      ("What does success look like?", "kpi"), ("How far along is it?", "kpi_progress"),
                                      ("責任官庁は？", "ministries"), ("どこが音頭とってる？", "ministries")])
def test_a_field_asked_in_other_words(q, field):
    """A field of the card just answered, named by words the table does not use (what marks its dates, who pays,
    who is on board, what success looks like, how far along it is, the office responsible)."""
    from index.assist import follow_up_field

    f = follow_up_field(q)
    assert f is not None and f.field == field


@pytest.mark.parametrize("q, lead", [("lead agency for the telework measure?", True),
                                     ("What's the lead ministry for telework?", True),
                                     ("is 財務省 the lead ministry on any of them?", False),
                                     ("Which measures have 経済産業省 as lead ministry?", False)])
def test_the_lead_ministry_asked_as_a_field_not_a_role_checked(q, lead):
    """"lead agency for X?" asks X's ministries; "is MOF the lead ministry on any of them?" and "with METI as lead
    ministry" check or choose by a role, which the field's words must not take over."""
    asked = field_asked(q)
    assert (asked is not None and asked.field == "ministries") is lead
