"""An English user of the chat: English ministry names and field words are read, and what the chat writes itself
(headings, labels, "not found", notes on how a follow-up was read) is English, while the cards stay the table's
Japanese with their 施策番号. A Japanese question is answered in Japanese, as before."""

import re

import pytest

from app.ui import render_answer
from index.assist import answer_text, ask
from index.english import asks_in_english, is_english, translate
from tests.test_chat_agrees_with_search import chat, ids

KANA = re.compile(r"[\u3041-\u309f]")



def framing(a) -> str:
    """What the chat wrote itself: the answer's text without the 「」 quotes and the cards' own words (name, KPIs)."""
    text = re.sub(r"「[^」]*」", "", a.direct + " " + " ".join(a.notes))
    for card in a.cards:
        for said in (card.name, card.kpi_progress, card.kpi_effect):
            text = text.replace(said, "") if said else text
    return text


@pytest.mark.parametrize("q, language", [
    ("Who leads the telework measure?", True),
    ("List what the Cabinet Secretariat (内閣官房) runs.", True),  # a Japanese name quoted in English
    ("What's the 異能 (Innovation) program about?", True),
    ("Overview?", True),
    ("テレワークの施策の担当は？", False),
    ("KPIは？", False),
    ("Society 5.0対応の人材育成", False),  # a Japanese phrase with an English name in it
    ("KPI?", None), ("04-03", None), ("CYDER", None),  # says neither: the conversation decides
])
def test_the_language_of_a_question_is_read_from_its_words(q, language):
    assert is_english(q) is language


def test_a_question_that_says_neither_is_answered_in_the_conversations_language():
    assert asks_in_english("KPIs?", lambda: ["Is there a measure about drones?"])
    assert not asks_in_english("KPIs?", lambda: ["ドローンの施策はある？"])
    assert not asks_in_english("KPIs?")


@pytest.mark.parametrize("q, ministry, count", [
    ("Everything led by the Cabinet Secretariat (内閣官房), please.", "内閣官房", 9),
    ("I'd like to see all the measures MEXT leads", "文部科学省", 8),
    ("Which measures is the National Police Agency in charge of?", "警察庁", 5),
    ("What does the NPA lead?", "警察庁", 5),
    ("Which measures is the Ministry of Internal Affairs and Communications responsible for?", "総務省", 17),
])
def test_an_english_ministry_name_or_abbreviation_lists_every_measure_it_leads(retriever, q, ministry, count):
    a = ask(retriever, q)
    assert len(a.answers) == count and all(ministry in h.card.lead_ministries for h in a.answers)
    assert a.english and a.direct.startswith(f"{count} measures match: [")


def test_a_ministry_the_table_never_names_is_said_so_in_english(retriever):
    a = ask(retriever, "Anything led by the Digital Agency?")
    assert a.kind == "none" and a.english
    assert a.direct == "No measure was found for this. デジタル庁 does not appear in this table's ministry column (府省庁名)."


def test_an_english_conversation_is_answered_in_english_around_the_tables_japanese(retriever):
    found, lead, kpis, budget = chat(retriever, "Is there a measure about flying drones beyond the pilot's line of sight?",
                                     "Who's in charge of it?", "KPIs?", "How much money does it get?")
    assert ids(found.answers) == ["04-02"] and "answers this." in found.direct and "(lead: 内閣官房)" in found.direct
    assert "小型無人機" in found.direct  # the card's own name, as the table writes it
    assert lead.field_name == "ministries" and "— lead ministry: 内閣官房 / ministries involved: " in lead.direct
    assert "(◎ = lead)" in lead.direct
    assert "内閣官房" in lead.direct
    assert kpis.field_name == "kpi" and "KPI (progress): " in kpis.direct and "KPI (outcome): " in kpis.direct
    assert "About the measures just answered (04-02)." in kpis.notes
    assert budget.field_name == "budget" and budget.direct.startswith("The table has no budget column")
    for a in (found, lead, kpis, budget):
        assert a.english and not KANA.search(framing(a)), framing(a)


def test_a_list_asked_in_english_gets_its_table_headings_in_english(retriever):
    listed, table = chat(retriever, "Which measures does the National Police Agency lead?", "And their KPIs?")
    assert ids(table.answers) == ids(listed.answers) and table.kind == "table"
    assert table.direct == "A table of the KPIs for the 5 measures."
    assert table.table[0] == ["measure number", "name", "lead ministry", "KPI (progress)", "KPI (outcome)"]
    assert [row[0] for row in table.table[1:]] == ["02-05", "02-06", "02-07", "02-08", "02-09"]
    assert "警察庁" in table.table[1][2]  # the cells stay the table's


def test_which_of_those_does_it_lead_keeps_the_ministry_of_the_list(retriever):
    involved, led = chat(retriever, "List the measures the privacy commission (個人情報保護委員会) takes part in.",
                         "Which ones does it lead itself?")
    assert len(involved.answers) == 5
    assert [h.card.id for h in led.answers] == [h.card.id for h in involved.answers
                                                 if "個人情報保護委員会" in h.card.lead_ministries]
    assert any(n.startswith("Of the last list (") and "個人情報保護委員会 leads (◎)" in n for n in led.notes)


def test_an_ordinal_past_the_list_is_said_in_english(retriever):
    _, second, past = chat(retriever, "Is there a measure about telework?", "What about the second one?",
                           "And the fifth?")
    assert past.kind == "none" and past.english and not KANA.search(past.direct), past.direct


def test_the_page_and_the_cli_show_the_same_english(retriever, cli):
    a = ask(retriever, "Which measures does METI lead?")
    html = render_answer(a)
    assert "confidence: <span class='level-高'>high</span> ・ 5 matching" in html and "確からしさ" not in html
    assert "Matching measures (5)" in html and "ministries: " in html and "source: " in html
    text = answer_text(a)
    assert text.startswith("5 measures match: [03-02]") and "(lead: 経済産業省)" in text and "主担当" not in text
    assert "(lead: 経済産業省) — ministries (府省庁名): ◎経済産業省" in text  # why each card is in the list
    rc, out, _ = cli("ask", "Which measures does METI lead?")
    assert rc == 0 and out.strip() == text


def test_a_japanese_question_is_still_answered_in_japanese(retriever):
    a = ask(retriever, "経済産業省が主担当の施策は？")
    assert not a.english and a.direct.startswith("該当する施策は 5 件です") and "確からしさ" in render_answer(a)
    assert "（主担当: 経済産業省）" in answer_text(a)


def test_card_text_quoted_in_an_answer_is_never_translated():
    said = "[04-03] テレワークの普及（主担当: 内閣官房）が当たります。 要点: 「テレワークの施策は 3 件です: 主担当です」"
    assert translate(said) == "[04-03] テレワークの普及 (lead: 内閣官房) answers this. Key passage: 「テレワークの施策は 3 件です: 主担当です」"


@pytest.mark.parametrize("q, one", [
    # the ministry said as who does one thing: that thing's measure among its cards, not the ministry's list
    ("How does the National Police Agency handle driver's license renewals?", "02-05"),
    ("What is the PPC doing about personal data sent overseas?", "05-36"),
])
def test_an_english_question_naming_a_ministry_as_who_does_one_thing_is_answered_with_that_measure(retriever, q, one):
    a = ask(retriever, q)
    assert ids(a.answers) == [one] and a.english and "answers this." in a.direct
    assert a.related  # the ministry's other cards are shown below it, not counted


@pytest.mark.parametrize("q, count", [
    ("Which NPA measures are about traffic?", 3),  # measures, in the plural: a list of the ministry's cards on it
    ("National Police Agency research for self-driving cars", 2),  # keywords, no question: the cards on the subject
    ("What does the NPA lead?", 5),  # no topic: the ministry's list
])
def test_an_english_question_asking_for_a_ministrys_measures_is_still_a_list(retriever, q, count):
    a = ask(retriever, q)
    assert len(a.answers) == count and all("警察庁" in h.card.lead_ministries for h in a.answers)


def test_a_ministry_and_one_thing_with_no_sure_card_is_offered_as_the_best_guess(retriever):
    a = ask(retriever, "Does MLIT have anything for port logistics paperwork?")
    assert a.tentative and ids(a.answers) == ["03-43"] and a.direct.startswith("I can't be sure")


@pytest.mark.parametrize("q, term, gloss", [
    ("Which measures have a KPI on 情報処理安全確保支援士 (registered security specialists)?", "情報処理安全確保支援士",
     "registered"),
    ("What is the KPI of the 異能 (Innovation) program?", "異能", "Innovation"),
])
def test_an_english_question_is_searched_by_the_tables_term_not_the_writers_gloss(retriever, q, term, gloss):
    # English as is_english reads it (the gloss in parentheses is no part of that reading): the term is searched, the
    # gloss dropped, and the answer keeps the question as typed
    assert is_english(q) is True
    a = chat(retriever, q)[0]
    assert term in a.searched and gloss not in a.searched and a.question == q
