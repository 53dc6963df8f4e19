"""Follow-ups mended after round 15's read-through: 「何か」 is "something" (no counter), a kind said as 〜関係
keeps the cards that say its noun, 「他の2つ」 narrows only when one card more is left, and 主 names a role only after
a ministry's name."""

from index.assist import Conversation, ask
from index.retrieve.understand import understand


def chat(retriever, *questions):
    conv, out = Conversation(), []
    for q in questions:
        a = ask(retriever, q, conv)
        conv = a.conversation
        out.append([h.card.id for h in a.answers])
    return out


def test_something_left_asks_for_the_rest_of_the_list_not_a_number(retriever):
    listed, first_two, rest = chat(retriever, "防災の施策を全部教えて", "最初の2つの担当は？", "残りは何かある？")
    assert len(listed) >= 3 and first_two == listed[:2]
    assert rest == listed[2:]  # 「何か」 is no counter (「何か所」 is)


def test_a_kind_named_by_a_noun_keeps_the_cards_that_say_the_noun(retriever):
    listed, of_kind = chat(retriever, "防災の施策を全部教えて", "その中で情報関係のは？")
    assert "03-16" in listed and "03-16" in of_kind  # 03-16 says 情報 (…必要な情報を円滑に共有できる仕組み)


def test_the_other_two_of_many_left_are_each_of_them(retriever):
    listed, first, others = chat(retriever, "医療の施策を全部教えて", "1つ目の担当は？", "他の2つの主担当は？")
    assert len(listed) > 3 and first == listed[:1]
    assert others == listed[1:]  # not cut to 2: the person counted fewer than were left, by more than one


def test_main_after_a_noun_that_is_no_ministry_names_no_role(retriever):
    assert not understand("子どもが主に使う端末の施策で文科省が関わるのは？", retriever.lexicon).lead
    assert understand("厚労省が主でやってるもの一覧", retriever.lexicon).lead
