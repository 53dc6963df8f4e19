"""Question tables for reports: a text file (one question a line), CSV/TSV/XLSX (one column is the question, the
others are carried through) or JSONL, read with the corpus module's decoding and row readers, streamed."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..corpus import (CorpusError, check_workbook_limits, decode_bytes, delimited_rows, is_workbook, sniff_delimiter,
                      xlsx_rows)
from ..guard import InputRefused, read_input

__all__ = ["InputRow", "QuestionTable", "ReportError", "open_questions", "column_letter", "QUESTION_HEADERS"]

#: Header names taken as the question column when none is chosen (compared after NFKC, lower case, no spaces).
QUESTION_HEADERS = ("query", "question", "questions", "質問", "質問文", "問い", "問合せ", "問い合わせ", "クエリ",
                    "text", "本文", "内容", "概要", "施策名", "取組名", "事業名", "name", "title")


class ReportError(ValueError):
    """Bad input or output for a report: the message is Japanese first, then English, and names the file."""

    def __init__(self, ja: str, en: str):
        self.ja, self.en = ja, en
        super().__init__(f"{ja} ({en})")


@dataclass(frozen=True)
class InputRow:
    """One question of the input, with where it came from and the columns carried beside it."""

    row: int  # 1-based: the line of a text/JSONL file, the row of a spreadsheet (header included)
    query: str
    columns: dict[str, str] = field(default_factory=dict)
    truncated: bool = False  # the question was longer than the cap and was cut


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how spreadsheets name columns."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _norm(label: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(label or ""))).lower()


@dataclass
class QuestionTable:
    """A question file opened for a report; rows() streams it again on every call."""

    path: Path
    kind: str  # "text", "table" (CSV/TSV/XLSX) or "jsonl"
    header: list[str]  # column names ("" for a text file's single column)
    column: int  # index of the question column in `header`
    max_query_chars: int = 2000
    _text: str | None = None
    _data: bytes | None = None
    _delimiter: str = ","
    _has_header: bool = True

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def column_name(self) -> str:
        return self.header[self.column] if self.header else ""

    @property
    def carried(self) -> list[str]:
        """Names of the columns carried through to the report, in input order."""
        return [h for i, h in enumerate(self.header) if i != self.column]

    def _raw_rows(self) -> Iterator[tuple[int, list]]:
        try:
            if self.kind == "table" and self._data is not None:
                yield from xlsx_rows(self._data, self.file, checked=True)  # checked once, when opened
            elif self.kind == "table":
                yield from delimited_rows(self._text or "", self._delimiter, self.file)
        except CorpusError as e:  # a stray quote found mid-file: one line naming the row, as a report error
            p = e.problems[0]
            raise ReportError(f"{self.file} の {p.line} 行目: 読み込めません — {p.message}", str(p)) from None

    def _table_rows(self) -> Iterator[tuple[int, list[str]]]:
        seen_header = not self._has_header
        for line, cells in self._raw_rows():
            cells = ["" if v is None else str(v) for v in cells]
            if not any(c.strip() for c in cells):
                continue
            if not seen_header:
                seen_header = True
                continue
            yield line, cells

    def rows(self) -> Iterator[InputRow]:
        """The non-blank questions, in input order, each cut to `max_query_chars`."""
        if self.kind == "text":
            for line, q in enumerate((self._text or "").split("\n"), 1):
                if q.strip():
                    yield self._row(line, q, {})
        elif self.kind == "jsonl":
            key = self.header[self.column]
            for line, raw in enumerate((self._text or "").split("\n"), 1):
                if not raw.strip():
                    continue
                obj = _json_object(raw, self.file, line)
                carried = {k: _cell(v) for k, v in obj.items() if k != key}
                yield self._row(line, _cell(obj.get(key)), carried)
        else:
            for line, cells in self._table_rows():
                q = cells[self.column] if self.column < len(cells) else ""
                carried = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(self.header)
                           if i != self.column}
                yield self._row(line, q, carried)

    def _row(self, line: int, q: str, carried: dict[str, str]) -> InputRow:
        q = " ".join(q.split())  # a cell's line breaks and runs of spaces are one space in a question
        cut = len(q) > self.max_query_chars
        return InputRow(line, q[: self.max_query_chars] if cut else q, carried, cut)

    def count(self) -> int:
        """How many question rows there are (blank questions included; the report says them 該当なし, 質問の欄が空です)."""
        if self.kind == "table":
            return sum(1 for _ in self._table_rows())
        return sum(1 for line in (self._text or "").split("\n") if line.strip())

    def preview(self, n: int = 5) -> list[list[str]]:
        """The first n rows as cells under `header` (for picking the question column)."""
        out: list[list[str]] = []
        if self.kind == "table":
            for _, cells in self._table_rows():
                out.append([(cells[i] if i < len(cells) else "")[:200] for i in range(len(self.header))])
                if len(out) >= n:
                    break
            return out
        for r in self.rows():
            if self.kind == "text":
                out.append([r.query[:200]])
            else:
                named = dict(r.columns, **{self.header[self.column]: r.query})
                out.append([named.get(h, "")[:200] for h in self.header])
            if len(out) >= n:
                break
        return out


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _json_object(raw: str, file: str, line: int) -> dict:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ReportError(f"{file} の {line} 行目: JSON として読めません ({e.msg})",
                          f"{file}:{line}: invalid JSON: {e.msg} at column {e.colno}") from None
    if not isinstance(obj, dict):
        raise ReportError(f"{file} の {line} 行目: JSON のオブジェクト {{…}} ではありません",
                          f"{file}:{line}: expected a JSON object") from None
    return obj


def _pick_column(header: list[str], column: str | None, file: str) -> int:
    """The question column: by name (exact, then after NFKC/case folding), by letter (A, B, …), or the first
    header that names questions; the message of a miss lists the columns there are."""
    if column is not None and str(column).strip():
        want = str(column).strip()
        for i, h in enumerate(header):
            if h == want:
                return i
        for i, h in enumerate(header):
            if _norm(h) == _norm(want):
                return i
        if re.fullmatch(r"[A-Za-z]{1,3}", want):
            idx = 0
            for ch in want.upper():
                idx = idx * 26 + (ord(ch) - 64)
            if idx - 1 < len(header):
                return idx - 1
        listed = "、".join(f"{column_letter(i)}:{h}" for i, h in enumerate(header))
        raise ReportError(f"{file}: 列「{want}」がありません。使える列: {listed}",
                          f"{file}: no column {want!r}; available columns: {listed}")
    wanted = {_norm(h): k for k, h in enumerate(QUESTION_HEADERS)}
    ranked = sorted((wanted[_norm(h)], i) for i, h in enumerate(header) if _norm(h) in wanted)
    return ranked[0][1] if ranked else 0


def open_questions(path: str | Path, column: str | None = None, *, max_bytes: int | None = None,
                   max_query_chars: int = 2000, data: bytes | None = None) -> QuestionTable:
    """Open a question file (or `data` read elsewhere, e.g. stdin, under the name `path`) and choose its question
    column; every problem is a ReportError naming the file."""
    p = Path(path)
    file = p.name
    try:
        size = p.stat().st_size if data is None else len(data)
        if max_bytes is not None and size > max_bytes:
            raise ReportError(f"{file}: {size:,} バイトあり、上限 {max_bytes:,} バイトを超えています",
                              f"{file}: {size:,} bytes; the limit is {max_bytes:,}")
        if data is None:
            data = read_input(p, max_bytes)  # a regular file only (never a FIFO or /dev/zero), bounded
    except InputRefused as e:
        raise ReportError(f"{file}: 読み込めません — {e.message}", str(e)) from None
    except FileNotFoundError:
        raise ReportError(f"{p}: ファイルがありません", f"{p}: no such file") from None
    except IsADirectoryError:
        raise ReportError(f"{p}: フォルダです。ファイルを指定してください", f"{p}: is a directory") from None
    except PermissionError:
        raise ReportError(f"{p}: 読み取り権限がありません", f"{p}: permission denied") from None
    if not data.strip():
        raise ReportError(f"{file}: 空のファイルです", f"{file}: empty file")
    suffix = p.suffix.lower()
    try:
        if is_workbook(data, suffix):
            check_workbook_limits(data, file)  # a zip bomb is refused before openpyxl reads a cell
            return _open_table(p, None, data, column, max_query_chars)
        text = decode_bytes(data, file)
    except CorpusError as e:
        raise ReportError(f"{file}: 読み込めません — {e.problems[0].message}", str(e)) from None
    if suffix in (".jsonl", ".ndjson") or (suffix not in (".csv", ".tsv", ".txt") and text.lstrip().startswith("{")):
        return _open_jsonl(p, text, column, max_query_chars)
    if suffix in (".csv", ".tsv"):
        return _open_table(p, text, None, column, max_query_chars)
    # a text file's one column is 質問 (what its preview shows and the web tab sends back), or A
    if column is not None and str(column).strip() not in ("質問", "A", "a", "1"):
        raise ReportError(f"{file}: テキストファイルは 1 行 1 問です。列を選ぶには CSV/TSV/XLSX にしてください",
                          f"{file}: a text file has one question a line; --column needs CSV/TSV/XLSX")
    if not text.strip():
        raise ReportError(f"{file}: 空のファイルです", f"{file}: empty file")
    return QuestionTable(p, "text", ["質問"], 0, max_query_chars, _text=text)


def _open_table(p: Path, text: str | None, data: bytes | None, column: str | None,
                max_query_chars: int) -> QuestionTable:
    file = p.name
    delimiter = sniff_delimiter(text, p.suffix.lower()) if text is not None else ","
    probe = QuestionTable(p, "table", [], 0, max_query_chars, _text=text, _data=data, _delimiter=delimiter)
    try:
        first = next(((line, cells) for line, cells in probe._raw_rows()
                      if any(c is not None and str(c).strip() for c in cells)), None)
    except CorpusError as e:
        raise ReportError(f"{file}: 読み込めません — {e.problems[0].message}", str(e)) from None
    if first is None:
        raise ReportError(f"{file}: 空の表です (行がありません)", f"{file}: empty table")
    header = ["" if c is None else str(c).strip() for c in first[1]]
    while header and not header[-1]:
        header.pop()
    # a one-column file whose first cell is not a question header is a plain list of questions
    has_header = not (len(header) == 1 and column is None and _norm(header[0]) not in {_norm(h) for h in
                                                                                           QUESTION_HEADERS})
    if not has_header:
        header = ["質問"]
    header = [h or f"列{column_letter(i)}" for i, h in enumerate(header)]
    t = QuestionTable(p, "table", header, _pick_column(header, column, file), max_query_chars, _text=text,
                      _data=data, _delimiter=delimiter, _has_header=has_header)
    return t


def _open_jsonl(p: Path, text: str, column: str | None, max_query_chars: int) -> QuestionTable:
    file = p.name
    keys: dict[str, None] = {}
    for line, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            keys.update(dict.fromkeys(_json_object(raw, file, line)))
            if len(keys) > 200 or line > 50:
                break
    if not keys:
        raise ReportError(f"{file}: 空のファイルです", f"{file}: empty file")
    header = list(keys)
    return QuestionTable(p, "jsonl", header, _pick_column(header, column, file), max_query_chars, _text=text)
