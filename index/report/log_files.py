"""The question log as files and text: JSONL and CSV (one row per question), XLSX (要約 with charts, 未回答・不確か,
低評価, よく聞かれる施策, 全質問) and one HTML page, in the reports' style and written atomically like them."""

from __future__ import annotations

import html
import json
from pathlib import Path

from . import charts
from .overlap_files import csv_bytes, table_sheet, summary_sheet, write_atomically, xlsx_bytes
from .query import OUTCOME_JA
from .writers import check_output, image_tag, page_head

__all__ = ["write_log", "summary_text", "log_figures", "ROW_HEADERS", "row_cells", "FEEDBACK_JA"]

FEEDBACK_JA = {"up": "👍 高評価", "down": "👎 低評価", None: ""}
ROW_HEADERS = ["日時 (UTC)", "質問", "判定", "確からしさ", "1位の回答", "表示した施策", "評価", "コメント", "応答時間 (ms)",
               "絞り込み", "経路"]


def _cards_text(e) -> str:
    return " / ".join(f"{c['id']} ({float(c.get('confidence', 0)):.2f}{'' if c.get('answer') else ', 関連'})"
                      for c in e.cards)


def row_cells(e) -> list:
    first = e.first_answer
    return [e.time.replace("T", " ").replace("+00:00", ""), e.question, OUTCOME_JA.get(e.outcome, e.outcome),
            round(e.confidence, 3), f"{first['id']} {first.get('name', '')}" if first else "", _cards_text(e),
            FEEDBACK_JA.get(e.feedback, ""), e.comment or "", round(e.latency_ms, 1),
            json.dumps(e.filters, ensure_ascii=False) if e.filters else "", e.via]


def log_figures(s) -> list:
    """(figure, title) pairs: outcomes, questions per day, the cards most often given as the answer."""
    figs = [(charts.outcome_chart(s.outcomes, "判定ごとの質問数"), "判定ごとの質問数")]
    figs.append((charts.count_chart(dict(sorted(s.by_day.items())[-31:]), "日ごとの質問数", limit=31,
                                    sort_keys=True), "日ごとの質問数"))
    figs.append((charts.count_chart({f"{i} {n[:18]}": c for i, n, c in s.top_cards[:15]}, "回答になった施策 (上位)"),
                 "回答になった施策 (上位)"))
    return figs


def _period(s) -> str:
    return f"{s.since.replace('T', ' ').replace('+00:00', '')} 以降 (UTC)" if s.since else "すべて"


def summary_text(s, width: int = 100) -> str:
    """The summary as terminal text: counts, then the questions the table did not answer, the disliked answers and
    the most asked topics."""
    o = s.outcomes
    out = [f"質問 {s.total} 件 ({_period(s)}): 回答 {o.get('answer', 0)}、不確か {o.get('uncertain', 0)}、"
           f"該当なし {o.get('none', 0)} ・ 高評価 👍 {s.liked}、低評価 👎 {len(s.disliked)} ・ "
           f"応答時間の中央値 {s.median_latency_ms:.0f} ms"]
    out.append("")
    out.append(f"■ 答えられなかった質問 (該当なし・不確か) {len(s.unanswered)} 種類")
    for q, n, outcome, last, _conf in s.unanswered:
        out.append(f"  {OUTCOME_JA.get(outcome, outcome):4s} {n:3d} 回  {last[:16].replace('T', ' ')}  {q[:width]}")
    out.append("")
    out.append(f"■ 低評価 (👎) の回答 {len(s.disliked)} 件")
    for e in s.disliked:
        first = e.first_answer
        out.append(f"  {e.time[:16].replace('T', ' ')}  {e.question[:width]}")
        out.append(f"      → {first['id'] + ' ' + first.get('name', '') if first else '(回答なし)'}"
                   f"{'  コメント: ' + e.comment if e.comment else ''}")
    out.append("")
    out.append("■ 回答になった施策 (よく聞かれる話題)")
    for i, name, n in s.top_cards:
        out.append(f"  {n:4d} 回  [{i}] {name}")
    if s.top_questions:
        out.append("")
        out.append("■ 繰り返された質問")
        for q, n in s.top_questions:
            out.append(f"  {n:4d} 回  {q[:width]}")
    return "\n".join(out) + "\n"


def _e(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def _empty_notes(s) -> dict[str, str]:
    """What an empty table of the summary says instead (the XLSX sheets and the page's sections)."""
    nothing = "この期間の質問はありません。"
    return {"unanswered": nothing if not s.total else "該当なし・不確かの質問はありません (この期間の質問はすべて回答しました)。",
            "disliked": nothing if not s.total else f"低評価 (👎) の回答はありません (高評価 👍 {s.liked} 件)。",
            "cards": nothing if not s.total else "回答になった施策はありません。", "all": nothing}


def _table(headers, rows, empty: str = "") -> str:
    if not rows and empty:
        return f"<p class='meta'>{_e(empty)}</p>"
    # on a phone each row is a card, every value under its column's name (PAGE_CSS .stack): the table of every
    # question, 8 columns, made the page 520 px wide at 400 and cut its questions one character a line
    return ("<div class='stack'><table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in headers) + "</tr>"
            + "".join("<tr>" + "".join(f"<td data-label='{_e(h)}'>{_e(v)}</td>" for h, v in zip(headers, r)) + "</tr>"
                      for r in rows) + "</table></div>")


def summary_html(s, images: bool = True) -> str:
    """The summary as an HTML fragment (the page's 利用状況 tab and the exported page)."""
    o = s.outcomes
    parts = [f"<p>質問 {s.total} 件 ({_e(_period(s))}): 回答 {o.get('answer', 0)}、不確か {o.get('uncertain', 0)}、"
             f"該当なし {o.get('none', 0)} ・ 高評価 👍 {s.liked}、低評価 👎 {len(s.disliked)} ・ "
             f"応答時間の中央値 {s.median_latency_ms:.0f} ms</p>"]
    if images and s.total:
        parts.append("<div class='charts'>" + "".join(image_tag(charts.png(f), t) for f, t in log_figures(s))
                     + "</div>")
    parts.append(f"<h3>答えられなかった質問 (該当なし・不確か) {len(s.unanswered)} 種類</h3>")
    notes = _empty_notes(s)
    parts.append(_table(["質問", "回数", "判定", "最後に聞かれた日時 (UTC)", "確からしさ"],
                        [[q, n, OUTCOME_JA.get(oc, oc), t[:16].replace("T", " "), f"{c:.2f}"]
                         for q, n, oc, t, c in s.unanswered], notes["unanswered"]))
    parts.append(f"<h3>低評価 (👎) の回答 {len(s.disliked)} 件</h3>")
    parts.append(_table(["日時 (UTC)", "質問", "1位の回答", "コメント"],
                        [[e.time[:16].replace("T", " "), e.question,
                          (e.first_answer or {}).get("id", "(回答なし)") + " " + (e.first_answer or {}).get("name", ""),
                          e.comment or ""] for e in s.disliked], notes["disliked"]))
    parts.append("<h3>回答になった施策 (よく聞かれる話題)</h3>")
    parts.append(_table(["施策番号", "施策名", "回数"], [list(t) for t in s.top_cards], notes["cards"]))
    if s.top_questions:
        parts.append("<h3>繰り返された質問</h3>")
        parts.append(_table(["質問", "回数"], [list(t) for t in s.top_questions]))
    return "\n".join(parts)


def write_log(s, fmt: str, path: str | Path) -> Path:
    """Write the log summary `s` (a LogSummary) to `path`: jsonl/csv one row per question, xlsx/html with the
    summary, charts and every question. Atomic, mode 0644, like the reports."""
    path = check_output(path)
    if fmt == "jsonl":
        data = "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in s.entries).encode("utf-8")
    elif fmt == "csv":
        data = csv_bytes(ROW_HEADERS, [row_cells(e) for e in s.entries])
    elif fmt == "html":
        rows = _table(ROW_HEADERS, [row_cells(e) for e in s.entries[::-1]])
        data = (page_head("質問ログ") + "<h1>質問ログ: 利用状況</h1>" + summary_html(s)
                + f"<h3>すべての質問 (新しい順) {s.total} 件</h3>" + rows + "</body></html>").encode("utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        o = s.outcomes
        lines = [["質問ログ: 利用状況"], ["期間", _period(s)], ["質問", s.total],
                 *[[OUTCOME_JA[k], o.get(k, 0)] for k in OUTCOME_JA], ["高評価 (👍)", s.liked], ["低評価 (👎)", len(s.disliked)],
                 ["応答時間の中央値 (ms)", round(s.median_latency_ms, 1)]]
        summary_sheet(wb, lines, [charts.png(f) for f, _ in log_figures(s)] if s.total else [])
        notes = _empty_notes(s)
        table_sheet(wb, "未回答・不確か", ["質問", "回数", "判定", "最後に聞かれた日時 (UTC)", "確からしさ"],
               [[q, n, OUTCOME_JA.get(oc, oc), t.replace("T", " ").replace("+00:00", ""), round(c, 3)]
                for q, n, oc, t, c in s.unanswered], [60, 8, 10, 20, 10], {0}, empty=notes["unanswered"])
        table_sheet(wb, "低評価", ROW_HEADERS, [row_cells(e) for e in s.disliked],
               [18, 50, 8, 10, 30, 40, 6, 40, 10, 24, 6], {1, 4, 5, 7}, empty=notes["disliked"])
        table_sheet(wb, "よく聞かれる施策", ["施策番号", "施策名", "回答になった回数"], [list(t) for t in s.top_cards],
               [10, 50, 16], {1}, empty=notes["cards"])
        table_sheet(wb, "全質問", ROW_HEADERS, [row_cells(e) for e in s.entries],
               [18, 50, 8, 10, 30, 40, 6, 40, 10, 24, 6], {1, 4, 5, 7}, empty=notes["all"])
        data = xlsx_bytes(wb)
    else:
        raise ValueError(f"format {fmt!r}: xlsx / csv / html / jsonl")
    write_atomically(path, data)
    return path
