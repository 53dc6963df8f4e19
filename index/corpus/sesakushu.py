"""The 施策集 table as the PDF extraction left it: page blocks, each with its own two header rows and cell count."""

from __future__ import annotations

import unicodedata

from .cards import ARTICLE_COLUMNS, MARK_COLUMNS, MARK_SYMBOLS, SESAKU_ID, Corpus, Mark, PolicyCard, Source, UnresolvedMark
from .cells import clean_cell, norm_label, parse_ministries, split_bullets, text_defects
from .collect import Collector


def is_sesakushu(text: str) -> bool:
    """True when the text is the PDF-extracted 施策集 layout (two header rows per page block)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and lines[0].startswith("施策番号\t") and "府省庁名" in lines[0] and "10条" in lines[1]


def read_sesakushu(text: str, file: str, *, lenient: bool = False) -> Corpus:
    """Read the 施策集 table: page blocks, each with its own two header rows and its own cell count."""
    col = Collector(file, lenient)
    labels: tuple[str, ...] | None = None  # the block's mark labels, from its second header row
    article_at: dict[int, str] = {}  # … and the cell each article label stands in (5: 10条, …)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells[0] == "施策番号":
            labels, article_at = None, {}
            continue
        if cells[0] == "" and any(norm_label(c) == "10条" for c in cells):
            labels = tuple(norm_label(c) for c in cells[5:] if c.strip())
            article_at = _article_cells(cells)
            continue
        col.add(_sesaku_row(cells, lineno, labels, col, article_at), lineno, "施策番号")
    return col.finish()


def _article_cells(header: list[str]) -> dict[int, str]:
    """The cells of a block's second header row that hold the article labels (10条 … 19条), when they stand one a
    cell, in the table's order, right after the overview (cell 5 on): the left edge every row shares with its header,
    so a mark in one of those cells is that article's, whatever the row's cell count further right (where the 手引
    and 府省庁名 cells drift). {} when the header is laid out otherwise."""
    at = {i: norm_label(c) for i, c in enumerate(header) if i >= 5 and c.strip()}
    run = [at.get(5 + k) for k in range(len(ARTICLE_COLUMNS))]
    return {5 + k: label for k, label in enumerate(ARTICLE_COLUMNS)} if run == list(ARTICLE_COLUMNS) else {}


def _sesaku_row(cells: list[str], lineno: int, labels: tuple[str, ...] | None, col: Collector,
                article_at: dict[int, str] | None = None) -> PolicyCard | None:
    n_err = col.error_count()
    if len(cells) < 6:
        col.error(lineno, "", f"row has {len(cells)} fields; a card needs at least 6 "
                              "(施策番号, 施策名, KPI(進捗), KPI(効果), 課題・取組概要, 府省庁名)")
        return None
    card_id = cells[0].strip()
    if not card_id:
        col.error(lineno, "施策番号", "missing ID")
    elif not SESAKU_ID.match(unicodedata.normalize("NFKC", card_id)):
        col.error(lineno, "施策番号", f"malformed ID {card_id!r}: expected NN-NN such as 03-01")
    card_id = unicodedata.normalize("NFKC", card_id)
    name = clean_cell(cells[1])
    if not name:
        col.error(lineno, "施策名", "missing name")
    bullets = split_bullets(cells[4])
    if not bullets:
        col.error(lineno, "課題・取組概要", "missing overview")
    if labels is None:
        col.error(lineno, "", "card row before the block's header rows")
    # The ministry cell is the first one after the overview that is not an empty or mark cell.
    rest = cells[5:]
    pos = next((i for i, c in enumerate(rest) if c.strip() not in ("",) + MARK_SYMBOLS), None)
    ministries_raw = clean_cell(rest[pos]) if pos is not None else ""
    mark_cells = rest[:pos] if pos is not None else rest
    if pos is None:
        col.warn(lineno, "府省庁名", "no ministry given")
    else:
        for extra in rest[pos + 1:]:
            if extra.strip():
                col.error(lineno, "府省庁名", f"unexpected text after 府省庁名: {extra.strip()[:30]!r}")
    if col.error_count() > n_err:
        return None

    marks, unresolved = [], []
    aligned = labels == MARK_COLUMNS and len(mark_cells) == len(MARK_COLUMNS)
    for slot, cell in enumerate(mark_cells):
        symbol = cell.strip()
        if not symbol:
            continue
        if aligned:
            marks.append(Mark(MARK_COLUMNS[slot], symbol))
        elif article_at and 5 + slot in article_at:  # an article cell: its header cell names it
            marks.append(Mark(article_at[5 + slot], symbol))
        else:
            unresolved.append(UnresolvedMark(symbol, field=6 + slot, slot=slot, slots=len(mark_cells)))

    for fld, value in (("施策名", cells[1]), ("KPI(進捗)", cells[2]), ("KPI(効果)", cells[3]),
                       ("課題・取組概要", cells[4]), ("府省庁名", ministries_raw)):
        for defect in text_defects(clean_cell(value)):
            col.warn(lineno, fld, f"{card_id}: {defect}")
    return PolicyCard(
        id=card_id, chapter=card_id[:2], name=name, kpi_progress=clean_cell(cells[2]),
        kpi_effect=clean_cell(cells[3]), overview="\n".join(bullets), bullets=tuple(bullets),
        ministries=parse_ministries(ministries_raw), ministries_raw=ministries_raw, marks=tuple(marks),
        unresolved_marks=tuple(unresolved), source=Source(col.file, lineno),
    )
