"""Policy cards (施策) and the readers that turn tables into them, with validation that names file, line and field."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .resources import bundled_file

__all__ = [
    "PolicyCard", "Ministry", "Mark", "UnresolvedMark", "Source", "Problem", "CorpusError", "Corpus",
    "load_cards", "parse_ministries", "split_bullets", "clean_cell", "write_jsonl", "card_from_dict",
    "MARK_COLUMNS", "BUNDLED_TABLE",
]

#: The bundled 施策集 table (a byte-for-byte copy of the seed file).
BUNDLED_TABLE = bundled_file("sesakushu_2021.tsv")  # the package's copy when installed, data/ in a checkout

#: The mark columns of the 施策集: articles 10条–19条 of the basic act, then the 手引 (guides) for prefectures / municipalities.
ARTICLE_COLUMNS = ("10条", "11条1項2項", "11条3項", "12条", "13条", "14条", "15条1項", "15条2項",
                   "16条", "17条", "18条", "19条")
GUIDE_COLUMNS = ("都道府県", "市町村")
MARK_COLUMNS = ARTICLE_COLUMNS + GUIDE_COLUMNS
MARK_SYMBOLS = ("◎", "○")

SESAKU_ID = re.compile(r"^\d{2}-\d{2}$")

# Abbreviated ministry names seen in plans; the key is what the table writes, the value the official name.
MINISTRY_ALIASES = {
    "経産省": "経済産業省", "文科省": "文部科学省", "厚労省": "厚生労働省", "国交省": "国土交通省",
    "農水省": "農林水産省", "総務": "総務省", "財務": "財務省", "外務": "外務省", "法務": "法務省",
    "環境": "環境省", "個情委": "個人情報保護委員会", "デジ庁": "デジタル庁", "警察": "警察庁",
}

# Characters that are not Japanese usage: simplified Chinese forms (outside JIS) are caught by encoding,
# these old/traditional forms are inside JIS but are almost always an OCR or copy-paste defect.
_OLD_FORMS = {
    "關": "関", "發": "発", "國": "国", "會": "会", "學": "学", "體": "体", "實": "実", "對": "対",
    "當": "当", "數": "数", "圖": "図", "區": "区", "來": "来", "應": "応", "經": "経", "變": "変",
    "擔": "担", "續": "続", "證": "証", "舊": "旧", "縣": "県", "團": "団", "號": "号", "鐵": "鉄",
    "醫": "医", "藥": "薬", "樂": "楽", "歸": "帰", "觀": "観", "轉": "転", "傳": "伝", "寫": "写",
}


@dataclass(frozen=True)
class Ministry:
    """A ministry named in 府省庁名; `lead` is the ◎ (主担当) mark."""

    name: str
    lead: bool = False


@dataclass(frozen=True)
class Mark:
    """An article or 手引 mark whose column is certain: ◎ mainly applies, ○ works with."""

    column: str
    symbol: str


@dataclass(frozen=True)
class UnresolvedMark:
    """A mark whose column cannot be known, because the PDF extraction dropped or added empty cells."""

    symbol: str
    field: int  # 1-based field number in the raw row
    slot: int  # 0-based index among the row's mark cells
    slots: int  # how many mark cells the row has (the table has len(MARK_COLUMNS))


@dataclass(frozen=True)
class Source:
    """Where a card was read from, for citations."""

    file: str
    line: int


@dataclass(frozen=True)
class PolicyCard:
    """One measure of the 施策集; text fields keep the source wording so that citations are exact."""

    id: str  # 施策番号
    name: str  # 施策名
    overview: str  # 課題・取組概要, plain text, one bullet per line
    chapter: str = ""  # the first two digits of the ID
    kpi_progress: str = ""  # KPI(進捗)
    kpi_effect: str = ""  # KPI(効果)
    bullets: tuple[str, ...] = ()
    ministries: tuple[Ministry, ...] = ()  # 府省庁名, in table order
    ministries_raw: str = ""
    marks: tuple[Mark, ...] = ()
    unresolved_marks: tuple[UnresolvedMark, ...] = ()
    source: Source = Source("", 0)

    @property
    def lead_ministries(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.ministries if m.lead)

    @property
    def articles(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.column in ARTICLE_COLUMNS)

    @property
    def guides(self) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.column in GUIDE_COLUMNS)

    def to_dict(self) -> dict:
        """The JSON shape of `seisaku cards --json` (a stable contract)."""
        d = asdict(self)
        for key in ("bullets", "ministries", "marks", "unresolved_marks"):
            d[key] = list(d[key])
        return {
            "id": d["id"], "chapter": d["chapter"], "name": d["name"], "kpi_progress": d["kpi_progress"],
            "kpi_effect": d["kpi_effect"], "overview": d["overview"], "bullets": d["bullets"],
            "ministries": d["ministries"], "ministries_raw": d["ministries_raw"], "marks": d["marks"],
            "unresolved_marks": d["unresolved_marks"], "source": d["source"],
        }


@dataclass(frozen=True)
class Problem:
    """A defect found while reading: an error stops the load (unless lenient), a warning never does."""

    severity: str  # "error" or "warning"
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        fld = f" [{self.field}]" if self.field else ""
        return f"{where}{fld}: {self.severity}: {self.message}"


class CorpusError(ValueError):
    """Bad input; carries every problem found so the user can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"] or problems
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(f"{errors[0]}{more}")


@dataclass
class Corpus:
    """The cards of one source, with what the reader noticed on the way."""

    cards: list[PolicyCard]
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # rows dropped in lenient mode

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def __iter__(self) -> Iterator[PolicyCard]:
        return iter(self.cards)

    def __len__(self) -> int:
        return len(self.cards)

    def by_id(self) -> dict[str, PolicyCard]:
        return {c.id: c for c in self.cards}


# ----------------------------------------------------------------------------------------------- cell text

_TAG = re.compile(r"<[^>]*>")
# A bullet marker is a hyphen (ASCII or full-width) at the start or after white space; a hyphen inside a word
# (Wi-Fi, 参考書-医師対医師) is text.
_BULLET = re.compile(r"(?:^|(?<=\s))[-－](?=\s|\S)")
_SPACES = re.compile(r"[ \t\u3000]+")


def clean_cell(text: str) -> str:
    """Remove HTML tags and entities and collapse runs of spaces; wording is otherwise untouched."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    return _SPACES.sub(" ", text).strip()


def split_bullets(text: str) -> list[str]:
    """Split an overview cell into its bullet items (markers ` - `, `－`, or one item per line)."""
    text = html.unescape(_TAG.sub(" ", text or ""))
    if _BULLET.search(text):
        parts = _BULLET.split(text)
    else:
        parts = text.split("\n")
    return [p for p in (_SPACES.sub(" ", part).strip() for part in parts) if p]


def _split_top_level(text: str) -> list[str]:
    """Split on 、/,/， outside parentheses, so 内閣官房(◎A、B) stays one item."""
    items, depth, cur = [], 0, []  # type: list[str], int, list[str]
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if ch in "、,，" and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    return [i.strip() for i in items if i.strip()]


def parse_ministries(raw: str) -> tuple[Ministry, ...]:
    """Parse 府省庁名: ◎ marks a lead (several allowed; inside parentheses it makes the parent ministry lead)."""
    out: list[Ministry] = []
    for item in _split_top_level(unicodedata.normalize("NFKC", raw or "").replace("(", "(").replace(")", ")")):
        lead = item.startswith("◎")
        name = item.lstrip("◎○ ").strip()
        inner = ""
        m = re.match(r"^([^()]*)\((.*)\)?$", name)
        if m:
            name, inner = m.group(1).strip(), m.group(2)
            lead = lead or "◎" in inner
        name = MINISTRY_ALIASES.get(name, name)
        if name and all(o.name != name for o in out):
            out.append(Ministry(name=name, lead=lead))
    return tuple(out)


def text_defects(text: str) -> list[str]:
    """Describe characters and brackets that look like defects (simplified Chinese, old forms, unclosed 「)."""
    found = []
    for ch in dict.fromkeys(text):
        if "\u4e00" <= ch <= "\u9fff":
            try:
                ch.encode("cp932")
            except UnicodeEncodeError:
                found.append(f"non-Japanese character {ch!r} (U+{ord(ch):04X}, likely simplified Chinese)")
                continue
            if ch in _OLD_FORMS:
                found.append(f"old/traditional form {ch!r} (modern form {_OLD_FORMS[ch]!r})")
    for open_, close in ("「」", "『』", "（）", "()"):
        if text.count(open_) != text.count(close):
            found.append(f"unbalanced {open_}{close}: {text.count(open_)} opened, {text.count(close)} closed")
    return found


# ----------------------------------------------------------------------------------------------- decoding

def decode_bytes(data: bytes, file: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932/Shift_JIS; refuse binary and empty files."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encodings = ["utf-8"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise CorpusError([Problem("error", file, 0, "", f"undecodable UTF-16: {e.reason}")]) from None
        if "\x00" in text:
            raise CorpusError([Problem("error", file, text.count("\n", 0, text.index("\x00")) + 1, "",
                                       "binary file (NUL bytes), not a text table")])
        return text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        encodings = ["utf-8", "cp932"]
    if not data.strip():
        raise CorpusError([Problem("error", file, 0, "", "empty file")])
    nul = data.find(b"\x00")  # anywhere, not only in the first block: a NUL is never text
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise CorpusError([Problem("error", file, line if nul >= 8192 else 0, "",
                                   "binary file (NUL bytes), not a text table")])
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1)
        raise CorpusError([Problem("error", file, line, "", f"undecodable byte 0x{data[e.start]:02x} at byte "
                                   f"{col + 1} of the line: neither UTF-8 nor CP932 (Shift_JIS)")]) from None
    raise AssertionError("unreachable")


# ----------------------------------------------------------------------------------------------- 施策集 reader

class _Collector:
    """Gathers problems; in lenient mode errors become skipped rows."""

    def __init__(self, file: str, lenient: bool):
        self.file, self.lenient = file, lenient
        self.problems: list[Problem] = []
        self.skipped = 0
        self.cards: list[PolicyCard] = []
        self._seen: dict[str, int] = {}
        self._errors = 0

    def add(self, card: PolicyCard | None, line: int, id_field: str) -> None:
        """Keep a card read from `line`; a row that failed (None) or repeats an ID is counted as skipped."""
        if card is not None and card.id in self._seen:
            self.error(line, id_field, f"duplicate ID {card.id} (first on line {self._seen[card.id]})")
            card = None
        if card is None:
            self.skipped += 1
            return
        self._seen[card.id] = line
        self.cards.append(card)

    def warn(self, line: int, fld: str, msg: str) -> None:
        self.problems.append(Problem("warning", self.file, line, fld, msg))

    def error(self, line: int, fld: str, msg: str) -> None:
        self.problems.append(Problem("error", self.file, line, fld, msg))
        self._errors += 1

    def error_count(self) -> int:
        # counted as they come: re-counting the problems for every row made reading 31k cards take 44 s
        return self._errors

    def finish(self) -> Corpus:
        if not self.cards and not self.problems:
            self.error(0, "", "no cards found")
        cards = self.cards
        errors = [p for p in self.problems if p.severity == "error"]
        if errors and not self.lenient:
            raise CorpusError(self.problems)
        if errors:  # lenient: errors are reported as skipped rows
            self.problems = [Problem("warning", p.file, p.line, p.field, f"skipped: {p.message}")
                             if p.severity == "error" else p for p in self.problems]
        return Corpus(cards=cards, problems=self.problems, skipped=self.skipped)


def _norm_label(label: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))


def is_sesakushu(text: str) -> bool:
    """True when the text is the PDF-extracted 施策集 layout (two header rows per page block)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and lines[0].startswith("施策番号\t") and "府省庁名" in lines[0] and "10条" in lines[1]


def read_sesakushu(text: str, file: str, *, lenient: bool = False) -> Corpus:
    """Read the 施策集 table: page blocks, each with its own two header rows and its own cell count."""
    col = _Collector(file, lenient)
    labels: tuple[str, ...] | None = None  # the block's mark labels, from its second header row
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if cells[0] == "施策番号":
            labels = None
            continue
        if cells[0] == "" and any(_norm_label(c) == "10条" for c in cells):
            labels = tuple(_norm_label(c) for c in cells[5:] if c.strip())
            continue
        col.add(_sesaku_row(cells, lineno, labels, col), lineno, "施策番号")
    return col.finish()


def _sesaku_row(cells: list[str], lineno: int, labels: tuple[str, ...] | None, col: _Collector) -> PolicyCard | None:
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


# ----------------------------------------------------------------------------------------------- generic tables

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
_JSON_ONLY = ("bullets", "ministries_raw", "marks", "unresolved_marks", "source")
# Written by `seisaku cards --json` from the card's text (index.roadmap) and read again from it: ignored on load.
_DERIVED = ("roadmap",)
_ALIAS_TO_KEY = {_norm_label(a).lower(): key for key, aliases in COLUMN_ALIASES.items() for a in aliases}


def _column_key(header: str) -> str | None:
    return _ALIAS_TO_KEY.get(_norm_label(header).lower())


#: A header with more unknown columns than this is reported with the first few and a count (a file of a million
#: columns once printed a million lines).
MAX_COLUMN_PROBLEMS = 20


def _map_header(header: list[str], col: _Collector, line: int, allow_json: bool = False) -> list[str | None]:
    keys: list[str | None] = []
    unknown = 0
    for i, h in enumerate(header, 1):
        key = _column_key(h) if h is not None else None
        if key is None and allow_json and h in _JSON_ONLY:
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


def card_from_dict(rec: dict, file: str, line: int, col: _Collector) -> PolicyCard | None:
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


def _cards_from_rows(rows: Iterable[tuple[int, list]], header: list, header_line: int, file: str,
                     col: _Collector) -> Corpus:
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
    col = _Collector(file, lenient)
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
    return _cards_from_rows(rows, header, header_line, file, col)


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of encrypted .xlsx files and of legacy .xls


def check_workbook_limits(data: bytes, file: str) -> None:
    """A workbook past the guard's limits (a zip bomb, a 2³⁰-character cell) as a CorpusError naming file and limit,
    found by streaming its XML before openpyxl builds a single cell."""
    from .guard import InputRefused, check_workbook

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
    col = _Collector(file, lenient)
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
    return _cards_from_rows(rows, header, header_line, file, col)


def read_jsonl(text: str, file: str, *, lenient: bool = False) -> Corpus:
    """Read one JSON object per line (the export format of `seisaku cards --json`, or any id/name/overview records)."""
    col = _Collector(file, lenient)
    for line, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            col.error(line, "", f"invalid JSON: {e.msg} at column {e.colno}")
            col.skipped += 1
            continue
        if not isinstance(obj, dict):
            col.error(line, "", "expected a JSON object")
            col.skipped += 1
            continue
        rec: dict = {}
        bad = False
        for k, v in obj.items():
            if k in _DERIVED:
                continue
            key = _column_key(k) or (k if k in _JSON_ONLY else None)
            if key is None:
                col.error(line, k, f"unknown field {k!r}")
                bad = True
            rec[key or k] = v
        col.add(None if bad else card_from_dict(rec, file, line, col), line, "id")
    return col.finish()


def load_cards(path: str | Path | None = None, *, lenient: bool = False) -> Corpus:
    """Read cards from a 施策集 TSV, CSV, TSV, XLSX or JSONL file; the format is told by content and suffix."""
    path = Path(path) if path is not None else BUNDLED_TABLE
    file = path.name
    from .guard import InputRefused, read_input

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
    if is_workbook(data, suffix):
        if not data:
            raise CorpusError([Problem("error", file, 0, "", "empty file")])
        return read_xlsx(data, file, lenient=lenient)
    text = decode_bytes(data, file)
    if suffix in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        return read_jsonl(text, file, lenient=lenient)
    if is_sesakushu(text):
        return read_sesakushu(text, file, lenient=lenient)
    return read_delimited(text, file, sniff_delimiter(text, suffix), lenient=lenient)


def is_workbook(data: bytes, suffix: str) -> bool:
    """An Excel file by name or by content (zip, or the OLE2 container of encrypted workbooks)."""
    return suffix in (".xlsx", ".xlsm", ".xls") or data.startswith((b"PK\x03\x04", _OLE2))


def write_jsonl(cards: Iterable[PolicyCard], path: str | Path, *,
                as_json: Callable[[PolicyCard], dict] | None = None) -> None:
    """Write cards as JSONL atomically (the same shape `load_cards` reads back into identical cards); `as_json`
    writes each card's object instead (`seisaku cards -o` adds its 工程表: index.roadmap.card_json, ignored on load)."""
    from .atomic import atomic_open

    with atomic_open(Path(path)) as f:  # a card at a time: no corpus-sized string for a large table
        for c in cards:
            f.write((json.dumps(as_json(c) if as_json else c.to_dict(), ensure_ascii=False) + "\n").encode("utf-8"))


