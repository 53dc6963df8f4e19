"""Lists by the table's cells, asked the way people ask them: KPI status, 条・手引 marks, a ministry's role, and the
工程表's dated milestones read from one cell. Each answer is the exact set the bundled table supports, each card with
the cell or milestone that puts it there."""

from index.assist import answer_text, ask
from index.retrieve.dated import dated_ask, reads_dated_cell
from index.roadmap import fiscal_of, kpi_status


def ids(result):
    return [h.card.id for h in result.results if not h.related]


def involved(card, name):
    return name in [m.name for m in card.ministries]


def supporting_cards(cards, name):
    return [c for c in cards if involved(c, name) and name not in c.lead_ministries]


def placed_in(card, columns):
    """A mark the table places in one of `columns` (the marks policy: a mark whose column the PDF text does not let us
    place is no mark of any column; the answer names such cards in a note instead)."""
    return any(m.column in columns for m in card.marks)


def only_circles(card):
    """Only ○ (the marks policy: no column asked, so every mark is read, placed or not): a ○ and no ◎ in the row."""
    symbols = [m.symbol for m in card.marks + card.unresolved_marks]
    return "○" in symbols and "◎" not in symbols


GUIDES = ("都道府県", "市町村")


# ------------------------------------------------------------------------------------------------ reading only

def test_a_date_question_says_which_cell_and_which_wording():
    """「概要に…」 reads the overview's milestones, 「効果KPI」 the outcome KPI's, 「…って書き方」 the date's own word."""
    overview = dated_ask("課題・取組概要に令和5年度以降の予定が書かれている施策")
    assert overview.fields == ("overview",) and overview.year_from == 2023 and overview.year_to is None
    assert dated_ask("効果KPIに令和7年度の目標がある施策").fields == ("kpi_effect",)
    assert dated_ask("KPIの欄に2021年度とある施策").fields == ("kpi_progress", "kpi_effect")
    # the cell asked for is not the cell read: 「…施策のKPIは？」 wants the KPIs of cards dated anywhere
    assert dated_ask("令和4年度に稼働する施策のKPIは？").fields == ()
    assert dated_ask("02-10は令和何年度に稼働？") is None  # asks when, of one card
    worded = dated_ask("「令和3年度中に」という書き方をしている施策")
    assert worded.wording == "中" and worded.kinds == ()
    # the plan's own year in passing is not the year asked: the one a range word follows is
    assert dated_ask("計画時点の2021年より後、令和5年以降の年が概要にある施策").year_from == 2023
    # English years: FY, Reiwa, a bare year after a preposition; "by" a year is that year's deadline
    by = dated_ask("Which measures have an overview goal to be achieved by FY2024?")
    assert (by.year_from, by.year_to, by.kinds, by.fields) == (2024, 2024, ("deadline",), ("overview",))
    assert dated_ask("measures whose progress KPI mentions Reiwa 4").year_from == 2022
    # an era alone: any year of it
    heisei = dated_ask("概要に平成の年が出てくる施策")
    assert (heisei.year_from, heisei.year_to, heisei.wording) == (1989, 2019, "平成")
    assert reads_dated_cell("概要に令和4年度が出てくる施策") and not reads_dated_cell("令和4年度に始まる施策の概要は？")


# ------------------------------------------------------------------------------------------------ the sets

def test_kpi_lists_tell_unset_from_blank_and_set(retriever, cards):
    """未設定 or blank in one cell, the written 未設定 alone, both cells set, the same KPI twice."""
    effect = retriever.search("成果をみる効果の指標が未設定か空欄のままの施策をすべて")
    assert effect.intent.kpi_rule == "effect_or_blank"
    assert set(ids(effect)) == {c.id for c in cards if "未設定" in c.kpi_effect or not c.kpi_effect.strip()}
    assert {"05-35", "05-36"} <= set(ids(effect))  # the two blank ones, which 「未設定」 alone would miss
    # 「決まってないか空っぽ」: not decided in either way, in the progress cell
    progress = retriever.search("進捗の指標が決まってないか空っぽの施策は？")
    assert progress.intent.kpi_rule == "progress_or_blank"
    assert set(ids(progress)) == {c.id for c in cards if "未設定" in c.kpi_progress or not c.kpi_progress.strip()}
    written = retriever.search("KPIに「未設定」と書いてある施策（空欄のものは除いて）")
    assert written.intent.kpi_rule == "written"
    assert set(ids(written)) == {c.id for c in cards if "未設定" in c.kpi_progress + c.kpi_effect}
    both = retriever.search("KPIが進捗と効果の二つともきちんと設定済みの施策を一覧で")
    assert both.intent.kpi_rule == "set"
    assert set(ids(both)) == {c.id for c in cards if kpi_status(c) == 2} and len(ids(both)) == 59
    same = retriever.search("進捗KPIと効果KPIが同じ文言になっている施策")
    assert set(ids(same)) == {c.id for c in cards if kpi_status(c) == 2 and c.kpi_progress == c.kpi_effect}


def test_mark_lists_count_every_mark_wherever_it_stands(retriever, cards):
    """No mark at all and only ○ do not depend on the column, so marks in no column count."""
    def symbols(c):
        return [m.symbol for m in c.marks + c.unresolved_marks]

    none = retriever.search("条の欄にも手引の欄にも◎や○がひとつも付いていない施策を漏れなく")
    assert none.intent.marks_rule == "none"
    assert set(ids(none)) == {c.id for c in cards if not symbols(c)}
    assert set(ids(retriever.search("印が何もついていない施策は？"))) == set(ids(none))
    circles = retriever.search("印はついているけど全部○で、◎はない施策")
    assert circles.intent.marks_rule == "circle_only"
    assert set(ids(circles)) == {c.id for c in cards if only_circles(c)} == {
        "02-05", "02-08", "03-04", "03-41", "03-42", "07-02", "07-04", "07-06"}


def test_a_column_question_names_the_cards_whose_marks_might_be_in_it(retriever, cards):
    """19条 asked: the set of placed marks, and the cards whose marks the table places in no column but which a reading
    of their row puts there, each named as undecided; 18条, which no such reading reaches: no note."""
    unplaced = [c for c in cards if c.unresolved_marks]
    assert len(unplaced) == 22  # the PDF's rows with more or fewer cells than their header, marks past the articles
    a = ask(retriever, "19条に◎か○が付いている施策は？")
    assert {h.card.id for h in a.answers} == {c.id for c in cards if any(m.column == "19条" for m in c.marks)}
    text = answer_text(a)
    assert "ほかに 3 件は印の列が表から読み取れず、含まれるかは不明です: 06-02、07-10、07-11。" in text
    assert "読み取れず" not in answer_text(ask(retriever, "18条に◎か○が付いている施策は？"))
    empty = ask(retriever, "13条に印がある施策を全部")  # no placed mark there: still said, not a silent none
    assert not empty.answers
    assert "列が読み取れた印では" in empty.direct  # not 「選んだ絞り込み条件」: the asker chose no filter


def test_ministry_roles_any_role_and_supporting_only(retriever, cards):
    """「主担当かどうかは関係なく」: every card naming it; 「連携先として」, 「協力側」: named without the ◎."""
    anyrole = retriever.search("厚生労働省が関係している施策、主担当かどうかは関係なく全部")
    assert not anyrole.intent.lead
    assert set(ids(anyrole)) == {c.id for c in cards if involved(c, "厚生労働省")}
    side = retriever.search("内閣官房が連携先として入っている施策を全部")
    assert side.intent.not_lead
    assert set(ids(side)) == {c.id for c in cards if involved(c, "内閣官房") and "内閣官房" not in c.lead_ministries
                              and "◎内閣官房" not in c.ministries_raw}
    co = retriever.search("Which measures are co-led by more than one ministry?")
    assert set(ids(co)) == {c.id for c in cards if len(c.lead_ministries) > 1}


def test_dated_lists_read_one_cell_and_cite_the_milestone(retriever, cards):
    """A year asked of the overview is answered from the overview's milestones, each card with the phrase."""
    res = retriever.search("課題・取組概要に2023年（令和5年）の予定が出てくる施策を全部")
    want = {c.id for c, road in zip(cards, retriever.roadmaps)
            if any(m.field == "overview" and m.year == 2023 for m in road.milestones)}
    assert want and set(ids(res)) == want
    for h in res.results:
        assert all(m.field == "overview" and m.year == 2023 for m in h.milestones)
        assert h.milestones[0].text in h.card.overview
    # the KPI's 2023 dates are another cell: a card dated 2023 in its KPI only is not in the overview's set
    kpi_only = {c.id for c, road in zip(cards, retriever.roadmaps)
                if any(m.year == 2023 for m in road.milestones if m.field != "overview")} - want
    assert kpi_only and not kpi_only & set(ids(res))
    worded = retriever.search("概要で「令和4年度以降」という書き方をしている施策")
    assert ids(worded) and all(any("以降" in m.text for m in h.milestones) for h in worded.results)
    # none there: said as such, not as filters the asker never chose
    assert "日付が、聞かれた欄に書かれている施策はありません" in ask(retriever, "概要に2024年度が出てくる施策").direct
    outcome = retriever.search("Which measures have an outcome KPI due in FY2025?")
    assert set(ids(outcome)) == {c.id for c, road in zip(cards, retriever.roadmaps)
                                 if any(m.field == "kpi_effect" and m.year == 2025 for m in road.milestones)}


def test_the_chat_says_why_each_card_is_in_the_set(retriever):
    """Each listed card carries the cell or milestone that qualifies it, in the answer's text."""
    from app.ui import render_answer

    unset = ask(retriever, "進捗KPIが未設定または空欄の施策を全部")
    kpi = answer_text(unset)
    assert "[04-01]" in kpi and "KPI(進捗): 未設定" in kpi and "KPI(進捗): （空欄）" in kpi
    assert "理由: KPI(進捗): （空欄）" in render_answer(unset)  # the page says it under each card too
    dated = answer_text(ask(retriever, "概要に令和7年度（2025年度）の目標が書いてある施策は？"))
    assert "概要「令和7年度(2025年度)" in dated and "2025年度 期限" in dated
    role = answer_text(ask(retriever, "財務省の名前が入っている施策ぜんぶ"))
    assert "府省庁名: " in role and "財務省" in role


def test_a_field_table_of_a_dated_list_shows_the_milestone_beside_the_field(retriever):
    """「…までに達成する目標がある施策」 tables the KPIs asked for, and a 該当理由 column says which dated phrase (often in
    the overview, not the KPI cells shown) puts each card in the set."""
    table = ask(retriever, "2021年度までに達成する目標がある施策").table
    assert table[0][-1] == "該当理由" and len(table) > 2
    for row in table[1:]:
        assert "年" in row[-1] and "期限" in row[-1]
    by_id = {row[0]: row[-1] for row in table[1:]}
    assert "概要「令和3年度(2021年度)までに」" in by_id["02-07"]  # its KPI cells carry no date at all


# ------------------------------------------------------------------------------------------------ asked in other words

def test_one_kpi_cell_state_for_every_way_a_table_writes_none():
    """未設定, （今後設定）, 未定 say no KPI is set yet; an empty cell, 「－」 or 「なし」 hold none at all; the card's
    status (the browser's and reports') and the chat's cell filters read the cells the same way."""
    from index.corpus import PolicyCard
    from index.retrieve.results import Filters, cell_rules
    from index.roadmap import KpiStatus, kpi_cell

    assert [kpi_cell(t) for t in ("未設定(令和4年度(2022年度)以降に検討)", "（今後設定）", "未定")] == [KpiStatus.UNSET] * 3
    assert [kpi_cell(t) for t in ("", "－", " - ", "なし", "―")] == [KpiStatus.BLANK] * 5
    assert kpi_cell("TSPS整備交差点数") == KpiStatus.SET
    later = PolicyCard(id="99-01", chapter="99", name="例", kpi_progress="研修の受講者数", kpi_effect="（今後設定）",
                       overview="", bullets=(), ministries=(), ministries_raw="")
    dash = PolicyCard(id="99-02", chapter="99", name="例", kpi_progress="－", kpi_effect="－", overview="", bullets=(),
                      ministries=(), ministries_raw="")
    assert kpi_status(later) == KpiStatus.UNSET and kpi_status(dash) == KpiStatus.BLANK
    assert cell_rules(later, Filters(kpi_rule="effect_only")) and not cell_rules(dash, Filters(kpi_rule="effect"))
    assert cell_rules(dash, Filters(kpi_rule="blank_both")) and cell_rules(dash, Filters(kpi_rule="neither"))


def test_kpi_lists_asked_in_everyday_words(retriever, cards):
    """「決まっていない」, 「まだない」, "no KPI", "lack" ask whether a KPI is there at all (未設定 or blank); the KPI and its
    state are read within a clause (「KPI（効果）がまだ決まっていない、」), the columns also by name alone."""
    def no_kpi(cell):
        return {c.id for c in cards if "未設定" in getattr(c, cell) or not getattr(c, cell).strip()}

    either = no_kpi("kpi_progress") | no_kpi("kpi_effect")
    for q in ("KPI（効果）がまだ決まっていない、未設定のままの施策を全部リストアップして", "効果指標が未定の施策",
              "Which measures have an undefined outcome KPI?", "measures without an outcome KPI"):
        assert set(ids(retriever.search(q))) == no_kpi("kpi_effect"), q
    for q in ("Which measures have no KPI set, or leave the KPI blank?", "KPIがまだない施策ある？",
              "Which measures still lack KPIs?", "KPIが埋まってない施策は？"):
        assert set(ids(retriever.search(q))) == either, q
    assert either == {"02-05", "02-10", "04-01", "05-35", "05-36"}
    neither = retriever.search("進捗と効果の両方とも無い施策は？")
    assert neither.intent.kpi_rule == "neither" and set(ids(neither)) == no_kpi("kpi_progress") & no_kpi("kpi_effect")
    # the other cell holds a KPI: 02-05 and 02-10, not the blank 05-35/05-36 (whose progress cell is blank too)
    only = retriever.search("Which measures have their progress KPI set but not the outcome KPI?")
    assert only.intent.kpi_rule == "effect_or_blank_only" and set(ids(only)) == {"02-05", "02-10"}
    # 「未設定」 alone names what the cell says; 「今後設定」 too
    assert set(ids(retriever.search("KPIが今後設定となっている施策"))) == {c.id for c in cards if kpi_status(c) == 0}
    # nothing written in a cell: 空いてる, 未記入
    blank = {c.id for c in cards if not c.kpi_progress.strip() or not c.kpi_effect.strip()}
    for q in ("KPIが空いてる施策", "KPI欄が未記入の施策", "Which measures have empty KPI cells?"):
        assert set(ids(retriever.search(q))) == blank, q


def test_a_goal_by_a_year_is_a_goal_for_that_year(retriever, cards):
    """「2025年度までに達成する目標」, 「令和7年度（2025年度）までに」, "targets due by FY2025": the cards whose goal falls
    due in FY2025, as 「令和7年度が期限」 (not every deadline up to it); 「2025年度までに終わるもの」 is still everything
    due by then."""
    due_2025 = {c.id for c, road in zip(cards, retriever.roadmaps)
                if any(m.year == 2025 and m.kind == "deadline" for m in road.milestones)}
    assert due_2025 == {"03-06", "04-03", "06-01", "06-05"}
    for q in ("2025年度までに達成する目標がある施策", "令和7年度（2025年度）までに達成を目指す施策は？",
              "Which measures have targets due by FY2025?", "令和7年度が期限の施策", "2025年度が締め切りの施策はどれ",
              "Which measures are due by the end of FY2025?", "Which measures aim to hit their goals in FY2025?"):
        assert set(ids(retriever.search(q))) == due_2025, q
    by = dated_ask("2025年度までに終わる予定の施策")
    assert (by.year_from, by.year_to, by.kinds, by.status) == (None, 2025, ("deadline",), "planned")
    # 「…年度って年度が書き込まれてる」: the cell writes a fiscal year; 07-06's 「令和3年(2021年)」 is a calendar one
    written = retriever.search("KPIの欄に令和3年度＝2021年度って年度が書き込まれてる施策ってどれ？")
    assert written.intent.dated.wording == "年度" and "07-06" not in ids(written)
    assert "07-06" in ids(retriever.search("KPIの欄に2021年の日付が出てくる施策"))
    start = retriever.search("Which measures start operating in FY2022?")
    assert start.intent.dated.launch and set(ids(start)) == set(ids(retriever.search("令和4年度に稼働する施策")))


def test_supporting_roles_and_marks_asked_in_everyday_words(retriever, cards):
    """「○で入ってる」, 「サブで」, 「協力している」, "not led by it": named without the ◎; mark questions in English read
    the same cells as in Japanese."""
    def supporting(name):
        return {c.id for c in cards if involved(c, name) and name not in c.lead_ministries}

    def symbols(c):
        return [m.symbol for m in c.marks + c.unresolved_marks]

    for q, name in (("総務省が○で入ってる施策", "総務省"), ("経産省がサブで入ってる施策", "経済産業省"),
                    ("厚生労働省が協力している施策", "厚生労働省"), ("Which measures involve MIC but are not led by it?", "総務省"),
                    ("Which measures does the Cabinet Office support without leading?", "内閣府"),
                    ("Which measures list the Ministry of Finance without a ◎?", "財務省"),
                    # the role said with only / just before it, as much as with is / as
                    ("Where is METI only a supporting ministry?", "経済産業省"),
                    ("Which ones have the Cabinet Office just as a partner agency?", "内閣府")):
        res = retriever.search(q)
        assert res.intent.not_lead and set(ids(res)) == supporting(name), q
    assert not retriever.search("総務省が民間と協力して進める施策").intent.not_lead  # 協力 with others is no role
    # a role and a KPI state in one question: both cells decide
    both = retriever.search("財務省が主担当じゃなくて関わってる施策でKPIが未設定のもの")
    assert set(ids(both)) == {c.id for c in supporting_cards(cards, "財務省") if kpi_status(c) == 0} == {"02-10", "04-01"}
    assert len(ids(retriever.search("KPIがちゃんとある施策は何件？"))) == sum(kpi_status(c) == 2 for c in cards)
    none = retriever.search("Which measures have no marks at all in the article or guide columns?")
    assert none.intent.marks_rule == "none" and set(ids(none)) == {c.id for c in cards if not symbols(c)}
    assert set(ids(retriever.search("条文の欄が全部空いてる施策"))) == set(ids(none))
    circles = retriever.search("Which measures have only single circles (○) and no ◎?")
    assert set(ids(circles)) == set(ids(retriever.search("印が○だけの施策"))) == {c.id for c in cards if only_circles(c)}
    guide = retriever.search("Which measures are marked in the municipal guide column?")
    assert guide.intent.guides == ("市町村",) and set(ids(guide)) == {
        c.id for c in cards if placed_in(c, ("市町村",))} == {"03-43", "07-02"}
    # 「手引の欄に印がある」 with no 手引 named: both 手引 columns, read from the placed marks (the others named in a note);
    # a 手引き in a topic is no column
    placed = {c.id for c in cards if placed_in(c, GUIDES)}
    for q in ("手引の欄に印がある施策", "手引に載ってる施策", "Which measures appear in the guide columns?"):
        res = retriever.search(q)
        assert res.intent.guides == ("都道府県", "市町村") and set(ids(res)) == placed, q
    assert not retriever.search("テレワーク導入の手引きを作る施策").intent.guides
    co = retriever.search("Which measures are co-led by two or more ministries (more than one ◎ in the ministry column)?")
    assert not co.intent.marks_rule  # the ◎ of 府省庁名, not a mark


def test_an_era_asked_alone_is_read_word_for_word_in_the_cell(retriever, cards):
    """「概要に平成○年って古い年号が出てくる」: every overview that writes a 平成 year, also a law's number (平成30年法律第100号)
    and a year in parentheses, which are no milestones; each card with where it says so. A 平成 year in a KPI cell
    only (07-01) is another cell."""
    res = retriever.search("概要に平成○年って古い年号が出てくる施策はどれですか")
    assert set(ids(res)) == {c.id for c in cards if "平成" in c.overview}
    assert {"03-06", "07-07"} <= set(ids(res)) and "07-01" not in ids(res)
    assert all(h.reason.startswith("課題・取組概要「") and "平成" in h.reason for h in res.results if not h.related)


# ------------------------------------------------------------------------------------------------ round 28

def test_a_ministry_in_charge_is_the_lead_and_its_cell_is_every_ministry(retriever, cards):
    """「警察庁が担当している」, 「農水省が担当の」, 「厚労省が◎になってる」: the one in charge, the ◎ of 府省庁名; 「担当府省庁に
    入っている」 names the cell, where every ministry taking part is written."""
    def led(name):
        return {c.id for c in cards if name in c.lead_ministries}

    for q, name in (("警察庁が担当している施策を全部教えて", "警察庁"), ("農水省が担当の施策はどれ", "農林水産省"),
                    ("厚労省が◎になってる施策を一覧で", "厚生労働省"), ("経産省担当の施策、全部", "経済産業省")):
        res = retriever.search(q)
        assert res.intent.lead and set(ids(res)) == led(name), q
    assert led("農林水産省") == {"03-41", "03-42", "05-32"}  # 04-02, 05-31 and 07-07 name it without the ◎
    cell = retriever.search("農林水産省が担当府省庁に入っている施策を全部")
    assert not cell.intent.lead and set(ids(cell)) == {c.id for c in cards if involved(c, "農林水産省")}
    assert not retriever.search("国交省が◎じゃない施策").intent.lead


def test_how_a_ministry_takes_part_is_its_role_not_a_subject(retriever, cards):
    """「共管・連携で入っている（主担当ではない）」: 共管 and 連携 say how it takes part; the set is every card naming it
    without the ◎, not the cards whose text is about 連携."""
    res = retriever.search("文科省が共管や連携の立場で入っている（主担当でない）施策をすべて")
    assert res.intent.not_lead
    assert set(ids(res)) == {c.id for c in supporting_cards(cards, "文部科学省")}
    assert len(ids(res)) == 6


def test_marks_asked_with_their_meaning_in_parentheses(retriever, cards):
    """「◎（主に該当）」, 「○（連携）」, 「10条（オンライン化の原則）」: the parentheses gloss the mark or the article; the
    set is read from the cells alone."""
    double = retriever.search("条や手引の欄に◎（主に該当）が付いている施策はどれ？")
    assert double.intent.marks_rule == "double"
    assert set(ids(double)) == {c.id for c in cards
                                if any("◎" in m.symbol for m in c.marks + c.unresolved_marks)}
    first = retriever.search("基本法11条1項・2項（デジタル技術の活用）の欄が○（連携）になっている施策")
    assert first.intent.articles == ("11条1項2項",) and first.intent.marks_rule == "symbol○"
    assert set(ids(first)) == {"02-07", "03-42"}
    for h in first.results:
        if not h.related:
            assert "11条1項2項○" in h.reason  # as the table writes the mark


def test_article_columns_are_read_by_their_header_cell(retriever, cards):
    """Every block's header puts 10条 … 19条 in the same cells right after the overview, so a mark there is that
    article's even in a row whose cells drift further right (02-10, 05-34): 「10条に印」, 「12条に◎」 are exact."""
    assert set(ids(retriever.search("10条の欄に◎か○が付いている施策は？"))) == {"02-05", "02-10"}
    assert set(ids(retriever.search("12条にマークがついている施策"))) == {"05-34"}
    assert set(ids(retriever.search("Which measures have a ◎ under Article 11 paragraphs 1-2?"))) == {
        c.id for c in cards if any(m.column == "11条1項2項" and m.symbol == "◎" for m in c.marks)} == {
        "02-10", "03-16", "03-18", "03-20", "03-43", "04-01"}


def test_kpi_and_year_ranges_said_in_english(retriever, cards, ):
    """"neither … nor …" is no KPI in either cell; "FY2026 or later", "FY2021 or earlier" are the ranges after the year."""
    none = retriever.search("Which measures have neither a progress KPI nor an outcome KPI set?")
    assert none.intent.kpi_rule == "neither" and set(ids(none)) == {"04-01", "05-35", "05-36"}
    later = retriever.search("Which measures set targets for FY2026 or later?")
    assert set(ids(later)) == {c.id for c, road in zip(cards, retriever.roadmaps)
                               if any(m.year >= 2026 and m.kind == "deadline" for m in road.milestones)} == {"03-41", "07-05"}
    earlier = dated_ask("Which measures have a deadline in FY2021 or earlier?")
    assert (earlier.year_from, earlier.year_to) == (None, 2021)


def test_what_happens_on_a_date_is_the_milestone_not_a_subject(retriever, cards):
    """「2022年度中に完成・運用開始などを予定している」: 完成, 運用, 開始 say what the milestone is; every card with a planned
    FY2022 milestone is in the set, not the few whose text is about 運用 (nor 06-02's 「令和4年3月まで」, in FY2021)."""
    res = retriever.search("2022年度中に完成・運用開始などを予定している施策を漏れなく")
    want = {c.id for c, road in zip(cards, retriever.roadmaps)
            if any(fiscal_of(m.year, m.fiscal, m.month) == 2022 and m.status == "planned" for m in road.milestones)}
    assert set(ids(res)) == want and {"02-07", "03-45", "07-04"} <= want


def test_a_ministry_list_asked_again_of_another_ministry_keeps_its_role(retriever):
    """In a conversation, 「じゃあ厚労省は？」 after 「国交省が主担当じゃないけど関わってる施策は？」 is the same role asked of
    厚労省 (named without the ◎), not its lead list; a question that says its own role is read as said, not as the last
    one's ministry swapped."""
    from index.conversation import Conversation

    conv = Conversation()
    turns = []
    for q in ("農水省が担当の施策を全部", "国交省が主担当じゃないけど関わってる施策は？", "じゃあ厚労省は？",
              "What about the Cabinet Office?"):
        a = ask(retriever, q, conv)
        conv = a.conversation
        turns.append([h.card.id for h in a.answers])
    assert turns[0] == ["03-41", "03-42", "05-32"]  # 担当: the lead (04-02, 05-31, 07-07 name 農水省 without the ◎)
    assert turns[1] == ["04-02", "04-03", "05-31", "07-07"]
    assert turns[2] == ["03-09", "03-11", "04-02", "04-03", "07-07"]  # 03-14 and 03-21 are led by 厚労省
    assert turns[3] == ["04-02", "04-03"]


def test_a_set_chosen_by_a_column_the_table_lacks_is_not_guessed(retriever):
    """「予算が10億円以上の施策」: the table has no budget column, so no card is counted as an answer (the nearest are
    shown for reference); a card's budget asked of a topic is still answered as 'not in this table', with its card."""
    for q in ("予算が10億円以上の施策を全部", "医療の施策で予算が一番大きいのは？"):
        a = ask(retriever, q)
        assert not a.answers and a.related and "予算・費用の欄がない" in a.direct, q
    one = ask(retriever, "テレワークの施策の予算は？")
    assert [h.card.id for h in one.answers] == ["04-03"] and "予算はこの表からはお答えできません" in one.direct


# ------------------------------------------------------------------ phrasings met on a fresh set (round 29)

def test_both_kpi_cells_said_with_mo_and_a_comma_or_with_no_verb(retriever):
    """「効果KPIも進捗KPIも、両方とも決まっていない」: the two cells, a pause, then their state: neither holds a KPI
    (未設定 or blank); "both KPI cells entirely empty": the blank cells only, said without a verb."""
    neither = retriever.search("効果KPIも進捗KPIも、両方とも決まっていない施策を教えて")
    assert neither.intent.kpi_rule == "neither" and set(ids(neither)) == {"04-01", "05-35", "05-36"}
    blank = retriever.search("Show the measures with both KPI cells (outcome and progress) entirely empty")
    assert blank.intent.kpi_rule == "blank_both" and set(ids(blank)) == {"05-35", "05-36"}


def test_a_mark_named_by_its_meaning_with_the_mark_in_parentheses(retriever, cards):
    """「連携（○）」, 「主に該当（◎）」: the meaning first and the mark glossing it read as the mark itself."""
    def symbols(c):
        return "".join(m.symbol for m in c.marks + c.unresolved_marks)

    circles = retriever.search("連携（○）だけで、主に該当（◎）はひとつもない施策を全部")
    assert circles.intent.marks_rule == "circle_only"
    assert set(ids(circles)) == {c.id for c in cards if only_circles(c)}
    double = retriever.search("条の欄に「主に該当（◎）」の印がついている施策は？")
    assert double.intent.marks_rule == "double" and "該当" not in double.intent.topic
    assert set(ids(double)) == {c.id for c in cards if "◎" in symbols(c)}


def test_both_guides_named_in_one_breath_and_the_unplaced_marks_said(retriever, cards):
    """「都道府県や市町村の手引」: both 手引 columns; the answer is the marks the table places there, and it names plainly
    each card whose marks the table cannot put in a column and which a reading of its row puts in a 手引 column."""
    a = ask(retriever, "都道府県や市町村の手引に印がある施策を全部")
    assert {h.card.id for h in a.answers} == {c.id for c in cards if placed_in(c, GUIDES)} == {"03-43", "07-02"}
    text = answer_text(a)
    assert "ほかに 22 件は印の列が表から読み取れず、含まれるかは不明です" in text
    assert all(c.id in text for c in cards if c.unresolved_marks)  # each undecided card named, none left as 「ほか」
    english = answer_text(ask(retriever, "Which measures are marked in the municipal guide column?"))
    assert "whether they belong here is unknown" in english and "不明" not in english


def test_a_ministry_taking_part_said_in_english_or_as_the_side_it_takes(retriever, cards):
    """"as a non-lead ministry", 「協力する側（◎ではない）で入っている」: named in 府省庁名 without the ◎."""
    mof = retriever.search("Which measures have the Ministry of Finance as a non-lead ministry?")
    assert mof.intent.not_lead and not mof.intent.lead
    assert set(ids(mof)) == {c.id for c in supporting_cards(cards, "財務省")}
    mext = retriever.search("文部科学省が協力する側（◎ではない）で入っている施策を全部")
    assert set(ids(mext)) == {c.id for c in supporting_cards(cards, "文部科学省")}
    assert len(ids(mext)) == 6


def test_the_askers_own_ministry_and_a_lifted_restriction_are_no_topic(retriever, cards):
    """「うちが主担当の…？経済産業省です」: うち is the ministry named apart; 「医療とか関係なくていいので」 lifts a
    restriction. Both ask for the ministry's whole set."""
    meti = retriever.search("うちが主担当になってる施策はいくつある？経済産業省です")
    assert meti.intent.lead and set(ids(meti)) == {c.id for c in cards if "経済産業省" in c.lead_ministries}
    cao = retriever.search("内閣府が主担当の施策を全部、医療とか関係なくていいので")
    assert set(ids(cao)) == {c.id for c in cards if "内閣府" in c.lead_ministries}


def test_something_done_or_finished_in_a_year_is_every_milestone_of_it(retriever, cards):
    """「概要で令和4年に何かを実施・完了する予定」: 完了 is one of the things done, so every planned milestone of that
    year in the overview counts, whatever its kind (not only the deadlines)."""
    res = retriever.search("概要で令和4年に何かを実施・完了する予定になっている施策を全部")
    want = {c.id for c, road in zip(cards, retriever.roadmaps)
            if any(m.year == 2022 and m.field == "overview" and m.status == "planned" for m in road.milestones)}
    assert set(ids(res)) == want
    assert {"02-08", "05-34"} <= want  # a 以降 and a review milestone, no deadline


def test_a_ministry_that_does_not_do_it_among_the_cards_given(retriever):
    """「その中で総務省がやってないのは？」: the cards of the list whose lead is not 総務省."""
    from index.conversation import Conversation, Turn

    conv = Conversation((Turn("障害のある人向けの施策を全部", ("02-09", "07-06", "07-07", "07-11")),))
    a = ask(retriever, "その中で総務省がやってないのは？", conv)
    assert {h.card.id for h in a.answers} == {"02-09", "07-07"}


def test_money_asked_of_the_card_just_answered(retriever):
    """「予算総額は？」 after an answer is that card's budget (no such column: said so, the card kept); where its overview
    states an amount (「最大300万円」), the answer quotes it, the one sentence of money the table has."""
    from index.conversation import Conversation, Turn

    conv = Conversation((Turn("異能プログラムの施策は？", ("07-10",)),))
    total = ask(retriever, "予算総額は？", conv)
    assert [h.card.id for h in total.answers] == ["07-10"] and "予算・費用の欄がない" in total.direct
    assert "300万円" in total.direct
    telework = ask(retriever, "テレワークの施策の予算は？")  # no amount in its text: nothing quoted
    assert "金額の記載" not in telework.direct


# ------------------------------------------------------------------ the attribute lists of round 30

def test_a_ministry_in_the_cell_without_its_mark_is_a_supporting_one(retriever, cards):
    """「関係府省に（は）入ってる」, 「担当（◎）じゃない」, 「◎ではない」, 「（主担当除く）」: named in 府省庁名 without the
    ◎ (and 「○の」 says the same, no topic)."""
    for q, name in (("総務省が関係府省には入ってるけど担当（◎）じゃない施策は？", "総務省"),
                    ("厚労省が関係省庁に名前があるけど◎ではない施策を全部", "厚生労働省"),
                    ("国交省が◎じゃない施策", "国土交通省"), ("文科省が◎じゃなくて○の施策", "文部科学省"),
                    ("厚労省が名を連ねている施策（主担当除く）", "厚生労働省")):
        res = retriever.search(q)
        assert res.intent.not_lead and not res.intent.lead, q
        assert set(ids(res)) == {c.id for c in supporting_cards(cards, name)}, q


def test_a_year_asked_as_a_nendo_is_a_fiscal_year(retriever, cards):
    """「令和4年度に」: a date falls in the 年度 it belongs to, so 「令和4年(2022年)3月まで」 (06-02) is FY2021 and out;
    asked as a calendar year (「令和4年に」) it is in. 「何かを実現・開始する」: whatever happens then, of any kind, and
    「…と概要に書いてある」 says where the plan is written, not how the year is."""
    nendo = dated_ask("令和4年度に何かを実現・開始する予定と概要に書いてある施策")
    assert nendo.fiscal and not nendo.launch and nendo.kinds == () and nendo.wording == ""
    assert not dated_ask("令和4年に何かを始める予定の施策").fiscal
    fy = set(ids(retriever.search("概要に、令和4年度に何かを実現・開始する予定が書かれている施策を全部")))
    calendar = set(ids(retriever.search("概要に、令和4年に何かを実現・開始する予定が書かれている施策を全部")))
    assert "06-02" in calendar and "06-02" not in fy and fy < calendar
    assert fy == {c.id for c, road in zip(cards, retriever.roadmaps) if any(
        m.field == "overview" and m.status == "planned" and fiscal_of(m.year, m.fiscal, m.month) == 2022
        for m in road.milestones)}


def test_a_goal_aimed_at_from_a_year_is_a_goal_for_that_year(retriever, cards):
    """「令和5年度(2023年度)以降の三分野一体運用を目指す」 (02-10) is of kind 以降, but it is the goal the card sets for
    FY2023: a question about goals or deadlines of that year finds it; one about what ends then (「までに終わる」) not."""
    road = dict(zip((c.id for c in cards), retriever.roadmaps))["02-10"]
    aimed = [m for m in road.milestones if m.aimed]
    assert [(m.year, m.kind) for m in aimed if m.field == "overview"] == [(2023, "from")]
    assert "02-10" in ids(retriever.search("2023年度が目標年になっている施策はどれ"))
    assert "02-10" in ids(retriever.search("概要に2023年以降の目標や期限が書いてある施策"))


def test_a_count_of_articles_counts_the_article_columns(retriever, cards):
    """「2つ以上の条にマーク」 counts the 条 columns (placed marks: a column asked); 「マークが3つ以上」 counts every mark,
    手引 and unplaced ones too (no column asked)."""
    from index.corpus import ARTICLE_COLUMNS, UnresolvedMark

    assert UnresolvedMark("○", 20, slot=13, slots=15).readings() == ("市町村", "都道府県")
    assert UnresolvedMark("◎", 18, slot=12, slots=15).readings() == ("都道府県", "19条")
    assert UnresolvedMark("◎", 20, slot=14, slots=15).readings() == (None, "市町村")
    two = retriever.search("条の欄を見て、3つ以上の条に印がついている施策を一覧で")
    assert two.intent.marks_rule == "min3条"
    assert set(ids(two)) == {c.id for c in cards if sum(m.column in ARTICLE_COLUMNS for m in c.marks) >= 3}
    assert set(ids(two)) == {"02-07", "03-43"}
    every = retriever.search("条や手引のマークが3つ以上ある施策")
    assert every.intent.marks_rule == "min3"
    assert set(ids(every)) == {c.id for c in cards if len(c.marks) + len(c.unresolved_marks) >= 3}


def test_a_dash_written_for_a_kpi_is_a_blank_cell(retriever, cards):
    """「KPIが「－」になってる」: the dash other tables write where a KPI cell holds nothing is read as the blank cell
    (kpi_cell), and 「（今後設定）」 beside it as a KPI not set yet: both states asked."""
    dash = retriever.search("KPIが「－」になってる施策")
    assert dash.intent.kpi_rule == "blank"
    assert set(ids(dash)) == {c.id for c in cards if not c.kpi_progress.strip() or not c.kpi_effect.strip()}
    either = retriever.search("効果KPIが「－」か（今後設定）の施策は？")
    assert either.intent.kpi_rule == "effect_or_blank"
    assert set(ids(either)) == {c.id for c in cards if "未設定" in c.kpi_effect or not c.kpi_effect.strip()}


def test_a_ministry_that_leads_alone(retriever, cards):
    """「◎が内閣官房だけ」, 「内閣府が単独で主担当」: the ministry is the one ◎ of 府省庁名 (03-19 … 03-21 are led by
    内閣府 and 内閣官房 together, so they are out); 「内閣官房が主担当」 alone still counts the shared leads."""
    def alone(name):
        return {c.id for c in cards if c.lead_ministries == (name,)}

    for q, name in (("◎が内閣官房だけの施策", "内閣官房"), ("内閣府が単独で主担当の施策を全部", "内閣府"),
                    ("総務省だけが主担当になっている施策", "総務省")):
        res = retriever.search(q)
        assert res.intent.sole_lead and res.intent.lead, q
        assert set(ids(res)) == alone(name), q
    assert {"03-19", "03-20", "03-21"} <= set(ids(retriever.search("内閣官房が主担当の施策を全部"))) - alone("内閣官房")
    # among a list: the same set
    from index.conversation import Conversation

    first = ask(retriever, "内閣府が主担当の施策を全部", Conversation())
    for q in ("そのうち◎が内閣府だけなのは？", "そのうち内閣府が単独で主担当のものは？"):
        assert {h.card.id for h in ask(retriever, q, first.conversation).answers} == alone("内閣府"), q


def test_cards_chosen_by_what_their_kpi_measures(retriever):
    """「支援士の人数を指標にしてる施策ってどれ？」 lists the cards whose KPI measures it (06-01 and 06-05 both count
    支援士 registrations), not the KPI of the one card that fits best."""
    from index.assist import field_asked

    q = "情報処理安全確保支援士の人数を指標にしてる施策ってどれ？"
    assert field_asked(q) is None and field_asked("登録者数をKPIに掲げている取組は？") is None
    assert field_asked("06-05の指標は？") is not None  # a card's KPI, asked of it
    assert {h.card.id for h in ask(retriever, q).answers} == {"06-01", "06-05"}


def test_both_kpi_cells_said_with_tomo_and_either_state(retriever, cards):
    """「進捗・効果とも未設定か空欄」: the two cells, then とも (both), each 未設定 or blank: neither holds a KPI; asked
    among a list (「そのうち…」) it is one cell question, not the topics 「進捗」 and 「効果…」 searched apart."""
    from index.conversation import Conversation

    res = retriever.search("進捗・効果とも未設定か空欄の施策")
    assert res.intent.kpi_rule == "neither" and set(ids(res)) == {"04-01", "05-35", "05-36"}
    assert retriever.search("進捗と効果とも未設定の施策").intent.kpi_rule == "both"  # the word 未設定 in both cells
    first = ask(retriever, "KPIが未設定か空欄の施策を全部", Conversation())
    among = ask(retriever, "そのうち進捗・効果とも未設定か空欄なのは", first.conversation)
    assert [h.card.id for h in among.answers] == ["04-01", "05-35", "05-36"]


def test_no_numeric_target_is_the_other_side_of_a_numeric_target(retriever, cards):
    """「数値目標が設定されていない」, 「数値目標のない」, "no numeric target": the cards the 工程表 reads no target figure
    in (roadmap targets), exactly those 「数値目標がある施策」 leaves out — not the KPI cells written 未設定."""
    has = set(ids(retriever.search("数値目標がある施策を全部")))
    every = {c.id for c in cards}
    assert has == {c.id for c, road in zip(cards, retriever.roadmaps) if road.targets}
    for q in ("数値目標が設定されていない施策", "数値目標のない施策を全部", "Which measures have no numeric target?"):
        res = retriever.search(q)
        assert res.intent.dated.no_target and not res.intent.kpi_rule, q
        assert set(ids(res)) == every - has, q
    assert dated_ask("数値目標がある施策").no_target is False


def test_a_years_deadlines_or_targets_said_together_are_the_years_milestones(retriever):
    """「2023年の期限や目標が書かれている施策」: the words for the 工程表 go, and the や that joined them does not stay
    behind as a topic (MeCab reads a lone や as 矢): the same four cards as 「2023年の期限が書かれている施策」."""
    want = sorted(ids(retriever.search("2023年の期限が書かれている施策")))
    assert want == ["02-10", "03-44", "04-01", "05-32"]
    for q in ("2023年(令和5年)の期限や目標が書かれている施策", "2023年（令和5年）の予定や目標が書かれている施策は？"):
        assert sorted(ids(retriever.search(q))) == want, q


def test_a_target_year_said_as_mokuhyou_nenji_is_the_years_and_no_topic(retriever):
    """「目標年次が2024年度以降」: 目標年次 is the milestone's year (not 目標年 and a noun 次 left as the topic)."""
    q = "目標年次が2024年度以降になっている施策をすべて"
    assert sorted(ids(retriever.search(q))) == ["03-06", "03-41", "04-03", "06-01", "06-05", "07-02", "07-05"]


def test_a_quoted_word_said_to_be_written_lists_every_card_that_holds_it(retriever):
    """「「高齢者」と書いてある」, 「「新型コロナ」という記載がある」: a quoted word the card is said to write is asked as
    「…に触れている」 asks it: every card whose text holds it (not the one card that best matches the sentence)."""
    for word in ("高齢者", "新型コロナ"):
        want = sorted(ids(retriever.search(f"「{word}」に触れている施策を全部")))
        assert len(want) >= 3
        for q in (f"「{word}」と書いてある施策", f"「{word}」という記載がある施策を全部", f"「{word}」と書かれている施策を全部"):
            assert sorted(ids(retriever.search(q))) == want, q
            assert sorted(h.card.id for h in ask(retriever, q).answers) == want, q


def test_a_count_of_double_circles_counts_the_double_circles(retriever, cards):
    """「◎が2つ以上」 in the 条 columns: cards with two ◎ marks there, not every card with two marks of any kind."""
    from index.corpus import ARTICLE_COLUMNS

    def doubles(card):
        return sum("◎" in m.symbol and m.column in ARTICLE_COLUMNS for m in card.marks)

    want = sorted(c.id for c in cards if doubles(c) >= 2)
    assert want and len(want) < len([c for c in cards if len(c.marks) >= 2])
    assert ids(retriever.search("条の欄で◎が2つ以上ついている施策を全部")) == want
    assert sorted(h.card.id for h in ask(retriever, "条の欄に◎が2つ以上付いている施策").answers) == want
    # the count said first: 「2つ以上の条に◎」 is the same set, 「3つ以上の条にマーク」 counts marks of either kind
    assert sorted(h.card.id for h in ask(retriever, "2つ以上の条に◎がついている施策").answers) == want
    three = sorted(c.id for c in cards if sum(m.column in ARTICLE_COLUMNS for m in c.marks) >= 3)  # placed marks
    assert sorted(h.card.id for h in ask(retriever, "3つ以上の条にマークがある施策").answers) == three


def test_the_same_kpi_wording_said_as_a_noun_phrase(retriever, cards):
    """「進捗と効果のKPIが同じ文言の施策」 asks for the cards whose two KPI cells say the same thing, as 「…が同じに
    なっている施策を全部」 does."""
    got = sorted(h.card.id for h in ask(retriever, "KPIの進捗と効果が全く同じ文言の施策").answers)
    assert got and all(c.kpi_progress == c.kpi_effect for c in cards if c.id in got)


def test_what_a_kpi_counts_names_the_cards_whose_kpi_holds_it(retriever, cards):
    """「KPIに説明会の参加数を使っている」, 「KPIで説明会の開催回数を数えている」: the cards whose KPI cells hold 説明会 (not a
    topic search: no card is about 説明会), the same set however the question is turned."""
    want = sorted(c.id for c in cards if "説明会" in c.kpi_progress + c.kpi_effect)
    assert len(want) >= 2
    for q in ("KPIに説明会の参加数を使っている施策を全部", "KPIで説明会の開催回数を数えている施策は？", "KPIに説明会の開催回数を使っている施策"):
        assert sorted(h.card.id for h in ask(retriever, q).answers) == want, q
    # a count the KPI rules read (自治体の数) is not such a word
    assert not retriever.understanding.run("KPIに自治体の数を使っている施策").intent.mentions_in_kpi


def test_a_quoted_unset_is_the_word_written_in_the_cell(retriever, cards):
    """「KPIが「未設定」になっている」 quotes the cell's own word: the cards that say 未設定, not the blank ones, and so does
    「KPIが未設定の施策」 unquoted (the word is the table's); with 空欄 named beside it, the blank cells count too."""
    written = sorted(c.id for c in cards if "未設定" in c.kpi_progress + c.kpi_effect)
    blank = sorted(c.id for c in cards if not c.kpi_progress.strip() and not c.kpi_effect.strip())
    assert written and blank
    assert sorted(h.card.id for h in ask(retriever, "KPIが「未設定」になっている施策を全部").answers) == written
    assert sorted(h.card.id for h in ask(retriever, "KPIが「未設定」か空欄の施策を一覧で").answers) == sorted(written + blank)
    assert sorted(h.card.id for h in ask(retriever, "KPIが未設定の施策を全部").answers) == written
    assert sorted(h.card.id for h in ask(retriever, "KPIがまだ決まってない施策を全部").answers) == sorted(written + blank)
