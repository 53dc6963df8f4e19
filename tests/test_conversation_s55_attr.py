"""Attribute lists read by what a column says (session 55): the 条・手引 marks whose column the table cannot place
(PolicyCard.unresolved_marks) asked for as such — every such card, N of them, of one symbol, then narrowed and gone
through — and, beside a question about one column, a note that says how those marks were weighed; 「別の観点で」 is a
new question, not a topic; a word asked in one cell (「効果のKPIに「割合」」) is looked for in that cell only; a first
sentence saying what the asker works on (「卒論でKPIを調べています。」) is no topic; a KPI target counted in people
(「人数の目標値」) is a target in 人 or 名, not a KPI that counts people; a year's end said as the cell's date
(「令和3年度末になっている」) is a date written 末 (not 中に); 「…年度を目標とした値」 is how the date is said, no topic.
「…の登録者数を目標にしているのは？」 restricts a list by what its KPIs measure (the の stands for the measures);
「同じ文言になってるのある？」 asks for the measures whose two KPI cells read the same (not two blank cells). Our own
wordings (polite, casual, phone-style, English); none is a blind set's turn."""

import pytest

from index.retrieve.understand import unplaced_marks_rule
from tests.test_conversation_cases import T, assert_followed

PEOPLE_TARGETS = ("06-01", "06-03", "06-05")  # 3万人超, 3,000人 (not 03-01's 1人1台, nor counts with no figure)
FY2021_END = ("03-41", "05-30", "06-02", "07-11")  # 令和3年度(2021年度)末 in a KPI (not 03-02's 中に)
FROM_FY2024 = ("03-06", "03-41", "04-03", "06-01", "06-05", "07-02", "07-05")
KPI_NONE = ("02-05", "02-10", "04-01", "05-35", "05-36")
RATIO_IN_EFFECT = ("03-06", "03-41", "05-32", "07-02", "07-06", "07-10")  # not 04-03 (進捗), 06-09 (概要)
UNPLACED = ("02-06", "02-08", "02-09", "03-01", "03-02", "03-04", "03-41", "06-02", "06-03", "06-04", "06-05", "06-06",
            "06-07", "06-08", "06-09", "06-10", "06-11", "07-01", "07-04", "07-06", "07-10", "07-11")
UNPLACED_TWO = ("03-04", "03-41", "06-02", "06-03", "07-04", "07-06", "07-10")
ARTICLE_17 = ("02-07", "03-43")
GUIDES = ("03-43", "07-02")


@pytest.mark.parametrize("q, rule", [
    ("印がどの列のものか分からない施策を全部教えてください", "unplaced"),
    ("列が特定できない印がついてるのは？", "unplaced"),
    ("条・手引のどの欄か判別できないマークがある施策", "unplaced"),
    ("列の読み取れない印が複数ある施策は？", "unplaced2"),
    ("列が不明の◎が付いている施策", "unplaced◎"),
    ("Which measures have marks whose column can't be read from the table?", "unplaced"),
    ("List the measures with unplaced marks", "unplaced"),
    ("Which measures carry two or more marks in an unknown column?", "unplaced2"),
    # a column named decides: the unplaced marks are then a note, not the question
    ("17条の列に印が付いている施策はどれですか。読み取れない印の扱いも含めて教えてください。", ""),
    ("市町村の手引に印がある施策", ""),
    ("条・手引の印が3つ以上ある施策", ""),
])
def test_marks_whose_column_cannot_be_read_are_a_rule_of_their_own(q, rule):
    from index.text import normalize

    assert unplaced_marks_rule(normalize(q)) == rule


CONVERSATIONS = {
    "every card with marks in no column, then narrowed by lead, then the symbol of one": [
        T("列がどこか表から読み取れない印が付いた施策を全部挙げてください", UNPLACED, "列の読み取れない印"),
        T("その中で経済産業省が主担当のものは？", ("03-02", "06-04", "06-05", "06-06")),
        T("3つ目の印は◎ですか○ですか", "06-05", "◎"),
    ],
    "casual, N such marks": [
        T("どの列の印かわからないやつが2つ以上ついてる施策ある？", UNPLACED_TWO),
    ],
    "English, marks in no column": [
        T("Which measures have marks whose column cannot be determined from the table? All of them.", UNPLACED),
    ],
    "one card's marks said with those in no column": [
        T("06-03の条・手引の印は？", "06-03", "列の読み取れない印 ◎ ○"),
    ],
    "a column asked: the unplaced marks weighed in a note, then another angle": [
        T("17条に印がある施策を、列の読めない印の扱いも含めて教えて", ARTICLE_17, "17条◎", "17条○", "列の読み取れない印"),
        T("別の観点で、都道府県か市町村の手引に印があるのは？", GUIDES, "市町村○"),
    ],
    "a word asked in the outcome KPI only, then narrowed": [
        T("KPI(効果)に「割合」と書いてある施策をすべて挙げてください", RATIO_IN_EFFECT, "割合"),
        T("そのうち総務省が主担当のものは", ("07-02", "07-06", "07-10")),
    ],
    "casual: the word in the outcome KPI": [
        T("効果の指標のほうに「割合」って入ってるやつ全部", RATIO_IN_EFFECT),
    ],
    "English: the word in the outcome KPI": [
        T("Which measures use the word 「割合」 in the outcome KPI? List them all.", RATIO_IN_EFFECT),
    ],
    "what the asker works on, then a KPI state": [
        T("卒論でKPIの設定状況を研究しているのですが、KPIが未設定か空欄の施策を全部教えてください", KPI_NONE),
        T("そのうち進捗と効果の両方が設定されていないものは？", ("04-01", "05-35", "05-36")),
    ],
    "what the asker works on (a report in progress), then a ministry's list": [
        T("自治体向けの説明資料を作成中です。KPIが「未設定」または空欄の施策をすべて", KPI_NONE),
    ],
    "a KPI target in people": [
        T("KPIの目標値が人数（〇人）で書かれている施策を全部教えてください", PEOPLE_TARGETS),
    ],
    "casual: a target in people, then its lead": [
        T("目標が〇人みたいに人数で書いてある施策を全部", PEOPLE_TARGETS),
        T("その中で総務省が主担当のは？", "06-03"),
    ],
    "English: a headcount target": [
        T("Which measures set a KPI target as a number of people?", PEOPLE_TARGETS),
    ],
    "a KPI dated at a year's end": [
        T("KPIの期限が令和3年度末と書かれている施策を全部", FY2021_END),
        T("その中で総務省主担当のものは", ("05-30", "06-02", "07-11")),
    ],
    "a KPI year said as the year set for its figure": [
        T("KPIで2024年度以降の年を目標にした値が書いてあるものを全部教えて", FROM_FY2024),
    ],
    "the same wording in both KPI cells, asked of a list that holds blank cells": [
        T("経済産業省が主担当の施策を全部", ("03-02", "05-35", "06-04", "06-05", "06-06")),
        T("その中で進捗と効果のKPIが同じ文言になってるのある？", "06-06"),
    ],
    "the same wording, asked of the table": [
        T("KPIの進捗と効果がまったく同じ内容になっているのはありますか", "06-06"),
    ],
    "a list restricted by what its KPI measures, said with の": [
        T("KPI(効果)に令和7年度までの目標がある施策を全部", ("03-06", "06-01", "06-05")),
        T("そのうち支援士の登録者数をKPIにしてるのは？", ("06-01", "06-05")),
        T("その1つ目の主担当は", "06-01", "内閣官房"),
    ],
    "English: another angle is a new question": [
        T("Which measures have a mark in article 17?", ARTICLE_17),
        T("From a different angle, which measures have a mark in the municipal guide column?", GUIDES),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_column_question_is_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
