"""Follow-ups on a part of a list (issue 18, the set / その中 / ordinal families): 「残りの2件」, 「もう片方」 after a card
was picked from a part that その中 made are the rest of that part, not of the whole list; a rest that names nothing
of its own (「もう片方は？」) asks the field asked of the card before it; 「最後の一件」 is the last card (a count of
one is a position, not 「最初の5つ」); a restriction by ministry shows each card's 府省庁名 with the lead marked ◎; a
restriction by the state of the KPI cells alone (「どっちも未設定か空欄なのは」) reads the KPI the list was chosen by;
「さっきのリストで」 names the list being gone through, not a topic; 「今のリストの」 is the part just given and
「最初に出たリストの」 the list first given; 「よんばんめ」 is a position written in kana; 「後のほう」 of two is
the second. Our own wordings; none is a blind set's turn."""

import pytest

from index.conversation import _ordinals
from tests.test_conversation_cases import MINISTRY_LEAD_MLIT, MINISTRY_LEAD_NPA, T, assert_followed

NO_KPI = ("02-05", "02-10", "04-01", "05-35", "05-36")
FINANCE_INVOLVED = ("02-10", "03-43", "04-01")

CONVERSATIONS = {
    "the rest of a part, after one card of it was picked": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("その中で港湾関係のは？", ("02-10", "03-43", "03-44")),
        T("1つ目の担当は？", "02-10"),
        # not 05-33 and 05-34, the cards of the whole list that その中 left out
        # (「お願い」 asks politely: no topic of its own that would take the question back to the whole list)
        T("残りの2件のKPIをお願いします", ("03-43", "03-44"), "サイバーポート(港湾物流)へ接続可能な港湾関係者数"),
    ],
    "this list and the list first given": [
        T("国土交通省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("その中で港湾関係のは？", ("02-10", "03-43", "03-44")),
        T("今のリストの2番目の担当は？", "03-43"),  # the part just given
        T("最初に出たリストの最後は？", "05-34"),  # the list as first given, and 最初 names it, not a card
    ],
    "the other one of a part, with the field asked before": [
        T("警察庁が主担当の施策を全部", MINISTRY_LEAD_NPA),
        T("そのうち信号に関係するのは？", ("02-06", "02-09")),
        T("1つ目の効果KPIは？", "02-06", "TSPS整備交差点数"),
        T("もう片方は？", "02-09", "高度化PICS整備交差点数"),
    ],
    "the last one, said with a count of one": [
        T("財務省が関係している施策を全部", FINANCE_INVOLVED),
        T("最後の一件の主担当は？", "04-01", "◎内閣官房"),
    ],
    "both KPI cells, the KPI not said again": [
        T("KPIが決まっていない施策を全部", NO_KPI),
        T("そのうちどっちも未設定か空欄なのは？", ("04-01", "05-35", "05-36")),
    ],
    "a restriction by ministry shows who leads, and the list named by その一覧": [
        T("財務省が関係している施策を全部", FINANCE_INVOLVED),
        T("そのうち国交省のものは", ("02-10", "03-43"), "◎国土交通省"),
        T("2つ目の担当は？", "03-43"),
        T("ほかに、さっきのリストで内閣官房が主担当のものは？", "04-01"),
    ],
    "the latter of two": [
        T("財務省が関係している施策を全部", FINANCE_INVOLVED),
        T("そのうち国交省のものは", ("02-10", "03-43")),
        T("後のほうの進捗KPIは？", "03-43", "サイバーポート(港湾物流)へ接続可能な港湾関係者数"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_part_of_a_list_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("question, positions", [
    ("最後の一件のKPIは？", ["最後の一件"]),
    ("最初のひとつの担当は？", ["最初のひとつ"]),
    ("一覧の最後の1つは？", ["最後の1つ"]),
    ("最初の3つの担当は？", []),  # the first three: a set (_FIRST_N), not a position
    ("最初の一覧の2つ目は？", ["2つ目"]),  # which list, then which card
    ("最初に聞いた国交省のリストで3番目は？", ["3番目"]),
    ("よんばんめの担当は？", ["よんばんめの"]),  # the number and its counter in kana
    ("にこめのKPI", ["にこめの"]),
    # a verb whose sounds begin like a number and its counter names no position
    ("いちばん目立つ施策は？", []),
    ("一番目立つのはどれ？", []),
    ("予算にこめられた狙いは？", []),
])
def test_positions_as_people_write_them(question, positions):
    assert [m.group(0) for m in _ordinals(question)] == positions


def test_the_former_or_the_latter_is_a_position_only_in_a_list_of_two():
    assert [m.group(0) for m in _ordinals("前のほうの担当は？", 2)] == ["前のほうの"]
    assert _ordinals("前のほうの担当は？", 5) == []  # in a longer list: the cards near its top, not one
