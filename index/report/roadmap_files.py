"""The 工程表 as a report: a timeline of the measures by year (each milestone a mark, coloured by lead ministry,
grouped by chapter) and one row per milestone (施策番号, 施策名, milestone, kind, year, sentence), in the HTML
report, as a sheet of the XLSX, and on its own (`seisaku roadmap`: XLSX, CSV, HTML or JSONL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Sequence

from ..guard import as_text_cell, csv_text
from ..corpus import PolicyCard
from ..roadmap import FIELD_NAMES, KIND_LABELS, Roadmap, roadmaps, table_year
from . import charts
from .table import ReportError
from .base import check_output, escape_text, fit_page, image_tag, page_head, xlsx_cell

__all__ = ["ROADMAP_HEADERS", "roadmap_rows", "timeline_chart", "roadmap_html", "write_roadmap", "MARKERS",
           "CHART_MAX_CARDS", "scope_text", "no_milestones_note", "no_targets_note", "year_list_html"]

ROADMAP_HEADERS = ["施策番号", "施策名", "章", "主担当", "時期", "種別", "年", "年度/暦年", "月", "状況",
                   "マイルストーン", "文", "欄"]
STATUS_JA = {"past": "実施済み", "planned": "予定"}
#: Marker of each kind on the timeline: start ▲, deadline ◆, during ●, from ▶ (from then on), review ■.
MARKERS = {"start": "^", "deadline": "D", "during": "o", "from": ">", "review": "s"}
CHART_MAX_CARDS = 150  # rows a timeline draws at most (the sheet and the table carry every milestone)
_WIDTHS = [9, 32, 18, 14, 16, 8, 7, 8, 5, 8, 28, 60, 12]


def _lead(card: PolicyCard) -> str:
    return "、".join(card.lead_ministries) or "-"


def roadmap_rows(cards: Sequence[PolicyCard], roads: Sequence[Roadmap], chapters: dict[str, str] | None = None
                 ) -> list[list]:
    """One row per milestone, cards in table order and each card's milestones in time order."""
    rows = []
    for c, r in zip(cards, roads):
        for m in sorted(r.milestones, key=lambda m: m.sort_key):
            rows.append([c.id, c.name, (chapters or {}).get(c.chapter, c.chapter), _lead(c), m.label,
                         KIND_LABELS[m.kind], m.year, "年度" if m.fiscal else "暦年", m.month or "",
                         STATUS_JA[m.status], m.text, m.sentence, FIELD_NAMES.get(m.field, m.field)])
    return rows


def target_rows(cards: Sequence[PolicyCard], roads: Sequence[Roadmap]) -> list[list]:
    """One row per KPI target: 施策番号, 施策名, 主担当, 目標値, 単位, 年, 欄, KPI."""
    return [[c.id, c.name, _lead(c), t.value if t.value != int(t.value) else int(t.value), t.unit + t.comparison,
             t.year or "", FIELD_NAMES.get(t.field, t.field), t.kpi]
            for c, r in zip(cards, roads) for t in r.targets]


TARGET_HEADERS = ["施策番号", "施策名", "主担当", "目標値", "単位", "年", "欄", "KPI・文"]


def timeline_chart(cards: Sequence[PolicyCard], roads: Sequence[Roadmap], as_of: int | None = None,
                   chapters: dict[str, str] | None = None, max_cards: int = CHART_MAX_CARDS):
    """The 工程表 chart: one line per card with milestones (grouped by chapter, table order), time across; each
    milestone a mark by kind, coloured by the card's lead ministry, hollow when past; a dashed line at the table's
    year. None when no card has a milestone."""
    dated = [(c, r) for c, r in zip(cards, roads) if r.milestones][:max_cards]
    if not dated:
        return None
    dated.sort(key=lambda cr: (cr[0].chapter, cr[0].id))
    leads = sorted({(c.lead_ministries or ("-",))[0] for c, _ in dated})
    color = {m: charts._PALETTE[i % len(charts._PALETTE)] for i, m in enumerate(leads)}
    xs = [m.sort_key[0] for _, r in dated for m in r.milestones]
    lo, hi = int(min(xs)), int(max(xs)) + 1
    # each chapter opens with a line of its own that carries its whole name, from the left edge of the plot: in a
    # margin right of the plot the names had room for 20 characters up to the figure's edge (「03 準公共分野のデジタル化
    # （教育・医療」, its parenthesis left open)
    lines: list[tuple[str, PolicyCard | None, Roadmap | None]] = []
    for c, r in dated:
        if not lines or c.chapter != lines[-1][0]:
            lines.append((c.chapter, None, None))
        lines.append((c.chapter, c, r))
    n = len(lines)
    fig = charts.figure(11, 1.6 + 0.26 * n)
    ax = fig.add_subplot()
    ylabels = []
    band = 0
    for y, (ch, card, road) in enumerate(lines):
        if card is None or road is None:  # a chapter's line: its name, and a shaded band every other chapter
            end = next((k for k in range(y + 1, n) if lines[k][1] is None), n)
            shaded = band % 2 == 0
            if shaded:
                ax.axhspan(y - 0.5, end - 0.5, color="#f1f3f5", zorder=0)
            band += 1
            # no bold: the bundled Japanese font has one weight (asking for bold printed a findfont warning on every
            # report); a backing box keeps the 計画年度 line and the year grid from striking through the name
            ax.text(0.005, y, (chapters or {}).get(ch, f"第{ch}章"), transform=ax.get_yaxis_transform(),
                    fontsize=8, color="#212529", va="center", ha="left", clip_on=True, zorder=4,
                    bbox={"boxstyle": "square,pad=0.15", "facecolor": "#f1f3f5" if shaded else "white",
                          "edgecolor": "none"})
            ylabels.append("")
            continue
        c, r = card, road
        col = color[(c.lead_ministries or ("-",))[0]]
        ks = sorted(m.sort_key[0] for m in r.milestones)
        ax.hlines(y, ks[0], ks[-1], color=col, alpha=0.35, linewidth=2)
        for m in r.milestones:
            past = m.status == "past"
            ax.scatter([m.sort_key[0]], [y], marker=MARKERS[m.kind], s=46, zorder=3,
                       facecolors="white" if past else col, edgecolors=col, linewidths=1.3)
        ylabels.append(f"{c.id} {c.name[:16]}{'…' if len(c.name) > 16 else ''}")
    if as_of is not None:
        ax.axvline(as_of + 0.25, color="#868e96", linestyle="--", linewidth=1)
        ax.text(as_of + 0.27, -0.75, f"計画年度 {as_of}", fontsize=8, color="#495057")
    ax.set_yticks(range(n), ylabels, fontsize=7.5)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(n - 0.5, -1.2)
    ax.set_xlim(lo - 0.2, hi + 0.6)
    ax.set_xticks(range(lo, hi + 1), [str(y) for y in range(lo, hi + 1)], fontsize=8)
    ax.grid(axis="x", color="#dee2e6", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("工程表: 施策ごとのマイルストーン (年度は4月始まりの位置、白抜き = 実施済み)", fontsize=10)
    from matplotlib.lines import Line2D

    kinds = [Line2D([], [], marker=MARKERS[k], linestyle="", color="#495057", label=KIND_LABELS[k]) for k in MARKERS]
    ministries = [Line2D([], [], marker="o", linestyle="", color=color[m], label=m) for m in leads]
    fig.legend(handles=kinds + ministries, loc="outside lower center", ncol=min(8, len(kinds) + len(ministries)),
               fontsize=7.5, frameon=False)
    return fig


#: The timeline's marks as text, for the list a phone shows instead of the chart: (planned, past = hollow)
MARK_TEXT = {"start": ("▲", "△"), "deadline": ("◆", "◇"), "during": ("●", "○"), "from": ("▶", "▷"),
             "review": ("■", "□")}


def year_list_html(cards: Sequence[PolicyCard], roads: Sequence[Roadmap]) -> str:
    """The 工程表 as a list by year, for a screen too narrow for the timeline (a phone, under 700 px): each
    milestone under its year, marked as on the chart (kind, lead ministry's colour, hollow when past), with its
    card, lead ministry and sentence. The page's CSS shows it in place of the chart and the table there."""
    dated = [(c, r) for c, r in zip(cards, roads) if r.milestones]
    leads = sorted({(c.lead_ministries or ("-",))[0] for c, _ in dated})  # the chart's colours (timeline_chart)
    color = {m: charts._PALETTE[i % len(charts._PALETTE)] for i, m in enumerate(leads)}
    by_year: dict[int, list] = {}
    for c, r in dated:
        for m in r.milestones:
            by_year.setdefault(m.year, []).append((m.sort_key, c.id, c, m))
    legend = " ".join(f"{MARK_TEXT[k][0]} {KIND_LABELS[k]}" for k in MARK_TEXT)
    out = [f"<div class='roadmap-years'><p class='meta'>{legend}（白抜き = 実施済み、色 = 主担当府省庁）</p>"]
    for year in sorted(by_year):
        out.append(f"<h3>{year}年</h3><ul>")
        for _, _, c, m in sorted(by_year[year], key=lambda t: (t[0], t[1])):
            mark = MARK_TEXT[m.kind][m.status == "past"]
            sentence = escape_text(m.sentence).replace(escape_text(m.text), f"<mark>{escape_text(m.text)}</mark>", 1)
            out.append(f"<li><span class='mark' style='color:{color[(c.lead_ministries or ('-',))[0]]}'>{mark}</span> "
                       f"<b>{escape_text(m.label)}</b> <span class='meta'>{STATUS_JA[m.status]}</span><br>"
                       f"<b>[{escape_text(c.id)}]</b> {escape_text(c.name)} <span class='meta'>({escape_text(_lead(c))})"
                       f"</span><div class='sentence'>{sentence}</div></li>")
        out.append("</ul>")
    return "".join(out) + "</div>"


def scope_text(cards: Sequence[PolicyCard], what: str = "回答として一致した") -> str:
    """Which cards a 工程表 covers, for the line that says why a table of it is empty: 「回答として一致した 5 施策
    (03-18, 03-19, …)」."""
    ids = [c.id for c in cards]
    if not ids:
        return f"{what}施策がないため、"
    shown = ", ".join(ids[:8]) + (f" ほか {len(ids) - 8} 施策" if len(ids) > 8 else "")
    return f"{what} {len(ids)} 施策 ({shown}) には"


def no_milestones_note(scope: str) -> str:
    return f"{scope}日付のある記述 (令和3年度中、2025年度までに など) はありません。"


def no_targets_note(scope: str) -> str:
    # an analyst who opens an empty 数値目標 sheet must be able to tell "none in these cards" from "not computed"
    return (f"{scope}数値目標 (3,000人、100% のような数値と単位のある KPI) はありません。"
            + ("基準値・現状値 (「令和2年度末・718団体」など) は目標として数えていません。" if scope.endswith("には") else ""))


def roadmap_html(cards: Sequence[PolicyCard], roads: Sequence[Roadmap], as_of: int | None,
                 chapters: dict[str, str] | None = None, heading: str = "h2", scope: str | None = None) -> str:
    """The 工程表 section of a page: the timeline, then the milestones and the KPI targets as tables; an empty part
    says so for `scope` (scope_text) rather than vanish."""
    out = [f"<{heading} id='roadmap'>工程表</{heading}>"]
    scope = scope if scope is not None else scope_text(cards, "この")
    fig = timeline_chart(cards, roads, as_of, chapters)
    rows = roadmap_rows(cards, roads, chapters)
    if fig is None:
        return ("".join(out) + f"<p class='meta'>{escape_text(no_milestones_note(scope))}</p>"
                + (f"<p class='meta'>{escape_text(no_targets_note(scope))}</p>" if not target_rows(cards, roads)
                   else "") + "\n")
    n_cards = sum(1 for r in roads if r.milestones)
    out.append(f"<p class='meta'>{n_cards} 施策・{len(rows)} 件のマイルストーン (年度 = 4月〜翌3月。状況は表の年度 "
               f"{escape_text(as_of)} に対して)。</p><div class='charts wide timeline'>{image_tag(charts.png(fig), '工程表')}"
               "</div>" + year_list_html(cards, roads))
    cols = [0, 1, 3, 4, 5, 9, 11]
    nowrap = " class='nowrap'"  # 施策番号, 時期, 種別, 状況: short, and read badly broken (「03-」「44」)
    lead = " class='lead'"
    out.append("<div class='scroll-table roadmap-table'><table><tr>" + "".join(f"<th>{escape_text(ROADMAP_HEADERS[i])}</th>" for i in cols)
               + "</tr>")
    for row in rows:
        sentence = escape_text(row[11]).replace(escape_text(row[10]), f"<mark>{escape_text(row[10])}</mark>", 1)
        # 主担当 keeps a ministry's name on one line (「経済産業省」 was cut into 「経済 / 産業 / 省」)
        out.append("<tr>" + "".join(f"<td{nowrap if i in (0, 4, 5, 9) else lead if i == 3 else ''}>"
                                    f"{escape_text(row[i])}</td>" for i in cols[:-1]) + f"<td>{sentence}</td></tr>")
    out.append("</table></div>")
    targets = target_rows(cards, roads)
    if targets:
        # on a phone each row is a card, every value under its column's name (data-label; see PAGE_CSS)
        out.append("<h3>数値目標 (KPI)</h3><div class='scroll-table stack'><table><tr>"
                   + "".join(f"<th>{escape_text(h)}</th>" for h in TARGET_HEADERS) + "</tr>")
        out += ["<tr>" + "".join(f"<td data-label='{escape_text(h)}'>{escape_text(v)}</td>"
                                 for h, v in zip(TARGET_HEADERS, row)) + "</tr>" for row in targets]
        out.append("</table></div>")
    else:
        out.append(f"<h3>数値目標 (KPI)</h3><p class='meta'>{escape_text(no_targets_note(scope))}</p>")
    return "".join(out) + "\n"


def add_roadmap_sheets(wb, cell, cards: Sequence[PolicyCard], roads: Sequence[Roadmap],
                       chapters: dict[str, str] | None = None, scope: str | None = None) -> None:
    """Sheets 工程表 (one row per milestone) and 数値目標 on a workbook, each value through `cell` (the writer's own
    cell function, so that what it does to a value, e.g. neutralising formulas, applies here too). A sheet with no
    row gets one line saying why, for `scope` (scope_text): an empty sheet reads as a failure."""
    scope = scope if scope is not None else scope_text(cards, "この")
    for title, headers, rows, widths, wrap, note in (
            ("工程表", ROADMAP_HEADERS, roadmap_rows(cards, roads, chapters), _WIDTHS, {1, 2, 3, 10, 11},
             no_milestones_note(scope)),
            ("数値目標", TARGET_HEADERS, target_rows(cards, roads), [9, 32, 14, 10, 8, 7, 12, 60], {1, 7},
             no_targets_note(scope))):
        ws = wb.create_sheet(title)
        fit_page(ws)
        from .table import column_letter

        for i, w in enumerate(widths):
            ws.column_dimensions[column_letter(i)].width = w
        ws.freeze_panes = "C2"
        ws.auto_filter.ref = f"A1:{column_letter(len(headers) - 1)}1"
        ws.append([cell(ws, h, head=True) for h in headers])
        for row in rows:
            ws.append([cell(ws, v, wrap=i in wrap) for i, v in enumerate(row)])
        if not rows:  # not wrapped: the line runs on over the empty cells to its right
            ws.append([cell(ws, note)])


def _plain_cell(ws, v, head: bool = False, wrap: bool = False):
    """A cell for a normal (not write-only) workbook, styled like the report's."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    c = as_text_cell(WriteOnlyCell(ws, value=xlsx_cell(v)))  # card text from a table is never a formula
    if head:
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    c.alignment = Alignment(wrap_text=head or wrap, vertical="top")
    return c


def write_roadmap(cards: Sequence[PolicyCard], fmt: str, path: str | Path, source: str = "施策集",
                  roads: Sequence[Roadmap] | None = None, as_of: int | None = None,
                  chapters: dict[str, str] | None = None) -> Path:
    """Write the table's 工程表 in `fmt` (jsonl: one object per card with its milestones and targets)."""
    from ..atomic import atomic_write_bytes

    path = check_output(path)
    cards = list(cards)
    as_of = as_of if as_of is not None else table_year(cards)
    roads = list(roads) if roads is not None else roadmaps(cards, as_of)
    title = f"工程表: {source}"
    if fmt == "jsonl":
        data = "".join(json.dumps({"id": c.id, "name": c.name, "lead": list(c.lead_ministries), **r.to_dict()},
                                  ensure_ascii=False) + "\n" for c, r in zip(cards, roads)).encode("utf-8")
    elif fmt == "csv":
        text = io.StringIO()
        w = csv.writer(text)
        w.writerow(ROADMAP_HEADERS)
        w.writerows([[csv_text(xlsx_cell(v)) for v in row] for row in roadmap_rows(cards, roads, chapters)])
        data = ("\ufeff" + text.getvalue()).encode("utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.drawing.image import Image

        wb = Workbook(write_only=True)
        summary = wb.create_sheet("要約")
        summary.column_dimensions["A"].width = 24
        summary.column_dimensions["B"].width = 40
        n_ms = sum(len(r.milestones) for r in roads)
        for line in ([_plain_cell(summary, title, head=True)], ["作成日時", datetime.now().strftime("%Y-%m-%d %H:%M")],
                     ["施策数", len(cards)], ["マイルストーンのある施策", sum(1 for r in roads if r.milestones)],
                     ["マイルストーン", n_ms], ["数値目標のある施策", sum(1 for r in roads if r.targets)],
                     ["表の年度 (実施済み / 予定の基準)", as_of]):
            summary.append(line)
        fig = timeline_chart(cards, roads, as_of, chapters)
        if fig is not None:
            summary.add_image(Image(io.BytesIO(charts.png(fig, dpi=80))), "D2")
        add_roadmap_sheets(wb, _plain_cell, cards, roads, chapters)
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    elif fmt == "html":
        data = (page_head(title) + f"<h1>{escape_text(title)}</h1><p class='meta'>作成 {datetime.now():%Y-%m-%d %H:%M} ・ "
                f"{len(cards)} 施策</p>" + roadmap_html(cards, roads, as_of, chapters) + "</body></html>\n"
                ).encode("utf-8")
    else:
        raise ReportError(f"形式 {fmt!r} には対応していません (xlsx, csv, html, jsonl)", f"unknown format {fmt!r}")
    try:
        atomic_write_bytes(path, data)
    except OSError as e:
        raise ReportError(f"{path}: 書き込めません ({e.strerror})", f"{path}: cannot write: {e}") from None
    return path
