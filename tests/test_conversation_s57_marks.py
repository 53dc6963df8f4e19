"""Which 条・手引 column a question names, and the marks the table does not place (session 57).

- A 手引 column named by its heading (「市町村の欄に印」, 「「都道府県」の印」) is a column asked even when the question
  first says the marks in general (「条・手引の印のうち、市町村の欄に…」): that column decides, as 「市町村の手引」 does.
- 「手引(都道府県・市町村)の欄」: the 手引 columns glossed in parentheses are the two 手引 columns.
- 「読める印」, 「読み取れる印」, "a readable mark": a mark the table places in a column; a card whose marks are all in
  no column is left out and named in a note.
- 「条の印」 / 「いずれかの条の欄に印」 with no 手引 said: a placed mark in a 条 column (a mark in no column is in no 条
  column either: the writers count it in no named column).
- The column and mark words typed in kana as words of their own (「とどうふけん の らんに いん」, 「じょうの しるし」).
Our own wordings (polite, casual, phone kana, English); none is a blind set's turn."""

import pytest

from index.assist import answer_text, ask
from tests.test_conversation_cases import T, assert_followed

ANY_PLACED = ("02-05", "02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01", "05-34", "07-02")
ARTICLES_PLACED = ("02-05", "02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01", "05-34")
GUIDES_PLACED = ("03-43", "07-02")


@pytest.mark.parametrize("q, want", [
    # one 手引 column named by its heading, after the marks said in general
    ("条・手引の印のなかで、市町村の欄に印がある施策を一覧でお願いします。", GUIDES_PLACED),
    ("条・手引のうち市町村の列に印ついてるやつ", GUIDES_PLACED),
    ("条・手引の印のうち、都道府県の欄に印が付いている施策は？", ("07-02",)),
    ("とどうふけん の らんに しるし ついてる しさく", ("07-02",)),
    ("しちょうそん の らんに いん ある やつ", GUIDES_PLACED),
    # both 手引 columns, glossed in parentheses
    ("手引（都道府県・市町村）の欄に印が付いている施策を教えてください", GUIDES_PLACED),
    ("てびき(とどうふけん・しちょうそん)のらんにしるしあるの", GUIDES_PLACED),
    # a readable mark in any column
    ("条か手引の欄に読める印が1つでもある施策を全部", ANY_PLACED),
    ("列の分かる印が付いている施策を、条・手引あわせて全部挙げてください", ANY_PLACED),
    ("Which measures have a readable 条・手引 mark? List all.", ANY_PLACED),
    # a 条 mark, no 手引 said
    ("10条から19条のいずれかの条の欄に印がある施策をすべて", ARTICLES_PLACED),
    ("どれかの条の欄に印がついてる施策 全部", ARTICLES_PLACED),
    ("読める条の印がある施策を一覧で", ARTICLES_PLACED),
])
def test_the_column_a_question_names_decides(retriever, q, want):
    assert tuple(sorted(h.card.id for h in ask(retriever, q).answers)) == want


def test_a_readable_mark_names_the_cards_left_out(retriever, cards):
    only_unplaced = [c.id for c in cards if c.unresolved_marks and not c.marks]
    a = ask(retriever, "条か手引の欄に読める印が1つでもある施策 一覧")
    text = answer_text(a)
    assert f"列の読み取れない印しかない {len(only_unplaced)} 件は" in text
    assert "、".join(only_unplaced) in text


CONVERSATIONS = {
    "a list of one 手引 column, then the other column of the second card": [
        T("条・手引の印のうち、市町村の欄に印が付いている施策を一覧にしていただけますか。", GUIDES_PLACED),
        T("2つ目の施策は都道府県の欄にも印がありますか。", "07-02", "都道府県○"),
    ],
    "kana: a 条 mark among the cards listed": [
        T("こくどこうつうしょう が しゅたんとう の しさく ぜんぶ", ("02-10", "03-43", "03-44", "05-33", "05-34")),
        T("そのなかで じょうの しるし ついてるの ある？", ("02-10", "03-43", "05-34")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_marks_followed_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
