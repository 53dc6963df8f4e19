"""Topic lists asked in English count the cards the table names by the topic's other words (session 57, topicr): an
English topic is read as the table's terms its words gloss (disabilities → 障害者, maps → 地図 地理空間情報), and a
card named by those terms' other words (glossary.TOPIC_KIN: 07-05 情報アクセシビリティ for disabilities, 03-42 筆ポリゴン
データ for maps, 03-19 被災者台帳 for disasters) is one of the list, as it is when the same topic is asked in Japanese;
where the topic says more that the list's sure cards all say (sharing information in a disaster), a card named by the
other word alone is not. Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import T, assert_followed

ACCESSIBILITY = ("02-09", "07-05", "07-06", "07-07", "07-11")
GEOSPATIAL = ("03-42", "05-31", "05-32", "05-33", "05-34")

CONVERSATIONS = {
    "an English list for people with disabilities counts the accessibility measures": [
        T("Which measures support people with disabilities?", ACCESSIBILITY),
        T("Of those, which are led by the Cabinet Secretariat?", "07-07"),
    ],
    "the same, asked casually": [
        T("disabled ppl measures, all of em", ("07-05", "07-06", "07-07", "07-11")),
    ],
    "an English list of maps and geospatial data counts the farm plot polygons": [
        T("Please list every measure related to maps, land parcels or geospatial information.", GEOSPATIAL),
        T("Which of those are led by MAFF?", ("03-42", "05-32")),
    ],
    "maps, asked casually": [
        T("gis / mapping stuff - list em all", ("03-42", "05-32", "05-33")),
    ],
    "maps, asked in one word": [
        T("Which measures are about maps?", ("03-42", "05-32", "05-33")),
    ],
    "an English list of disaster measures counts the measures for disaster victims": [
        T("List every measure about disasters", ("03-16", "03-17", "03-19", "03-20", "03-21")),
    ],
    "sharing information in a disaster is not every measure for its victims": [
        T("Which measures share information in a disaster?", ("03-16", "03-17")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_an_english_topic_list_counts_the_cards_named_by_its_other_words(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
