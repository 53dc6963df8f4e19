"""Questions that ask for a whole list, and how far 「ほかに」 reaches (issue 18, lists). A count of measures is a list
(「…の施策っていくつある？」, "how many measures …": the answer names them); 「ほかに」 keeps the cards already given
out, but 「ほかも含めて」, 「それも含めて」 and 「ほかにも…全部」 widen the set to every card it names, those given too;
「ほかに」 before a set the 工程表 cells make (「令和7年度までの目標を掲げている施策を全部」) is the rest of that set, not
the field of the card just answered; a word that joins the question to the last one (「ついでに」) or says "in any way"
(「何らかの形で」, "at all") names no subject of a ministry's list. Each wording here is our own, none is an evaluation
set's turn."""

import pytest

from index.retrieve.understand import asks_list
from tests.test_conversation_cases import MINISTRY_LEAD_MLIT, MINISTRY_LEAD_NPA, T, assert_followed

AI_TERMINAL = T("港のAIターミナルって何をする施策？", "03-44", "遠隔操作RTG")
MLIT_OTHERS = tuple(i for i in MINISTRY_LEAD_MLIT if i != "03-44")

CONVERSATIONS = {
    "「ほかに」 alone: the ministry's other measures, the card given kept out": [
        AI_TERMINAL,
        T("ほかに国交省が主担当の施策は？", MLIT_OTHERS),
    ],
    "「それも含めて」: the whole list, the card given in it": [
        AI_TERMINAL,
        T("それも含めて国交省が主担当の施策を一覧で", MINISTRY_LEAD_MLIT),
    ],
    "「ほかのも合わせて」: the others counted in, the whole list": [
        AI_TERMINAL,
        T("国交省が主担当の施策、ほかのも合わせて全部", MINISTRY_LEAD_MLIT),
    ],
    "「ほかにも…全部」: all there are, the card given too": [
        AI_TERMINAL,
        T("ほかにも国交省が主担当の施策があるなら全部見せて", MINISTRY_LEAD_MLIT),
    ],
    "a count asked after one card: the whole list, named": [
        AI_TERMINAL,
        T("国交省が主担当の施策って全部でいくつある？", MINISTRY_LEAD_MLIT),
    ],
    "「ついでに」 joins the question to the last one; it is no subject of the ministry's list": [
        AI_TERMINAL,
        T("ついでに、警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
    ],
    "\"including that one\": the whole list, the card given in it": [
        T("What does the AI container terminal measure do?", "03-44"),
        T("Which measures does MLIT lead, including the one you just mentioned?", MINISTRY_LEAD_MLIT),
    ],
    "\"which other\": the rest, the card given kept out": [
        T("What does the AI container terminal measure do?", "03-44"),
        T("Which other measures does MLIT lead?", MLIT_OTHERS),
    ],
    "「ほかに」 before a dated set: the rest of that set, not the card's KPI": [
        T("国家公務員のテレワークはいつまでに何を目指してる？", "04-03"),
        T("ほかに令和7年度までの目標を掲げている施策を全部", ("03-06", "06-01", "06-05"), "令和7年度"),
        T("そのうち支援士の登録者数のは？", ("06-01", "06-05"), "3万人"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_list_question_keeps_its_scope(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q", ["サイバーセキュリティ人材を育てる施策ってどれだけある？", "港湾の施策はいくつくらいある？",
                               "厚労省が主担当の施策の数は？", "How many measures deal with ports?",
                               "防災関係の施策って、この表にどれだけ載ってる？"])
def test_a_count_of_measures_asks_for_the_list(q):
    assert asks_list(q)


@pytest.mark.parametrize("q", ["テレワーク導入企業の割合はどれだけ増やす？", "支援士は何人くらい登録を目指してる？",
                               "その施策、どれだけ効果がある？"])
def test_a_count_a_card_gives_is_no_list(q):
    assert not asks_list(q)


@pytest.mark.parametrize("q", ["国交省が主担当の施策の数は？", "How many measures does MLIT lead in total?"])
def test_a_ministrys_count_is_its_whole_list(retriever, q):
    assert [h.card.id for h in retriever.search(q).results if not h.related] == list(MINISTRY_LEAD_MLIT)


@pytest.mark.parametrize("q", ["財務省が何らかの形で関わっている施策を全部", "Which measures is the Ministry of Finance involved in at all?"])
def test_in_any_way_lists_every_card_the_ministry_is_in(retriever, cards, q):
    """「何らかの形で」, "at all": how the ministry takes part (any role), no subject: every card whose 府省庁名 names it."""
    involved = [c.id for c in cards if "財務省" in (m.name for m in c.ministries)]
    assert len(involved) == 3
    assert [h.card.id for h in retriever.search(q).results if not h.related] == involved
