"""Guards against hostile or careless files: spreadsheet cells that would run as formulas, inputs that are not
regular files or are too large, and workbooks that decompress into more than they say (zip bombs).

Every writer and reader of the library goes through these, so that one rule holds for every format and command."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FORMULA_PREFIXES", "looks_like_formula", "csv_text", "as_text_cell", "InputRefused", "read_input",
           "MAX_INPUT_BYTES", "WorkbookLimits", "WORKBOOK_LIMITS", "check_workbook"]

# ----------------------------------------------------------------------------------------------- formulas

#: What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV injection"); the tab and
#: carriage return are there because some programs strip them and then see the character after.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "＠")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*)(\.\d+)?([eE][+-]?\d+)?%?")


def looks_like_formula(value) -> bool:
    """True for text a spreadsheet may evaluate: starting with = + - @ (or full-width ＝ ＋ ＠, which an IME types and
    some spreadsheets fold to ASCII), tab or CR; a plain number such as -3 or +1.5 is data, not a formula. The
    full-width minus is left out: it starts the 施策集's own bullets."""
    return (isinstance(value, str) and value[:1] in FORMULA_PREFIXES
            and not _PLAIN_NUMBER.fullmatch(value))


def csv_text(value):
    """A CSV cell that no spreadsheet runs: formula-like text gets a leading apostrophe (OWASP), the rest of the text
    is kept as it was; everything else is returned unchanged."""
    return "'" + value if looks_like_formula(value) else value


def as_text_cell(cell):
    """Make an openpyxl cell (normal or write-only) hold its text as a string, never a formula; the visible text is
    exactly the input. openpyxl turns any str starting with '=' into a formula, so this runs on every written cell."""
    if cell.data_type == "f" or (isinstance(cell.value, str) and looks_like_formula(cell.value)):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel's own "this is text" mark: editing the cell keeps it text
    return cell


# ----------------------------------------------------------------------------------------------- input files

#: Bytes read from one input file at most (a 施策集 of 31,000 cards is ~60 MB as TSV); more is refused unread.
MAX_INPUT_BYTES = 256 * 1024 * 1024


class InputRefused(ValueError):
    """An input that is not read: not a regular file, too large, or a workbook past its limits. `file` and `limit`
    say which; str() is one line."""

    def __init__(self, file: str, message: str):
        self.file, self.message = file, message
        super().__init__(f"{file}: {message}")


def read_input(path: str | Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, at most `max_bytes` (default MAX_INPUT_BYTES). A FIFO, socket or device
    (/dev/zero, a named pipe that would block forever) is refused before it is opened for reading; the size is
    checked on the open file and the read stops one byte past the limit, so a file that grows is still bounded.
    OS errors (missing file, folder, permission) are raised as they are, for the caller's own message."""
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    p = Path(path)
    st = os.stat(p)  # follows links: a link to a FIFO is a FIFO
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(p))
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise InputRefused(p.name, f"{kind}, not a regular file: give a file (通常のファイルではありません)")
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks, even if swapped for a FIFO since
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise InputRefused(p.name, "not a regular file (通常のファイルではありません)")
        if st.st_size > limit:
            raise InputRefused(p.name, _too_large(st.st_size, limit))
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(p.name, _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"{size:,} bytes or more; the limit is {limit:,} bytes (上限 {limit:,} バイトを超えています)"


# ----------------------------------------------------------------------------------------------- workbooks

@dataclass(frozen=True)
class WorkbookLimits:
    """What a workbook may hold once decompressed; checked by streaming its XML before any cell is built."""

    uncompressed_bytes: int = 256 * 1024 * 1024  # all the worksheets and shared strings together
    cell_chars: int = 131_072  # one cell (Excel itself stops at 32,767; the CSV reader warns at this length)
    rows: int = 1_048_576  # Excel's own row limit
    columns: int = 16_384  # Excel's own column limit (XFD)


WORKBOOK_LIMITS = WorkbookLimits()
_CHUNK = 1 << 20


def check_workbook(data: bytes, file: str, limits: WorkbookLimits = WORKBOOK_LIMITS) -> None:
    """Refuse (InputRefused, one line naming the file and the limit) a workbook whose sheets or shared strings
    decompress past `limits`, hold a longer cell, or more rows: streamed through expat a megabyte at a time, so a
    1 MB file that inflates to a 1 GB cell costs a megabyte of memory, not three gigabytes. A file that is not a zip
    is left to the workbook reader, which says what it is."""
    import io
    import xml.parsers.expat

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with zf:
        parts = [i for i in zf.infolist() if i.filename.startswith(("xl/worksheets/", "xl/sharedStrings"))
                 and i.filename.endswith(".xml")]
        declared = sum(i.file_size for i in zf.infolist())
        if declared > limits.uncompressed_bytes:
            raise InputRefused(file, f"the workbook decompresses to {declared:,} bytes; the limit is "
                                     f"{limits.uncompressed_bytes:,} (展開後のサイズが上限を超えています)")
        total = 0
        for info in parts:
            sheet = info.filename.startswith("xl/worksheets/")
            state = {"chars": 0, "rows": 0, "cells": 0}

            def start(name, attrs, state=state, sheet=sheet):
                local = name.rsplit(":", 1)[-1]
                if local in ("c", "si"):
                    state["chars"] = 0
                    if sheet:
                        state["cells"] += 1
                elif local == "row" and sheet:
                    state["rows"] += 1
                    state["cells"] = 0
                    if state["rows"] > limits.rows:
                        raise InputRefused(file, f"more than {limits.rows:,} rows; the limit is {limits.rows:,} "
                                                 "(行数が上限を超えています)")
                if sheet and state["cells"] > limits.columns:
                    raise InputRefused(file, f"a row of more than {limits.columns:,} cells; the limit is "
                                             f"{limits.columns:,} (列数が上限を超えています)")

            def text(chunk, state=state):
                state["chars"] += len(chunk)
                if state["chars"] > limits.cell_chars:
                    raise InputRefused(file, f"a cell of more than {limits.cell_chars:,} characters; the limit is "
                                             f"{limits.cell_chars:,} (セルの文字数が上限を超えています)")

            parser = xml.parsers.expat.ParserCreate()
            parser.StartElementHandler = start
            parser.CharacterDataHandler = text
            try:
                with zf.open(info) as f:
                    while True:
                        chunk = f.read(_CHUNK)
                        if not chunk:
                            break
                        total += len(chunk)
                        if total > limits.uncompressed_bytes:
                            raise InputRefused(file, f"the workbook decompresses to more than "
                                                     f"{limits.uncompressed_bytes:,} bytes; the limit is "
                                                     f"{limits.uncompressed_bytes:,} (展開後のサイズが上限を超えています)")
                        parser.Parse(chunk, False)
                parser.Parse(b"", True)
            except (zipfile.BadZipFile, xml.parsers.expat.ExpatError, OSError, EOFError, RuntimeError):
                return  # broken: the workbook reader names the damage
