"""Which cards a topic list holds (session 51). Our own wordings on the bundled table; none is a blind set's turn.

A clause names its topic as 「AのB」 does: in 「AがBを学ぶ」 or 「AにBを教える」 the noun marked を is the topic and the
one marked が or に who it is for (Retriever._qualified); and a verb only the list's best card writes is no word the
list's cards share (decide.without_own_phrasing): 「小学生がプログラミングを学べる」 counted 07-09 alone (学び合う is in
its name only), not 06-09 情報教育, which says プログラミング教育."""

import pytest

from index.assist import ask

PROGRAMMING = ("06-09", "07-09")

CLAUSES = {
    "who learns it marked が, what is learnt marked を": "小学生がプログラミングを学べる施策を全部",
    "who is taught marked に": "子どもにプログラミングを教える施策を一覧で",
    "the verb the table writes as a noun (学習) was never the problem": "中学生がプログラミングを学習する施策を全部",
}


@pytest.mark.parametrize("name", list(CLAUSES))
def test_a_clause_lists_what_is_done_not_who_it_is_for(retriever, name):
    question = CLAUSES[name]
    got = [h.card.id for h in ask(retriever, question).answers]
    assert sorted(got) == list(PROGRAMMING), f"{question!r}: counted {got}, expected {list(PROGRAMMING)}"
