"""An English topic word that a qualifier splits keeps the qualifier a restriction (session 58, topicr2): in "sharing
disaster information", "disaster" qualifies the phrase "sharing … information" (情報共有), so the topic is that phrase,
not disasters: the cards named by the other words of 災害 (被災者: 03-19 被災者台帳 …) are not counted unless they say
it too. The phrase is read with the topic's own word taken out of it, as the glossary reads "sharing information".
A topic that is the word itself (disasters, people with disabilities, maps) still counts them (session 57, topicr).
Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import T, assert_followed

SHARING = ("03-16", "03-17")

CONVERSATIONS = {
    "sharing disaster information, asked politely": [
        T("Could you list the measures for sharing disaster information between agencies?", SHARING),
    ],
    "sharing disaster information, asked casually": [
        T("which ones r about sharing disaster info w/ local govts? all of em", SHARING),
    ],
    "disaster information sharing, the phrase written after the word": [
        T("List every measure on disaster information sharing.", SHARING),
    ],
    "sharing disaster information, then who leads them": [
        T("What measures deal with sharing disaster information among responders?", SHARING),
        T("Who leads them?", SHARING),
    ],
    "disasters alone still counts the measures for disaster victims": [
        T("Please list all measures about disasters.", ("03-16", "03-17", "03-18", "03-19", "03-20", "03-21")),
    ],
    "people with disabilities still counts the accessibility measure": [
        T("measures for disabled people? list em all", ("02-09", "07-05", "07-06", "07-07", "07-11")),
    ],
    "map data still counts the farm plot polygons": [
        T("List the measures about map data or geospatial information.", ("03-42", "05-32", "05-33")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_qualified_english_topic_stays_a_restriction(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
