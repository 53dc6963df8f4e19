"""What every file of index.report writes with: the output-path check, Excel's cell limits and the self-contained HTML
page's head, images and escaping; the writers and the 工程表, overlap and log files all build on it."""

from __future__ import annotations

import base64
import html
import os
import tempfile
from pathlib import Path

from .table import ReportError

__all__ = ["check_output", "fit_page", "xlsx_cell", "XLSX_CELL_MAX", "PAGE_CSS", "escape_text", "image_tag",
           "page_head"]

XLSX_CELL_MAX = 32_767  # Excel's limit of characters in a cell


def check_output(path: str | Path) -> Path:
    """Refuse, before any work, an output path whose folder is missing or not writable, or that is a folder."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise ReportError(f"{p}: フォルダです。出力ファイル名を指定してください", f"{p}: is a directory")
    if not folder.is_dir():
        raise ReportError(f"{folder}: 出力先のフォルダがありません", f"{folder}: output folder does not exist")
    try:  # a real probe: permission bits say nothing to root, nor about read-only mounts
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".seisaku-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError:
        raise ReportError(f"{folder}: 出力先のフォルダに書き込めません", f"{folder}: output folder is not writable") from None
    return p


def fit_page(ws) -> None:
    """Print (and export to PDF) landscape, one page wide: a report is read across, not cut into column strips."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def xlsx_cell(v):
    """A value Excel accepts: text cut to its cell limit and stripped of control characters it refuses."""
    if isinstance(v, str):
        v = "".join(ch for ch in v if ch >= " " or ch in "\t\n")
        if len(v) > XLSX_CELL_MAX:
            v = v[: XLSX_CELL_MAX - 1] + "…"
    return v


PAGE_CSS = """
body { font-family: "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", "IPAexGothic", sans-serif;
       margin: 24px auto; max-width: 1100px; color: #222; line-height: 1.55; padding: 0 16px; }
h1 { font-size: 1.45em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 2em; }
.meta { color: #666; font-size: 0.88em; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 0.92em; }
th { background: #eef4fb; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.charts img { width: calc(50% - 8px); min-width: 320px; height: auto; border: 1px solid #eee; }
.wide img { width: 100%; }
/* the 工程表 and its tables keep a readable width on a phone and scroll sideways there, rather than shrink to 4 px text */
.timeline { overflow-x: auto; flex-wrap: nowrap; } .timeline img { min-width: 760px; }
.scroll-table { overflow-x: auto; } .scroll-table table { min-width: 900px; } .nowrap { white-space: nowrap; }
.lead { min-width: 5.5em; }
/* a row's matches: on a phone the table scrolls sideways instead of cutting 施策名 to one character a line */
.scroll-table.rows table { min-width: 640px; width: 100%; }
@media (max-width: 700px) { .charts:not(.timeline) img { width: 100%; min-width: 0; } }
/* a phone gets the 工程表 as a list by year (roadmap_files.year_list_html) instead of a chart and a table two
   screens wide, and the targets' rows as cards, each value under its column's name */
.roadmap-years { display: none; } .roadmap-years ul { list-style: none; padding: 0; margin: 0; }
.roadmap-years h3 { margin: 14px 0 4px; border-bottom: 1px solid #ddd; }
.roadmap-years li { margin: 6px 0; padding-bottom: 6px; border-bottom: 1px dotted #ddd; }
.roadmap-years .mark { font-size: 1.1em; } .roadmap-years .sentence { font-size: 0.9em; color: #333; }
@media (max-width: 700px) {
  .timeline, .roadmap-table { display: none; } .roadmap-years { display: block; }
  .stack table, .stack tbody, .stack tr, .stack td { display: block; min-width: 0 !important; }
  .stack tr:first-child { display: none; } .stack tr { border: 1px solid #ddd; border-radius: 6px; margin: 6px 0; }
  .stack td { border: none; padding: 2px 8px; } .stack td::before { content: attr(data-label) "："; color: #555; font-weight: bold; }
}
article { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
article h3 { font-size: 1em; margin: 0 0 4px; }
.badge { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-size: 0.85em; }
.answer { background: #2b8a3e; } .uncertain { background: #e8a33d; } .none { background: #868e96; }
.related { color: #666; } mark { background: #fff3a8; } .reason { margin: 4px 0; }
"""


def escape_text(text) -> str:
    """Any value as HTML text, quotes escaped too (None as empty): card text and user input are never markup."""
    return html.escape(str(text if text is not None else ""), quote=True)


_e = escape_text  # the short name the page templates below use


def image_tag(png_bytes: bytes, alt: str) -> str:
    """An <img> carrying its PNG inline (the page needs no network and no side files)."""
    return f"<img alt='{_e(alt)}' src='data:image/png;base64,{base64.b64encode(png_bytes).decode('ascii')}'>"


def page_head(title: str) -> str:
    return (f"<!doctype html>\n<html lang='ja'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
            f"<style>{PAGE_CSS}</style></head><body>\n")
