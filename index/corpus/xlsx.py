"""Excel workbooks: the first worksheet, its first non-empty row naming the columns, formulas read as saved."""

from __future__ import annotations

import io
import zipfile
from typing import Iterator

from .cards import Corpus, CorpusError, Problem
from .collect import Collector
from .records import cards_from_rows

#: The suffixes of an Excel workbook (a legacy .xls is claimed too, to be refused with a message, not read as text).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted .xlsx files and of legacy .xls


def check_workbook_limits(data: bytes, file: str) -> None:
    """A workbook past the guard's limits (a zip bomb, a 2³⁰-character cell) as a CorpusError naming file and limit,
    found by streaming its XML before openpyxl builds a single cell."""
    from ..guard import InputRefused, check_workbook

    try:
        check_workbook(data, file)
    except InputRefused as e:
        raise CorpusError([Problem("error", file, 0, "", e.message)]) from None


def xlsx_rows(data: bytes, file: str, checked: bool = False) -> Iterator[tuple[int, list[str | None]]]:
    """(row number, cell texts) of the first worksheet, streamed; a password-protected, legacy or broken
    workbook is refused with a message that says which, and one past the guard's limits before it is read."""
    from openpyxl import load_workbook

    if not checked:
        check_workbook_limits(data, file)
    if data.startswith(_OLE2):
        raise CorpusError([Problem("error", file, 0, "", "password-protected (encrypted) or legacy .xls workbook; "
                                   "save it without a password as .xlsx (パスワード付き、または旧形式 .xls のブックは"
                                   "読めません。パスワードなしの .xlsx で保存してください)")])
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
        raise CorpusError([Problem("error", file, 0, "", f"not a readable .xlsx workbook: {e}")]) from None
    try:
        for i, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1):
            yield i, [None if v is None else str(v) for v in row]
    finally:
        wb.close()


def _unsaved_formulas(data: bytes) -> dict[int, list[tuple[int, str]]]:
    """{row: [(column index, formula)]} of formula cells without the value Excel saves beside them. Formulas are
    never evaluated here: a formula cell reads as its saved value, and a workbook written by a program that saved
    none (not Excel) would otherwise read as empty cells."""
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # an unreadable workbook is reported by xlsx_rows
        return {}
    out: dict[int, list[tuple[int, str]]] = {}
    try:
        rows = zip(formulas.worksheets[0].iter_rows(values_only=True), values.worksheets[0].iter_rows(values_only=True))
        for i, (frow, vrow) in enumerate(rows, 1):
            for j, (f, v) in enumerate(zip(frow, vrow)):
                if v is None and isinstance(f, str) and f.startswith("="):
                    out.setdefault(i, []).append((j, f))
    finally:
        formulas.close()
        values.close()
    return out


def read_xlsx(data: bytes, file: str, *, lenient: bool = False) -> Corpus:
    """Read the first worksheet of an Excel workbook; the first non-empty row names the columns."""
    if not data:  # a file named .xlsx with nothing in it: said plainly, not as a broken zip
        raise CorpusError([Problem("error", file, 0, "", "empty file")])
    col = Collector(file, lenient)
    header, header_line, rows = None, 0, []
    check_workbook_limits(data, file)  # before either of the two readings below
    unsaved = _unsaved_formulas(data)
    for i, values in xlsx_rows(data, file, checked=True):
        for j, formula in unsaved.get(i, ()):
            name = str(header[j]) if header and j < len(header) and header[j] else f"column {j + 1}"
            col.error(i, name, f"formula {formula[:40]!r} has no saved value (formulas are not evaluated): open "
                               "and save the workbook in Excel, or paste the cells as values")
        if header is None:
            if any(v and v.strip() for v in values):
                while values and values[-1] is None:
                    values.pop()
                header, header_line = values, i
            continue
        rows.append((i, values))
    if header is None:
        raise CorpusError([Problem("error", file, 0, "", "empty workbook")])
    return cards_from_rows(rows, header, header_line, file, col)


def looks_like_workbook(data: bytes) -> bool:
    """A workbook by its bytes, whatever its name: a zip (.xlsx), or the OLE2 container of encrypted workbooks."""
    return data.startswith((b"PK\x03\x04", _OLE2))


def is_workbook(data: bytes, suffix: str) -> bool:
    """An Excel file by name or by content (zip, or the OLE2 container of encrypted workbooks)."""
    return suffix in WORKBOOK_SUFFIXES or looks_like_workbook(data)
