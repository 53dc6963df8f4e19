"""The assistant: follow-ups resolved against the cards just shown, field questions answered with the field, tables
for sets, counts of answers (not of related cards), and junk input answered as such."""

import random

from index.assist import Conversation, Turn, ask, card_rows, chapter_titles, field_asked, resolve_reference
from index.retrieve import Filters


def chat(retriever, *questions, **kw):
    """Ask the questions in turn, each with the conversation the previous answer returned."""
    conv, answers = Conversation(), []
    for q in questions:
        a = ask(retriever, q, conv, **kw)
        answers.append(a)
        conv = a.conversation
    return answers


def ids(hits):
    return [h.card.id for h in hits]


def test_a_follow_up_is_answered_among_the_cards_just_shown(retriever, cards):
    first, second = chat(retriever, "テレワークを推進する施策は？", "その中で総務省が担当しているのは？")
    assert ids(first.answers)[0] == "04-03"
    shown = set(ids(first.answers + first.related))
    assert ids(second.answers)[0] == "04-03"  # the telework card first, as it was shown first
    assert set(ids(second.answers + second.related)) <= shown
    by_id = cards.by_id()
    assert all("総務省" in by_id[i].ministries_raw for i in ids(second.answers))
    assert "直前の回答" in second.notes[0]


def test_it_and_that_measure_resolve_to_the_card_just_answered(retriever, cards):
    first, who, kpi = chat(retriever, "テレワークを推進する施策は？", "それの担当府省庁は？", "その施策の効果KPIは？")
    telework = {c.id: c for c in cards}["04-03"]
    assert who.kind == "field" and ids(who.answers) == ["04-03"]
    assert "◎内閣官房" in who.direct and "総務省" in who.direct
    assert kpi.kind == "field" and kpi.field_name == "kpi_effect" and telework.kpi_effect in kpi.direct


def test_an_ordinal_picks_that_card_and_a_new_topic_starts_fresh(retriever):
    first, second, fresh = chat(retriever, "国土交通省が主担当の施策は？", "2番目の施策の概要は？", "遠隔医療を進める施策は？")
    shown = ids(first.answers + first.related)
    assert ids(second.answers) == [shown[1]] and second.field_name == "overview"
    assert not fresh.notes and {"03-14", "03-09"} & set(ids(fresh.answers))
    assert not set(ids(fresh.answers)) <= set(shown)


def test_field_questions_get_the_field(retriever, cards):
    by_id = {c.id: c for c in cards}
    kpi, who, when = (ask(retriever, q) for q in ("テレワークの普及のKPIは？", "04-03の担当府省庁は？",
                                                   "02-10はいつ稼働予定？"))
    assert ids(kpi.answers)[0] == "04-03" and by_id["04-03"].kpi_progress[:30] in kpi.direct
    assert who.field_name == "ministries" and "◎内閣官房" in who.direct
    # the sentence that says when: 02-10's progress KPI aims at operation (稼働) in 令和4年度
    assert when.field_name == "when" and "令和4年度" in when.quote[1] and "稼働" in when.quote[1]
    assert when.quote[0] == "kpi_progress" and by_id["02-10"].kpi_progress[when.quote[2]:when.quote[3]] == when.quote[1]


def test_a_field_list_for_a_set_is_a_compact_table(retriever, cards):
    a = ask(retriever, "国土交通省が主担当の施策のKPIを一覧で")
    assert a.kind == "table" and a.table[0] == ["施策番号", "施策名", "主担当", "KPI(進捗)", "KPI(効果)"]
    led = [c for c in cards if "国土交通省" in c.lead_ministries]
    assert [r[0] for r in a.table[1:]] == [c.id for c in led]
    assert all(r[3] == c.kpi_progress for r, c in zip(a.table[1:], led))


def test_the_count_is_of_answers_not_of_related_cards(retriever):
    a = ask(retriever, "テレワークを推進する施策は？", top_k=10)
    assert len(a.answers) + len(a.related) == 10 and len(a.answers) < 10
    assert a.to_dict()["answer"]["count"] == len(a.answers)
    assert a.level in ("高", "中", "低")
    listed = ask(retriever, "被災者支援に関する施策を全部教えて")
    assert 4 <= len(listed.answers) and all(not h.related for h in listed.answers)


def test_junk_never_yields_ten_measures(retriever):
    for junk in ("<b>", "？？", "<script></script>"):
        a = ask(retriever, junk)
        assert a.kind == "unreadable" and not a.answers and "10 件" not in a.direct
    rng = random.Random(9)
    kana = "".join(chr(rng.randint(0x3041, 0x3093)) for _ in range(5000))
    a = ask(retriever, kana)
    assert a.kind == "none" and not a.answers and "見つかりませんでした" in a.direct
    assert len(a.question) == 5000


def test_a_ministry_named_against_the_filter_is_said(retriever):
    a = ask(retriever, "国土交通省の施策は？", filters=Filters(ministries=("総務省",)))
    assert any("国土交通省" in n and "総務省" in n for n in a.notes)


def test_the_conversation_is_plain_data_that_survives_a_round_trip():
    conv = Conversation((Turn("q1", ("04-03",), ("03-02",)),))
    assert Conversation.from_list(conv.to_list()) == conv
    assert Conversation.from_list([{"question": 1, "answers": [{"x": 1}, "04-03"]}, "junk", None]).turns == (
        Turn("1", ("04-03",), ()),)
    assert resolve_reference("その中で総務省は？", Conversation()) is None
    ref = resolve_reference("2番目の施策のKPIは？", conv)
    assert ref.ids == ("03-02",) and ref.kind == "one"
    assert resolve_reference("それぞれの施策を教えて", conv) is None  # それぞれ is not それ


def test_field_words_are_found_and_removed():
    assert field_asked("04-03の担当府省庁は？").field == "ministries"
    assert field_asked("その施策の効果KPIは？").field == "kpi_effect"
    f = field_asked("国土交通省が主担当の施策のKPIを一覧で")
    assert f.field == "kpi" and f.table and "KPI" not in f.rest
    assert field_asked("テレワークを推進する施策は？") is None


def test_the_card_browser_rows_have_chapter_titles_and_can_be_searched(cards):
    titles = chapter_titles(cards.cards)
    assert titles["03"].startswith("03 ") and len(titles["03"]) > 3
    rows = card_rows(cards.cards)
    assert len(rows) == len(cards.cards) and rows[0][2] == titles[rows[0][0][:2]]
    found = card_rows(cards.cards, "テレワーク")
    assert "04-03" in [r[0] for r in found] and len(found) < len(rows)
