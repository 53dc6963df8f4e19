"""Batch similarity reports, shared by the CLI and the web app: question tables matched against the cards
(`build_report`), and card-to-card overlap within one table or between two (`index.report.similar`)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Mapping

from .query import ReportOptions, RowReport, Summary, answer_rows, search_many
from .table import InputRow, QuestionTable, ReportError, column_letter, open_questions
from .formats import unknown_format
from .writers import FORMATS, ReportMeta, check_output, check_width, open_writer

__all__ = ["build_report", "ReportOptions", "RowReport", "Summary", "answer_rows", "search_many", "InputRow",
           "QuestionTable", "ReportError", "open_questions", "column_letter", "FORMATS", "ReportMeta",
           "check_output", "check_width", "format_for", "describe_filters"]


def format_for(path: str | Path, default: str = "xlsx") -> str:
    """The format an output name asks for by its suffix (report.html → html), else `default`."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else default


def describe_filters(filters) -> str:
    """The filters as a line for the report's header ('' for none)."""
    if not filters:
        return ""
    parts = []
    if filters.ministries:
        parts.append(("主担当: " if filters.lead_only else "府省庁: ") + "、".join(filters.ministries))
    if filters.chapters:
        parts.append("章: " + "、".join(filters.chapters))
    for name, values in (("条", filters.articles), ("手引", filters.guides), ("施策番号", filters.ids)):
        if values:
            parts.append(f"{name}: " + "、".join(values))
    if getattr(filters, "dated", False):
        lo, hi = filters.year_from, filters.year_to
        when = f"{lo or ''}〜{hi or ''}年" if lo != hi else f"{lo}年"
        parts.append("工程表: " + " ".join(x for x in (when if (lo or hi) else "", "・".join(filters.kinds),
                                                       {"past": "実施済み", "planned": "予定"}.get(filters.status, ""),
                                                       "稼働・開始" if filters.launch else "") if x))
    if getattr(filters, "has_target", False):
        parts.append("数値目標あり")
    return " ・ ".join(parts)


def build_report(retriever, table: QuestionTable, outputs: Mapping[str, str | Path],
                 options: ReportOptions = ReportOptions(), *, max_rows: int | None = None,
                 source: str = "", progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> Summary:
    """Search every row of `table` and write one file per {format: path}, all in one pass; returns the totals.
    Every output path is checked before any search; files appear at their paths only when complete."""
    targets = {fmt: check_output(path) for fmt, path in outputs.items()}
    for fmt in targets:
        if fmt not in FORMATS:
            raise unknown_format(fmt)
    total = table.count()
    if total == 0:
        raise ReportError(f"{table.file}: 質問の行がありません", f"{table.file}: no question rows")
    if max_rows is not None and total > max_rows:
        raise ReportError(f"{table.file}: {total:,} 行あり、上限 {max_rows:,} 行を超えています",
                          f"{table.file}: {total:,} rows; the limit is {max_rows:,}")
    for fmt in targets:
        check_width(fmt, options.top_k, len(table.carried))
    meta = ReportMeta(table.file, table.column_name, table.carried, options.top_k,
                      source or getattr(retriever.stored, "source", "") or "施策集", list(retriever.cards),
                      describe_filters(options.filters), roadmaps=getattr(retriever, "roadmaps", ()),
                      table_year=getattr(retriever, "table_year", None))
    writers = []
    summary = Summary()
    try:
        for fmt, path in targets.items():
            writers.append(open_writer(fmt, path, meta))
        tick = (lambda done: progress(done, total)) if progress else None
        for row in answer_rows(retriever, table.rows(), options, tick):
            if should_stop is not None and should_stop():
                raise ReportError("時間の上限に達したため中止しました。行数を減らしてください",
                                  "stopped: the time limit was reached; use fewer rows")
            summary.add(row)
            for w in writers:
                w.add(row)
        for w in writers:
            w.finish(summary)
        for w in writers:
            w.out.commit()
    except OSError as e:  # a full disk, a lost mount: one line naming the file, nothing left behind
        for w in writers:
            w.abort()
        where = ", ".join(str(p) for p in targets.values())
        why = e.strerror or str(e)
        raise ReportError(f"{where}: 書き込めません ({why})", f"{where}: cannot write: {why}") from None
    except BaseException:
        for w in writers:
            w.abort()
        raise
    return summary
