"""CSV and TSV tables whose first row names the columns, with the checks csv itself does not make."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from .cards import Corpus, CorpusError, Problem
from .collect import Collector
from .records import cards_from_rows


# csv's default cap is 128 KiB a cell; a pasted 1 MB cell must be read (and judged by its reader), not crash here
csv.field_size_limit(64 * 1024 * 1024)


#: A quoted cell whose continuation lines include this many that look like whole rows (as many delimiters as the
#: header has columns, less one) is a stray quote joining rows, not a cell written over several lines.
ROW_SHAPED_LINES = 2


def delimited_rows(text: str, delimiter: str, file: str = "") -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of a CSV/TSV text; the line is where the row starts, for error messages. A quote that
    is never closed, or that joins lines shaped like rows of their own, is a CorpusError naming the line it
    started on: csv reads both silently as one long cell (a 501-row file became one row)."""
    raw: list[str] = []  # the physical lines of the row being read

    def lines():
        for line in io.StringIO(text):
            raw.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    start = 1
    width = 0
    for row in reader:
        if len(raw) > 1:
            _check_quoted_lines(raw, row, start, width, delimiter, file)
        raw.clear()
        if not width and any(c.strip() for c in row):
            width = len(row)
        yield start, row
        start = reader.line_num + 1


def _check_quoted_lines(raw: list[str], row: list[str], start: int, width: int, delimiter: str, file: str) -> None:
    """Refuse a row read over several lines when a quote opened on `start` was never closed, or joined rows."""
    span = len(raw)
    if sum(line.count('"') for line in raw) % 2:  # the reader reached the end of the file inside a quote
        raise CorpusError([Problem("error", file, start, "", f'unclosed quote (") on line {start}: it runs to the '
                                   f"end of the file, joining {span:,} lines into one cell; close it or remove it "
                                   f"(閉じていない引用符 \" が {start} 行目から最後まで {span:,} 行を 1 つのセルにしています)")])
    if width < 2:
        return
    shaped = sum(1 for line in raw[1:] if line.count(delimiter) >= width - 1)
    if shaped >= ROW_SHAPED_LINES or (width >= 3 and shaped >= 1 and span > ROW_SHAPED_LINES):
        raise CorpusError([Problem("error", file, start, "", f'a quote (") opened on line {start} joins the '
                                   f"next {span - 1:,} lines, {shaped:,} of them shaped like rows, into one cell: "
                                   f"a stray quote? (引用符 \" が {start} 行目から {span:,} 行を 1 つのセルにしています)")])


def sniff_delimiter(text: str, suffix: str) -> str:
    """Tab for .tsv (or a first line with more tabs than commas), comma otherwise."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    return "\t" if suffix == ".tsv" or (suffix != ".csv" and first.count("\t") > first.count(",")) else ","


#: Cells longer than this are read, with a warning (an overview runs to a few thousand characters at most).
HUGE_CELL = 131_072


def read_delimited(text: str, file: str, delimiter: str, *, lenient: bool = False) -> Corpus:
    """Read a CSV or TSV table whose first row names the columns."""
    col = Collector(file, lenient)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    header_line = 0
    lines = delimited_rows(text, delimiter, file)
    while True:
        try:
            line, row = next(lines)
        except StopIteration:
            break
        except csv.Error as e:  # e.g. a cell over csv's (raised) size limit
            at = rows[-1][0] + 1 if rows else header_line + 1
            raise CorpusError([Problem("error", file, at, "", f"unreadable row: {e}")]) from None
        if header is None:
            if not any(c.strip() for c in row):
                continue
            header, header_line = row, line
            continue
        for i, cell in enumerate(row):
            if len(cell) > HUGE_CELL:
                name = header[i] if i < len(header) else f"column {i + 1}"
                col.warn(line, name, f"a cell of {len(cell):,} characters: an unclosed quote (\") may have "
                                     "joined the rows after it into this cell")
        rows.append((line, row))
    if header is None:
        raise CorpusError([Problem("error", file, 0, "", "empty file")])
    return cards_from_rows(rows, header, header_line, file, col)


def read_table(text: str, file: str, *, lenient: bool = False) -> Corpus:
    """Read a CSV or TSV file, its delimiter told by the file's suffix and first line (load_cards' reader)."""
    return read_delimited(text, file, sniff_delimiter(text, Path(file).suffix.lower()), lenient=lenient)
