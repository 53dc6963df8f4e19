"""Tables whose first row names the columns (CSV, TSV, XLSX) and JSON records: a record's fields → one card."""

from __future__ import annotations

import unicodedata
from typing import Iterable

from .cards import SESAKU_ID, Corpus, CorpusError, Mark, Ministry, PolicyCard, Source, UnresolvedMark
from .cells import clean_cell, norm_label, parse_ministries, split_bullets, text_defects
from .collect import Collector

# Column names accepted in CSV/TSV/XLSX/JSONL, Japanese or English, compared after NFKC, lower case, no spaces.
COLUMN_ALIASES = {
    "id": ("id", "施策番号", "番号", "no", "no."),
    "name": ("name", "title", "施策名", "名称", "タイトル"),
    "overview": ("overview", "text", "body", "content", "課題・取組概要", "課題・取組概要(スケジュール・効果)",
                 "概要", "本文"),
    "kpi_progress": ("kpi_progress", "kpi(進捗)", "kpi進捗"),
    "kpi_effect": ("kpi_effect", "kpi(効果)", "kpi効果"),
    "ministries": ("ministries", "ministry", "府省庁名", "府省庁", "担当府省庁"),
    "chapter": ("chapter", "章"),
}
# Fields only an exported card carries (`seisaku cards --json`): read from JSONL as written.
JSON_ONLY = ("bullets", "ministries_raw", "marks", "unresolved_marks", "source")
_ALIAS_TO_KEY = {norm_label(a).lower(): key for key, aliases in COLUMN_ALIASES.items() for a in aliases}


def column_key(header: str) -> str | None:
    """The card field a column header names (one of COLUMN_ALIASES, in any case and width), or None."""
    return _ALIAS_TO_KEY.get(norm_label(header).lower())


#: A header with more unknown columns than this is reported with the first few and a count (a file of a million
#: columns once printed a million lines).
MAX_COLUMN_PROBLEMS = 20


def _map_header(header: list[str], col: Collector, line: int, allow_json: bool = False) -> list[str | None]:
    keys: list[str | None] = []
    unknown = 0
    for i, h in enumerate(header, 1):
        key = column_key(h) if h is not None else None
        if key is None and allow_json and h in JSON_ONLY:
            key = h
        if key is None:
            if h is None or not str(h).strip():
                keys.append(None)  # an unnamed, empty trailing column
                continue
            unknown += 1
            if unknown <= MAX_COLUMN_PROBLEMS:  # the list of known names once, on the first
                known = ", ".join(sorted({a for aliases in COLUMN_ALIASES.values() for a in aliases[:2]}))
                col.error(line, str(h)[:40], f"unknown column {str(h)[:40]!r} (column {i})"
                                             + (f"; known columns: {known}" if unknown == 1 else ""))
        elif key in keys:
            col.error(line, str(h), f"column {h!r} repeats {key!r}")
        keys.append(key)
    if unknown > MAX_COLUMN_PROBLEMS:
        col.error(line, "", f"{unknown - MAX_COLUMN_PROBLEMS:,} more unknown columns ({len(header):,} columns in "
                            "all): is this the right file, with the right delimiter?")
    for need in ("id", "name", "overview"):
        if need not in keys:
            col.error(line, need, f"missing required column {need!r} (e.g. {COLUMN_ALIASES[need][1]})")
    return keys


def card_from_dict(rec: dict, file: str, line: int, col: Collector) -> PolicyCard | None:
    """Build a card from a record with canonical keys; missing fields are errors or empty strings, never invented."""
    n_err = col.error_count()

    def text(key: str) -> str:
        v = rec.get(key)
        if v is None:
            return ""
        if not isinstance(v, (str, int, float)):
            col.error(line, key, f"expected text, got {type(v).__name__}")
            return ""
        return str(v)

    card_id = unicodedata.normalize("NFKC", text("id")).strip()
    name = clean_cell(text("name"))
    if not card_id:
        col.error(line, "id", "missing ID")
    if not name:
        col.error(line, "name", "missing name")
    bullets_in = rec.get("bullets")
    if bullets_in is not None:  # an exported card: keep its text exactly as written
        if not isinstance(bullets_in, list) or not all(isinstance(b, str) for b in bullets_in):
            col.error(line, "bullets", "expected a list of strings")
            bullets_in = []
        overview, bullets = text("overview"), list(bullets_in)
    else:
        bullets = split_bullets(text("overview"))
        overview = "\n".join(bullets)
    if not overview.strip():
        col.error(line, "overview", "missing overview")

    ministries_in = rec.get("ministries")
    ministries_raw = text("ministries_raw")
    if isinstance(ministries_in, list):
        try:
            ministries = tuple(Ministry(name=str(m["name"]), lead=bool(m.get("lead", False)))
                               if isinstance(m, dict) else Ministry(name=str(m)) for m in ministries_in)
        except KeyError:
            col.error(line, "ministries", "each ministry needs a 'name'")
            ministries = ()
    else:
        raw = clean_cell(text("ministries"))
        ministries_raw = ministries_raw or raw
        ministries = parse_ministries(raw)

    def objects(key: str, cls):
        try:
            return tuple(cls(**m) for m in rec.get(key) or ())
        except TypeError:
            col.error(line, key, f"malformed {key}")
            return ()

    source = rec.get("source")
    src = Source(str(source.get("file", file)), int(source.get("line", line))) if isinstance(source, dict) \
        else Source(file, line)
    chapter = text("chapter") or (card_id[:2] if SESAKU_ID.match(card_id) else "")
    if col.error_count() > n_err:
        return None
    for fld, value in (("name", name), ("overview", overview), ("kpi_progress", text("kpi_progress")),
                       ("kpi_effect", text("kpi_effect"))):
        for defect in text_defects(value):
            col.warn(line, fld, f"{card_id}: {defect}")
    return PolicyCard(
        id=card_id, chapter=chapter, name=name, kpi_progress=clean_cell(text("kpi_progress")),
        kpi_effect=clean_cell(text("kpi_effect")), overview=overview, bullets=tuple(bullets),
        ministries=ministries, ministries_raw=ministries_raw, marks=objects("marks", Mark),
        unresolved_marks=objects("unresolved_marks", UnresolvedMark), source=src,
    )


def cards_from_rows(rows: Iterable[tuple[int, list]], header: list, header_line: int, file: str,
                    col: Collector) -> Corpus:
    """The cards of the rows under a header (CSV, TSV, XLSX); a bad header fails the whole file."""
    before = col.error_count()
    keys = _map_header(header, col, header_line)
    if col.error_count() > before:
        raise CorpusError(col.problems)  # a bad header spoils every row: never lenient
    for line, row in rows:
        if all(v is None or not str(v).strip() for v in row):
            continue
        n_named = len([k for k in keys if k])
        if len(row) < len(keys) and len([v for v in row if v is not None and str(v).strip()]) < 3:
            col.error(line, "", f"row has {len(row)} fields; the header has {len(keys)} ({n_named} named)")
            col.skipped += 1
            continue
        extra = [v for v in row[len(keys):] if v is not None and str(v).strip()]
        if extra:
            col.error(line, "", f"row has {len(row)} fields but the header only {len(keys)}")
            col.skipped += 1
            continue
        col.add(card_from_dict({k: v for k, v in zip(keys, row) if k}, file, line, col), line, "id")
    return col.finish()
