"""Follow-ups on a list (session 57): the rest said right after その中 split a list by a condition is the other side of
that condition, a card picked one by one before the split among it ("Which of the five are led by MAFF?" → "And the
rest?"); an ordinal said of a list by its count ("the first of the four", 「8件のうち最後の」) picks from the list of that
many cards, not from the part just given; a chapter denied in その中 (「3章以外の」, "outside chapter 03") keeps the
list's cards of the other chapters. Our own wordings (polite, casual, kana, English); none is a blind set's turn."""

import pytest

from tests.test_conversation_cases import MINISTRY_LEAD_MEXT, T, assert_followed

MEXT_CHAPTER_06 = ("06-07", "06-08", "06-09", "06-10")
MEXT_OTHERS = ("03-01", "03-03", "03-05", "03-06")
MHLW_ANY_ROLE = ("03-08", "03-09", "03-10", "03-11", "03-12", "03-13", "03-14", "03-21", "04-02", "04-03", "07-07")
MHLW_OUTSIDE_03 = ("04-02", "04-03", "07-07")

_SPLIT_THEN_REST = [T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
                    T("2つ目のKPIは？", "03-03"),
                    T("そのうち6章のは？", MEXT_CHAPTER_06)]
_SPLIT = [T("文部科学省が主担当の施策を全部", MINISTRY_LEAD_MEXT),
          T("そのうち6章のは？", MEXT_CHAPTER_06)]
_MHLW = [T("厚生労働省が関わっている施策を主担当かどうかに関わらず全部", MHLW_ANY_ROLE)]

CONVERSATIONS = {
    # the card picked before the split (03-03) is on the other side of it: it is in the rest
    **{f"the rest after a split, a card picked before it included: {q}": _SPLIT_THEN_REST + [T(q, MEXT_OTHERS)]
       for q in ("残りは？", "のこりのやつ", "残りの施策についても教えていただけますか", "And the rest?",
                 "What about the others?")},
    **{f"an ordinal said of the list by its count, after a split: {q}": _SPLIT + [T(q, pick)]
       for q, pick in (("The first of the eight?", "03-01"), ("Last of the eight — what does it do?", "06-10"),
                       ("8件のうち最後のは？", "06-10"), ("8つの中で2つ目の概要", "03-03"),
                       ("the second of those 8, who leads it?", "03-03"))},
    "the count said of the part itself keeps the part": _SPLIT + [T("4件のうち最初のは？", "06-07")],
    **{f"a chapter denied among a list: {q}": _MHLW + [T(q, MHLW_OUTSIDE_03)]
       for q in ("which of those are outside chapter 03?", "Any of them not in chapter 3?", "そのうち3章以外のは？",
                 "そのなかで第3章じゃないやつ", "この中で3章に入っていないものはございますか")},
    "a chapter denied, then a place in what it kept": _MHLW + [T("そのうち3章以外のは？", MHLW_OUTSIDE_03),
                                                          T("2つ目の主担当は？", "04-03", "内閣官房")],
    "a chapter said, not denied, keeps that chapter": _MHLW + [
        T("そのうち3章のは？", tuple(i for i in MHLW_ANY_ROLE if i.startswith("03-")))],
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
def test_a_follow_up_on_a_list_is_read_by_its_list(retriever, name):
    assert_followed(retriever, CONVERSATIONS[name])
