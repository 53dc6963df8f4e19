"""Report files: JSONL, CSV, XLSX and a self-contained HTML page, each written row by row into a temporary file
beside its target and renamed into place only when complete (an interrupted run leaves nothing at OUT)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Sequence

from ..guard import as_text_cell, csv_text
from . import charts
from .base import (XLSX_CELL_MAX, check_output, escape_text, fit_page, image_tag,  # re-exported
                   page_head, xlsx_cell)
from .formats import FORMATS, unknown_format  # FORMATS: the registry, re-exported
from .query import OUTCOME_JA, RowReport, Summary, confidence_level
from .table import ReportError

__all__ = ["FORMATS", "ReportMeta", "check_output", "open_writer", "AtomicFile", "xlsx_cell", "page_head",
           "image_tag", "XLSX_CELL_MAX", "fit_page", "check_width", "XLSX_MAX_COLUMNS"]

XLSX_MAX_COLUMNS = 16_384  # Excel's limit of columns in a sheet (XFD)
RANK_COLUMNS = 8  # columns per rank in the 一致 sheet and the CSV
HTML_MAX_ROWS = 2_000  # row sections in the page; the other formats carry every row

CONFIDENCE_NOTE = ("信頼度は 0〜1 の確率で、「この施策がその行に答える」見込みを表します (検索の判定と同じモデルで較正。"
                   "0.8 以上 = 高、0.5 以上 = 中、それ未満 = 低)。判定: 回答 = 答える施策がある、不確か = あるかもしれない、"
                   "該当なし = どの施策も答えない (理由と、参考に近い施策を示します)。関連 = 一覧の基準には届かないが近い施策。")


@dataclass
class ReportMeta:
    """What the report is about, for its title and summary."""

    input_file: str
    column: str
    carried: list[str]
    top_k: int
    source: str  # the corpus the rows were matched against
    cards: Sequence = ()  # that corpus's PolicyCards (for the coverage sheet: uncovered cards too)
    filters: str = ""
    roadmaps: Sequence = ()  # each card's milestones and KPI targets (index.roadmap), for the 工程表 of matched cards
    table_year: int | None = None
    generated: str = field(default_factory=lambda: datetime.now().strftime("%Y-%m-%d %H:%M"))

    @property
    def title(self) -> str:
        return f"施策マッチングレポート: {self.input_file}"


def check_width(fmt: str, top_k: int, carried: int = 0) -> None:
    """Refuse, before any file is opened, an XLSX report wider than a sheet can be (top-k 3000 is 24,000 columns)."""
    width = 1 + carried + 4 + RANK_COLUMNS * top_k + 2  # 行, carried, 質問…信頼度区分, the ranks, 理由 and 参考
    if fmt == "xlsx" and width > XLSX_MAX_COLUMNS:
        most = (XLSX_MAX_COLUMNS - 7 - carried) // RANK_COLUMNS
        raise ReportError(f"--top-k {top_k} では XLSX の列が {width:,} 列になり、上限 {XLSX_MAX_COLUMNS:,} 列を超えます。"
                          f"--top-k {most} 以下にするか、CSV / JSONL で出力してください",
                          f"--top-k {top_k} needs {width:,} columns; an XLSX sheet holds {XLSX_MAX_COLUMNS:,}: "
                          f"use --top-k {most} or less, or --format csv/jsonl")


class AtomicFile:
    """A temporary file beside `target`; commit() renames it over the target, abort() deletes it."""

    def __init__(self, target: Path, mode: str = "w", **kwargs):
        self.target = Path(target)
        self.f = None
        fd, tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp")
        self.tmp = Path(tmp)
        try:
            os.close(fd)
            self.f = open(self.tmp, mode, **kwargs) if mode else None
        except BaseException:  # interrupted (Ctrl-C, SIGTERM) before the caller holds it: nothing left behind
            self.tmp.unlink(missing_ok=True)
            raise

    @property
    def stream(self) -> IO[Any]:
        """The open temporary file; one made with mode="" has none (its writer saves to `tmp` by name)."""
        assert self.f is not None, "AtomicFile(mode='') opens no file: write to .tmp"
        return self.f

    def commit(self) -> None:
        if self.f is not None and not self.f.closed:
            self.f.flush()
            os.fsync(self.f.fileno())
            self.f.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        if self.f is not None and not self.f.closed:
            self.f.close()
        self.tmp.unlink(missing_ok=True)


def _ministries_text(m) -> str:
    return "、".join(("◎" if lead else "") + name for name, lead in m.ministries)


def _where(ev: dict) -> str:
    return f"{ev['field']} {ev['start']}–{ev['end']}"


def _rank_headers(k: int) -> list[str]:
    return [f"{k}位 施策番号", f"{k}位 施策名", f"{k}位 主担当", f"{k}位 府省庁", f"{k}位 信頼度", f"{k}位 区分",
            f"{k}位 根拠", f"{k}位 根拠の位置"]


def _headers(meta: ReportMeta) -> list[str]:
    out = ["行", *meta.carried, "質問", "判定", "信頼度", "信頼度区分"]
    for k in range(1, meta.top_k + 1):
        out += _rank_headers(k)
    # added at the end, beside the near cards: the columns before keep their places (G is still 1位 施策番号 for
    # one carried column), for the macros and formulas that read them
    return out + ["該当なしの理由", "参考 (該当なしの近い施策)"]


def _cells(r: RowReport, meta: ReportMeta) -> list:
    out: list = [r.row, *[r.columns.get(c, "") for c in meta.carried], r.query, OUTCOME_JA.get(r.outcome, r.outcome),
                 round(r.confidence, 3), confidence_level(r.confidence)]
    for k in range(meta.top_k):
        if k < len(r.matches):
            m = r.matches[k]
            ev = m.evidence[0] if m.evidence else None
            out += [m.id, m.name, "、".join(m.lead), _ministries_text(m), round(m.confidence, 3),
                    "関連" if m.related else "回答", ev["text"] if ev else "", _where(ev) if ev else ""]
        else:
            out += [""] * 8
    return out + [r.reason, " / ".join(f"{i} {n}" for i, n in r.near)]


# ----------------------------------------------------------------------------------------------- JSONL, CSV

class _Writer:
    out: AtomicFile

    def abort(self) -> None:
        """Drop the half-written file (the target is untouched)."""
        self.out.abort()


class JsonlWriter(_Writer):
    def __init__(self, target: Path, meta: ReportMeta):
        self.out = AtomicFile(target, "w", encoding="utf-8", newline="\n")

    def add(self, r: RowReport) -> None:
        self.out.stream.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")

    def finish(self, summary: Summary) -> None:
        pass


class CsvWriter(_Writer):
    """One line per input row (wide: the ranks side by side), UTF-8 with BOM so that Excel reads Japanese."""

    def __init__(self, target: Path, meta: ReportMeta):
        self.meta = meta
        self.out = AtomicFile(target, "w", encoding="utf-8-sig", newline="")
        try:
            self.w = csv.writer(self.out.stream)
            self.w.writerow([csv_text(h) for h in _headers(meta)])  # carried column names come from the input too
        except BaseException:
            self.out.abort()
            raise

    def add(self, r: RowReport) -> None:
        self.w.writerow([csv_text(v) for v in _cells(r, self.meta)])  # no cell a spreadsheet would run

    def finish(self, summary: Summary) -> None:
        pass


# ----------------------------------------------------------------------------------------------- XLSX

class XlsxWriter(_Writer):
    """Sheets 要約 (summary + charts), 一致 (matches, one row per input row), 網羅 (coverage per card); streamed
    with openpyxl's write-only mode, so a 100,000-row report never holds its cells in memory."""

    WIDTHS = {"行": 6, "質問": 42, "判定": 8, "信頼度": 8, "信頼度区分": 6, "施策番号": 9, "施策名": 30, "主担当": 14,
              "府省庁": 20, "区分": 6, "根拠": 48, "根拠の位置": 14, "該当なしの理由": 28}
    WRAP = {"質問", "施策名", "府省庁", "根拠", "参考 (該当なしの近い施策)", "該当なしの理由"}

    def __init__(self, target: Path, meta: ReportMeta):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        self.meta = meta
        self.wb = Workbook(write_only=True)
        self.summary = self.wb.create_sheet("要約")
        self.matches = self.wb.create_sheet("一致")
        fit_page(self.summary)
        fit_page(self.matches)
        self.bold = Font(bold=True)
        self.head_fill = PatternFill("solid", fgColor="DDEBF7")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        headers = _headers(meta)
        self._wrap_cols = set()
        for i, h in enumerate(headers):
            key = h.split(" ", 1)[1] if h[0].isdigit() and "位 " in h else h
            width = self.WIDTHS.get(key, 30 if h.startswith("参考") else 16)
            self.matches.column_dimensions[_letter(i)].width = width
            if key in self.WRAP or h in meta.carried:
                self._wrap_cols.add(i)
        self.matches.freeze_panes = "B2"
        self.matches.auto_filter.ref = f"A1:{_letter(len(headers) - 1)}1"
        self.matches.append([self._cell(self.matches, h, head=True) for h in headers])
        self.out = AtomicFile(target, mode="")  # last: an interrupt while the sheets are set up leaves no file

    def _cell(self, ws, v, head: bool = False, wrap: bool = False):
        from openpyxl.cell import WriteOnlyCell

        c = as_text_cell(WriteOnlyCell(ws, value=xlsx_cell(v)))  # input text stays text, never a formula
        if head:
            c.font, c.fill, c.alignment = self.bold, self.head_fill, self.wrap
        elif wrap:
            c.alignment = self.wrap
        else:
            c.alignment = self.top
        return c

    def add(self, r: RowReport) -> None:
        ws = self.matches
        self.matches.append([self._cell(ws, v, wrap=i in self._wrap_cols) for i, v in enumerate(_cells(r, self.meta))])

    def finish(self, summary: Summary) -> None:
        from openpyxl.drawing.image import Image
        import io

        ws, meta = self.summary, self.meta
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 44
        ws.column_dimensions["C"].width = 10
        n = max(summary.rows, 1)
        lines: list[list] = [
            [self._cell(ws, meta.title, head=True)],
            ["作成日時", meta.generated], ["入力ファイル", meta.input_file], ["質問の列", meta.column],
            ["引き継いだ列", "、".join(meta.carried) or "-"], ["照合先", f"{meta.source} ({len(meta.cards)} 施策)"],
            ["候補数 (top-k)", meta.top_k], ["絞り込み", meta.filters or "なし"], [],
            [self._cell(ws, "判定", head=True), self._cell(ws, "行数", head=True), self._cell(ws, "割合", head=True)],
        ]
        for key, label in OUTCOME_JA.items():
            lines.append([label, summary.outcomes.get(key, 0), f"{summary.outcomes.get(key, 0) / n:.1%}"])
        lines.append(["計", summary.rows, ""])
        if summary.truncated:
            lines.append(["長すぎて切り詰めた質問", summary.truncated, ""])
        covered = sum(1 for c in summary.coverage.values() if c.answer)
        lines += [[], ["回答として一致した施策", f"{covered} / {len(meta.cards)}", ""],
                  *[[line] for line in _short_lines(CONFIDENCE_NOTE)], [],
                  [self._cell(ws, "主担当府省庁 (1位の回答)", head=True), self._cell(ws, "行数", head=True)]]
        lines += [[k, v] for k, v in summary.by_lead.most_common()]
        lines += [[], [self._cell(ws, "章 (1位の回答)", head=True), self._cell(ws, "行数", head=True)]]
        lines += [[k, v] for k, v in sorted(summary.by_chapter.items())]
        for line in lines:  # the file name and column names came from the input: every value is a text cell
            ws.append([v if hasattr(v, "data_type") else self._cell(ws, v) for v in line])
        anchor_row = 2
        for fig in (charts.outcome_chart(summary.outcomes), charts.confidence_chart(summary.top_confidence),
                    charts.count_chart(summary.by_lead, "1位の回答の主担当府省庁"),
                    charts.chapter_chart(summary.by_chapter, meta.cards)):
            data = charts.png(fig, dpi=90)
            img = Image(io.BytesIO(data))
            ws.add_image(img, f"E{anchor_row}")
            anchor_row += int(img.height / 20) + 2
        self._coverage(summary)
        self._roadmap(summary)
        self.wb.save(self.out.tmp)

    def abort(self) -> None:
        for ws in self.wb.worksheets:  # close the sheets' own temporary files
            try:
                ws.close()
            except Exception:  # noqa: BLE001 - a sheet that never wrote a row has nothing to close
                pass
        self.out.abort()

    def _roadmap(self, summary: Summary) -> None:
        """Sheets 工程表 and 数値目標 of the cards the rows matched as answers (index.report.roadmap_files)."""
        from .roadmap_files import add_roadmap_sheets, scope_text

        if not self.meta.roadmaps:  # a table read without its 工程表 (nothing to say about it)
            return
        cards, roads = _matched_roadmaps(self.meta, summary)
        # written when no row matched too, with the line that says so: a missing or bare sheet looked like a failure
        add_roadmap_sheets(self.wb, self._cell, cards, roads, _chapters(self.meta.cards), scope=scope_text(cards))

    def _coverage(self, summary: Summary) -> None:
        ws = self.wb.create_sheet("網羅")
        fit_page(ws)
        headers = ["施策番号", "施策名", "主担当", "章", "回答として一致した行数", "うち1位", "関連として", "最高信頼度",
                   "一致した行 (最初の5行)"]
        for i, w in enumerate((9, 40, 16, 5, 12, 8, 10, 10, 22)):
            ws.column_dimensions[_letter(i)].width = w
        ws.freeze_panes = "B2"
        ws.auto_filter.ref = f"A1:{_letter(len(headers) - 1)}1"
        ws.append([self._cell(ws, h, head=True) for h in headers])
        cards = list(self.meta.cards)
        empty = None
        rows = []
        for c in cards:
            cov = summary.coverage.get(c.id)
            rows.append((-(cov.answer if cov else 0), c.id, c, cov or empty))
        for _, _, c, cov in sorted(rows, key=lambda x: (x[0], x[1])):
            ws.append([self._cell(ws, c.id), self._cell(ws, c.name, wrap=True), self._cell(ws, "、".join(c.lead_ministries)),
                       self._cell(ws, c.chapter), cov.answer if cov else 0, cov.top if cov else 0,
                       cov.related if cov else 0, round(cov.best, 3) if cov else "",
                       ", ".join(map(str, cov.rows)) if cov else ""])


def _short_lines(text: str, width: int = 38) -> list[str]:
    """A long note as lines of at most `width` characters, broken after 、。) where one is near the end: in the 要約
    sheet each runs on over the empty columns B–C, where one wrapped cell in column A stood 16 lines tall."""
    lines = []
    while len(text) > width:
        cut = max((text.rfind(ch, width // 2, width) for ch in "、。) "), default=-1)
        cut = cut + 1 if cut > 0 else width
        lines.append(text[:cut].strip())
        text = text[cut:].lstrip()
    return lines + ([text] if text else [])


def _matched_roadmaps(meta: ReportMeta, summary: Summary) -> tuple[list, list]:
    """The cards some row matched as an answer, in table order, with their roadmaps (when the meta has them)."""
    if not meta.roadmaps:
        return [], []
    pairs = [(c, r) for c, r in zip(meta.cards, meta.roadmaps)
             if summary.coverage.get(c.id) is not None and summary.coverage[c.id].answer]
    return [c for c, _ in pairs], [r for _, r in pairs]


def _chapters(cards) -> dict[str, str]:
    from ..assist import chapter_titles

    return chapter_titles(cards) if len(cards) <= 100_000 else {}


def _letter(i: int) -> str:
    from .table import column_letter

    return column_letter(i)


# ----------------------------------------------------------------------------------------------- HTML

_e = escape_text  # the short name the page templates below use


class HtmlWriter(_Writer):
    """Row sections go to a side file while the report runs; the page is the summary and charts, then those."""

    def __init__(self, target: Path, meta: ReportMeta):
        self.meta = meta
        self.body = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.out = AtomicFile(target, "w", encoding="utf-8")
        self.shown = 0
        self.rows = 0

    def add(self, r: RowReport) -> None:
        self.rows += 1
        if self.shown >= HTML_MAX_ROWS:
            return
        self.shown += 1
        carried = " ・ ".join(f"{_e(k)}: {_e(v)}" for k, v in r.columns.items() if str(v).strip())
        out = [f"<article id='row-{r.row}'><h3>行 {r.row}: {_e(r.query)}</h3>"
               f"<span class='badge {_e(r.outcome)}'>{_e(OUTCOME_JA.get(r.outcome, r.outcome))}</span> "
               f"<span class='meta'>信頼度 {r.confidence:.2f} ({confidence_level(r.confidence)})"
               f"{' ・ 質問は長すぎたため切り詰めました' if r.truncated else ''}</span>"]
        if carried:
            out.append(f"<div class='meta'>{carried}</div>")
        if r.reason:
            out.append(f"<p class='reason'>理由: {_e(r.reason)}</p>")
        if r.matches:
            # on a phone each match is a card, every value under its column's name (data-label; see PAGE_CSS)
            out.append("<div class='scroll-table rows stack'><table><tr><th class='nowrap'>順位</th><th class='nowrap'>施策番号"
                       "</th><th>施策名</th><th>府省庁 (◎主担当)</th><th class='nowrap'>信頼度</th><th>根拠</th></tr>")
            for m in r.matches:
                ev = m.evidence[0] if m.evidence else None
                evidence = f"<mark>{_e(ev['text'])}</mark> <span class=meta>[{_e(_where(ev))}]</span>" if ev else ""
                cls = " class='related'" if m.related else ""
                out.append(f"<tr{cls}><td class='nowrap' data-label='順位'>{m.rank}{' (関連)' if m.related else ''}</td>"
                           f"<td class='nowrap' data-label='施策番号'>{_e(m.id)}</td><td data-label='施策名'>{_e(m.name)}</td>"
                           f"<td data-label='府省庁 (◎主担当)'>{_e(_ministries_text(m))}</td>"
                           f"<td class='nowrap' data-label='信頼度'>{m.confidence:.2f} ({confidence_level(m.confidence)})</td>"
                           f"<td data-label='根拠'>{evidence}</td></tr>")
            out.append("</table></div>")
        elif r.near:
            out.append("<p class='meta'>近い施策 (参考): " + " / ".join(f"[{_e(i)}] {_e(n)}" for i, n in r.near)
                       + "</p>")
        out.append("</article>\n")
        self.body.write("".join(out))

    def finish(self, summary: Summary) -> None:
        meta, f = self.meta, self.out.stream
        n = max(summary.rows, 1)
        f.write(page_head(meta.title))
        f.write(f"<h1>{_e(meta.title)}</h1>\n<p class='meta'>作成 {_e(meta.generated)} ・ 質問の列「{_e(meta.column)}」"
                f" ・ 照合先 {_e(meta.source)} ({len(meta.cards)} 施策) ・ 候補 {meta.top_k} 件"
                f"{' ・ 絞り込み ' + _e(meta.filters) if meta.filters else ''}</p>\n")
        f.write("<h2 id='summary'>要約</h2>\n<table><tr><th>判定</th><th>行数</th><th>割合</th></tr>")
        for key, label in OUTCOME_JA.items():
            v = summary.outcomes.get(key, 0)
            f.write(f"<tr><td><span class='badge {key}'>{label}</span></td><td>{v}</td><td>{v / n:.1%}</td></tr>")
        covered = sum(1 for c in summary.coverage.values() if c.answer)
        f.write(f"<tr><th>計</th><th>{summary.rows}</th><th></th></tr></table>\n"
                f"<p>回答として一致した施策: {covered} / {len(meta.cards)}"
                f"{f' ・ 長すぎて切り詰めた質問: {summary.truncated} 行' if summary.truncated else ''}</p>\n"
                f"<p class='meta'>{_e(CONFIDENCE_NOTE)}</p>\n<div class='charts'>")
        for fig, alt in ((charts.outcome_chart(summary.outcomes), "判定ごとの行数"),
                         (charts.confidence_chart(summary.top_confidence), "信頼度の分布"),
                         (charts.chapter_chart(summary.by_chapter, meta.cards), "章ごとの行数"),
                         (charts.count_chart(summary.by_lead, "1位の回答の主担当府省庁"), "主担当府省庁ごとの行数")):
            f.write(image_tag(charts.png(fig), alt))
        f.write("</div>\n")
        top = sorted(((c.answer, cid) for cid, c in summary.coverage.items() if c.answer), reverse=True)[:15]
        names = {c.id: c.name for c in meta.cards}
        if top:
            f.write("<h3>よく一致した施策</h3><table><tr><th class='nowrap'>施策番号</th><th>施策名</th><th>回答として"
                    "一致した行数</th></tr>")  # the number kept on one line: 「04-\n03」 at 400 px reads as two things
            f.write("".join(f"<tr><td class='nowrap'>{_e(cid)}</td><td>{_e(names.get(cid, ''))}</td><td>{k}</td></tr>"
                            for k, cid in top))
            f.write("</table>\n")
        uncovered = [c for c in meta.cards if not (summary.coverage.get(c.id) and summary.coverage[c.id].answer)]
        if uncovered and len(uncovered) < len(meta.cards):
            f.write(f"<details><summary>どの行にも回答として一致しなかった施策 ({len(uncovered)})</summary><p class='meta'>"
                    + " / ".join(f"[{_e(c.id)}] {_e(c.name)}" for c in uncovered) + "</p></details>\n")
        cards, roads = _matched_roadmaps(meta, summary)
        if meta.roadmaps:
            from .roadmap_files import roadmap_html, scope_text

            f.write("<p class='meta'>以下の工程表は、回答として一致した施策のものです。</p>"
                    + roadmap_html(cards, roads, meta.table_year, _chapters(meta.cards), scope=scope_text(cards)))
        f.write("<h2 id='rows'>行ごとの結果</h2>\n")
        if self.rows > self.shown:
            f.write(f"<p class='meta'>最初の {self.shown:,} 行を表示しています (全 {self.rows:,} 行は XLSX / CSV / JSONL に"
                    f"あります)。</p>\n")
        self.body.seek(0)
        shutil.copyfileobj(self.body, f)
        self.body.close()
        f.write("</body></html>\n")

    def abort(self) -> None:
        self.body.close()
        self.out.abort()


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "xlsx": XlsxWriter, "html": HtmlWriter}


def open_writer(fmt: str, target: Path, meta: ReportMeta):
    """A writer of one format; add(row) each row, finish(summary), then .out.commit() (or .out.abort())."""
    try:
        cls = WRITERS[fmt]
    except KeyError:
        raise unknown_format(fmt) from None
    return cls(Path(target), meta)
