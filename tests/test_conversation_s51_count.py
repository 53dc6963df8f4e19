"""How many measures a question asks for when it does not say (session 51): a bare どれ / どの施策, or a kind of
measure (「…に関する施策」), over a term that one card alone writes and states as its subject names that card, the one
measure asked for (被災者台帳 → 03-19 only, not the disaster cards beside it in the table); over a topic several cards
state, or over things named side by side, it stays the list. Our own wordings; none is a blind set's turn."""

import pytest

from index.assist import ask
from index.retrieve.understand import count_by_table, written_terms
from tests.test_conversation_cases import T, assert_followed

CONVERSATIONS = {
    "a term one card alone writes, asked with a bare どれ": [
        T("被災者台帳ってどれ？", "03-19"),
        T("主担当は？", "03-19", "内閣府"),
    ],
    "a card's own term asked with どの施策": [
        T("不動産IDはどの施策？", "05-34"),
    ],
    "a card's own term outside the things named side by side": [
        T("政府機関のセキュリティ・IT人材の育成計画の施策はどれ", "06-01"),
    ],
    "a topic several cards state stays the list": [
        T("港湾の施策はどれ？", ("02-10", "03-43", "03-44")),
    ],
    "things named side by side stay the list, whatever term one of them holds": [
        T("土地や不動産の登記・台帳情報をつなぐ施策はどれ？", ("05-31", "05-34")),
    ],
    "全部 keeps every card of the subject": [
        T("被災者支援の施策を全部", ("03-18", "03-19", "03-20", "03-21")),
    ],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_the_number_of_measures_is_read_from_the_table(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])


@pytest.mark.parametrize("q, left", [
    ("被災者台帳の施策はどれですか", True),  # a bare どれ
    ("教育データの標準化ってどの施策？", True),  # どの施策: one measure
    ("テレワークに関する施策", True),  # a kind of measure
    ("被災者台帳の施策を全部", False),  # every measure, said
    ("災害の施策はどれとどれ？", False),  # several, said
    ("マイナンバーに触れてる施策はどれ", False),  # the cards that mention a word
])
def test_which_questions_leave_the_count_to_the_table(q, left):
    assert count_by_table(q) is left


def test_a_term_one_of_several_things_holds_is_not_the_questions_own():
    # 「大学や大学院（博士）」: 博士 glosses one of the things named side by side, no term of the whole question
    assert "博士" not in written_terms("大学や大学院（博士）向けの施策は？")
    assert written_terms("土地や不動産の登記・台帳情報をつなぐ施策") == ["施策"]  # every chain set aside
    assert written_terms("被災者台帳の施策はどれですか")[0] == "被災者台帳"
    # … nor one the last of them governs by の (07-09 alone writes ICTスキル), nor one joined by ・ (07-06 alone Web)
    assert written_terms("プログラミング教育や子供のICTスキルに関する施策") == ["施策"]
    assert written_terms("Web・ICTのアクセシビリティに関する施策はどれ") == ["アクセシビリティ", "施策"]


def test_joined_things_keep_the_list(retriever):
    got = {h.card.id for h in ask(retriever, "Web・ICT機器のアクセシビリティの施策はどれ？").answers}
    assert got == {"07-05", "07-06"}
