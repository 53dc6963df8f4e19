"""English turns that ask for a list after a conversation has started: "all the measures" followed by a clause that says
which ones is a list of the table's (a ministry's, a topic's), not a reminder of the cards just answered; "not in this
list" / "besides those" asks for the table's other cards on a topic, as 「これ以外で…」 does; and "mention X or Y" is
every card that writes either. Each wording here is our own, none is an evaluation set's turn."""

import pytest

from index.assist import _field_rest, ask
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import T, assert_followed

FINANCE = ("02-10", "03-43", "04-01")  # 府省庁名 holds 財務省


def involving(cards, ministry: str) -> tuple[str, ...]:
    return tuple(c.id for c in cards if any(m.name == ministry for m in c.ministries))


def test_all_the_measures_a_ministry_takes_part_in_after_one_card(retriever, cards):
    """After one card (the drone measure, which the police agency only takes part in), "all the measures the National
    Police Agency takes part in" is every card whose 府省庁名 names it, lead or not: five it leads and the drone one."""
    npa = involving(cards, "警察庁")
    assert "04-02" in npa and len(npa) == 6
    assert_followed(retriever, [T("Is there a measure about drones?", "04-02"),
                                T("Show me all the measures that the National Police Agency takes part in.", npa, "警察庁")])


@pytest.mark.parametrize("q, points", [
    ("What are the KPIs of all the measures?", True),  # all of them: the cards just answered
    ("Who leads all the measures in the list?", True),
    ("All of those traffic ones: who leads them?", True),
    ("List all the measures in which the Financial Services Agency is involved.", False),
    ("Give me all the measures about ports.", False),
    ("I want all the ones led by MIC.", False),
    ("Could you give me all the measures the Financial Services Agency takes part in?", False),
])
def test_all_the_measures_points_back_only_without_a_clause_of_its_own(q, points):
    last = Conversation((Turn("Which measures involve the Ministry of Finance?", FINANCE),))
    fu = follow_up(q, last, _field_rest)
    assert (fu.kind == "set" and fu.ids == FINANCE) is points, fu


@pytest.mark.parametrize("q", [
    "Any other port measure that is not in this list?",
    "Is there a port measure not already listed?",
    "Are there port measures besides those?",
    "Is there another measure on ports?",
    "Are there port measures that aren't on this list?",
    "Any port measures apart from the ones listed above?",
])
def test_a_measure_not_in_the_list_is_one_more_of_the_table(q):
    """The cards just listed are kept out and the words that keep them out are no part of the topic searched."""
    last = Conversation((Turn("Which measures involve the Ministry of Finance?", FINANCE),))
    fu = follow_up(q, last, _field_rest)
    assert fu.kind == "more" and set(FINANCE) <= set(fu.ids), fu
    assert "list" not in fu.rest and "besides" not in fu.rest and "port" in fu.rest


def test_those_about_an_english_topic_are_those_that_write_its_table_word(retriever, cards):
    """Of the police agency's five, the ones about self-driving are those that write 自動運転 (the glossary's word for
    it); 02-05 (運転免許) only sounds near driving."""
    npa_lead = tuple(c.id for c in cards if "警察庁" in c.lead_ministries)
    self_driving = tuple(i for i in npa_lead if "自動運転" in next(c for c in cards if c.id == i).overview)
    assert 0 < len(self_driving) < len(npa_lead)
    assert_followed(retriever, [T("Which measures does the National Police Agency lead?", npa_lead),
                                T("Of those police ones, which concern self-driving vehicles?", self_driving)])


def test_mention_one_word_or_another_lists_the_cards_that_write_either(retriever, cards):
    """"mention Okinawa or remote islands": 沖縄 (07-04) or 離島 (03-09), the glossary's words for each; no card holds
    both, so the list is the union of the two, not the cards that hold both (none)."""
    either = tuple(c.id for c in cards if "沖縄" in c.name + c.overview or "離島" in c.name + c.overview)
    assert len(either) == 2
    a = ask(retriever, "Which measures mention Okinawa or the remote islands?", Conversation())
    assert sorted(h.card.id for h in a.answers) == sorted(either)
    a = ask(retriever, "Which measures mention Okinawa?", Conversation())
    assert [h.card.id for h in a.answers] == ["07-04"]


def test_a_card_picked_from_the_list_by_its_own_words_is_shown_as_sure_as_the_heading(retriever):
    """"The Okinawa one" after a list: 07-04 is the card whose words say Okinawa (沖縄), the one pointed at; the card is
    marked as sure as the heading says (the search over "what's the target rate?" alone rated it low, and the page
    showed confidence high above a card marked low)."""
    first = ask(retriever, "Which measures mention Okinawa or remote islands?", Conversation())
    a = ask(retriever, "The Okinawa one — what's the target rate?", first.conversation)
    assert [h.card.id for h in a.answers] == ["07-04"]
    assert a.confidence == min(h.confidence for h in a.answers) >= 0.8
