"""Lists by ministry and by a cell of the 工程表 (session 49): a ministry's list asked right after one answer with
「…のやつは全部で」 is that ministry's whole list, not the one card shown below the answer that the words fit; an English
question that takes up the last answer ("ok then list all where …") names no topic with its "ok then"; 施策 typed as
せさく is 施策; a goal named before its year (「KPIの目標が令和5年度までのもの」) is set for that year, not any date up
to it; 「令和8年度より先」 is from that year on; 「…までに達成する目標」 is a goal reached by then, not one aimed at from
then on (「令和5年度以降の…を目指す」). Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import ask
from index.retrieve.dated import dated_ask
from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, T, assert_followed

MINISTRY_LEAD_MAFF = ("03-41", "03-42", "05-32")
MINISTRY_LEAD_CAS = ("03-19", "03-20", "03-21", "04-01", "04-02", "04-03", "05-31", "06-01", "07-07")

CONVERSATIONS = {
    "an English list that takes up the last answer with ok then": [
        T("Which measures does the Digital Agency lead?"),
        T("ok then, list all where 内閣官房 (Cabinet Secretariat) is the lead", MINISTRY_LEAD_CAS),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_ministry_list_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_a_ministrys_whole_list_asked_with_yatsu_after_one_answer(retriever):
    """05-32, named 農林水産省地理情報…, is shown below the answer: 「農林水産省が主担当のやつは全部で」 is still every
    measure the ministry leads, not that one card the words fit."""
    first = ask(retriever, "土地の所有者の情報をデジタル化する施策は？")  # 05-31; 05-32 below it
    shown_below = [h.card.id for h in first.related]
    assert "05-32" in shown_below and not set(MINISTRY_LEAD_MAFF) & {h.card.id for h in first.answers}
    for q in ("じゃあ農林水産省が主担当のやつはぜんぶでいくつ？", "では農林水産省が主担当のやつは全部でどれ"):
        answer = ask(retriever, q, first.conversation)
        assert sorted(h.card.id for h in answer.answers) == list(MINISTRY_LEAD_MAFF), q
    # 「…のやつは？」 with no 全部 still picks the card shown below that the words fit
    picked = ask(retriever, "じゃあ農林水産省地理情報のやつは？", first.conversation)
    assert [h.card.id for h in picked.answers] == ["05-32"]


def listed(retriever, q):
    return [h.card.id for h in retriever.search(q).results if not h.related]


def test_measures_typed_as_sesaku_are_measures(retriever):
    """せさく is no word of its own: the ministry's whole list, not its cards nearest to a word 「せさく」."""
    assert listed(retriever, "もんかしょうが主担当のせさくを全部") == list(MINISTRY_LEAD_MEXT)


def test_english_so_and_now_name_no_topic(retriever):
    assert listed(retriever, "so which ones does MAFF lead?") == list(MINISTRY_LEAD_MAFF)


def test_a_goal_named_before_its_year_is_set_for_that_year(retriever):
    ask = dated_ask("KPIの目標が令和5年度までのものを全部")
    assert ask is not None and (ask.year_from, ask.year_to, ask.kinds) == (2023, 2023, ("deadline",))
    # the KPI targets due in FY2023, not every KPI date up to it (令和3年度, 令和4年度 …)
    assert sorted(listed(retriever, "KPIの目標が令和5年度(2023年度)までのものを全部")) == ["03-44", "05-32"]
    # no goal named before it: what is due by then, as before
    ask = dated_ask("2025年度までに終わるものを全部")
    assert ask is not None and (ask.year_from, ask.year_to, ask.status) == (None, 2025, "planned")


def test_a_year_and_later_said_with_yori_saki(retriever):
    ask = dated_ask("KPIの目標が令和8年度より先のものを全部")
    assert ask is not None and (ask.year_from, ask.year_to) == (2026, None)
    assert sorted(listed(retriever, "KPIの目標が令和8年度より先の長いものはどれ")) == ["03-41", "07-05"]
    ask = dated_ask("令和3年度以前に始まった施策")
    assert ask is not None and (ask.year_from, ask.year_to) == (None, 2021)


def test_a_goal_reached_by_a_year_is_not_one_that_begins_then(retriever):
    """02-10 aims at 「令和5年度(2023年度)以降の三分野一体運用」: a goal from FY2023 on, not one reached by then; it is still
    a goal of FY2023 when the question does not say reached (「令和5年度が目標年の施策」)."""
    ask = dated_ask("令和5年度までに達成する目標がある施策を全部")
    assert ask is not None and ask.reached and (ask.year_from, ask.year_to) == (2023, 2023)
    reached = listed(retriever, "令和5年度までに達成する目標がある施策を全部")
    assert "02-10" not in reached and {"03-44", "05-32"} <= set(reached)
    assert "02-10" in listed(retriever, "令和5年度(2023年度)が目標年になっている施策を全部")


def test_a_last_sentence_that_says_why_is_no_topic(retriever):
    """「…を一覧で。営業先を整理したくて」: the ministry's list; the reason names nothing to search for."""
    assert listed(retriever, "文科省がメインでやってる施策を全部。取引先を整理したくて") == list(MINISTRY_LEAD_MEXT)


def test_fiscal_said_in_english_before_the_year():
    ask = dated_ask("Which measures set a goal for fiscal 2026 or later?")
    assert ask is not None and (ask.year_from, ask.year_to, ask.fiscal) == (2026, None, True)


def test_the_overview_and_a_kpi_named_together_read_both():
    ask = dated_ask("2025年度までの目標がある施策（概要かKPI）")
    assert ask is not None and set(ask.fields) == {"overview", "kpi_progress", "kpi_effect"}


def test_a_goal_due_by_the_end_of_a_year_is_a_deadline_not_what_happens_during_it(retriever):
    """「令和3年度末までの数値目標」: 03-02's KPI targets of 令和3年度中 and 06-01's of 令和3年度前半 are not due then."""
    ask = dated_ask("KPIに2021年度末までの数値目標がある施策")
    assert ask is not None and ask.kinds == ("deadline",) and (ask.year_from, ask.year_to) == (2021, 2021)
    assert sorted(listed(retriever, "KPIに2021年度末までの数値目標がある施策を全部")) == ["03-41", "05-30", "06-02", "07-11"]


def test_a_kpi_measured_by_a_count_of_bodies(retriever):
    assert sorted(listed(retriever, "指標が都道府県の数で測られている施策を全部")) == [
        "02-06", "02-09", "03-18", "03-19", "03-20", "03-21", "03-41"]


def test_marks_a_circle_present_and_no_double_circle_is_circle_only(retriever):
    from index.retrieve.understand import understand
    assert understand("条・手引の欄に○はあるけど◎はひとつもない施策", {}).marks_rule == "circle_only"
    assert understand("条や手引に◎は付いてないが○は付いている施策", {}).marks_rule == "circle_only"
    assert sorted(listed(retriever, "条・手引の欄に○は付いているけど◎は一つもない施策を全部")) == [
        "02-05", "02-08", "03-04", "03-41", "03-42", "07-02", "07-04", "07-06"]


def test_the_plans_chapter_3_before_its_articles_is_no_chapter_of_cards(retriever):
    """The 条 columns are headed 「第3章基本的施策の条」: 第3章 said with them names that heading, not cards 03-xx."""
    from index.retrieve.understand import understand
    assert understand("第3章の11条1項2項に◎がある施策", {}).chapters == ()
    assert understand("第3章の11条1項2項に◎がある施策", {}).articles == ("11条1項2項",)
    assert understand("第3章の施策で11条に◎がある施策", {}).chapters == ("03",)
    assert sorted(listed(retriever, "第3章の11条1・2項に◎がついている施策")) == [
        "02-10", "03-16", "03-18", "03-20", "03-43", "04-01"]


def test_either_mark_in_some_article_is_any_mark_in_the_article_columns(retriever):
    from index.retrieve.understand import understand
    assert understand("どれかの条に◎か○が付いている施策", {}).marks_rule == "min1条"
    assert understand("条か手引に◎または○が付いている施策", {}).marks_rule == "any"
    assert sorted(listed(retriever, "第3章基本的施策のどれかの条に印(◎か○)が付いている施策を全部")) == [
        "02-05", "02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01", "05-34"]
    # … and no mark of either symbol is none
    assert understand("条の欄にも手引の欄にも印(◎・○)がひとつもない施策", {}).marks_rule == "none"
