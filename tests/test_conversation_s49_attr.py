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
    first = ask(retriever, "水産業をデジタル化する施策はありますか")
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
