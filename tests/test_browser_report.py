"""In a real browser, the レポート tab as an analyst uses it: upload a CSV, make the report, download the workbook and
read its sheets, on a wide screen and a phone. Skipped (and said so) without Playwright or Chromium, like
tests/test_browser.py, whose fixtures these tests share."""

import csv

import pytest
from openpyxl import load_workbook

from test_browser import SHOTS, app_url, browser  # noqa: F401 - shared fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VISIBLE_PLOTS = "[...document.querySelectorAll('.chart-row')].filter(e => e.offsetParent !== null).length"


@pytest.mark.parametrize("width", [1400, 400])
def test_an_uploaded_plan_becomes_a_report_to_download(browser, app_url, tmp_path, width):  # noqa: F811
    plan = tmp_path / "plan.csv"
    with open(plan, "w", encoding="cp932", newline="") as f:  # as Excel saves it
        csv.writer(f).writerows([["番号", "質問", "担当課"], ["1", "テレワークを推進する施策は？", "総務課"],
                                 ["2", "EdTechの学校への導入", "教育委員会"], ["3", "被災者支援に関する施策", "防災課"]])
    ctx = browser.new_context(locale="ja-JP", viewport={"width": width, "height": 900}, accept_downloads=True)
    try:
        pg = ctx.new_page()
        pg.goto(app_url)
        pg.get_by_role("tab", name="レポート").first.click()
        pg.locator("input[type=file]").first.set_input_files(str(plan))
        pg.get_by_text("質問の列は「質問」").wait_for(timeout=30_000)
        # before a report: no empty chart frames, no empty download box
        assert pg.evaluate(VISIBLE_PLOTS) == 0
        assert pg.get_by_text("ダウンロード (XLSX").count() == 0
        pg.get_by_role("button", name="レポート作成").click()
        pg.get_by_text("3 行を処理しました").wait_for(timeout=120_000)
        pg.wait_for_function("document.querySelectorAll('a[download]').length >= 5", timeout=30_000)
        assert pg.evaluate(VISIBLE_PLOTS) == 2
        assert pg.evaluate("document.documentElement.scrollWidth") <= width  # the page itself never scrolls sideways
        assert pg.locator("#report-files button[aria-label='Remove this file']").filter(visible=True).count() == 0
        pg.screenshot(path=str(SHOTS / f"report-tab-{width}.png"), full_page=True)
        link = pg.locator("a[download]").filter(has_text="KB").first  # the report files, after the 263-byte upload
        names = [a.get_attribute("download") or "" for a in pg.locator("a[download]").all()]
        assert {"plan.report.xlsx", "plan.report.csv", "plan.report.html", "plan.report.jsonl"} <= set(names), names
        xlsx = pg.locator("a[download='plan.report.xlsx']")
        with pg.expect_download() as d:
            (xlsx if xlsx.count() else link).click()
        saved = tmp_path / "plan.report.xlsx"
        d.value.save_as(saved)
        wb = load_workbook(saved)
        assert wb.sheetnames == ["要約", "一致", "網羅", "工程表", "数値目標"]
        header = [c.value for c in wb["一致"][1]]
        assert header[:4] == ["行", "番号", "担当課", "質問"]  # the other columns carried, in the input's order
        targets = list(wb["数値目標"].iter_rows(min_row=2, values_only=True))
        assert ("03-02", 3000) in {(r[0], r[3]) for r in targets}  # EdTech → 03-02's 約3000校
    finally:
        ctx.close()
