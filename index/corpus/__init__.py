"""Policy cards (施策) and the readers that turn tables into them, with validation that names file, line and field.

One idea a module: `cards` (the card and what a reading produces), `cells` (a cell's text), `decoding` (bytes →
text), `collect` (problems gathered while reading), `records` (named columns → a card), one module per format
(`sesakushu`, `delimited`, `xlsx`, `jsonl`), and `formats` (the registry load_cards dispatches through). Every name
is imported from here; a test that patches one patches it in the module that reads it."""

from .cards import (ARTICLE_COLUMNS, BUNDLED_CHAPTERS, GUIDE_COLUMNS, MARK_COLUMNS, MARK_SYMBOLS, SESAKU_ID, Corpus, CorpusError, Mark,
                    Ministry, PolicyCard, Problem, Source, UnresolvedMark, chapter_titles)
from .cells import MINISTRY_ALIASES, clean_cell, parse_ministries, split_bullets, text_defects
from .decoding import decode_bytes
from .delimited import HUGE_CELL, ROW_SHAPED_LINES, delimited_rows, read_delimited, sniff_delimiter
from .formats import BUNDLED_TABLE, FORMATS, Format, load_cards
from .jsonl import read_jsonl, write_jsonl
from .records import COLUMN_ALIASES, MAX_COLUMN_PROBLEMS, card_from_dict
from .sesakushu import is_sesakushu, read_sesakushu
from .xlsx import check_workbook_limits, is_workbook, read_xlsx, xlsx_rows

__all__ = [
    "PolicyCard", "Ministry", "Mark", "UnresolvedMark", "Source", "Problem", "CorpusError", "Corpus",
    "load_cards", "parse_ministries", "split_bullets", "clean_cell", "write_jsonl", "card_from_dict",
    "MARK_COLUMNS", "BUNDLED_TABLE",
    # the rest of what callers import from index.corpus (the app, report.table, retrieve, tests)
    "ARTICLE_COLUMNS", "GUIDE_COLUMNS", "MARK_SYMBOLS", "SESAKU_ID", "MINISTRY_ALIASES", "COLUMN_ALIASES",
    "HUGE_CELL", "ROW_SHAPED_LINES", "MAX_COLUMN_PROBLEMS", "text_defects", "decode_bytes", "delimited_rows",
    "sniff_delimiter", "check_workbook_limits", "is_workbook", "xlsx_rows", "is_sesakushu", "read_sesakushu",
    "read_delimited", "read_xlsx", "read_jsonl", "Format", "FORMATS", "BUNDLED_CHAPTERS", "chapter_titles",
]
