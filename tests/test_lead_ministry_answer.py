"""「主担当は？」 after a one-card answer names the lead ministry (or ministries) as 主担当, then the card's whole
府省庁名 as evidence; 「担当府省庁は？」 and 「主担当以外は？」 still answer with every ministry of the row."""

import pytest

from index.assist import ask, asks_lead
from tests.test_chat_agrees_with_search import chat


def test_the_lead_is_named_first_and_the_ministry_cell_follows_as_evidence(retriever):
    found, lead = chat(retriever, "テレワークを推進する施策は？", "主担当は？")
    assert [h.card.id for h in found.answers] == ["04-03"]
    assert lead.field_name == "ministries"
    assert lead.direct.startswith("[04-03] テレワークの普及 の主担当: 内閣官房 / 担当府省庁: ◎内閣官房、内閣府、総務省")


def test_a_card_led_jointly_names_every_lead(retriever):
    a = ask(retriever, "03-21の主担当は？")
    assert "の主担当: 内閣府、内閣官房、厚生労働省 / 担当府省庁: ◎内閣府、◎内閣官房、◎厚生労働省" in a.direct


@pytest.mark.parametrize("question", ["担当府省庁は？", "どこの省がやってる？", "関係府省庁は？"])
def test_every_ministry_asked_is_still_the_whole_row(retriever, question):
    _, a = chat(retriever, "テレワークを推進する施策は？", question)
    assert a.field_name == "ministries" and "の担当府省庁: ◎内閣官房、内閣府、総務省" in a.direct
    assert "の主担当: " not in a.direct


def test_the_others_than_the_lead_are_not_answered_with_the_lead(retriever):
    _, a = chat(retriever, "ドローンの規制とか制度づくりの施策は？", "主担当以外の関係府省は？")
    assert "の主担当: " not in a.direct and "消防庁" in a.direct


def test_the_lead_asked_in_english_is_said_in_english(retriever):
    _, a = chat(retriever, "Is there a measure about flying drones beyond the pilot's line of sight?",
                "Who's in charge of it?")
    assert a.english and "— lead ministry: 内閣官房 / ministries involved: ◎内閣官房" in a.direct


@pytest.mark.parametrize("question, lead", [("主担当は？", True), ("主担当", True), ("どこが旗振り役？", True),
                                            ("メインでやってる省庁は？", True), ("Who leads it?", True), ("それぞれの主担当は？", True),
                                            ("担当は？", False), ("関わってる省庁は？", False),
                                            ("主担当以外の関係府省は？", False), ("メインじゃないところは？", False),
                                            ("Which other ministries are involved?", False),
                                            # a guess checked is a question about the lead; ドメイン holds no メイン
                                            ("主担当は経産省じゃないの？", True), ("主担当は総務省ではないですか", True),
                                            ("ドメインの担当は？", False)])
def test_which_questions_ask_the_lead(question, lead):
    assert asks_lead(question) is lead
