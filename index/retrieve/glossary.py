"""A query-side glossary: the table's terms for the English and everyday words a question uses (lost property, 落とし物
→ 遺失物 遺失届), so that the lexical side meets cards the question describes in other words. The entries live in
index/glossary.tsv, written from the table's salient terms (eval/table_terms.py lists them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text import fold_kana, normalize, stem_english
from .ministries import MINISTRY_NAMES_EN

__all__ = ["Entry", "entries", "table_terms"]

_EN_WORD = re.compile(r"[a-z0-9&]+")
_KATAKANA = re.compile(r"[ァ-ヺー]")
_KANJI = re.compile(r"[\u3400-\u9fff々]")
# a ministry's English name is no topic: "Ministry of Health, Labour and Welfare" says nothing about labour
_MINISTRY_EN = re.compile("|".join(re.escape(n) for n in sorted(MINISTRY_NAMES_EN, key=len, reverse=True) if " " in n))


@dataclass(frozen=True)
class Entry:
    """One row of the glossary: the table's terms and the other words people use for them."""
    terms: tuple[str, ...]
    english: tuple[tuple[str, ...], ...]  # each phrase as its stemmed words
    everyday: tuple[str, ...]  # normalised, kana folded to katakana
    row: int


def _english_words(text: str) -> list[str]:
    return [stem_english(w) for w in _EN_WORD.findall(text)]


def parse(text: str, name: str = "glossary.tsv") -> list[Entry]:
    """The entries of a glossary file; a malformed row is one error naming file, row and field."""
    out = []
    for row, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not cells[0].strip():
            raise ValueError(f"{name}, row {row}: expected 3 tab-separated fields (terms, english, everyday), "
                             f"got {len(cells)}")
        terms = tuple(cells[0].split())
        english = tuple(ws for p in cells[1].split(",") if (ws := tuple(_english_words(normalize(p)))))
        everyday = tuple(fold_kana(normalize(w)) for w in cells[2].split(",") if w.strip())
        out.append(Entry(terms, english, everyday, row))
    return out


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The bundled glossary (index/glossary.tsv), read once."""
    return tuple(parse(resources.files("index").joinpath("glossary.tsv").read_text(encoding="utf-8")))


def _has_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def _has_everyday(folded: str, normal: str, key: str) -> bool:
    """`key` in the folded text as a word of its own: not inside a longer katakana word (スマホ in スマホで, not a word
    that only starts or ends with its letters), and a key led by a single kanji not after another kanji (港の, not
    空港の). `normal` is the same text unfolded (folding keeps offsets), where katakana is still told from hiragana."""
    lone_kanji = bool(_KANJI.match(key)) and not _KANJI.match(key[1:2])
    at = folded.find(key)
    while at >= 0:
        after, before = normal[at + len(key):at + len(key) + 1], normal[at - 1:at] if at else ""
        if not (_KATAKANA.fullmatch(key[-1]) and after and _KATAKANA.fullmatch(after)) and \
                not (_KATAKANA.fullmatch(key[0]) and before and _KATAKANA.fullmatch(before)) and \
                not (lone_kanji and before and _KANJI.match(before)):
            return True
        at = folded.find(key, at + 1)
    return False


def table_terms(text: str, glossary: tuple[Entry, ...] | None = None) -> str:
    """The table's terms for the English and everyday words of `text`, space-separated ('' where none): terms the
    text already holds are left out, as its own words already count them."""
    normal = normalize(text)
    folded = fold_kana(normal)
    words = _english_words(_MINISTRY_EN.sub(" ", normal))
    found: dict[str, None] = {}
    for e in glossary if glossary is not None else entries():
        if any(_has_phrase(words, p) for p in e.english) or any(_has_everyday(folded, normal, k) for k in e.everyday):
            found.update((t, None) for t in e.terms if fold_kana(normalize(t)) not in folded)
    return " ".join(found)
