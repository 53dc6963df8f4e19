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
