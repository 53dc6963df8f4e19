"""English questions read as English grammar says, on the bundled table (session 50): an English topic list is ranked
by its topic as the table writes it (the glossary's terms for its English words, beside the question itself); a
pronoun in a later sentence of the same question ("Which measures does MLIT lead? All of them, please.") stands for
the measures that question asks for, not the last answer; a first sentence in the first person that says who asks
("I grow rice in Niigata.") is left out of a question of the table's cells, and kept before one it is the topic of;
"in any role", "lead or otherwise" ask for every measure a ministry takes part in; "Does 05-35 include 外務省?" is
the yes or no about that card's ministries. Our own wordings; none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_MLIT, MINISTRY_LEAD_NPA, T, assert_followed

MAFF_INVOLVED = ("03-41", "03-42", "04-02", "05-31", "05-32", "07-07")
MHLW_INVOLVED = ("03-08", "03-09", "03-10", "03-11", "03-12", "03-13", "03-14", "03-21", "04-02", "04-03", "07-07")

CONVERSATIONS = {
    "an English topic list read in the table's words: connectivity gaps": [
        T("List every measure about broadband, fibre or mobile phone dead zones such as tunnels.",
          ("07-01", "07-02", "07-03", "07-04")),
    ],
    "an English topic list read in the table's words: data across borders": [
        T("List all the measures about cross-border data flows.", ("05-35", "05-36")),
    ],
    "all of them said after the question's own measures": [
        T("Which measures does the National Police Agency lead?", MINISTRY_LEAD_NPA),
        T("Which measures does MLIT lead? All of them, please.", MINISTRY_LEAD_MLIT),
    ],
    "a first-person preface before a ministry's measures": [
        T("I grow rice in Niigata. Which measures does MAFF take part in, lead or not?", MAFF_INVOLVED),
    ],
    "a first-person preface that is the topic stays": [
        T("My son's school uses digital textbooks. Is there a target for that?", "03-06", "100%"),
    ],
    "in any role, lead or otherwise": [
        T("List the measures that involve MHLW in any role, lead or otherwise.", MHLW_INVOLVED),
    ],
    "does a card include a ministry": [
        T("Who leads the one device per student measure?", "03-01", "文部科学省"),
        T("Does 05-35 include 外務省?", "05-35", "not among its ministries"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_an_english_question_is_read_by_its_grammar(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
