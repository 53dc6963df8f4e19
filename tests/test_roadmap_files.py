"""The 工程表 report's layout (index.report.roadmap_files): every chapter name drawn whole inside the timeline, and the
HTML page readable on a 400 px phone (the milestones as a list by year, the targets as cards: nothing to scroll
sideways) and at 1400 px (the chart and the tables)."""

import os

import pytest

from index.assist import chapter_titles
from index.report.roadmap_files import timeline_chart, write_roadmap
from index.roadmap import roadmaps


def _texts_outside(fig) -> list[str]:
    """The texts of a drawn figure (tick labels, chapter names, notes) that reach past its edges."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)  # what charts.png draws with
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    texts = [t for ax in fig.axes for t in (*ax.texts, *ax.get_yticklabels(), *ax.get_xticklabels(), ax.title)]
    out = []
    for t in texts:
        if not t.get_text() or not t.get_visible():
            continue
        e = t.get_window_extent(renderer)
        if e.x0 < box.x0 - 0.5 or e.x1 > box.x1 + 0.5 or e.y0 < box.y0 - 0.5 or e.y1 > box.y1 + 0.5:
            out.append(t.get_text())
    return out


def test_the_timeline_asks_for_no_font_weight_the_bundled_font_lacks(cards, caplog):
    # bold chapter names printed 「findfont: Failed to find font weight bold for IPAexGothic」 under every report
    import logging

    from index.report import charts

    table = list(cards)
    with caplog.at_level(logging.WARNING, logger="matplotlib.font_manager"):
        charts.png(timeline_chart(table, roadmaps(table), 2021, chapter_titles(table)))
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]


def test_every_chapter_name_is_drawn_whole_inside_the_timeline(cards):
    # before: the names sat in a margin right of the plot and ran past the figure's edge, cut off in the PNG
    # (「03 準公共分野のデジタル化（教育・医療」, 「04 成長・規制改革（電子インボイス・ド」)
    table = list(cards)
    titles = chapter_titles(table)
    fig = timeline_chart(table, roadmaps(table), 2021, titles)
    assert _texts_outside(fig) == []
    drawn = {t.get_text() for t in fig.axes[0].texts}
    dated = {c.chapter for c, r in zip(table, roadmaps(table)) if r.milestones}
    assert {titles[ch] for ch in dated} <= drawn  # each whole, not cut at 20 characters
    assert any(len(titles[ch]) > 20 for ch in dated)


@pytest.mark.browser
@pytest.mark.slow
def test_the_roadmap_page_reads_on_a_phone_and_on_a_wide_screen(cards, tmp_path):
    from test_browser import ARGS, CHROMIUM, NOT_RUN, SHOTS, _missing

    missing = _missing()
    if missing:
        if os.environ.get("SEISAKU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{NOT_RUN}: {missing}")
        pytest.skip(f"{NOT_RUN}: {missing}")
    from playwright.sync_api import sync_playwright

    table = list(cards)
    roads = roadmaps(table)
    page = write_roadmap(table, "html", tmp_path / "roadmap.html", chapters=chapter_titles(table))
    SHOTS.mkdir(parents=True, exist_ok=True)
    # the boxes around each shown table: [visible width, content width]
    boxes = ("[...document.querySelectorAll('table')].filter(t => t.offsetParent).map(e => e.parentElement)"
             ".map(e => [e.clientWidth, e.scrollWidth])")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in (400, 1400):
                pg = b.new_page(viewport={"width": width, "height": 900})
                pg.goto(page.as_uri())
                chart = pg.locator("img[alt='工程表']")
                years = pg.locator(".roadmap-years")
                assert pg.evaluate("document.documentElement.scrollWidth") == width  # the page itself never scrolls
                if width == 400:
                    # before: a chart 762 px wide in a 368 px box, its names 5 px high, and a table of 900 px: now
                    # every milestone is in the list by year, with its sentence, and no table scrolls sideways
                    assert not chart.is_visible() and years.is_visible()
                    assert years.locator("li").count() == sum(len(r.milestones) for r in roads) == 135
                    first = years.locator("li").first.inner_text()
                    assert "[05-32]" in first and "平成27年(2015年)4月から" in first and "以降" in first
                    assert all(scroll <= client for client, scroll in pg.evaluate(boxes))
                    years.screenshot(path=str(SHOTS / "roadmap-report-400.png"))
                else:  # at full width the chart and the tables, nothing needs to scroll
                    assert not years.is_visible()
                    assert 760 <= chart.bounding_box()["width"] <= width
                    assert all(scroll <= client for client, scroll in pg.evaluate(boxes))
                    chart.screenshot(path=str(SHOTS / f"roadmap-report-{width}.png"))
                pg.close()
        finally:
            b.close()
