"""An answer that picks the right card also shows what was asked of it: who may take part, the timeline asked in
English with the topic, and, for a part of a list chosen by a ministry, each card's 府省庁名 (the ministry asked about
in it, even where a long 府省庁名 is cut short)."""

from index.assist import Conversation, answer_text, ask, detail_sentence


def _play(retriever, *questions):
    conv, a = Conversation(), None
    for q in questions:
        a = ask(retriever, q, conv)
        conv = a.conversation
    return a


def test_who_may_take_part_quotes_the_run_of_sentences_that_states_it(cards):
    card = cards.by_id()["07-10"]
    for q in ("国籍を問わず参加できる？", "だれでも申し込めるの？応募資格は？", "Who is eligible?"):
        said = detail_sentence(card, q, fields=("overview",)) or ""
        # 「応募の要件は…方。年齢・国籍・居住地不問。自薦と他薦が可能。」: the requirements, whole
        assert "応募の要件" in said and "年齢・国籍・居住地不問" in said and "自薦と他薦" in said, q


def test_as_far_as_it_can_states_no_one_who_may(cards):
    import dataclasses

    card = cards.by_id()["07-10"]
    # 「できる限り」 (as far as it can) limits no one: the run of requirements does not take in a sentence saying it
    added = dataclasses.replace(card, overview=card.overview.replace("自薦と他薦が可能。", "自薦と他薦が可能。できる限り早く選考する。"))
    said = detail_sentence(added, "国籍を問わず参加できる？", fields=("overview",)) or ""
    assert "自薦と他薦" in said and "できる限り" not in said


def test_an_opening_question_in_english_that_asks_for_a_timeframe_gets_the_dated_sentence(retriever):
    a = ask(retriever, "Does the plan cover the 不動産ID? Give me its timeframe.", Conversation())
    assert [h.card.id for h in a.answers] == ["05-34"]
    assert "令和4年度(2022年度)" in answer_text(a, related=False)


def test_a_part_of_a_list_chosen_by_a_ministry_shows_each_cards_ministries(retriever):
    a = _play(retriever, "農林水産省が関係している施策を一覧で", "その中で農林水産省がメインじゃない施策")
    assert [h.card.id for h in a.answers] == ["04-02", "05-31", "07-07"]
    # why each is left: 農林水産省 is among its ministries, without ◎
    assert all("農林水産省" in h.reason and "◎農林水産省" not in h.reason for h in a.answers)
    a = _play(retriever, "警察庁が担当する施策を一覧で", "その中で警察庁が主担当のものは")
    assert a.answers and all("◎警察庁" in h.reason for h in a.answers)


def test_a_long_ministry_cell_cut_short_still_names_the_ministry_asked_about(retriever):
    a = ask(retriever, "消防庁が関わっている施策は？", Conversation())
    assert "04-02" in [h.card.id for h in a.answers]
    assert "消防庁" in answer_text(a, related=False)  # 04-02 names it past the cut of its long 府省庁名
    a = ask(retriever, "Which measures involve the Fire and Disaster Management Agency?", Conversation())
    assert "(消防庁 among them)" in answer_text(a, related=False)  # said in English too


def test_the_other_of_two_is_the_other_card_of_the_part_just_narrowed_with_the_same_field(retriever):
    conv = Conversation()
    for q in ("警察庁が主担当の施策を全部", "そのうち自動運転に関わるものは", "2つ目の進捗KPIは？"):
        a = ask(retriever, q, conv)
        conv = a.conversation
    assert [h.card.id for h in a.answers] == ["02-08"]
    a = ask(retriever, "もう片方は？", conv)
    # the other of the two (02-07), not the three of the whole list not yet discussed; its 進捗 KPI, as asked before
    assert [h.card.id for h in a.answers] == ["02-07"]
    assert a.field_name == "kpi_progress" and "交通規制情報のデータ精度向上等に関する研究進捗" in a.direct


def test_a_bare_field_after_no_certain_answer_asks_about_the_nearest_card_shown(retriever):
    a = ask(retriever, "きのこ栽培のデータ", Conversation())
    assert not a.answers and "近い施策（参考）: [03-42]" in a.direct
    b = ask(retriever, "担当は？", a.conversation)
    assert [h.card.id for h in b.answers] == ["03-42"] and "◎農林水産省" in b.direct
    assert any("近い施策（参考）として示した 03-42" in n for n in b.notes)  # said so
    c = ask(retriever, "2つ目は？", b.conversation)
    assert not c.answers  # one card was answered: there is no second


def test_everyday_words_find_the_sentence_that_says_them_in_the_tables_words(cards):
    # 配送 / 宅配 are everyday words for the table's 物流 (the glossary): the sentence saying 物流 answers them
    card = cards.by_id()["04-02"]
    for q in ("ドローンを使った配送の実験はやってる？", "ドローン宅配って国はどうしてる？"):
        assert "物流実用化事業" in (detail_sentence(card, q, fields=("overview",)) or ""), q
