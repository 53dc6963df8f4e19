"""Lists by what a cell counts or holds as a figure: how many bodies 府省庁名 lists (「関係府省庁が5つ以上」, "more than
four ministries", 「複数の省庁」), a KPI target written as a share (「KPIに%の目標がある」, read by the 工程表's target
parser, index.roadmap.targets_of), and a KPI counting a kind of body (「KPIで都道府県の数を数えている」). Each is the exact
set the table supports, asked in Japanese or English, the same in the search and the chat."""

from index.assist import answer_text, ask
from index.retrieve.understand import has_topic, understand
from index.roadmap import targets_of


def ids(result):
    return [h.card.id for h in result.results if not h.related]


def test_a_count_of_ministries_is_read_with_its_comparison_word():
    cases = {"関係府省庁が5つ以上の施策を一覧で": ">=5", "5つ以上の省庁が関わる施策は？": ">=5", "関係省庁が3つより多い施策": ">3",
             "関わる府省庁が2つ以下の施策": "<=2", "複数の省庁が関わる施策を全部": ">=2", "省庁が1つだけの施策": "==1",
             "Which measures involve more than four ministries?": ">4", "measures with at least 6 ministries": ">=6",
             "Which measures involve only one ministry?": "==1", "measures involving multiple ministries": ">=2"}
    for question, rule in cases.items():
        intent = understand(question, {})
        assert intent.ministry_count == rule and intent.is_list, question
        assert not has_topic(intent.topic), (question, intent.topic)  # the words say which cell and how
    # the ◎ leads counted are another cell's rule (several_leads), not the bodies listed
    for lead in ("主担当の省庁が2つ以上ある施策", "Which measures have more than one lead ministry?", "◎が複数の施策"):
        assert understand(lead, {}).ministry_count == "", lead


def test_cards_with_five_ministries_or_more(retriever, cards):
    want = sorted(c.id for c in cards if len(c.ministries) >= 5)
    assert len(want) >= 5
    for question in ("関係府省庁が5つ以上の施策を一覧で", "5つ以上の府省庁が関わっている施策を全部",
                     "Which measures involve at least five ministries?"):
        result = retriever.search(question)
        assert sorted(ids(result)) == want, question
    one = sorted(c.id for c in cards if len(c.ministries) == 1)
    assert sorted(ids(retriever.search("関係府省庁が1つだけの施策"))) == one
    # the chat lists the same set, each card with its count
    text = answer_text(ask(retriever, "関係する省庁が5つ以上の施策は？"))
    assert all(i in text for i in want) and "府省庁）" in text
    # in English the reason says the count in English too
    text = answer_text(ask(retriever, "Which measures involve at least five ministries?"))
    assert all(i in text for i in want) and "bodies):" in text and "府省庁）" not in text


def test_percentage_targets_come_from_the_roadmaps_targets(retriever, cards):
    want = sorted(c.id for c in cards if any(t.unit in ("%", "割") and t.field.startswith("kpi") for t in targets_of(c)))
    assert len(want) >= 5
    for question in ("KPIに%の目標がある施策", "KPIの目標が割合（パーセント）で書かれている施策を全部",
                     "Which measures have percentage targets for their KPIs?"):
        assert understand(question, {}).target_unit == "%", question
        assert sorted(ids(retriever.search(question))) == want, question


def test_a_percentage_list_then_restricted_by_ministry_in_english(retriever, cards):
    first = ask(retriever, "Which measures have percentage targets for their KPIs?")
    then = ask(retriever, "Which of those does MIC lead?", first.conversation)
    by_id = {c.id: c for c in cards}
    shown = [h.card.id for h in first.answers]
    want = sorted(i for i in shown if "総務省" in by_id[i].lead_ministries)
    assert len(shown) >= 5 and want and sorted(h.card.id for h in then.answers) == want


def test_a_figure_describing_one_kpi_is_that_kpi_not_a_list():
    """A KPI named by its own words, with a share or a count in them, is searched by those words."""
    for question in ("利用者のうちオンライン申請をした割合90%以上を目標にしている施策は？", "補助を受けた医療機関の数を効果指標にしている施策"):
        intent = understand(question, {})
        assert not (intent.target_unit or intent.kpi_counts) and has_topic(intent.topic), question


def test_a_kpi_counting_prefectures(retriever, cards):
    def counts(c):
        return any(w in (c.kpi_progress + c.kpi_effect) for w in ("都道府県数", "都道府県)数", "都道府県の数"))

    want = sorted(c.id for c in cards if counts(c))
    assert len(want) >= 5
    for question in ("KPIで都道府県数を数えている施策を全部", "KPIに都道府県数を使っている施策",
                     "Which measures have a KPI counting the number of prefectures?"):
        assert understand(question, {}).kpi_counts == "都道府県", question
        assert sorted(ids(retriever.search(question))) == want, question


def test_a_kpi_counting_local_governments_in_one_cell(retriever, cards):
    """自治体 is every kind of local government the table names (地方公共団体, 都道府県, 市町村), in the cell named."""
    import re

    def counts(text):
        return re.search(r"(?:地方公共団体|都道府県|市町村|市区町村|自治体)\)?(?:団体)?数", text)

    want = sorted(c.id for c in cards if counts(c.kpi_effect))
    assert len(want) >= 4
    result = retriever.search("効果KPIで自治体の数を数えている施策を全部")
    assert sorted(ids(result)) == want


def test_several_leads_said_as_bodies_sharing_the_lead(retriever, cards):
    want = sorted(c.id for c in cards if len(c.lead_ministries) > 1)
    assert sorted(ids(retriever.search("主担当が複数の省庁で共同になっている施策"))) == want


def test_english_restrictions_among_the_list_just_answered(retriever, cards):
    """A ministry's role denied in English ("… but not as the lead") is a filter on 府省庁名, not words to avoid;
    "among these" points at the list."""
    first = ask(retriever, "Which measures involve MHLW in any role, lead or not?")
    shown = [h.card.id for h in first.answers]
    by_id = {c.id: c for c in cards}
    then = ask(retriever, "Of these, which have MHLW involved but not as the lead?", first.conversation)
    want = sorted(i for i in shown if "厚生労働省" not in by_id[i].lead_ministries)
    assert want and sorted(h.card.id for h in then.answers) == want
    maff = ask(retriever, "Which measures list MAFF in the ministry column?")
    led = ask(retriever, "Where does MAFF lead among these?", maff.conversation)
    assert sorted(h.card.id for h in led.answers) == sorted(
        h.card.id for h in maff.answers if "農林水産省" in by_id[h.card.id].lead_ministries)
