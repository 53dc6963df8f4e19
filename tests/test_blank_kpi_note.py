"""「KPIが未設定」 counts the cells that write 未設定; the answer names the cards whose KPI cells are blank, which a reader
who means "no KPI yet" may want too, and says how to ask for both (in the chat, the CLI's search and in English)."""

from index.assist import ask


def test_unset_kpis_name_the_blank_cards_left_out(retriever):
    a = ask(retriever, "KPIが未設定の施策は？")
    assert sorted(h.card.id for h in a.answers) == ["02-05", "02-10", "04-01"]
    note = next(n for n in a.notes if "空欄" in n)
    assert "05-35" in note and "05-36" in note and "未設定か空欄" in note


def test_asked_for_both_the_answer_counts_both_and_has_no_such_note(retriever):
    a = ask(retriever, "KPIが未設定か空欄の施策は？")
    assert sorted(h.card.id for h in a.answers) == ["02-05", "02-10", "04-01", "05-35", "05-36"]
    assert not any("含めていません" in n for n in a.notes)


def test_the_search_says_the_same(retriever):
    res = retriever.search("KPIが未設定の施策")
    assert any("05-35" in n for n in res.notes)


def test_in_english_the_note_is_english(retriever):
    a = ask(retriever, "Which measures have KPIs marked as 未設定 (not set)?")
    note = next(n for n in a.notes if "blank" in n)
    assert "05-35, 05-36" in note and "含めて" not in note
