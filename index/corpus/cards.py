"""The policy card (施策) and the types a reading produces: the card's parts, the problems found, the corpus."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Iterator, Sequence

#: The mark columns of the 施策集: articles 10条–19条 of the basic act, then the 手引 (guides) for prefectures / municipalities.
ARTICLE_COLUMNS = ("10条", "11条1項2項", "11条3項", "12条", "13条", "14条", "15条1項", "15条2項",
                   "16条", "17条", "18条", "19条")
GUIDE_COLUMNS = ("都道府県", "市町村")
MARK_COLUMNS = ARTICLE_COLUMNS + GUIDE_COLUMNS
MARK_SYMBOLS = ("◎", "○")

SESAKU_ID = re.compile(r"^\d{2}-\d{2}$")


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

    def readings(self) -> tuple[str | None, str | None]:
        """The column the mark stands in if the row's mark cells are read from the left (the header's order) and if
        read from the right (the last cells before 府省庁名 are the 手引's); None past the columns. Where both
        readings agree on a kind of column, the table says it even though it cannot say which cell."""
        right = self.slot - (self.slots - len(MARK_COLUMNS))
        return (MARK_COLUMNS[self.slot] if 0 <= self.slot < len(MARK_COLUMNS) else None,
                MARK_COLUMNS[right] if 0 <= right < len(MARK_COLUMNS) else None)


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


# Descriptive headings for the chapters of the bundled 2021 table, written from the cards in each chapter (the table
# itself carries only the two-digit number). Other tables get their first card's name.
BUNDLED_CHAPTERS = {
    "02": "行政サービス・インフラのデジタル化（警察・港湾）",
    "03": "準公共分野のデジタル化（教育・医療・防災・農林・港湾物流）",
    "04": "成長・規制改革（電子インボイス・ドローン・テレワーク）",
    "05": "データ利活用と国際データ流通",
    "06": "デジタル人材の育成",
    "07": "誰一人取り残されないデジタル化（通信基盤・アクセシビリティ）",
}


def chapter_titles(cards: Sequence[PolicyCard]) -> dict[str, str]:
    """Chapter number → a label with its title, for filters, the card browser and a question that names a chapter by
    its title (「人材育成の章」) (「03 準公共分野のデジタル化…」)."""
    chapters = sorted({c.chapter for c in cards if c.chapter})
    bundled = all(c.source.file == "sesakushu_2021.tsv" for c in cards)
    out = {}
    for ch in chapters:
        first = next(c for c in cards if c.chapter == ch)
        title = BUNDLED_CHAPTERS.get(ch) if bundled else None
        out[ch] = f"{ch} {title or first.name[:24] + ' ほか'}"
    return out
