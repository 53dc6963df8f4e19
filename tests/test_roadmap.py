"""The 工程表 read off the cards: dated milestones, KPI targets as figures, and the one KPI status."""

from __future__ import annotations

import pytest

from index.corpus import PolicyCard, load_cards
from index.roadmap import (KpiStatus, Roadmap, card_milestone, kpi_status, latest_target, milestones_of, roadmap_of,
                           table_year, targets_of)


@pytest.fixture(scope="module")
def cards():
    return load_cards().by_id()


def card(overview: str = "", progress: str = "x", effect: str = "x") -> PolicyCard:
    return PolicyCard(id="99-01", name="試験", overview=overview, kpi_progress=progress, kpi_effect=effect)


def test_start_month_in_both_calendars_with_its_sentence_and_offsets(cards):
    ms = milestones_of(cards["02-05"], 2021)
    first = ms[0]
    assert (first.text, first.year, first.fiscal, first.month, first.kind, first.status) == (
        "令和3年(2021年)4月から", 2021, False, 4, "start", "past")  # 「…4月から運用を開始した。」
    assert cards["02-05"].overview[first.start:first.end] == first.text
    assert cards["02-05"].overview[first.sentence_start:first.sentence_end] == first.sentence
    assert first.sentence.endswith("運用を開始した。")
    # 未設定(令和4年度(2022年度)以降に検討): a KPI to be looked at from FY2022
    review = [m for m in ms if m.field == "kpi_effect"]
    assert [(m.year, m.fiscal, m.kind, m.status) for m in review] == [(2022, True, "review", "planned")]


def test_kinds_from_the_word_after_the_date():
    text = ("令和7年度(2025年度)までに100%を目指す。令和3年度(2021年度)中に公表予定。令和5年度(2023年度)以降の運用を目指す。"
            "令和4年度(2022年度)の稼働を目指し、構築を進める。令和4年度(2022年度)に運用を開始する。")
    got = [(m.year, m.kind) for m in milestones_of(card(text), 2021)]
    assert got == [(2025, "deadline"), (2021, "during"), (2023, "from"), (2022, "deadline"), (2022, "start")]


def kinds(text: str, as_of: int = 2021) -> list[tuple[int, str, str]]:
    return [(m.year, m.kind, m.status) for m in milestones_of(card(text), as_of)]


# The kind rules of index/roadmap.py's docstring, each on sentences written for it (not taken from the labelled cards).

def test_a_date_that_bounds_the_end_is_a_deadline():
    assert kinds("令和6年度(2024年度)末までに全団体で導入する。") == [(2024, "deadline", "planned")]
    assert kinds("令和5年度(2023年度)を目途に結論を得る。") == [(2023, "deadline", "planned")]
    assert kinds("令和7年度(2025年度)の本格稼働を目指す。") == [(2025, "deadline", "planned")]  # aimed at, not a start
    assert kinds("令和5年度(2023年度)に整備を完了する。") == [(2023, "deadline", "planned")]
    # a range, in words or with a dash: the first date opens it, the second closes it
    both = [(2021, "from", "planned"), (2023, "deadline", "planned")]
    assert kinds("令和3年度(2021年度)から令和5年度(2023年度)にかけて整備する。") == both
    assert kinds("令和3年度(2021年度)~令和5年度(2023年度)の3か年で整備する。") == both


def test_from_start_and_review_after_kara_and_ikou_follow_the_verb():
    assert kinds("令和4年度(2022年度)から新システムの運用を開始する。") == [(2022, "start", "planned")]
    assert kinds("令和4年度(2022年度)から本格実施する。") == [(2022, "start", "planned")]
    assert kinds("令和5年度(2023年度)以降、対象を順次拡大する。") == [(2023, "from", "planned")]
    assert kinds("令和4年度(2022年度)から制度の見直しを行う。") == [(2022, "review", "planned")]
    assert kinds("令和5年度(2023年度)以降に在り方を検討する。") == [(2023, "review", "planned")]
    # a 検討 already done is work of its period, not a review to come
    assert kinds("平成30年度(2018年度)から検討を行い、報告書をまとめた。") == [(2018, "from", "past")]
    # -ている before a noun describes a thing running since then: from, and the beginning is behind
    assert kinds("令和2年度(2020年度)から本格的に運用されているシステムを活用し、令和3年度(2021年度)に機能を追加する。") \
        == [(2020, "from", "past"), (2021, "during", "planned")]
    assert kinds("令和3年度(2021年度)から実証事業を実施している。") == [(2021, "from", "past")]
    assert kinds("令和3年度(2021年度)から新制度の運用を開始している。") == [(2021, "start", "past")]


def test_with_a_bare_particle_the_verb_of_the_dates_clause_decides():
    assert kinds("令和4年度(2022年度)に本格運用を開始する予定。") == [(2022, "start", "planned")]
    assert kinds("令和2年(2020年)4月に改正法が施行された。") == [(2020, "start", "past")]
    assert kinds("令和元年度(2019年度)に検討会を設置した。") == [(2019, "start", "past")]  # 検討会 is no 検討
    assert kinds("令和4年度(2022年度)にガイドラインを策定する。") == [(2022, "during", "planned")]
    # a span within the year (中, 前半, 上期 …) is work during it, whatever the verb, as 「中に…開始する」 reads
    assert kinds("令和4年度(2022年度)前半に運用を開始する。") == [(2022, "during", "planned")]
    # 「中」 is within the year, whatever the verb
    assert kinds("令和4年度(2022年度)中にシステムを稼働させる。") == [(2022, "during", "planned")]
    # an adverb or a compound particle does not close the clause; 「と共に」 does
    assert kinds("令和4年度(2022年度)は、引き続き、手続の見直しを検討する。") == [(2022, "review", "planned")]
    assert kinds("令和3年度(2021年度)においては、調査を実施すると共に、モデルを検討する。") == [(2021, "during", "planned")]
    # each date has its own clause
    assert kinds("令和4年度(2022年度)には運用を開始し、令和5年度(2023年度)に全国展開する。") \
        == [(2022, "start", "planned"), (2023, "during", "planned")]
    # work in progress in the table's year is not yet done
    assert kinds("令和3年度(2021年度)に調査を実施し、令和4年度(2022年度)以降に運用できるよう整備をしている。") \
        == [(2021, "during", "planned"), (2022, "from", "planned")]


def test_dates_that_name_a_document_a_decade_or_a_measurement_are_not_milestones():
    assert kinds("令和2年(2020年)3月末時点で約98万世帯が加入している。") == []
    assert kinds("2020年代に実現する。") == []
    assert kinds("令和2年度(2020年度)第3次補正予算を活用し、整備を進める。") == []
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・利用率(令和2年度(2020年度)実績:80%、令和5年度(2023年度):100%)"),
                                                    2021)] == [(2023, "during")]


def test_dates_of_references_are_not_steps_of_the_measure():
    # a comparison's base, a cited source, an incident the measure answers to
    assert kinds("令和元年度(2019年度)比で処理時間を半減させる。") == []
    assert kinds("平成29年度(2017年度)と比べ、利用者は倍増した。") == []
    assert kinds("令和2年度(2020年度)に行った利用者調査によれば、約4割が不便を感じている。") == []
    assert kinds("令和元年(2019年)に発生した大規模停電を受け、令和4年度(2022年度)に訓練を行う。") == [(2022, "during", "planned")]
    # a date or a period alone in brackets after a name dates that thing; so does a plan's period
    assert kinds("検討会の中間報告(令和2年(2020年)9月)を踏まえ、令和3年度(2021年度)に指針を改定する。") \
        == [(2021, "during", "planned")]
    assert kinds("第3期計画(平成31年度(2019年度)~令和5年度(2023年度))に基づき、研修を実施する。") == []
    assert kinds("「推進方針」(令和2年(2020年)12月閣議決定)に沿って、普及を進める。") == []
    assert kinds("令和4年度(2022年度)から令和8年度(2026年度)までを計画期間とする新計画を令和3年度(2021年度)末までに策定する。") \
        == [(2021, "deadline", "planned")]
    # named revisions and disasters; a figure measured in the table's own year
    assert kinds("令和3年度(2021年度)診療報酬改定で評価を新設した。") == []
    assert kinds("令和2年(2020年)7月豪雨の教訓を生かす。") == []
    # …but a date before a particle stays one (「…に関係政省令」, 「…までに地震対策」 name no law or disaster)
    assert kinds("令和4年度(2022年度)中に関係政省令を整備する。") == [(2022, "during", "planned")]
    assert kinds("令和6年度(2024年度)までに地震対策を完了する。") == [(2024, "deadline", "planned")]
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・登録件数(令和3年(2021年)9月時点:約50万件)"), 2021)] == []
    # an earlier year's figure that the KPI goes on from, in the cell or the overview
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・対応品目数(令和2年度(2020年度)の40品目から、令和5年度(2023年度)"
                                                             "までに100品目に拡大)"), 2021)] == [(2023, "deadline")]
    assert kinds("令和元年度(2019年度)の約2割から、令和6年度(2024年度)までに5割に引き上げる。") == [(2024, "deadline", "planned")]
    # a baseline named as such before its date; a plan's period given in years
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・導入率(現状:令和2年度(2020年度)40%、令和6年度(2024年度)"
                                                             "までに80%)"), 2021)] == [(2024, "deadline")]
    assert kinds("令和4年度(2022年度)から令和8年度(2026年度)までの5年間を計画期間とする。") == []
    # a date after which the work itself is dated stays one
    assert kinds("令和2年度(2020年度)の調査結果を踏まえ、手引きを改訂する。") == [(2020, "during", "past")]


def test_kind_details_on_written_examples():
    # a planned 検討 within a year is a review; anything else within a year is work during it
    assert kinds("令和4年度(2022年度)中に対象の拡大を検討する。") == [(2022, "review", "planned")]
    assert kinds("令和4年度(2022年度)内に要件を見直す。") == [(2022, "review", "planned")]
    assert kinds("令和4年度(2022年度)中に公開する。") == [(2022, "during", "planned")]
    # 公開 is a one-time event like 公表; with a bare particle a relative clause's verb is the date's
    assert kinds("令和2年(2020年)10月にベータ版を公開した。") == [(2020, "start", "past")]
    assert kinds("令和2年度(2020年度)に作成した教材を公開するとともに、改善を進める。") == [(2020, "during", "past")]
    # を踏まえ / を受け do not end the date's clause: the date reaches the main verb
    assert kinds("令和4年度(2022年度)から、実証の結果を踏まえ、本格運用を開始する。") == [(2022, "start", "planned")]
    assert kinds("令和5年度(2023年度)から本格的な運用に移行する。") == [(2023, "start", "planned")]
    # the resultative after any verb: the from-on began already
    assert kinds("令和3年度(2021年度)から、補助の上限を引き上げる措置を講じている。") == [(2021, "from", "past")]
    # 「同年」 and a part of a year named by the table's year read like any date
    assert [(m.year, m.month, m.kind) for m in milestones_of(card("令和4年(2022年)4月に試行し、同年10月から本格運用を開始する。"),
                                                             2021)] == [(2022, 4, "during"), (2022, 10, "start")]
    assert [(m.year, m.kind) for m in milestones_of(card("来年度後半から順次展開する。"), 2021)] == [(2022, "from")]
    # 「年度末」 with no year of its own: the fiscal year named before it in the sentence
    assert [(m.text, m.year, m.kind) for m in milestones_of(card("令和4年度(2022年度)に調査を行い、年度末までに結果をまとめる。"),
                                                            2021)] == [("令和4年度(2022年度)", 2022, "during"),
                                                                      ("年度末までに", 2022, "deadline")]


def test_years_named_from_the_table_or_the_date_before_and_short_eras():
    assert [(m.text, m.year, m.kind) for m in milestones_of(card("今年度中にシステムを構築し、来年度から運用を開始する。"),
                                                            2021)] == [("今年度中", 2021, "during"), ("来年度から", 2022, "start")]
    assert [(m.year, m.status) for m in milestones_of(card("R3年度に調査を行い、H30年度の結果と比べる。"), 2021)] == [
        (2021, "planned"), (2018, "past")]
    assert [m.year for m in milestones_of(card("令和3年度(2021年度)に実証し、同年度中に公表する。毎年度報告する。"), 2021)] \
        == [2021, 2021]


def test_an_event_named_again_with_made_is_a_deadline_of_its_date():
    ms = milestones_of(card("令和5年(2023年)10月の新制度への移行を見据え、準備を進める。また、新制度に移行するまでに、"
                            "システムを改修する。"), 2021)
    assert [(m.text, m.year, m.month, m.kind) for m in ms] == [
        ("令和5年(2023年)10月", 2023, 10, "start"), ("新制度に移行するまでに", 2023, 10, "deadline")]


def targets(overview: str, progress: str = "x") -> list[tuple[str, float, str, int | None]]:
    return [(t.field, t.value, t.unit, t.year) for t in targets_of(card(overview, progress), 2021)]


def test_target_rules_on_written_examples():
    # every figure of a KPI item, with its counter; not a ※ note, not an earlier year's figure
    assert targets("", "・参加団体数(令和4年度(2022年度):1,741市区町村)") == [("kpi_progress", 1741, "市区町村", 2022)]
    assert targets("", "・導入施設数(令和5年度(2023年度)500施設) ※対象は約2,000施設") == [("kpi_progress", 500, "施設", 2023)]
    assert targets("", "・整備率(令和元年度(2019年度):60%→令和5年度(2023年度):90%)") == [("kpi_progress", 90, "%", 2023)]
    assert targets("", "・受講者数(令和2年度(2020年度)500人)") == [("kpi_progress", 500, "人", 2020)]  # due, not a baseline
    # counters such as 業務, 種, 機; one figure of an item is one target, not one per mention
    assert targets("", "・標準化した業務数(令和5年度(2023年度)までに30業務)") == [("kpi_progress", 30, "業務", 2023)]
    assert targets("", "・導入率(現状:令和2年度(2020年度)40%、令和6年度(2024年度)までに80%)") == [
        ("kpi_progress", 80, "%", 2024)]
    assert targets("", "・5機体制の整備(令和6年度(2024年度)を目途に5機体制を確立)") == [("kpi_progress", 5, "機", 2024)]
    # a change of a size set out to reach is a target; its comparison's base gives it no year
    assert targets("令和元年度(2019年度)比で少なくとも2割の削減を図る。") == [("overview", 2, "割", None)]
    assert targets("利用者の約2割の増加がみられた。") == []
    # a number with no unit beside its date is counted in what the KPI's name counts
    assert targets("", "・参加団体数(令和7年度(2025年度):1,000)") == [("kpi_progress", 1000, "団体", 2025)]
    assert targets("", "・実施率(令和5年度(2023年度)100)") == [("kpi_progress", 100, "%", 2023)]
    # in the overview: a goal (目指す, 目標, までに), approximate or not; a description is not
    assert targets("令和5年度(2023年度)までに約3,000校への導入を目指す。") == [("overview", 3000, "校", 2023)]
    assert targets("全国で約2万人が受講しており、令和4年度(2022年度)は受講者を5万人とする目標。") == [("overview", 50000, "人", 2022)]
    assert targets("利用件数は3年間で5倍に増加した。", "・利用件数") == []
    assert targets("手続のオンライン化率を80%に引き上げる。") == [("overview", 80, "%", None)]
    assert targets("利用率を30%に引き上げた。") == []  # what was done, not a goal
    # a planned count of what the KPI counts is a commitment; one reached is what was done (all three synthetic
    # sets' readers), and an approximate one (程度) or another counter's is not
    assert targets("令和3年度(2021年度)は、新たに500団体で実施する。", "・実施団体数") == [("overview", 500, "団体", 2021)]
    assert targets("令和3年度(2021年度)は300団体で実施した。", "・実施団体数") == []
    assert targets("令和4年度(2022年度)に10団体程度で実証する。", "・参加団体数") == []
    assert targets("令和4年度(2022年度)に10件の事例を創出する。", "・参加団体数") == []  # not what the KPI counts
    # a duration only as a bound; a number right after its year
    assert targets("音響を24時間鳴動させる。", "・処理期間(令和5年度(2023年度)までに14日以内)") == [
        ("kpi_progress", 14, "日", 2023)]
    assert targets("", "・説明会回数(2021年3件)") == [("kpi_progress", 3, "件", 2021)]
    # the overview restating a KPI's figure (名 for 人), but not a figure described as a level (「8割程度」)
    assert targets("令和3年度(2021年度)は1,000名の受講者を育成する。", "・受講者数(令和3年度(2021年度)1,000人)") == [
        ("overview", 1000, "名", 2021), ("kpi_progress", 1000, "人", 2021)]
    assert targets("延べ50万人が参加し、満足度は8割程度。", "・満足度(令和3年度(2021年度)8割)") == [("kpi_progress", 8, "割", 2021)]


def test_full_width_digits_heisei_and_gannen():
    ms = milestones_of(card("平成３１年（２０１９年）３月に作成した。令和元年度から開始した。"), 2021)
    assert [(m.year, m.fiscal, m.month, m.status) for m in ms] == [(2019, False, 3, "past"), (2019, True, None, "past")]
    assert ms[0].text == "平成３１年（２０１９年）３月"  # cited as written, full-width


def test_citations_and_baselines_are_not_milestones():
    ms = milestones_of(card("医療情報に関する法律(平成29年法律第28号)を施行。", effect="利用率(令和元年度(2019年度):8.2%)"), 2021)
    assert ms == []


def test_targets_figure_unit_year_and_kpi(cards):
    got = [(t.field, t.value, t.unit, t.year) for t in targets_of(cards["06-03"], 2021)]
    # the KPIs' figures for FY2021, and the overview's 「年間100回、計3,000名規模」 (no year: 「平成29年度から」 is a start)
    assert got == [("overview", 100, "回", None), ("overview", 3000, "名", None),
                   ("kpi_progress", 100, "回", 2021), ("kpi_effect", 3000, "人", 2021)]
    t = [x for x in targets_of(cards["06-01"], 2021) if x.field != "overview"]
    assert [(x.value, x.unit, x.year, x.comparison) for x in t] == [(30000, "人", 2025, "超")]
    assert t[0].kpi.startswith("令和7年度(2025年度)までに情報処理安全確保支援士")  # the KPI item, not the whole cell
    assert [(x.value, x.unit, x.year) for x in targets_of(cards["07-04"], 2021)][-1] == (42.86, "%", 2022)
    # an overview's descriptive figures are not targets: 「3倍程度どころ、10倍以上を達成」 keeps only the 10倍
    assert [(x.value, x.unit) for x in targets_of(cards["07-10"], 2021) if x.field == "overview"] == [(10, "倍"), (50, "%")]
    # 「(令和2年度(2020年度)末・718団体)」 is where things stood, not a target
    assert all(x.value != 718 for x in targets_of(cards["03-18"], 2021))


def test_kpi_status_is_shared(cards):
    assert kpi_status(cards["02-05"]) == KpiStatus.UNSET
    assert kpi_status(cards["05-35"]) == KpiStatus.BLANK
    assert kpi_status(cards["06-03"]) == KpiStatus.SET
    from index.assist import kpi_status_label
    from index.retrieve import kpi_status as retrieval_status
    assert kpi_status_label(cards["02-05"]) == "未設定あり" and retrieval_status(cards["02-05"]) == 0


def test_table_year_roadmap_round_trip_and_questions(cards):
    assert table_year(list(cards.values())) == 2021
    r = roadmap_of(cards["03-06"], 2021)
    assert Roadmap.from_dict(r.to_dict()) == r
    latest = latest_target((c, roadmap_of(c, 2021)) for c in cards.values())
    assert {c.id for c, _ in latest} == {"03-41"} and latest[0][1].year == 2028
    m = card_milestone(cards["02-10"], "それはいつまで？", 2021)
    assert (m.year, m.kind, m.field) == (2022, "deadline", "kpi_progress")


def test_the_roadmap_files_one_row_per_milestone_with_its_sentence(cards, tmp_path):
    import openpyxl

    from index.report.roadmap_files import ROADMAP_HEADERS, timeline_chart, write_roadmap
    from index.roadmap import roadmaps

    table = list(cards.values())
    write_roadmap(table, "xlsx", tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["要約", "工程表", "数値目標"]
    rows = list(wb["工程表"].values)
    assert list(rows[0]) == ROADMAP_HEADERS and len(rows) - 1 == sum(len(r.milestones) for r in roadmaps(table))
    first = dict(zip(rows[0], rows[1]))  # 02-05, its earliest milestone: April 2021, a start, already past
    assert (first["施策番号"], first["種別"], first["年"], first["月"], first["状況"]) == ("02-05", "開始", 2021, 4, "実施済み")
    assert first["マイルストーン"] in first["文"]
    page = write_roadmap(table, "html", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "<mark>令和3年(2021年)4月から</mark>" in page
    assert timeline_chart([], []) is None


def test_questions_read_into_the_same_kinds(cards):
    from index.retrieve.dated import dated_ask
    from index.retrieve.results import Filters

    ask = dated_ask("令和4年度以降に検討予定の施策")
    assert (ask.year_from, ask.year_to, ask.kinds, ask.status) == (2022, None, ("review",), "planned")
    assert dated_ask("令和4年度に検討会を設置する施策").kinds == ()  # a 検討会 is set up, not a review
    found = [c.id for c in cards.values() if Filters(year_from=2022, kinds=("review",), status="planned").allows(c)]
    assert "02-05" in found  # 「未設定(令和4年度(2022年度)以降に検討)」
    # a launch is any verb that begins something in the date's scope, chained clauses included
    ms = milestones_of(card("令和3年度(2021年度)中に基盤を構築し、提供を開始する。令和4年度(2022年度)に改良する。"), 2021)
    assert [(m.kind, m.launches) for m in ms] == [("during", True), ("during", False)]


# Round 4 (issue 21): date forms, kind words and reference dates written for the rules, before running the extractor.

def test_years_written_short_or_in_the_other_order_are_dates_of_their_own():
    # a range or list written short: each year reads as a date, cited as written
    ms = milestones_of(card("令和3~5年度に実証を行う。"), 2021)
    assert [(m.text, m.year, m.kind) for m in ms] == [("令和3", 2021, "from"), ("5年度", 2023, "deadline")]
    assert kinds("令和4年度から5年度にかけて実証を行う。") == [(2022, "from", "planned"), (2023, "deadline", "planned")]
    assert kinds("2021~2023年度に実証を行う。") == [(2021, "from", "planned"), (2023, "deadline", "planned")]
    assert kinds("令和4・5年度に実証を行う。") == [(2022, "during", "planned"), (2023, "during", "planned")]
    assert kinds("令和3年度から5年間実施する。") == [(2021, "from", "planned")]  # 5年間 is a duration, not a year
    # the Western year in brackets inside the era's, or the era's after the Western year: one date
    assert kinds("令和4(2022)年度中に運用を開始する。") == [(2022, "during", "planned")]
    assert kinds("2025年度(令和7年度)までに100%を目指す。") == [(2025, "deadline", "planned")]
    assert kinds("2021(令和3)年度から実証を開始した。") == [(2021, "start", "past")]
    # the bracket after the era's year with no 年, or with the other era: still one date, read at its particle
    assert kinds("令和3年度(2021)までに整備する。") == [(2021, "deadline", "planned")]
    assert [(m.year, m.month, m.kind) for m in milestones_of(card("平成31年(令和元年)4月に施行した。"), 2021)] == [
        (2019, 4, "start")]
    # 本年 / 来年 with a month: the calendar year of the table, or the next; 「日本年金機構」 names no year
    assert [(m.year, m.fiscal, m.month, m.kind) for m in milestones_of(card("本年6月に方針を取りまとめ、来年4月から運用を開始する。"),
                                                                       2021)] == [(2021, False, 6, "during"),
                                                                                  (2022, False, 4, "start")]
    assert kinds("日本年金機構において、令和4年度に対応する。") == [(2022, "during", "planned")]


def test_kind_words_parts_of_a_year_and_dates_in_a_kpi_bracket():
    assert kinds("令和4年度をめどに取りまとめる。") == [(2022, "deadline", "planned")]
    assert kinds("平成30年度(2018年度)以来、毎年度調査を実施している。") == [(2018, "from", "past")]
    assert kinds("令和5年度(2023年度)の半ばまでに整備する。") == [(2023, "deadline", "planned")]
    assert kinds("令和4年度の早い時期に運用を開始する。") == [(2022, "during", "planned")]
    assert kinds("令和4年度上期にシステムを稼働させる。") == [(2022, "during", "planned")]
    # …a point in it (当初, 12月頃) leaves the verb to decide
    assert kinds("令和4年度当初に運用を開始する。") == [(2022, "start", "planned")]
    assert [(m.month, m.kind) for m in milestones_of(card("令和4年(2022年)12月頃に改正法が施行される予定。"), 2021)] == [
        (12, "start")]
    # 「…に向けて、」 is a compound particle: the date reaches the verb after the comma
    assert kinds("令和4年度(2022年度)に向けて、必要な検討を行う。") == [(2022, "review", "planned")]
    # a KPI's date alone in brackets dates what the item names before it
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・新システムの運用開始(令和4年度(2022年度))"), 2021)] == [
        (2022, "start")]
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・運用開始団体数 80%(令和7年度)"), 2021)] == [(2025, "during")]


def test_budget_requests_plans_named_by_their_span_and_arrowed_baselines_are_no_milestones():
    assert kinds("令和4年度(2022年度)の概算要求に向けて検討を進める。") == []
    assert kinds("令和3年度(2021年度)から令和7年度(2025年度)までの5か年計画に基づき、整備を進める。") == []
    assert kinds("令和3年度(2021年度)から令和5年度(2023年度)までの3年間で集中的に整備する。") == [
        (2021, "from", "planned"), (2023, "deadline", "planned")]  # a working period, not a plan's name
    item = "・導入率 45%(令和2年度)→80%(令和7年度)"
    assert [(m.year, m.kind) for m in milestones_of(card("x", item), 2021)] == [(2025, "during")]
    assert targets("", item) == [("kpi_progress", 80, "%", 2025)]


def test_targets_after_a_deadline_comma_in_brackets_and_new_counters():
    assert targets("令和7年(2025年)までに、3,000人を育成する。") == [("overview", 3000, "人", 2025)]
    assert targets("令和7年(2025年)は、3,000人が受講した。") == []
    assert targets("", "・令和4年度(2022年度)までに100%(令和2年度(2020年度)末:45%)") == [("kpi_progress", 100, "%", 2022)]
    assert targets("", "・参加国数(令和7年度(2025年度):30か国)") == [("kpi_progress", 30, "か国", 2025)]
    assert targets("", "・連携都市数(令和5年度(2023年度)までに50都市)") == [("kpi_progress", 50, "都市", 2023)]
    assert targets("", "・観測地点数(令和5年度(2023年度):1,300地点)") == [("kpi_progress", 1300, "地点", 2023)]
    # the figure things go from is where they stand; the one they go to is the target
    assert targets("令和7年度(2025年度)までに、オンライン利用率を約6割から8割に引き上げる。") == [("overview", 8, "割", 2025)]
    assert targets("", "・利用率 40%→80%(令和7年度)") == [("kpi_progress", 80, "%", 2025)]
    # a cumulative count to a range's end, a figure with its own date after it, a yearly level with no year
    assert targets("", "・研修受講者数(令和3年度(2021年度)から令和7年度(2025年度)までの累計1万人)") == [
        ("kpi_progress", 10000, "人", 2025)]
    assert targets("", "・普及率100%(令和4年度(2022年度)末)") == [("kpi_progress", 100, "%", 2022)]
    assert targets("", "・満足度80%以上(毎年度)") == [("kpi_progress", 80, "%", None)]


def test_a_relative_date_of_a_reference_is_no_milestone():
    assert kinds("令和3年度(2021年度)は、前年度比2割増の体制で実施する。") == [(2021, "during", "planned")]
    assert kinds("令和3年度(2021年度)は、前年度に比べ2倍の規模で実施する。") == [(2021, "during", "planned")]
    assert kinds("今年度予算で措置する。昨年度末時点で50団体が導入している。") == []


def test_a_forecasts_year_is_no_milestone():
    assert kinds("令和22年(2040年)頃には労働力が大幅に不足すると見込まれる。") == []
    assert kinds("2030年には約79万人のIT人材が不足するとの試算がある。") == []
    assert kinds("令和4年度(2022年度)に運用を開始し、約100万人の利用が見込まれる。") == [(2022, "start", "planned")]


def test_a_date_opening_a_quoted_name_dates_the_name():
    assert kinds("「令和2年度革新的事業活動に関する実行計画」に基づき、令和4年度(2022年度)に実証する。") == [
        (2022, "during", "planned")]


def test_kind_from_the_predicate_and_the_shape_of_the_clause():
    # 目途 sets the time a step is due by, a beginning as much as a result (the second and third synthetic sets'
    # readers: 「…を目途に新システムへ移行する」, 「…を目途に…提供を開始し」 deadline); within the year with 中 / 内
    assert kinds("令和4年(2022年)10月を目途に、新たな窓口サービスの提供を開始する。") == [(2022, "deadline", "planned")]
    assert kinds("令和8年度(2026年度)を目途に、新システムへ移行する。") == [(2026, "deadline", "planned")]
    assert kinds("令和6年度(2024年度)中を目途に横断検索機能を提供する。") == [(2024, "during", "planned")]
    assert kinds("令和4年(2022年)秋頃を目途に報告書を取りまとめる。") == [(2022, "deadline", "planned")]
    assert kinds("令和6年度(2024年度)を期限に運用を開始する。") == [(2024, "deadline", "planned")]  # a bound, not about
    # a 検討 / 見直し of one year is a review, done or to come; from a past year on it is work since then
    assert kinds("令和2年度(2020年度)においては、補助要件を見直し、対象を広げた。") == [(2020, "review", "past")]
    assert kinds("令和3年度(2021年度)中に運用方法を検討した。") == [(2021, "review", "past")]
    assert kinds("令和元年度(2019年度)以降、体制の在り方を検討してきた。") == [(2019, "from", "past")]
    # a level a KPI is to reach in a year (に before a share) is due then; a count of the year's work is during
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・窓口のオンライン対応率(令和5年度(2023年度)に90%)"), 2021)] \
        == [(2023, "deadline")]
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・相談件数(令和4年度(2022年度)に約2万件)"), 2021)] \
        == [(2022, "during")]
    # the year of a result aimed at: 「…の全国展開に向け」 as 「…の稼働を目指し」; of an event prepared for, the event's
    assert kinds("令和7年度(2025年度)の全国展開に向け、令和4年度(2022年度)から試行する。") \
        == [(2025, "deadline", "planned"), (2022, "from", "planned")]
    assert kinds("令和5年(2023年)1月の改正法の施行に向けて、様式を改める。") == [(2023, "start", "planned")]
    # setting something up from a year starts it; one place after another it is an on-going rollout
    assert kinds("来年度から地域ごとの相談窓口を開設する。") == [(2022, "start", "planned")]
    assert kinds("令和5年度(2023年度)から本格的に運用する。") == [(2023, "start", "planned")]
    assert kinds("令和4年度(2022年度)から、対応可能な手続を順次新システムへ移行する。") == [(2022, "from", "planned")]
    # a one-time event told in a perfective relative clause has happened, even in the table's year
    assert kinds("令和3年(2021年)5月に公布した改正省令に基づき、様式を改める。") == [(2021, "start", "past")]
    # … but a document named by when it was made or revised is a reference, as a law's number is (the third
    # synthetic set's reader: 「平成31年3月に策定した…ガイドラインについても、令和4年度内に改訂を行う」)
    assert kinds("令和3年(2021年)4月に改訂した手引きを周知する。") == []
    assert kinds("令和2年(2020年)7月に策定された基本計画を踏まえ、令和4年度(2022年度)に連携を進める。") == [
        (2022, "during", "planned")]
    assert kinds("令和2年(2020年)7月に基本計画を策定し、令和4年度(2022年度)に連携を進める。")[0] == (2020, "during", "past")
    # the year a plan's period opens names the plan, not a step
    assert kinds("令和5年度(2023年度)を初年度とする3か年の計画に沿って整備する。") == []


def test_a_kpi_figure_as_at_a_later_year_is_a_target():
    t = targets_of(card("x", "・公開済みデータセットの割合(令和5年度(2023年度)末時点で70%)"), 2021)
    assert [(x.value, x.unit, x.year) for x in t] == [(70, "%", 2023)]
    # …while one as at the table's year or before is where things stand
    assert targets_of(card("x", "・公開済みデータセットの割合(令和3年(2021年)3月末時点で35%)"), 2021) == []


def test_an_overview_figure_is_a_target_when_its_clause_sets_it_not_when_it_mentions_a_kpis_figure():
    kpi = "・配備台数(令和6年度(2024年度)までに12台)"
    assert [(t.field, t.value) for t in targets_of(card("12台体制の整備に向け、機材の調達を進めている。", kpi), 2021)] \
        == [("kpi_progress", 12)]
    assert [(t.field, t.value) for t in targets_of(card("令和6年度(2024年度)までに12台体制を目指す。", kpi), 2021)] \
        == [("overview", 12), ("kpi_progress", 12)]
    # a count of the work going on is one; a count of what was done is not
    assert [t.value for t in targets_of(card("毎年、年間40回の研修を実施しており、今年度も継続する。"), 2021)] == [40]
    assert targets_of(card("これまで、計15地域で実証を行ってきた。"), 2021) == []
    # a level a KPI is to reach, with には or a comma after its year, is due that year
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・電子納付の利用率(令和6年度(2024年度)には8割)"), 2021)] \
        == [(2024, "deadline")]


# Round 6 (issue 21): the grammar behind the second synthetic set's misses, each on sentences composed for it.

def test_a_one_time_change_from_a_date_starts_then():
    # made possible, abolished, set up: a change that holds from then on is its start, after から / 以降 or に
    assert kinds("令和5年(2023年)4月から、窓口での手数料の現金納付を廃止する。") == [(2023, "start", "planned")]
    assert kinds("令和5年度(2023年度)以降、全ての申請をオンラインで行うことを可能とする。") == [(2023, "start", "planned")]
    assert kinds("令和4年(2022年)10月に、スマートフォンによる本人確認が可能となる。") == [(2022, "start", "planned")]
    assert kinds("平成30年(2018年)4月に推進協議会を設立した。") == [(2018, "start", "past")]
    # …but not the state that holds since then, nor the purpose of other work
    assert kinds("令和2年度(2020年度)から、電子申請が可能となっている。") == [(2020, "from", "past")]
    assert kinds("令和4年度(2022年度)から、オンライン申請を可能とするためのシステム改修を行う。") == [(2022, "from", "planned")]
    # an addition from a year is a one-time step (start); in a year it is that year's work (during)
    assert kinds("令和4年度(2022年度)から地図表示の機能を追加する。") == [(2022, "start", "planned")]
    assert kinds("令和4年度(2022年度)に検索機能を追加する。") == [(2022, "during", "planned")]


def test_an_evaluation_chained_to_a_revision_is_a_review():
    assert kinds("令和5年度(2023年度)に効果を検証し、必要に応じて制度を見直す。") == [(2023, "review", "planned")]
    assert kinds("令和4年度(2022年度)に運用状況を評価し、その結果を踏まえて要件の見直しを検討する。") == [
        (2022, "review", "planned")]
    # a test of what is being built, with no revision after it, is that year's work
    assert kinds("令和3年度(2021年度)は、開発した機能の検証を行い、令和4年度に本格運用を開始する。") == [
        (2021, "during", "planned"), (2022, "start", "planned")]


def test_a_date_of_an_event_with_the_period_after_it_is_from():
    assert kinds("令和6年(2024年)1月の新システム稼働以降、手続は全てオンラインで受け付ける。") == [(2024, "from", "planned")]
    assert kinds("令和5年度(2023年度)の制度改正以降は、対象の拡大を検討する。") == [(2023, "review", "planned")]
    # the event alone, with no period after it, keeps its own kind
    assert kinds("令和5年(2023年)1月の改正法の施行に向けて、様式を改める。") == [(2023, "start", "planned")]


def test_the_date_belongs_to_the_main_verb_past_a_relative_clause_with_its_own_arguments():
    # 「国が管理する」, 「…において、AIを活用した」 describe a noun; the date is the 開始's
    assert kinds("令和3年(2021年)4月に全国の市町村が利用する共通基盤の運用を開始した。") == [(2021, "start", "past")]
    assert kinds("令和3年度(2021年度)に一部の自治体において、AIを活用したチャットボットの実証を開始した。") == [
        (2021, "start", "past")]
    # …while a relative verb right after the date takes it (「前年度に更新したデータ」)
    assert kinds("令和2年度(2020年度)に作成した教材を公開するとともに、改善を進める。") == [(2020, "during", "past")]
    # a law's title is a name: its verbs (改正する, 見直し) and its number's date are no clause of the date
    assert kinds("令和3年(2021年)6月に、行政手続における押印の見直しに関する法律(令和3年法律第10号)が成立し、押印が廃止された。") \
        == [(2021, "start", "past")]
    assert kinds("令和4年(2022年)5月に特許法等の一部を改正する法律が施行される。") == [(2022, "start", "planned")]


def test_a_disaster_named_with_no_and_a_span_of_a_year_with_a_one_time_event():
    assert kinds("令和元年(2019年)10月の台風災害を契機として、浸水センサの設置を進めた。") == []
    assert kinds("令和4年度(2022年度)の地震対策として、耐震化を進める。") == [(2022, "during", "planned")]
    assert kinds("令和4年度(2022年度)後半に、ガイドラインを公表する。") == [(2022, "during", "planned")]
    assert kinds("令和4年(2022年)秋頃に報告書を公表する。") == [(2022, "during", "planned")]


def test_a_count_so_far_is_a_target_only_of_the_kpis_measure_and_a_sources_figure_none():
    kpi = "・導入事業者数(令和6年度までに500事業者)"
    # 「これまでに」 is up to now, not a deadline: a count of something else done so far is no target
    assert [t.field for t in targets_of(card("これまでに、50種類以上のAPIを提供している。", kpi), 2021)] == ["kpi_progress"]
    # …nor is what the KPI counts, reached so far (「…約8,000箇所に設置した」: done, not aimed at; the real labels'
    # 「10倍以上を達成」 is aimed at by its 達成)
    assert [(t.field, t.value) for t in targets_of(card("これまでに約200事業者で導入しており、令和6年度までに500事業者を目指す。",
                                                        kpi), 2021)] == [("overview", 500), ("kpi_progress", 500)]
    assert [t.field for t in targets_of(card("令和2年度までに約300事業者に導入した。", kpi), 2021)] == ["kpi_progress"]
    assert [t.field for t in targets_of(card("令和3年(2021年)3月の調査報告書によれば、導入事業者は約300事業者である。", kpi), 2021)] \
        == ["kpi_progress"]
    assert [t.field for t in targets_of(card("令和3年(2021年)3月末時点で約300事業者が導入している。", kpi), 2021)] == [
        "kpi_progress"]  # measured at a time: where things stand
    # a planned count of what the KPI counts stays one
    assert [(t.field, t.value) for t in targets_of(card("令和3年度(2021年度)は、新たに100事業者で実施する。", kpi), 2021)] == [
        ("overview", 100), ("kpi_progress", 500)]


def test_the_perfective_of_any_verb_and_any_conjunctive_form_tell_the_tense_in_the_tables_year():
    # 「取りまとめた」, 「立ち上げ、」: not only the verbs a list names
    assert kinds("令和3年(2021年)11月に検討会を立ち上げ、令和4年(2022年)3月に報告書を取りまとめた。") == [
        (2021, "start", "past"), (2022, "during", "past")]
    assert kinds("令和3年度(2021年度)に調査を行い、結果を公表した。") == [(2021, "during", "past")]
    assert kinds("令和3年度(2021年度)に調査を行い、結果を公表する。") == [(2021, "during", "planned")]


def test_a_report_cited_as_a_source_dates_no_step():
    assert kinds("令和元年(2019年)6月に取りまとめた報告書では、約3割の事業者が導入しているとされた。") == []
    assert kinds("令和元年(2019年)6月に報告書を取りまとめた。") == [(2019, "during", "past")]


def test_an_event_noun_written_onto_its_date_and_done_marked_with_zumi():
    # 「4月施行の改正法」: the date is the 施行's, whatever the sentence's verb
    assert kinds("令和3年(2021年)4月施行の改正法に基づき、手続を見直した。") == [(2021, "start", "past")]
    assert kinds("令和4年(2022年)4月1日施行。") == [(2022, "start", "planned")]
    assert kinds("令和3年度(2021年度)策定の計画に沿って、令和4年度に整備する。") == [
        (2021, "during", "planned"), (2022, "during", "planned")]
    # 済み says done
    assert kinds("令和3年度(2021年度)に措置済み。") == [(2021, "during", "past")]


def test_a_settled_account_a_decision_naming_a_document_and_a_level_measured_against_are_references():
    assert kinds("令和元年度(2019年度)決算において、約3億円を執行した。") == []
    assert kinds("令和2年(2020年)7月17日閣議決定の「成長戦略フォローアップ」に基づき、検討を進める。") == []
    assert kinds("令和4年(2022年)6月頃に閣議決定予定の計画に盛り込む。") == [(2022, "start", "planned")]  # a step to come
    assert kinds("令和7年度(2025年度)までに、利用件数を令和2年度(2020年度)の3倍に増やす。") == [(2025, "deadline", "planned")]
    assert kinds("令和2年度(2020年度)の水準を維持する。") == []


def test_niokite_and_niwa_are_read_whole_as_the_particle_they_are():
    # 「において」 and 「には」 are one particle each, not 「に」 and what follows
    assert kinds("平成27年(2015年)において発生した大規模な障害を受け、令和4年度(2022年度)に対策を講じる。") == [
        (2022, "during", "planned")]
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・電子申請の利用率(令和5年度(2023年度)において90%)"), 2021)] \
        == [(2023, "deadline")]


def test_a_year_named_against_the_tables_reads_as_the_written_year_would():
    # a KPI's figure gets its year from 「来年度」 as from 「令和4年度」; an overview's planned count too
    assert targets("", "・参加団体数(来年度:200団体)") == [("kpi_progress", 200, "団体", 2022)]
    assert targets("来年度は、新たに100団体で実施する。", "・実施団体数") == [("overview", 100, "団体", 2022)]
    # 「昨年度の67種から」 is where things stood; 「第2期(平成30年度~来年度)」 names the programme's span
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・対象種数(昨年度の60種から、令和5年度(2023年度)までに"
                                                             "150種に拡大)"), 2021)] == [(2023, "deadline")]
    assert kinds("研究プログラム第2期(平成30年度(2018年度)~来年度)において、研究開発を実施している。") == []


def test_punctuation_as_other_documents_write_it_reads_the_same():
    # a line's end closes a sentence written bare, as 「。」 does: the 検討 of the next line is not this date's
    written = "令和4年度(2022年度)から、一部の地域で試行を行う。\nその結果を踏まえ、全国展開を検討する。"
    for other in (written.replace("。", ""), written.replace("、", "，").replace("。", "．")):
        assert kinds(other) == kinds(written) == [(2022, "from", "planned")]
    assert milestones_of(card(written.replace("。", "")), 2021)[0].sentence == "令和4年度(2022年度)から、一部の地域で試行を行う"
    # 「，」 closes a clause as 「、」 does: 「3倍程度」 is another scheme's, the 10倍 reached is the KPI's
    kpi = "・応募倍率(令和3年度(2021年度)10倍以上)"
    for text in ("他の制度では3倍程度のところ、10倍以上を達成。", "他の制度では3倍程度のところ，10倍以上を達成．"):
        assert [(t.field, t.value) for t in targets_of(card(text, kpi), 2021)] == [("overview", 10), ("kpi_progress", 10)]
    # numbers keep their comma and point
    assert targets("", "・利用率(令和4年度(2022年度)に42.86%)、利用者数1,000人") == [
        ("kpi_progress", 42.86, "%", 2022), ("kpi_progress", 1000, "人", 2022)]


def test_a_date_in_brackets_with_yotei_dates_what_comes_before_it_and_a_month_range():
    assert kinds("新システムの運用を開始する(令和4年度(2022年度)予定)。") == [(2022, "start", "planned")]
    assert [(m.year, m.kind) for m in milestones_of(card("x", "・新窓口の開設(令和5年度(2023年度)予定)"), 2021)] == [
        (2023, "start")]
    # 「1月~3月」: the bare second month closes the range the first opens
    assert [(m.month, m.kind) for m in milestones_of(card("令和4年(2022年)1月~3月に実証を行う。"), 2021)] == [
        (1, "from"), (3, "deadline")]


def test_one_reading_of_a_figures_value_for_kpi_targets_and_the_chats_figure_questions():
    from index.assist import _figures
    from index.roadmap import figure_value

    assert figure_value("3,000人") == 3000
    assert figure_value("3万人超") == 30_000
    assert figure_value("約1.5億円") == 150_000_000
    assert figure_value("４２．８６％") == 42.86  # full-width, as a cell may be typed
    with pytest.raises(ValueError, match="令和"):
        figure_value("令和7年度")
    # a question that names the figure finds the KPI target it names, whichever way the 万 is written
    target = targets_of(card(progress="・登録者数3万人超(令和7年度)"), 2021)[0]
    asked = _figures("登録者数3万人超を目指す施策は？")
    assert asked == _figures("登録者数30,000人を目指す施策は？") == {target.value}


def test_a_ranges_first_date_takes_the_verb_written_after_its_second():
    # 「AからBにかけて検討し」: the 検討 is the whole range's, so the range opens with a review
    assert kinds("令和4年度から5年度にかけて検討し、令和6年度に結論を得る。") == [
        (2022, "review", "planned"), (2023, "review", "planned"), (2024, "during", "planned")]
    assert kinds("令和4年度~令和5年度に新制度の運用を開始する。")[0] == (2022, "start", "planned")
    # work that goes on over the range is still from, however the range is written
    assert kinds("令和4年度から令和6年度まで実証を行う。")[0] == (2022, "from", "planned")
    assert kinds("令和4年度から令和6年度にかけて順次導入する。")[0] == (2022, "from", "planned")


def test_the_fiscal_year_after_a_month_is_the_one_after_the_fiscal_year_that_month_falls_in():
    # January 2023 falls in FY2022, so 翌年度 is FY2023
    assert [(m.year, m.fiscal, m.kind) for m in milestones_of(card("令和5年1月に試行を開始し、翌年度から本格運用を行う。"),
                                                              2021)] == [(2023, False, "start"), (2023, True, "start")]
    assert [(m.year, m.fiscal) for m in milestones_of(card("令和4年10月に試行を開始し、翌年度から本格運用を行う。"),
                                                      2021)] == [(2022, False), (2023, True)]


def test_levels_listed_by_year_share_the_verb_written_after_the_last():
    # 「AにはN、BにはMを目指す」: both years are aimed at, and both figures are targets of their year
    text = "令和4年度に100件、令和5年度に300件の公開を目指す。"
    assert kinds(text) == [(2022, "deadline", "planned"), (2023, "deadline", "planned")]
    assert [(t.value, t.unit, t.year) for t in targets_of(card(text), 2021)] == [(100, "件", 2022), (300, "件", 2023)]
    # … and take its tense: the table's year done, the next planned by its year
    assert kinds("令和3年度は14地域、令和4年度は20地域で実施した。") == [(2021, "during", "past"), (2022, "during", "planned")]
    # a phase with no figure is its own year's work
    assert kinds("令和4年度は設計、令和5年度は開発、令和6年度から運用を行う。") == [
        (2022, "during", "planned"), (2023, "during", "planned"), (2024, "from", "planned")]


def test_same_year_and_next_year_name_the_date_told_last_even_in_an_earlier_sentence():
    text = "令和4年(2022年)6月20日から登録が義務化される。同年12月には操縦ライセンス制度を開始する。翌年度には見直しを行う。"
    assert [(m.text, m.year, m.fiscal, m.month) for m in milestones_of(card(text), 2021)] == [
        ("令和4年(2022年)6月20日から", 2022, False, 6), ("同年12月", 2022, False, 12), ("翌年度", 2023, True, None)]
    # a bare month still needs a year in its own sentence: 「6月末までに」 of every year dates nothing
    assert kinds("令和4年度(2022年度)に制度を創設する。各団体は毎年6月末までに報告する。") == [(2022, "start", "planned")]


def test_years_listed_together_share_the_verb_after_the_last_and_an_event_told_of_them_is_their_work():
    assert kinds("令和4年度(2022年度)及び令和5年度(2023年度)の2か年で標準様式を検討し、令和6年度から普及を図る。") == [
        (2022, "review", "planned"), (2023, "review", "planned"), (2024, "from", "planned")]
    # one publication cannot happen in two years: 公開 told of both is the work of each
    assert kinds("令和４年度（２０２２年度）及び令和５年度（２０２３年度）に全市区町村のデータを公開する。") == [
        (2022, "during", "planned"), (2023, "during", "planned")]
    assert kinds("令和5年度(2023年度)に全市区町村のデータを公開する。") == [(2023, "start", "planned")]


def test_a_duty_or_a_conversion_from_a_date_starts_then_and_reviews_one_after_another_go_on():
    assert kinds("平成26年(2014年)7月から定期点検が義務化され、点検結果が蓄積されている。") == [(2014, "start", "past")]
    assert kinds("令和5年(2023年)1月から自動車検査証をカード形式に電子化する。") == [(2023, "start", "planned")]
    # a conversion pursued step by step, or a change of degree, is work that goes on
    assert kinds("令和4年度(2022年度)から順次オンライン化を進める。") == [(2022, "from", "planned")]
    assert kinds("令和4年度(2022年度)以降、普及啓発を強化し、相談体制を整える。") == [(2022, "from", "planned")]
    assert kinds("令和5年度(2023年度)以降、保安規制の見直しを順次行う。") == [(2023, "from", "planned")]
    assert kinds("令和5年度(2023年度)以降、保安規制の見直しを行う。") == [(2023, "review", "planned")]


def test_a_survey_done_then_and_a_figure_measured_then_date_no_step():
    assert kinds("令和元年度(2019年度)に実施した利用者アンケートでは、改善を求める意見が多く寄せられた。") == []
    assert kinds("令和2年(2020年)に実施した事業者アンケートの結果も踏まえ、令和4年度に仕様を見直す。") == [
        (2022, "review", "planned")]
    assert kinds("令和２年中の救急出動件数は約５９３万件であり、高い水準にある。") == []
    assert kinds("申請件数は増加しており、令和元年度(2019年度)には約740万件に達している。") == []
    # the measure's own survey is its step
    assert kinds("令和3年度(2021年度)においては、児童生徒の情報活用能力調査を実施する。") == [(2021, "during", "planned")]


def test_a_cut_in_time_is_a_target_and_a_range_looked_at_is_a_review_to_its_end():
    assert targets("", "・病院選定に要する時間の短縮（令和７年度（２０２５年度）までに平均２分短縮）") == [
        ("kpi_progress", 2, "分", 2025)]
    assert targets("", "・音響を24時間鳴動させる") == []  # a duration that describes
    assert kinds("令和4年度(2022年度)から令和5年度(2023年度)にかけて手数料の在り方を検討し、令和6年度に法令を整備する。") == [
        (2022, "review", "planned"), (2023, "review", "planned"), (2024, "during", "planned")]
    assert kinds("令和4年度(2022年度)から令和5年度(2023年度)にかけてシステムを構築する。") == [
        (2022, "from", "planned"), (2023, "deadline", "planned")]


def test_a_fiscal_year_written_the_english_way_reads_as_its_nendo():
    assert kinds("FY2023から運用を開始する。") == kinds("2023年度から運用を開始する。") == [(2023, "start", "planned")]
    assert targets("", "・利用率（FY2025：80%）") == [("kpi_progress", 80, "%", 2025)]


def test_a_multiple_of_an_earlier_years_level_dates_the_level_compared_with():
    assert kinds("平成30年度(2018年度)の約2倍となる利用者数を目指す。") == []


def test_years_listed_with_a_comma_read_as_a_list_but_a_bracketed_decision_before_a_date_does_not():
    assert kinds("令和4年度(2022年度)、令和5年度(2023年度)に全市区町村のデータを公開する。") == [
        (2022, "during", "planned"), (2023, "during", "planned")]
    assert kinds("実行計画(令和2年12月閣議決定)、令和4年度(2022年度)に運用を開始する。") == [(2022, "start", "planned")]


# Issue 21, round 15: the classes the rules read are widened to the whole class of administrative usage (the by-card
# cross-validation found the held-out gap in words no dev card uses). Sentences written for each class.

def test_every_beginning_and_one_time_event_verb_reads_as_one():
    # places and services opened, rules taking effect, works begun: a beginning, start with a bare particle or から
    for verb in ("新庁舎を開所する", "新路線を開通させる", "分校を開校する", "窓口を新設する", "条約が発効する", "改修工事に着工する",
                 "事務を国に移管する", "新方式に切り替える"):
        assert kinds(f"令和4年度(2022年度)に{verb}。") == [(2022, "start", "planned")], verb
        assert kinds(f"令和4年度(2022年度)から{verb}。") == [(2022, "start", "planned")], verb
    # a result made public, a document issued, an agreement signed: a one-time event, start with a bare particle
    for verb in ("調査結果を発表する", "通知を発出する", "白書を刊行する", "協定に署名する", "決議を採択する", "組織を改組する"):
        assert kinds(f"令和4年度(2022年度)に{verb}。") == [(2022, "start", "planned")], verb
    # making a plan or revising a law is the year's work in the labels' reading (tried as an event: dev fell)
    assert kinds("令和4年度(2022年度)に基本計画を策定する。") == [(2022, "during", "planned")]
    # an end, an aim in kana, a review in the passive, rollouts one place after another
    assert kinds("令和5年度(2023年度)に工事を竣工する。") == [(2023, "deadline", "planned")]
    assert kinds("令和5年度(2023年度)の本格稼働をめざす。") == [(2023, "deadline", "planned")]
    assert kinds("令和4年度(2022年度)以降、制度が見直される予定。") == [(2022, "review", "planned")]
    assert kinds("令和4年度(2022年度)から漸次移行する。") == [(2022, "from", "planned")]
    assert kinds("令和4年度(2022年度)から二つのシステムを統合する。") == [(2022, "start", "planned")]


def test_every_kind_word_and_part_of_a_period():
    # 目安 / メド say about when, like 目途; 期日 bounds like 期限
    assert kinds("令和5年度(2023年度)を目安に結論を得る。") == [(2023, "deadline", "planned")]
    assert kinds("令和5年度(2023年度)をメドに結論を得る。") == [(2023, "deadline", "planned")]
    assert kinds("令和5年度(2023年度)中を目安に提供する。") == [(2023, "during", "planned")]
    # を皮切りに / を起点に / を境に open a period, like から
    assert kinds("令和4年度(2022年度)を皮切りに、全国で説明会を実施する。") == [(2022, "from", "planned")]
    assert kinds("令和4年(2022年)4月を起点に運用を開始する。") == [(2022, "start", "planned")]
    # halves, quarters in kanji, seasons with 季: spans within the year
    assert kinds("令和5年度(2023年度)後期に仕様を公表する。") == [(2023, "during", "planned")]
    assert kinds("令和4年度(2022年度)第二四半期に運用を開始する。") == [(2022, "during", "planned")]
    assert kinds("令和4年(2022年)夏季に実証を行う。") == [(2022, "during", "planned")]
    # relative years two away, and the table's own year as 当年度
    assert kinds("再来年度に制度を見直す。") == [(2023, "review", "planned")]
    assert kinds("当年度中に公開する。") == [(2021, "during", "planned")]
    assert kinds("一昨年度に開始した実証を踏まえ、検討する。") == [(2019, "start", "past")]


def test_every_survey_statistic_source_and_incident_is_a_reference():
    # a survey or statistic named by its year, any name before 調査 / 統計 / センサス / 白書
    assert kinds("令和2年度通信利用動向調査では利用率は約6割にとどまる。令和5年度(2023年度)までに8割を目指す。") == [
        (2023, "deadline", "planned")]
    assert kinds("令和3年経済センサスの結果を活用し、令和4年度(2022年度)に分析を行う。") == [(2022, "during", "planned")]
    # …but not the survey to be done, nor a 調査事業 named by its year
    assert kinds("令和4年度(2022年度)に実態調査を実施する。") == [(2022, "during", "planned")]
    # documents issued then, sources, forecasts, disasters, budgets, comparison bases
    assert kinds("令和2年度に取りまとめた報告書を踏まえ、令和4年度(2022年度)に指針を改定する。") == [
        (2022, "during", "planned")]
    assert kinds("令和22年には約80万人が不足すると想定されている。") == []
    assert kinds("令和元年東日本台風を踏まえ、令和4年度(2022年度)に新システムを稼働する。") == [(2022, "start", "planned")]
    assert kinds("令和3年度当初予算において措置した。") == []
    assert kinds("平成25年度を基準年度として、令和12年度(2030年度)までに46%の削減を目指す。") == [
        (2030, "deadline", "planned")]
    assert kinds("利用件数は、令和元年度には約120万件を記録した。") == []


def test_every_counter_and_verb_of_setting_a_level():
    assert targets("", "・提供アプリ数(令和7年度(2025年度):30アプリ)") == [("kpi_progress", 30, "アプリ", 2025)]
    assert targets("", "・整備区間(令和6年度(2024年度)までに120区間)") == [("kpi_progress", 120, "区間", 2024)]
    assert targets("", "・参加国数(令和5年度(2023年度) 20ケ国)") == [("kpi_progress", 20, "ケ国", 2023)]
    assert targets("", "・発電容量(令和12年度(2030年度)に10GW)") == [("kpi_progress", 10, "GW", 2030)]
    assert targets("令和7年度(2025年度)までに、500ヘクタールの農地集約をめざす。") == [("overview", 500, "ヘクタール", 2025)]
    assert targets("処理時間を平均30分以下に抑える。") == [("overview", 30, "分", None)]
    assert targets("紙の使用量の3割の圧縮をめざす。") == [("overview", 3, "割", None)]
    assert targets("待ち時間を30分以下に抑えた。") == []  # what was done


def test_every_compound_particle_closes_no_clause():
    # 「に応じて、」「に先立ち、」「と併せて、」 read like 「に向けて、」: the date's verb is the one after them
    assert kinds("令和4年度(2022年度)に、利用者の要望に応じて、新機能を公開する。") == [(2022, "start", "planned")]
    assert kinds("令和4年度(2022年度)に、本格運用に先立ち、試行版を公開する。") == [(2022, "start", "planned")]
    assert kinds("令和4年度(2022年度)に、制度改正と併せて、新様式を告示する。") == [(2022, "start", "planned")]


def test_a_counter_no_list_names_is_read_from_the_grammar():
    # issue 21: the noun written onto a number counts it, whether or not a list names it (UniDic: common nouns and
    # noun suffixes up to a particle, a comparison or a size word), so a new card's counter needs no new word
    assert targets("", "・整備漁港数(令和7年度(2025年度):60漁港)") == [("kpi_progress", 60, "漁港", 2025)]
    assert targets("", "・参加自治会数(令和6年度(2024年度)までに300自治会以上)") == [("kpi_progress", 300, "自治会", 2024)]
    assert targets("令和7年度(2025年度)までに、15保健所への導入を目指す。") == [("overview", 15, "保健所", 2025)]
    # the longest noun wins over a shorter listed counter (市 of 市町村), and a size word or a verbal noun after the
    # count is not its counter
    assert targets("", "・導入市町村数(令和5年度(2023年度):17市町村)") == [("kpi_progress", 17, "市町村", 2023)]
    assert targets("令和7年度(2025年度)までに、3拠点整備を目指す。") == [("overview", 3, "拠点", 2025)]
    assert targets("令和7年度(2025年度)までに、200医療機関以上での利用を目指す。") == [("overview", 200, "医療機関", 2025)]
    # dates and durations are no counters: 「5年間」, 「10年後」 are not figures
    assert targets("", "・5年間の累計(令和7年度(2025年度)に10年後の水準)") == []


def test_a_date_told_to_its_month_dates_a_one_time_step_whatever_its_verb():
    # issue 21: with a bare particle a month is a point, so the step is dated then (start) with no list of event
    # verbs; a fiscal year is a period, and the same verb is its work (during)
    assert kinds("令和4年(2022年)10月に、電子申請の受付窓口を導入する。") == [(2022, "start", "planned")]
    assert kinds("令和2年(2020年)10月に標準様式を登録し、オンライン申請を受け付けた。") == [(2020, "start", "past")]
    assert kinds("令和4年度(2022年度)に、電子申請の受付窓口を導入する。") == [(2022, "during", "planned")]
    # making or revising a plan, or doing work, stays the work of its period even when dated to its month
    assert kinds("令和3年(2021年)3月に基本方針を策定した。") == [(2021, "during", "past")]
    assert kinds("令和3年(2021年)3月に「情報セキュリティに関するガイドライン」を改定した。") == [(2021, "during", "past")]
    assert kinds("令和3年(2021年)3月には地図機能の改修を行い、利便性の向上を図った。") == [(2021, "during", "past")]


def test_a_year_named_only_by_its_part_is_the_year_told_last():
    # issue 21: 年内 / 年末 with no year are the calendar year of the date told last (else the table's), and a date
    # said again with its part (「…の年度末までに」) is one phrase, read at the part
    assert kinds("令和4年(2022年)10月に運用を開始し、年内に全国展開する。") == [(2022, "start", "planned"),
                                                                        (2022, "during", "planned")]
    assert kinds("年内に結論を得る。") == [(2021, "during", "planned")]
    assert kinds("年末年始の窓口体制を強化する。") == []
    assert kinds("令和5年度(2023年度)の年度末までに整備を完了する。") == [(2023, "deadline", "planned")]
    assert kinds("令和4年(2022年)の年内に仕様を追加する。") == [(2022, "during", "planned")]


def test_a_year_followed_by_its_target_and_a_period_left_open():
    # 「令和5年度目標」: the year aimed at (deadline), as 「を目標に」; 「令和4年度~」 with nothing after the dash opens
    # a period, as から does (start for a beginning, from for work that goes on)
    assert kinds("令和5年度(2023年度)目標の達成に向けて取り組む。") == [(2023, "deadline", "planned")]
    assert targets("", "・ダウンロード数(令和5年度(2023年度)目標:20万件)") == [("kpi_progress", 200000, "件", 2023)]
    assert [(m.year, m.kind) for m in milestones_of(card("", "・ダウンロード数(令和5年度(2023年度)目標:20万件)"), 2021)] \
        == [(2023, "deadline")]
    assert [(m.year, m.kind) for m in milestones_of(card("", "・新システムの運用開始(令和4年度(2022年度)~)"), 2021)] \
        == [(2022, "start")]
    assert [(m.year, m.kind) for m in milestones_of(card("", "・令和4年度(2022年度)~ 順次拡大"), 2021)] == [(2022, "from")]
    # a month range written short gets its 月 back: 「1~3月」 is January to March
    assert kinds("令和4年(2022年)1~3月に実証を行う。") == [(2022, "from", "planned"), (2022, "deadline", "planned")]
    assert kinds("実証の期間は2~3か月とする。") == []


def test_dates_a_sentence_rests_on_are_references():
    # a decision or document dated with の that the sentence goes by, up to the table's year, and a revision that is a
    # cause, date the reference; the measure's own revision, and a later year's document, are steps
    assert kinds("令和2年(2020年)7月の閣議決定に基づき、取組を推進する。") == []
    assert kinds("令和3年(2021年)6月の基本方針において、方向性が示された。") == []
    assert kinds("平成25年(2013年)の法改正により、制度が創設された。") == []
    assert kinds("令和3年(2021年)3月のガイドライン改定において、対象を追加した。") == [(2021, "during", "past")]
    assert kinds("令和5年度(2023年度)の計画改定において、対象を追加する。") == [(2023, "during", "planned")]
    # a plan named by its span from a year, and a figure that was, are no steps either
    assert kinds("令和2年度(2020年度)からの5か年計画に基づき、整備を進めている。") == []
    assert kinds("令和元年度(2019年度)に約50%だった利用率を、令和5年度(2023年度)までに80%に引き上げる。") == [
        (2023, "deadline", "planned")]
    # 済み with its copula: done
    assert kinds("令和3年(2021年)7月に公表済みであり、周知を行う。") == [(2021, "start", "past")]


def test_figures_that_name_or_describe_are_no_targets():
    # a figure inside the name of what a later figure measures, an ordinal, and a ratio in apposition to the figure
    # told after it are not targets; the figure measured is
    assert targets("", "・基本4情報の連携率 100%") == [("kpi_progress", 100, "%", None)]
    assert targets("", "・2国間の協力枠組みの構築数 10件") == [("kpi_progress", 10, "件", None)]
    assert targets("", "・マイナンバーカードの1枚目の交付率") == []
    assert targets("令和7年度(2025年度)までに、利用者数を現在の2倍の200万人に増やす。") == [
        ("overview", 2000000, "人", 2025)]


def test_a_figures_counter_is_tagged_by_the_shared_taggers_as_by_a_tagger_of_its_own():
    # index.roadmap reads a counter's part of speech from index.text's tagger pool (one mapping of UniDic's dictionary
    # a process, not a second one for the 工程表): the same tags as a fugashi tagger of its own, over every card's text
    import fugashi

    from index.roadmap import _tokens

    own = fugashi.Tagger()
    for c in load_cards().cards:
        for text in (c.kpi_progress, c.kpi_effect, c.overview):
            for piece in (text[i:i + 24] for i in range(0, len(text), 11)):
                assert _tokens(piece) == tuple((w.surface, (*str(w.pos).split(","), "*", "*", "*", "*")[:4])
                                               for w in own(piece))
    assert [p for _, p in _tokens("3,000名規模")][3] == ("名詞", "普通名詞", "助数詞可能", "*")
