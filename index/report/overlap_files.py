"""Files of `seisaku similar`: the overlap of one table (pairs, clusters, heatmap, map) and the comparison of two
(continued / changed / new / dropped), as JSONL, CSV, XLSX or HTML; small, so built in memory and written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime
from pathlib import Path

import numpy as np

from ..atomic import atomic_write_bytes
from ..guard import as_text_cell, csv_text
from . import charts
from .similar import LABEL_JA, Comparison, Overlap
from .formats import unknown_format
from .table import ReportError
from .writers import check_output, escape_text, fit_page, image_tag, page_head, xlsx_cell

__all__ = ["write_overlap", "write_comparison", "overlap_figures", "pair_rows", "comparison_rows"]


def overlap_figures(ov: Overlap):
    """(heatmap, map) figures of an overlap."""
    order = ov.order
    ids = [c.id for c in ov.cards]
    heat = charts.heatmap(ov.scores[np.ix_(order, order)], [ids[i] for i in order], [ov.cluster_of[i] for i in order])
    cmap = charts.card_map(ov.xy, ids, [ov.lead_of(i) for i in range(len(ov.cards))])
    return heat, cmap


PAIR_HEADERS = ["施策番号 A", "施策名 A", "主担当 A", "施策番号 B", "施策名 B", "主担当 B", "類似度", "意味", "語彙", "共通語",
                "主担当が異なる", "目的", "成果", "理由"]


def pair_rows(ov: Overlap) -> list[list]:
    by_id = {c.id: c for c in ov.cards}
    out = []
    for p in ov.pairs:
        a, b = by_id[p.a], by_id[p.b]
        out.append([p.a, a.name, "、".join(a.lead_ministries), p.b, b.name, "、".join(b.lead_ministries),
                    round(p.score, 3), round(p.meaning, 3), round(p.wording, 3), "・".join(p.shared_terms),
                    "◯" if p.cross_ministry else "", round(getattr(p, "purpose", 0.0), 3),
                    round(getattr(p, "outcome", 0.0), 3),
                    " / ".join(getattr(p, "reasons", [])[:4])])
    return out


COMPARISON_HEADERS = ["行", "B の施策番号", "B の施策名", "判定", "最も近い A の施策番号", "A の施策名", "類似度", "2番目", "3番目"]


def comparison_rows(cmp: Comparison) -> list[list]:
    names = {c.id: c.name for c in cmp.a_cards}
    out = []
    for r in cmp.rows:
        first = r.matches[0] if r.matches else ("", 0.0)
        rest = [f"{i} ({s:.2f})" for i, s in r.matches[1:3]]
        out.append([r.row, r.id or "", r.name, LABEL_JA[r.label], first[0], names.get(first[0], ""),
                    round(first[1], 3), *(rest + ["", ""])[:2]])
    return out


def csv_bytes(headers: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([csv_text(h) for h in headers])
    w.writerows([csv_text(v) for v in row] for row in rows)  # card names from another table: never a live formula
    return buf.getvalue().encode("utf-8-sig")


def table_sheet(wb, title: str, headers: list[str], rows: list[list], widths: list[int], wrap: frozenset[int] | set[int] = frozenset(),
                empty: str | None = None):
    """A sheet of `rows` under a header; with no row, the line `empty` says why (a bare header reads as a failure)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    fit_page(ws)
    _append_text(ws, headers)
    for row in rows:
        _append_text(ws, row)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for c in ws[1]:
        c.font, c.fill, c.alignment = bold, fill, Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = Alignment(wrap_text=(c.column - 1) in wrap, vertical="top")
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    elif empty:
        _append_text(ws, [empty])  # not wrapped: it runs on over the empty cells to its right
    return ws


def _append_text(ws, values: list) -> None:
    """Append a row whose text cells stay text: openpyxl makes a formula of any str starting with '='."""
    ws.append([xlsx_cell(v) for v in values])
    for c in ws[ws.max_row]:
        as_text_cell(c)


def summary_sheet(wb, lines: list[list], images: list[bytes]):
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = "要約"
    fit_page(ws)
    for line in lines:
        _append_text(ws, line)
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 60
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    anchor = len(lines) + 3
    for data in images:
        img = Image(io.BytesIO(data))
        ws.add_image(img, f"A{anchor}")
        anchor += int(img.height / 20) + 2


def xlsx_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
        os.chmod(path, 0o644)  # as a report's files (AtomicFile): a temp file's 0600 would keep others out
    except OSError as e:
        raise ReportError(f"{path}: 書き込めません ({e.strerror})", f"{path}: cannot write: {e}") from None


def write_overlap(ov: Overlap, fmt: str, path: str | Path, source: str = "施策集") -> Path:
    """Write the overlap of one table in `fmt` (jsonl: one pair a line, best first)."""
    path = check_output(path)
    if fmt == "jsonl":
        data = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in ov.pairs).encode("utf-8")
    elif fmt == "csv":
        data = csv_bytes(PAIR_HEADERS, pair_rows(ov))
    elif fmt == "xlsx":
        from openpyxl import Workbook

        heat, cmap = overlap_figures(ov)
        wb = Workbook()
        cross = sum(p.cross_ministry for p in ov.pairs)
        summary_sheet(wb, [[f"施策の重複・類似: {source}"],
                            ["作成日時", datetime.now().strftime("%Y-%m-%d %H:%M")],
                            ["施策数", len(ov.cards)], ["閾値", ov.threshold],
                            ["閾値以上のペア", len(ov.pairs)], ["うち主担当が異なるペア", cross],
                            ["クラスタ数 (2施策以上)", len(ov.clusters)], ["類似度の説明", ov.explanation]],
                       [charts.png(heat, dpi=80), charts.png(cmap, dpi=80)])
        table_sheet(wb, "ペア", PAIR_HEADERS, pair_rows(ov), [9, 34, 14, 9, 34, 14, 8, 7, 7, 30, 9, 7, 7, 60], {1, 4, 9, 13})
        by_id = {c.id: c for c in ov.cards}
        rows = [[cl.number, cl.name, cid, by_id[cid].name, "、".join(by_id[cid].lead_ministries)]
                for cl in ov.clusters for cid in cl.ids]
        table_sheet(wb, "クラスタ", ["クラスタ", "クラスタ名 (主な語)", "施策番号", "施策名", "主担当"], rows,
               [8, 28, 9, 50, 16], {1, 3})
        data = xlsx_bytes(wb)
    elif fmt == "html":
        data = _overlap_html(ov, source).encode("utf-8")
    else:
        raise unknown_format(fmt)
    write_atomically(path, data)
    return path


def _overlap_html(ov: Overlap, source: str) -> str:
    heat, cmap = overlap_figures(ov)
    title = f"施策の重複・類似: {source}"
    out = [page_head(title), f"<h1>{escape_text(title)}</h1>",
           f"<p class='meta'>作成 {datetime.now():%Y-%m-%d %H:%M} ・ {len(ov.cards)} 施策 ・ 閾値 {ov.threshold:.2f} ・ "
           f"ペア {len(ov.pairs)} (主担当が異なる {sum(p.cross_ministry for p in ov.pairs)})</p>",
           f"<p class='meta'>{escape_text(ov.explanation)}</p>",
           "<h2>類似度のヒートマップと配置図</h2><div class='charts wide'>",
           image_tag(charts.png(heat), "施策どうしの類似度 (クラスタ順)"),
           image_tag(charts.png(cmap), "施策の配置図 (主担当府省庁で色分け)"), "</div>",
           ]
    rows = pair_rows(ov)
    cross = [r for r in rows if r[10]]
    if cross:  # the same work possibly done twice, by two ministries: first
        out.append(f"<h2>主担当が異なる重複候補 ({len(cross)})</h2><table><tr><th>施策 A</th><th>施策 B</th><th>類似度</th>"
                   "<th>理由</th></tr>")
        out += [f"<tr><td>[{escape_text(r[0])}] {escape_text(r[1])} <span class='meta'>({escape_text(r[2])})</span></td>"
                f"<td>[{escape_text(r[3])}] {escape_text(r[4])} "
                f"<span class='meta'>({escape_text(r[5])})</span></td><td>{escape_text(r[6])}</td><td>{escape_text(r[-1])}</td></tr>" for r in cross]
        out.append("</table>")
    out.append("<h2>似ている施策のペア</h2><div style='overflow-x:auto'><table><tr>"
               + "".join(f"<th>{escape_text(h)}</th>" for h in PAIR_HEADERS) + "</tr>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{escape_text(v)}</td>" for v in row) + "</tr>")
    out.append("</table></div>")
    out.append("<h2>クラスタ</h2>")
    by_id = {c.id: c for c in ov.cards}
    for cl in ov.clusters:
        out.append(f"<h3>{cl.number}. {escape_text(cl.name)}</h3><ul>" + "".join(
            f"<li>[{escape_text(i)}] {escape_text(by_id[i].name)} <span class='meta'>({escape_text('、'.join(by_id[i].lead_ministries))})</span></li>"
            for i in cl.ids) + "</ul>")
    out.append("</body></html>\n")
    return "".join(out)


def write_comparison(cmp: Comparison, fmt: str, path: str | Path, a_name: str, b_name: str) -> Path:
    """Write table B against table A in `fmt` (jsonl: one object per row of B, then one per dropped card of A)."""
    path = check_output(path)
    a_by_id = {c.id: c for c in cmp.a_cards}
    dropped_rows = [[i, a_by_id[i].name, "、".join(a_by_id[i].lead_ministries)] for i in cmp.dropped]
    counts = cmp.counts()
    if fmt == "jsonl":
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in cmp.jsonl_records()).encode("utf-8")
    elif fmt == "csv":
        rows = comparison_rows(cmp) + [["", "", "", LABEL_JA["dropped"], i, name, "", "", ""]
                                       for i, name, _ in dropped_rows]
        data = csv_bytes(COMPARISON_HEADERS, rows)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        fig = charts.count_chart({LABEL_JA[k]: counts.get(k, 0) for k in LABEL_JA}, "判定ごとの件数")
        summary_sheet(wb, [[f"表の比較: {b_name} → {a_name}"], ["作成日時", datetime.now().strftime("%Y-%m-%d %H:%M")],
                            ["照合元 (A)", f"{a_name} ({len(cmp.a_cards)} 施策)"],
                            ["比較する表 (B)", f"{b_name} ({len(cmp.b_cards)} 行)"],
                            *[[LABEL_JA[k], counts.get(k, 0)] for k in LABEL_JA], ["判定の説明", cmp.explanation]],
                       [charts.png(fig, dpi=90)])
        table_sheet(wb, "対応", COMPARISON_HEADERS, comparison_rows(cmp), [6, 10, 40, 8, 12, 40, 8, 12, 12], {2, 5})
        table_sheet(wb, "終了・対応なし", ["A の施策番号", "施策名", "主担当"], dropped_rows, [12, 56, 18], {1})
        data = xlsx_bytes(wb)
    elif fmt == "html":
        title = f"表の比較: {b_name} → {a_name}"
        fig = charts.count_chart({LABEL_JA[k]: counts.get(k, 0) for k in LABEL_JA}, "判定ごとの件数")
        out = [page_head(title), f"<h1>{escape_text(title)}</h1>",
               f"<p class='meta'>A: {escape_text(a_name)} ({len(cmp.a_cards)} 施策) ・ B: {escape_text(b_name)} ({len(cmp.b_cards)} 行)</p>",
               "<table><tr><th>判定</th><th>件数</th></tr>" + "".join(
                   f"<tr><td>{LABEL_JA[k]}</td><td>{counts.get(k, 0)}</td></tr>" for k in LABEL_JA) + "</table>",
               f"<p class='meta'>{escape_text(cmp.explanation)}</p><div class='charts'>{image_tag(charts.png(fig), '判定ごとの件数')}</div>",
               "<h2>B の各行</h2><table><tr>" + "".join(f"<th>{escape_text(h)}</th>" for h in COMPARISON_HEADERS) + "</tr>"]
        out += ["<tr>" + "".join(f"<td>{escape_text(v)}</td>" for v in row) + "</tr>" for row in comparison_rows(cmp)]
        out.append(f"</table><h2>{LABEL_JA['dropped']} (A の施策で B のどの行にも対応しないもの)</h2><ul>")
        out += [f"<li>[{escape_text(i)}] {escape_text(name)} <span class='meta'>({escape_text(lead)})</span></li>" for i, name, lead in dropped_rows]
        out.append("</ul></body></html>\n")
        data = "".join(out).encode("utf-8")
    else:
        raise unknown_format(fmt)
    write_atomically(path, data)
    return path
