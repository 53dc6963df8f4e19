"""Dated lists read as people say the years: a range whose first year borrows the second's era or 年度
(「2023〜2025年度」, 「令和5〜7年度」), a year said from now (「今年度」, 「来年度」, "next fiscal year": the plan's
year is 今年度, and the answer says which fiscal year it read), "Which ones …" after one card (a new list, not that
card), two cell words joined by "or" (no topic between them). The 時期 cell of a dated list says first the
milestone that put the card there, and the page folds the card's other dated sentences under 「ほか N 件」.
Our own wordings; none is an evaluation turn."""

import pytest

from index.assist import Conversation, answer_text, ask
from index.retrieve.dated import dated_ask
from tests.test_conversation_cases import T, assert_followed

DUE_FY2025 = ("03-06", "04-03", "06-01", "06-05")
# a deadline (or a goal set for its year) in FY2023-FY2025: the port's three fields run as one from FY2023 (02-10),
# the textbooks, the AI terminal, e-invoices before the October 2023 switch, telework, the farmland map, the two
# security workforce cards, mobile coverage (FY2024)
DUE_FY2023_25 = ("02-10", "03-06", "03-44", "04-01", "04-03", "05-32", "06-01", "06-05", "07-02")


@pytest.mark.parametrize("question", ["2023〜2025年度が期限の施策は？", "令和5〜7年度が期限の施策は？",
                                      "2023-25年度が期限のものを全部", "令和5年度～令和7年度が期限の施策"])
def test_a_range_said_once_with_its_era_or_nendo_reads_both_years(question):
    due = dated_ask(question)
    assert (due.year_from, due.year_to, due.kinds, due.fiscal) == (2023, 2025, ("deadline",), True)


@pytest.mark.parametrize("question, years", [
    ("今年度が期限の施策は？", (2021, 2021)),
    ("来年度に始まる施策を全部", (2022, 2022)),
    ("昨年度に終わった施策はどれ？", (2020, 2020)),
    ("再来年度以降が期限のもの", (2023, None)),
    ("Which measures start next fiscal year?", (2022, 2022)),
])
def test_a_year_said_from_now_is_read_from_the_plans_year(question, years):
    due = dated_ask(question)
    assert (due.year_from, due.year_to) == years and due.relative


@pytest.mark.parametrize("question", ["来年度何するの？", "今年度は何人育てる目標？", "対前年度比で増やす施策"])
def test_a_year_from_now_asked_of_one_card_is_left_to_its_words(question):
    # what one card does then (its own sentence finds it), or a KPI's year-on-year wording: no list by a year
    due = dated_ask(question)
    assert due is None or not due.relative


CONVERSATIONS = {
    "a range of fiscal years said with one 年度": [
        T("2023〜2025年度が期限の施策は？", DUE_FY2023_25),
    ],
    "the same range, its era said once": [
        T("令和5〜7年度が期限の施策は？", DUE_FY2023_25),
    ],
    "after one card, which ones are due in a year: the table's measures due then": [
        T("ドローンの施策は？", "04-02"),
        T("Which ones are due in FY2025?", DUE_FY2025),
    ],
    "a deadline or a target in a year, in English": [
        T("Which measures have a deadline or a target year of FY2025?", DUE_FY2025),
    ],
    "the measures due in a year, then what each has that year: each quotes its sentence of that year": [
        T("2023年度が期限の施策は？", ("02-10", "03-44", "04-01", "05-32")),
        T("それぞれ2023年度には何があるの？", ("02-10", "03-44", "04-01", "05-32"), "三分野一体運用", "ゲート前待機",
          "インボイス制度に移行するまでに", "8割"),
    ],
    "the rest of them, what each has that year": [
        T("2023年度が期限の施策は？", ("02-10", "03-44", "04-01", "05-32")),
        T("05-32のKPIは？", "05-32", "8割"),
        T("残りの3つは2023年度に何があるの？", ("02-10", "03-44", "04-01"), "三分野一体運用", "ゲート前待機"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_dated_lists_read_as_people_say_the_years(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_next_fiscal_year_is_the_plans_next_and_the_answer_says_so(retriever):
    said = ask(retriever, "来年度に始まる施策は？", Conversation())
    written = ask(retriever, "2022年度に始まる施策は？", Conversation())
    assert [h.card.id for h in said.answers] == [h.card.id for h in written.answers] and said.answers
    assert "「来年度」を2022年度として読んでいます" in answer_text(said)
    english = ask(retriever, "Which measures start next fiscal year?", Conversation())
    assert "“next fiscal year” as FY2022" in answer_text(english)


def test_the_timing_cell_says_the_milestone_that_counted_first_and_the_page_folds_the_rest(retriever):
    from app.ui import render_answer

    a = ask(retriever, "今年度が期限の施策を全部", Conversation())
    rows = {row[0]: row[3] for row in a.table[1:]}
    # 03-41's latest deadline is FY2028; it is listed for its FY2021 one, which its 時期 now says first
    assert rows["03-41"].startswith("2021年度 期限（令和3年度(2021年度)末までに）")
    page = render_answer(ask(retriever, "2025年度が期限の施策を全部", Conversation()))
    assert "<details class='more-dated'><summary>ほか 2 件の記載</summary>" in page
    whole = answer_text(ask(retriever, "2025年度が期限の施策を全部", Conversation()))
    assert "(令和元年度(2019年度):8.2%)" in whole  # the copied text and the CLI keep every sentence
