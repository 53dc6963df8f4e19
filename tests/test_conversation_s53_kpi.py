"""KPI figures, targets and 条・手引 marks read as the table has them, for the opening list and the follow-ups alike
(session 53):

- A 条・手引 column quoted where the marks are asked (「印欄に「11条1項2項」が記載されている」) is the column, not words
  to find in the card's text; 「記載されている」, 「付されている」 say the mark is there, and 「◎・○の別を含めて」 asks each
  card's symbol (shown), no subject.
- Some mark in any column said otherwise: 「何かしら」, 「(「なし」以外)」 (the cell's word for no mark), 「全件」, "at least
  one": every card the marks policy counts.
- A share target compared with a figure (「目標が50%いかない」, 「50%未満」, "below 50%", 「80%以上」): a KPI target in %
  (a 割 read as ten), the figure compared; the words 「数字」, 「表示」 of a % target are no subject.
- A KPI that counts people (受験者数, 修了生の人数, 3万人; not 事業者数, not 1人1台): 「人数を数えているKPI」, "a KPI that
  counts people"; 「目標は何人？」 of one card still asks its target.
- A deadline written in one KPI cell, no year named (「進捗KPIのほうに期限が書いてある」, "state a deadline in their
  progress KPI"): a 工程表 deadline in that cell; 「進捗KPIのほう」 is a cell, not a card picked by a description.
- "missing the progress KPI" is no KPI in that cell (未設定 or blank); "I'm looking at KPI quality." is who asks.
- 「印の有無は」 asks each card's marks (有無: whether there are any), as 「印は」 does.
Our own wordings (polite, casual, phone kana, English); none is a blind set's turn."""

import pytest

from index.assist import ask
from index.retrieve.understand import understand
from tests.test_conversation_cases import T, assert_followed

ARTICLE_11_1_2 = ("02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01")
ARTICLE_11_1_2_CIRCLE = ("02-07", "03-42")
ANY_PLACED = ("02-05", "02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01", "05-34", "07-02")
UNPLACED = ("02-06", "02-08", "02-09", "03-01", "03-02", "03-04", "03-41", "06-02", "06-03", "06-04", "06-05", "06-06",
            "06-07", "06-08", "06-09", "06-10", "06-11", "07-01", "07-04", "07-06", "07-10", "07-11")
ANY_MARKED = tuple(sorted(ANY_PLACED + UNPLACED))
# KPI targets written as a share (% or 割: 05-32's 8割)
SHARE_TARGETS = ("03-06", "03-41", "05-32", "06-10", "07-02", "07-04", "07-06", "07-10")
PEOPLE_COUNTED = ("03-14", "03-42", "03-43", "06-01", "06-03", "06-05", "06-06", "06-08", "06-11", "07-08")
MINISTRY_LEAD_METI = ("03-02", "05-35", "06-04", "06-05", "06-06")
KPI_2025 = ("03-06", "04-03", "06-01", "06-05")
PROGRESS_DEADLINE = ("02-10", "03-44", "04-03", "05-30")
EFFECT_NO_KPI = ("02-05", "02-10", "04-01", "05-35", "05-36")

CONVERSATIONS = {
    "polite: a column quoted after 印欄, each card's symbol asked, then ◎ではなく○": [
        T("条・手引の印欄に「11条1項2項」が記載されている施策を、◎・○の別を含めて一覧化してください。", ARTICLE_11_1_2,
          "11条1項2項◎", "11条1項2項○"),
        T("そのうち、◎ではなく○となっているものはどれですか。", ARTICLE_11_1_2_CIRCLE, "11条1項2項○"),
    ],
    "casual: the quoted column said to be 付されている": [
        T("印の欄に「11条1項2項」って付されてるやつ全部", ARTICLE_11_1_2),
        T("その中で○のほうは？", ARTICLE_11_1_2_CIRCLE),
    ],
    "some mark, said with 何かしら and the cell's なし excluded": [
        T("条・手引の印が何かしら付いている施策（「なし」以外）を全件ください", ANY_MARKED),
    ],
    "English: at least one marking": [
        T("Could you list every measure with at least one article or guidebook marking?", ANY_MARKED),
    ],
    "a % list, then those under a figure (polite)": [
        T("KPIにパーセントの目標がある施策を全部教えてください", SHARE_TARGETS),
        T("その中で、目標値が50%未満のものはありますか。", "07-04", "42.86%"),
    ],
    "casual: the % target said as a number in the KPI, then 50% not reached": [
        T("KPIに何%って数字の目標入ってるやつ全部あげて", SHARE_TARGETS),
        T("そのなかで目標が50%いかないやつある？", "07-04", "42.86%"),
    ],
    "phone kana: KPI and パーセント spelled in kana": [
        T("けーぴーあいのもくひょうがぱーせんとのやつぜんぶ", SHARE_TARGETS),
    ],
    "polite: the target shown in %": [
        T("KPIの目標値がパーセント表示になっている施策を教えていただけますか", SHARE_TARGETS),
    ],
    "English: percentage targets, then below a figure": [
        T("Which measures have percentage targets in their KPIs?", SHARE_TARGETS),
        T("Which of those aim below 50%?", "07-04"),
    ],
    "English: a KPI that counts people, among a ministry's list, then back to the first list": [
        T("Which measures does METI (経済産業省) lead?", MINISTRY_LEAD_METI),
        T("Which of those have a KPI that counts people?", ("06-05", "06-06"), "受験者数", "修了生の人数"),
        T("What's the third one on your first list?", "06-04", "ITSS+"),
    ],
    "a deadline in the progress KPI cell among a dated list, then one card by a description": [
        T("KPIに令和7年度(2025年度)が入っている施策を全部", KPI_2025),
        T("そのうち、進捗KPIのほうに期限が書いてあるのは", "04-03"),
        T("民間のテレワークの方は数値目標あるの", "04-03"),
    ],
    "English: effect KPI not set or blank after a preface, then the progress KPI missing too": [
        T("I'm looking at KPI quality. List every measure whose effect KPI is either not set or left blank.",
          EFFECT_NO_KPI, "未設定", "(空欄)"),
        T("Of those, which ones are missing the progress KPI as well?", ("04-01", "05-35", "05-36")),
    ],
    "the marks of the rest of a list, asked as 印の有無": [
        T("警察庁が主担当の施策を全部", ("02-05", "02-06", "02-07", "02-08", "02-09")),
        T("3番目の条・手引の印を教えて", "02-07", "17条◎"),
        T("残りの4件は、印の有無はどうですか。", ("02-05", "02-06", "02-08", "02-09"), "10条○"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_kpis_and_marks_are_read_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def ids(result):
    return sorted(h.card.id for h in result.results if not h.related)


def test_a_share_target_compared_with_a_figure():
    cases = {"目標が50%いかないやつ": "%<50", "KPIの目標が50%未満の施策": "%<50", "目標が80%以上の施策を全部": "%>=80",
             "目標が5割を超える施策": "%>50", "Which measures aim below 50%?": "%<50",
             "Which measures have a KPI target of at least 90 percent?": "%>=90"}
    for question, unit in cases.items():
        assert understand(question, {}).target_unit == unit, question
    # a figure with its KPI named by its own words is that KPI, searched (not a list by the figure)
    assert understand("道路メッシュカバー率90%以上を目標にしている施策は？", {}).target_unit == ""


def test_share_targets_by_figure(retriever):
    assert ids(retriever.search("目標が80%以上の施策を全部")) == ["03-06", "03-41", "05-32", "06-10", "07-02"]
    assert ids(retriever.search("KPIの目標が50%より下のやつある？")) == ["07-04"]
    assert ids(retriever.search("Which measures have a KPI target of at least 90 percent?")) == ["03-06", "03-41", "06-10",
                                                                                               "07-02"]


def test_kpis_counting_people(retriever):
    for question in ("KPIで人数を数えている施策を全部", "Which measures have a KPI that counts people?",
                     "目標が何人って決まってる施策はどれ？", "KPIでにんずうをかぞえてるしさくぜんぶ"):
        # (in kana, as the search spells it first: 人数をかぞえてる)
        assert retriever.understanding.run(question).intent.kpi_counts == "人", question
        assert ids(retriever.search(question)) == list(PEOPLE_COUNTED), question
    # one card's target asked in people is that card's target, no list
    first = ask(retriever, "情報処理安全確保支援士の施策は？")
    for question in ("目標は何人？", "目標人数は？"):
        assert understand(question, {}).kpi_counts == "", question
        assert "3万人" in " ".join(h.card.kpi_effect for h in ask(retriever, question, first.conversation).answers)


def test_a_deadline_in_one_kpi_cell(retriever):
    for question in ("進捗KPIに期限が書いてある施策を全部", "Which measures state a deadline in their progress KPI?"):
        assert ids(retriever.search(question)) == list(PROGRESS_DEADLINE), question
    # a year named is the 工程表's own question, as before
    assert ids(retriever.search("Which measures set a target date in fiscal 2024 or later?")) == [
        "03-06", "03-41", "04-03", "06-01", "06-05", "07-02", "07-05"]
