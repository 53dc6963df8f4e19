"""The table formats load_cards reads, tried in order: a new format is a reader module and one line in FORMATS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..resources import bundled_file
from .cards import Corpus, CorpusError, Problem
from .decoding import decode_bytes
from .delimited import read_table
from .jsonl import JSONL_SUFFIXES, read_jsonl, starts_with_object
from .sesakushu import is_sesakushu, read_sesakushu
from .xlsx import WORKBOOK_SUFFIXES, looks_like_workbook, read_xlsx

#: The bundled 施策集 table (a byte-for-byte copy of the seed file).
BUNDLED_TABLE = bundled_file("sesakushu_2021.tsv")  # the package's copy when installed, data/ in a checkout


@dataclass(frozen=True)
class Format:
    """How load_cards tells a table format and reads it. A file is of this format when its suffix is one of
    `suffixes` or `sniff` says so from its content: the bytes for a `binary` format, else the decoded text."""

    name: str
    read: Callable[..., Corpus]  # read(content, file name, lenient=…)
    suffixes: tuple[str, ...] = ()
    sniff: Callable[[Any], bool] | None = None  # None: told by its suffixes only
    binary: bool = False

    def claims(self, content: bytes | str, suffix: str) -> bool:
        return suffix in self.suffixes or (self.sniff is not None and self.sniff(content))


#: The first format that claims a file reads it. A workbook is told from the bytes, before decoding (a zip is never
#: text); a text is JSONL, the 施策集's own PDF-extracted layout, or else a CSV/TSV table.
FORMATS: tuple[Format, ...] = (
    Format("xlsx", read_xlsx, WORKBOOK_SUFFIXES, looks_like_workbook, binary=True),
    Format("jsonl", read_jsonl, JSONL_SUFFIXES, starts_with_object),
    Format("sesakushu", read_sesakushu, sniff=is_sesakushu),
    Format("delimited", read_table, (".csv", ".tsv"), sniff=lambda text: True),  # any text left: CSV or TSV
)


def load_cards(path: str | Path | None = None, *, lenient: bool = False) -> Corpus:
    """Read cards from a 施策集 TSV, CSV, TSV, XLSX or JSONL file: the first of FORMATS that claims it reads it."""
    path = Path(path) if path is not None else BUNDLED_TABLE
    file = path.name
    from ..guard import InputRefused, read_input

    try:
        data = read_input(path)  # a regular file, bounded: never a FIFO, a device or gigabytes
    except InputRefused as e:
        raise CorpusError([Problem("error", str(path), 0, "", e.message)]) from None
    except FileNotFoundError:
        raise CorpusError([Problem("error", str(path), 0, "", "no such file")]) from None
    except IsADirectoryError:
        raise CorpusError([Problem("error", str(path), 0, "", "is a directory, not a table")]) from None
    except OSError as e:  # a symlink loop, no permission, an I/O error
        raise CorpusError([Problem("error", str(path), 0, "", f"cannot read: {e.strerror or e}")]) from None
    suffix = path.suffix.lower()
    text: str | None = None  # decoded once, when the first text format is asked
    for fmt in FORMATS:
        content: bytes | str
        if fmt.binary:
            content = data
        else:
            if text is None:
                text = decode_bytes(data, file)
            content = text
        if fmt.claims(content, suffix):
            return fmt.read(content, file, lenient=lenient)
    raise CorpusError([Problem("error", file, 0, "", "not a table format this version reads")])
