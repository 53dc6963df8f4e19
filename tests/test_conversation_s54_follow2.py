"""Session 54 follow-ups where a count or a word of the user's says which cards are meant: 「残りの4件」 after a list of
five narrowed to one card and then another picked is the list less the card just picked (the count the person says is
a check on which reading they mean: 「残りの3つ」 stays the three never taken up); "both its KPIs" after one card picked
from a longer list is that card's two KPIs, not each card of the list; "which others are named" asked of each card is
the other bodies, not other measures; 「はじめのほう」 after a list of three that holds the card talked about before is
the first of the two new ones. Our own wordings on the bundled table; none is a blind set's turn."""

import pytest

from index.assist import _field_rest
from index.conversation import Conversation, Turn, follow_up
from tests.test_conversation_cases import MINISTRY_LEAD_NPA, T, assert_followed

# 警察庁's list, narrowed to its one card with an unset effect KPI, and then the 3rd of the list picked
NPA_PICKED = Conversation((Turn("警察庁が主担当の施策", MINISTRY_LEAD_NPA),
                           Turn("その中でKPI効果が未設定のは", ("02-05",), listing=MINISTRY_LEAD_NPA, given=("02-05",)),
                           Turn("3番目の印は", ("02-07",), listing=MINISTRY_LEAD_NPA, given=("02-05", "02-07"))))


@pytest.mark.parametrize("q", ["残りの4件については、印の有無はいかがでしょうか。", "残り4つの印は？", "のこりの4けんのしるしは",
                               "他の4件の担当は？", "And the other four?", "What about the remaining four measures?"])
def test_a_count_of_the_list_less_the_card_just_picked(q):
    fu = follow_up(q, NPA_PICKED, _field_rest)
    assert set(fu.ids) == {"02-05", "02-06", "02-08", "02-09"}


@pytest.mark.parametrize("q", ["残りの3件は？", "のこりの3つの印は", "the other three?", "残りは？"])
def test_a_count_of_the_cards_never_taken_up_stays_so(q):
    fu = follow_up(q, NPA_PICKED, _field_rest)
    assert set(fu.ids) == {"02-06", "02-08", "02-09"}


CYBER = ("06-01", "06-03", "06-05", "06-06", "06-11")
# a list of five, narrowed to two, and the 4th of the first list picked
CYBER_PICKED = Conversation((Turn("list every measure about growing the cybersecurity workforce", CYBER),
                             Turn("which ones are run by MIC?", ("06-03", "06-11"), parent=CYBER,
                                  given=("06-03", "06-11")),
                             Turn("what's the 4th item on that first list?", ("06-06",), listing=CYBER,
                                  given=("06-06",))))


@pytest.mark.parametrize("q", ["hm, both its KPIs seem to be the same?", "are both KPIs the same?",
                               "Do both of its KPIs say the same thing?", "両方のKPIって同じ？", "KPIは両方とも同じ文言？",
                               "りょうほうのKPIおなじ？", "その施策、KPI2つとも同じですか"])
def test_both_of_one_cards_two_kpis(q):
    fu = follow_up(q, CYBER_PICKED, _field_rest)
    assert fu.ids == ("06-06",)


def test_each_after_a_pick_is_still_each_of_the_list():
    assert set(follow_up("それぞれのKPIは？", CYBER_PICKED, _field_rest).ids) == set(CYBER)


DATA_FLOWS = Conversation((Turn("Which measures deal with cross-border data flows?", ("05-35", "05-36")),))


@pytest.mark.parametrize("q", ["For each, which body has the lead and which others are named?",
                               "Who leads each, and which others are listed?",
                               "for each one who's in charge and which others are involved?"])
def test_other_bodies_asked_of_each_card(q):
    fu = follow_up(q, DATA_FLOWS, _field_rest)
    assert fu.kind != "rest" and fu.ids == ("05-35", "05-36")


@pytest.mark.parametrize("q", ["and the others, who leads them?", "what about the others?"])
def test_the_others_are_still_the_rest(q):
    assert follow_up(q, DATA_FLOWS, _field_rest).kind == "rest"


# a list of three that holds the card answered before it (asked for "more", answered with it again)
ELDERLY = Conversation((Turn("近所でスマホを教えてもらえる国の取組は？", ("07-08",)),
                        Turn("ほかにもお年寄り向けの施策を全部", ("02-09", "07-06", "07-08"))))


@pytest.mark.parametrize("q, pick", [("はじめのほうのものを、もう少し詳しく教えてください。", "02-09"),
                                     ("前のほうのやつ詳しく", "02-09"), ("あとのほうは？", "07-06"),
                                     ("後の方の施策の担当は", "07-06")])
def test_the_earlier_or_later_of_the_two_new_cards(q, pick):
    fu = follow_up(q, ELDERLY, _field_rest)
    assert (fu.kind, fu.ids) == ("ordinal", (pick,))


def test_the_earlier_one_of_three_new_cards_is_no_place():
    three = Conversation((Turn("お年寄り向けの施策を全部", ("02-09", "07-06", "07-08")),))
    assert follow_up("はじめのほうのものを詳しく", three, _field_rest).kind != "ordinal"


def test_the_rest_of_four_played(retriever):
    assert_followed(retriever, [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("そのうち、KPI(効果)が未設定となっているものはどれでしょうか。", "02-05"),
        T("一覧の3番目に当たる施策について、条・手引の印を正確にお示しください。", "02-07", "17条◎"),
        T("のこりの4けんのしるしは", ("02-05", "02-06", "02-08", "02-09"), "10条○"),
    ])


UNSET = ("02-05", "02-10", "04-01", "05-35", "05-36")
BLANK_TOO = ("04-01", "05-35", "05-36")


@pytest.mark.parametrize("q", ["For the two left over from the first list, what are the progress KPIs?",
                               "What about the remaining ones from the original list, their KPIs?",
                               "最初の一覧の残り2件のKPI進捗は？"])
def test_the_rest_of_the_first_list_played(retriever, q):
    assert_followed(retriever, [
        T("List every measure whose effect KPI is either not set or left blank.", UNSET),
        T("Of those, which ones are missing the progress KPI as well?", BLANK_TOO),
        T("What does the first one actually do?", "04-01"),
        T("And the last one, which ministries are involved?", "05-36"),
        T(q, ("02-05", "02-10")),
    ])


# 警察庁's list narrowed to two, and the first of the two picked
NPA_PART = Conversation((Turn("警察庁が主担当の施策", MINISTRY_LEAD_NPA),
                         Turn("そのうち信号関係は", ("02-06", "02-09"), parent=MINISTRY_LEAD_NPA),
                         Turn("1つ目の担当は", ("02-06",), listing=("02-06", "02-09"), parent=MINISTRY_LEAD_NPA)))


@pytest.mark.parametrize("q, left", [("残りの3件は？", ("02-05", "02-07", "02-08")),
                                     ("the other three?", ("02-05", "02-07", "02-08")),
                                     ("のこり3つのKPIは", ("02-05", "02-07", "02-08")),
                                     ("残りの1件は？", ("02-09",)), ("もう一方は？", ("02-09",))])
def test_a_count_of_the_list_less_the_part_narrowed(q, left):
    assert follow_up(q, NPA_PART, _field_rest).ids == left
