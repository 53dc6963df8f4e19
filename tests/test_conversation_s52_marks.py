"""Questions about the 条・手引 marks (articles 10条–19条 and the 手引 columns 都道府県 / 市町村), read as one thing
whatever the wording: which column(s) and which symbol a question asks about, for the opening list, the follow-ups that
restrict it and the marks of one card (session 52).

- The column is the one named, wherever it stands: in quotes after 「印のところに」, after 「印の欄で、」, in kana
  (「11じょう1こう2こう」), in English ("Article 11 paragraphs 1-2", "articles 17 to 19"); the words that say where
  (条・手引, 印, 欄, ところ) are no subject to search.
- 「何か一つでも」, 「どこかに」, "any article or guideline mark": some mark in any column.
- 「手引」 is the two 手引 columns, 「市町村の手引」 the one; 「11条1項2項以外の条」 / 「のほかの条」 the other article columns.
- A follow-up that names only a symbol (「そのうち◎のもの」, 「◎ではなく○」, 「○のほうの2つ」, "a single circle rather than ◎")
  reads it in the columns the list was chosen by; one that names a column or mark words of its own reads those.
- Marks are shown as the table writes them (「11条1項2項◎」, 「市町村○」).
- The marks policy: an answer counts what the table says for certain and names what it cannot decide. A request that
  names no column reads every mark (a mark in a cell the table cannot place is still a mark, its symbol read), and the
  cards counted by such marks are named; a request about a column is answered by the marks placed there, and the cards
  whose unplaced marks might stand there are named in a note, not counted.
Our own wordings (polite, casual, phone kana, English); none is a blind set's turn."""

import pytest

from index.assist import answer_text, ask
from tests.test_conversation_cases import MINISTRY_LEAD_MLIT, T, assert_followed

ARTICLE_11_1_2 = ("02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01")
ARTICLE_11_1_2_DOUBLE = ("02-10", "03-16", "03-18", "03-20", "03-43", "04-01")
ARTICLE_11_1_2_CIRCLE = ("02-07", "03-42")
ANY_PLACED = ("02-05", "02-07", "02-10", "03-16", "03-18", "03-20", "03-42", "03-43", "04-01", "05-34", "07-02")
UNPLACED = ("02-06", "02-08", "02-09", "03-01", "03-02", "03-04", "03-41", "06-02", "06-03", "06-04", "06-05", "06-06",
            "06-07", "06-08", "06-09", "06-10", "06-11", "07-01", "07-04", "07-06", "07-10", "07-11")
ANY_MARKED = tuple(sorted(ANY_PLACED + UNPLACED))
GUIDES_PLACED = ("03-43", "07-02")

CONVERSATIONS = {
    "the column named in quotes after 「印のところに」, then its ◎ and its ○": [
        T("条・手引の印のところに「11条1項2項」が付いている施策を一覧にしていただけますか。", ARTICLE_11_1_2),
        T("その中で◎になっているものだけお願いします。", ARTICLE_11_1_2_DOUBLE, "11条1項2項◎"),
        T("○のほうの2つはどれでしたか。", ARTICLE_11_1_2_CIRCLE, "11条1項2項○"),
    ],
    "casual, the column after 「印の欄で」, then ◎ではなく○": [
        T("条・手引の印の欄で、11条1項2項に印ついてるやつ全部", ARTICLE_11_1_2),
        T("そん中で◎じゃなくて○のは？", ARTICLE_11_1_2_CIRCLE, "11条1項2項○"),
    ],
    "phone kana: the column and the mark words spelled as the table heads them": [
        T("11じょう1こう2こうにしるしあるしさく ぜんぶ", ARTICLE_11_1_2),
        T("そのなかでにじゅうまるのは？", ARTICLE_11_1_2_DOUBLE, "11条1項2項◎"),
    ],
    "English: the paragraphs named, then the other symbol": [
        T("Which measures are marked under Article 11 paragraphs 1-2? List them all.", ARTICLE_11_1_2),
        T("Of those, which have a single circle (○) rather than ◎?", ARTICLE_11_1_2_CIRCLE, "11条1項2項○"),
    ],
    "the other article columns of the first list, then one card's marks": [
        T("11条1項2項に印が付いている施策を全部", ARTICLE_11_1_2),
        T("そのうち◎のもの", ARTICLE_11_1_2_DOUBLE),
        T("最初の一覧に戻って、11条1項2項のほかの条にも印が付いているのはどれですか。", ("02-07", "02-10", "03-43"),
          "17条◎", "10条◎"),
        T("その2つ目は10条が◎ですか", "02-10", "10条◎"),
    ],
    "any mark at all, then the 手引 columns among them, then 10条 in the first list": [
        T("条・手引のどこかに印が付いている施策を全部教えていただけますか。", ANY_MARKED),
        T("その中で、都道府県や市町村の手引に印があるものは？", GUIDES_PLACED, "市町村○"),
        T("最初の一覧のうち、10条の印が付いているのはどれでしたか。", ("02-05", "02-10"), "10条○", "10条◎"),
    ],
    "phone kana: any mark": [
        T("じょう・てびきのしるしがなにかついてるしさく ぜんぶ", ANY_MARKED),
    ],
    "English: any mark, then the municipal guide among them": [
        T("List every measure that has any article or guideline mark.", ANY_MARKED),
        T("Which of those have a mark in the municipal guide column?", GUIDES_PLACED),
    ],
    "a ministry's list, those with any mark, then the marks of the third": [
        T("国交省が主担当の施策を全部", MINISTRY_LEAD_MLIT),
        T("Among those, which bear any article/guideline marking?", ("02-10", "03-43", "05-34"), "10条◎", "12条◎"),
        T("For number three, which marks does it carry exactly?", "05-34", "11条3項◎, 12条◎"),
    ],
    "a 手引 column said bare among a 手引 list": [
        T("手引の印（都道府県・市町村）が付いている施策は？", GUIDES_PLACED, "市町村○"),
        T("そのうち都道府県にも印があるのは。", "07-02", "都道府県○"),
    ],
    "the 手引 columns in other words": [
        T("市町村向けの手引に印がある施策って？", GUIDES_PLACED),
        T("しちょうそんのてびきにしるしあるやつある？", GUIDES_PLACED),
    ],
    "articles 17 to 19 as a range": [
        T("Which measures carry a mark for any of articles 17 to 19?", ("02-07", "03-43")),
        T("17条から19条のどれかに印がある施策", ("02-07", "03-43")),
    ],
    "which symbol each card of a column's list carries": [
        T("10条の印がある施策も全部ください。", ("02-05", "02-10")),
        T("各々、◎と○のどちらか。", ("02-05", "02-10"), "10条○", "10条◎"),
    ],
    "three listed, those with a mark among them": [
        T("府省庁欄で◎が複数付いている施策を全部", ("03-19", "03-20", "03-21")),
        T("それら3つのうち、条や手引のマークがあるものはどれですか。", "03-20", "11条1項2項◎"),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_marks_are_read_turn_by_turn(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


def test_the_cards_whose_marks_are_not_placed_are_named_beside_the_answer(retriever, cards):
    """The marks policy: a column question names each card a reading of whose row puts a mark there (not counted); a
    question with no column counts the marks in no column and names the cards it counts by them."""
    undecided = [c.id for c in cards if c.unresolved_marks]
    guides = ask(retriever, "市町村の手引の印が付いている施策はありますか。")
    assert [h.card.id for h in guides.answers] == list(GUIDES_PLACED)
    text = answer_text(guides)
    assert f"ほかに {len(undecided)} 件は印の列が表から読み取れず、含まれるかは不明です: " + "、".join(undecided) in text
    prefecture = answer_text(ask(retriever, "都道府県の手引の印が付いている施策は？"))
    assert "06-02" in prefecture and "06-04" not in prefecture  # 06-04's one reading is 市町村, not 都道府県
    assert "読み取れず" not in answer_text(ask(retriever, "11条1項2項に印が付いている施策"))  # no reading reaches it
    any_mark = ask(retriever, "条・手引の印が何か一つでも付いている施策を全部挙げてください。")
    assert [h.card.id for h in any_mark.answers] == list(ANY_MARKED)
    assert (f"このうち {len(undecided)} 件は、印はありますがどの列の印か表から読み取れません: " + "、".join(undecided)
            in answer_text(any_mark))
    double = ask(retriever, "条・手引の印の欄に◎が一つでもある施策を全部")
    assert {h.card.id for h in double.answers} == {c.id for c in cards
                                                   if any(m.symbol == "◎" for m in c.marks + c.unresolved_marks)}
    assert "06-04" in double.notes[-1] and "02-08" not in answer_text(double)  # 02-08's one mark is ○
    english = answer_text(ask(retriever, "Which measures carry a mark for any of articles 17 to 19?"))
    assert "whether they belong here is unknown: 06-02, 07-10, 07-11" in english


def test_an_absent_mark_reads_every_mark(retriever, cards):
    """「印が一つもない」 and 「○だけで◎がない」: a mark in a cell the table cannot place is still there, its symbol read."""
    none = ask(retriever, "条・手引の欄に印が一つも付いていない施策を全部")
    assert {h.card.id for h in none.answers} == {c.id for c in cards if not c.marks and not c.unresolved_marks}
    circles = ask(retriever, "条・手引の欄に○だけが付いていて◎がない施策")
    assert [h.card.id for h in circles.answers] == ["02-05", "02-08", "03-04", "03-41", "03-42", "07-02", "07-04", "07-06"]
    text = answer_text(circles)
    assert "このうち 5 件は、印はありますがどの列の印か表から読み取れません: 02-08、03-04、03-41、07-04、07-06。" in text
    assert "06-02" not in text  # an unplaced ◎: not only ○, whatever its column


@pytest.mark.parametrize("q, want", [
    # a 手引 column named as the table's heading, without the word 手引: quoted, or with its mark or cell after it
    ("「都道府県」または「市町村」の印が付いている施策を教えて", ("03-43", "07-02")),
    ("印の欄に都道府県○や市町村○が付いている施策を全部", ("03-43", "07-02")),
    ("市町村の欄に印があるやつ全部", ("03-43", "07-02")),
    # "a marking": the mark said as a noun, no subject to search
    ("Which measures carry a marking under article 19?", ("02-07", "03-43")),
])
def test_a_column_named_as_the_table_heads_it(retriever, q, want):
    assert tuple(sorted(h.card.id for h in ask(retriever, q).answers)) == want


def test_a_quoted_word_of_a_cell_is_no_mark_column(retriever):
    """「KPIに「市町村」って書いてある」 asks what a KPI says: no mark word, so no 手引 column."""
    a = ask(retriever, "KPIにはっきり「市町村」って書いてある施策は？")
    assert "03-20" in {h.card.id for h in a.answers}
