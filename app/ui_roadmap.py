"""The web app's 工程表 tab: the measures' milestones by year (a timeline, coloured by lead ministry, grouped by
chapter) and one row per milestone, narrowed by year range, status, kind, numeric KPI target, chapter and
ministry, with the XLSX / HTML to download. All work is the library's (index.roadmap, index.report.roadmap_files);
this module picks the inputs and shows the results, escaped."""

from __future__ import annotations

import html
from typing import Any

from index.assist import chapter_titles
from index.report.roadmap_files import (ROADMAP_HEADERS, roadmap_rows, target_rows, timeline_chart, write_roadmap,
                                        year_list_html)
from index.retrieve import Filters
from index.roadmap import KIND_LABELS

__all__ = ["roadmap_tab", "roadmap_view", "chart_html", "ROADMAP_CSS"]

# A phone (under 700 px) gets the milestones as a list by year instead of a chart two screens wide (its names were
# 5 px high) and a table of six columns; the targets' rows become cards (app.ui's stacked tables, class stack)
ROADMAP_CSS = """
#roadmap-table .roadmap-years { display: none; } .roadmap-years ul { list-style: none; padding: 0; margin: 0; }
.roadmap-years h3 { margin: 14px 0 4px; border-bottom: 1px solid #ddd; }
.roadmap-years li { margin: 6px 0; padding-bottom: 6px; border-bottom: 1px dotted #ddd; }
.roadmap-years .mark { font-size: 1.1em; } .roadmap-years .sentence { font-size: 0.9em; }
@media (max-width: 700px) {
  #roadmap-chart, #roadmap-table .roadmap-table { display: none !important; }
  #roadmap-table .roadmap-years { display: block; }
}
"""

_ALL = "すべて"
_STATUS = {_ALL: "", "予定": "planned", "実施済み": "past"}


def _e(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def _filters(year_from, year_to, status, kinds, has_target, chapters, ministries) -> Filters:
    def year(v):
        return int(v) if v not in (None, "", _ALL) else None

    return Filters(year_from=year(year_from), year_to=year(year_to), status=_STATUS.get(status or _ALL, ""),
                   kinds=tuple(kinds or ()), has_target=bool(has_target),
                   chapters=tuple(c.split()[0] for c in (chapters or ())), ministries=tuple(ministries or ()))


def roadmap_view(retriever, year_from=None, year_to=None, status=_ALL, kinds=(), has_target=False, chapters=(),
                 ministries=()):
    """(timeline figure or None, summary HTML, table HTML) of the cards the filters keep."""
    f = _filters(year_from, year_to, status, kinds, has_target, chapters, ministries)
    keep = retriever.facets.mask(f).nonzero()[0] if f else range(len(retriever.cards))
    cards = [retriever.cards[int(i)] for i in keep]
    roads = [retriever.roadmaps[int(i)] for i in keep]
    if f.dated:  # show the milestones that meet the filters, not every milestone of the cards that have one
        from dataclasses import replace

        roads = [replace(r, milestones=tuple(m for m in r.milestones if f.milestone_ok(m))) for r in roads]
    titles = chapter_titles(retriever.cards)
    fig = timeline_chart(cards, roads, retriever.table_year, titles)
    rows = roadmap_rows(cards, roads, titles)
    n_cards = sum(1 for r in roads if r.milestones)
    summary = (f"<p class='meta'>{n_cards} 施策・{len(rows)} 件のマイルストーン・数値目標のある施策 "
               f"{sum(1 for r in roads if r.targets)} 件 (年度 = 4月〜翌3月。状況は表の年度 {retriever.table_year} "
               f"に対して。白抜きの印 = 実施済み)</p>")
    cols = [0, 1, 3, 4, 9, 11]
    table = [year_list_html(cards, roads), "<div class='roadmap-table' style='overflow-x:auto'><table class='fields'><tr>"
             + "".join(f"<th>{_e(ROADMAP_HEADERS[i])}</th>" for i in cols) + "</tr>"]
    for row in rows[:1000]:
        sentence = _e(row[11]).replace(_e(row[10]), f"<mark>{_e(row[10])}</mark>", 1)
        table.append("<tr>" + "".join(f"<td>{_e(row[i])}</td>" for i in cols[:-1]) + f"<td>{sentence}</td></tr>")
    table.append("</table></div>")
    targets = target_rows(cards, roads)
    if targets:
        table.append("<h4>数値目標 (KPI)</h4><div class='stack' style='overflow-x:auto'><table class='fields'><thead><tr>"
                     "<th>施策番号</th><th>施策名</th><th>目標値</th><th>年</th><th>KPI・文</th></tr></thead><tbody>")
        label = "<span class='label'>{}：</span>"  # shown on a phone only, where each row is a card
        table += [f"<tr><td>{_e(t[0])}</td><td>{_e(t[1])}</td><td>{label.format('目標値')}{_e(t[3])}{_e(t[4])}</td>"
                  f"<td>{label.format('年')}{_e(t[5])}</td><td>{label.format('KPI・文')}{_e(t[7])}</td></tr>"
                  for t in targets[:1000]]
        table.append("</tbody></table></div>")
    if not rows and not targets:
        table = ["<p class='meta'>条件に合うマイルストーンはありません。</p>"]
    return fig, summary, "".join(table), (cards, roads, titles)


def chart_html(fig) -> str:
    """The timeline as an inline PNG that keeps a readable width on a phone and scrolls sideways there."""
    from index.report import charts
    from index.report.writers import image_tag

    if fig is None:
        return ""
    img = image_tag(charts.png(fig, dpi=90), "工程表: 施策ごとのマイルストーン").replace(
        "<img ", "<img style='width:100%; min-width:860px; height:auto' ", 1)
    return f"<div style='overflow-x:auto'>{img}</div>"


def roadmap_tab(retriever) -> None:
    """The 工程表 tab, built inside the caller's gr.Blocks (inside its gr.Tabs, if any)."""
    import gradio as gr

    from app.ui_reports import output_folder

    titles = chapter_titles(retriever.cards)
    years = sorted({m.year for r in retriever.roadmaps for m in r.milestones})
    ministries = sorted({m for c in retriever.cards for m in c.lead_ministries})
    with gr.Tab("工程表"):
        with gr.Row():
            y0 = gr.Dropdown([_ALL] + [str(y) for y in years], value=_ALL, label="年から", min_width=120)
            y1 = gr.Dropdown([_ALL] + [str(y) for y in years], value=_ALL, label="年まで", min_width=120)
            st = gr.Radio(list(_STATUS), value=_ALL, label="状況", min_width=200)
            tg = gr.Checkbox(label="数値目標のある施策のみ", min_width=160)
        with gr.Row():
            kd = gr.Dropdown([(v, k) for k, v in KIND_LABELS.items()], multiselect=True, label="種別", min_width=160)
            ch = gr.Dropdown([(t, c) for c, t in titles.items()], multiselect=True, label="章", min_width=160)
            mi = gr.Dropdown(ministries, multiselect=True, label="主担当を含む府省庁", min_width=160)
        fig0, summary0, table0, _ = roadmap_view(retriever)  # the whole table's 工程表 until a filter is chosen
        summary = gr.HTML(summary0, elem_id="roadmap-summary")
        chart = gr.HTML(chart_html(fig0), elem_id="roadmap-chart")
        table = gr.HTML(table0, elem_id="roadmap-table")
        save = gr.Button("XLSX / HTML を作成", elem_id="roadmap-save")
        files = gr.File(label="ダウンロード", file_count="multiple")
        inputs: list[Any] = [y0, y1, st, kd, tg, ch, mi]  # Gradio adds .change at run time

        def show(*args):
            fig, s, t, _ = roadmap_view(retriever, *args)
            return chart_html(fig), s, t

        def download(*args):
            _, _, _, (cards, roads, ttl) = roadmap_view(retriever, *args)
            folder = output_folder()
            return [str(write_roadmap(cards, fmt, folder / f"roadmap.{fmt}", "施策集", roads, retriever.table_year,
                                      ttl)) for fmt in ("xlsx", "html")]

        for c in inputs:
            c.change(show, inputs, [chart, summary, table], api_visibility="private", show_progress="minimal")
        save.click(download, inputs, [files], api_visibility="private")
