"""A query-side glossary: the table's terms for the English and everyday words a question uses (lost property, 落とし物
→ 遺失物 遺失届), so that the lexical side meets cards the question describes in other words. The entries live in
index/glossary.tsv, written from the table's salient terms (eval/table_terms.py lists them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from ..text import fold_kana, heard_as_words, normalize, reading_with_cuts, stem_english, to_hiragana
from .ministries import MINISTRY_NAMES_EN

__all__ = ["Entry", "entries", "everyday_readings", "table_terms", "specific_entries", "in_table_words", "english_as_written", "topic_kin",
           "terms_for", "english_detail_terms"]

_EN_WORD = re.compile(r"[a-z0-9&]+")
_KATAKANA = re.compile(r"[ァ-ヺー]")
_KANJI = re.compile(r"[\u3400-\u9fff々]")
# a ministry's English name is no topic: "Ministry of Health, Labour and Welfare" says nothing about labour
# and "police" in "How is the police modernizing …" names the ministry the question filters by, as 「警察の…」 does: its
# cards all share that word, so it would only count every one of them as an answer (a list of its cards)
_MINISTRY_EN = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(MINISTRY_NAMES_EN, key=len, reverse=True))
                          + r")\b")


@dataclass(frozen=True)
class Entry:
    """One row of the glossary: the table's terms and the other words people use for them."""
    terms: tuple[str, ...]
    english: tuple[tuple[str, ...], ...]  # each phrase as its stemmed words
    everyday: tuple[str, ...]  # normalised, kana folded to katakana
    row: int
    # the first letter of each everyday word and the first word of each English phrase: a text that holds none of
    # them holds none of the entry's words (every question is read for every entry, and most are nowhere in it)
    letters: frozenset[str] = field(init=False, repr=False, compare=False)
    lead_words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "letters", frozenset(k[:1] for k in self.everyday))
        object.__setattr__(self, "lead_words", frozenset(p[0] for p in self.english if p))


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


@lru_cache(maxsize=1)
def everyday_readings() -> dict[str, str]:
    """Katakana reading → spelling of the glossary's everyday words written wholly in kanji (健康診断 →
    ケンコウシンダン, 市役所 → シヤクショ): so that one typed in hiragana (「けんこうしんだん」, 「しやくしょ」) is respelled
    to the word the glossary then reads in the table's terms (健診, 地方公共団体), as the table's own words are."""
    from ..text import analyzer

    out: dict[str, str] = {}
    for e in entries():
        for word in e.everyday:
            if not _WRITTEN.fullmatch(word):
                continue
            tokens = analyzer().tokens(word)
            reading = "".join(t.kana for t in tokens)
            if tokens and len(reading) >= 3 and _KATAKANA_WORD.fullmatch(reading):
                out.setdefault(reading, word)
    return out


_WRITTEN = re.compile(r"[一-鿿々]{2,}")  # (the glossary's words are kept folded to katakana: kanji only, 健康診断)
_KANJI_WORD = re.compile(r"[一-鿿々]+")
_KATAKANA_WORD = re.compile(r"[ァ-ヴー]+")


def _everyday_spans(folded: str, normal: str, key: str, heard: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each place where `key` is in the folded text as a word of its own: not inside a longer
    katakana word (スマホ in スマホで, not a word that only starts or ends with its letters), and a key led by a single
    kanji not after another kanji (港の, not 空港の). `normal` is the same text unfolded (folding keeps offsets), where
    katakana is still told from hiragana: a key that ends in a particle (港の, folded 港ノ) is its own word before a
    katakana one (港のデジタル化). A key that is one kanji and a particle (港の, 港で) writes that noun as a word of its
    own, which it also is where MeCab reads it so before another noun or a suffix (「港関係」, 「港まわり」, 「港周辺」;
    not 港湾, 空港, 漁港, each one word): there the span is the noun only. `heard`: a question's, where the key's
    letters are not found, the key may be heard in its hiragana (_heard_spans).
    """
    if key not in folded and not (len(key) == 2 and key[0] in normal):  # (most texts hold few of the keys asked)
        return _heard_spans(normal, key) if heard else []
    lone_kanji = bool(_KANJI.match(key)) and not _KANJI.match(key[1:2])
    spans = [(a, a + len(key)) for a in _key_at(folded, normal, key, lone_kanji)]
    if lone_kanji and _PARTICLE.fullmatch(key[1:]):
        spans += [(a, a + 1) for a in _noun_at(normal, key[0]) if all(a != b for b, _ in spans)]
    return sorted(spans)


_PARTICLE = re.compile(r"[ノデニヲハガトモヘヤ]")  # (folded to katakana)


@lru_cache(maxsize=1024)
def _noun_at(normal: str, kanji: str) -> tuple[int, ...]:
    """Where MeCab reads the single kanji `kanji` as a noun of its own in `normal` (港 in 港関係, not in 港湾)."""
    if kanji not in normal:
        return ()
    from ..text import token_spans

    return tuple(i for i, t in token_spans(normal) if t.surface == kanji and t.pos == "名詞")


def _key_at(folded: str, normal: str, key: str, lone_kanji: bool) -> list[int]:
    out = []
    at = folded.find(key)
    while at >= 0:
        after, before = normal[at + len(key):at + len(key) + 1], normal[at - 1:at] if at else ""
        first, last = normal[at], normal[at + len(key) - 1]
        if not (_KATAKANA.fullmatch(last) and after and _KATAKANA.fullmatch(after)) and \
                not (_KATAKANA.fullmatch(first) and before and _KATAKANA.fullmatch(before)) and \
                not (lone_kanji and before and _KANJI.match(before)):
            out.append(at)
        at = folded.find(key, at + 1)
    return out


@lru_cache(maxsize=4096)
def _folded(term: str) -> str:
    """A glossary term as folded text is compared, folded once (every question reads every specific entry)."""
    return fold_kana(normalize(term))


def table_terms(text: str, glossary: tuple[Entry, ...] | None = None) -> str:
    """The table's terms for the English and everyday words of `text`, space-separated ('' where none): terms the
    text already holds are left out, as its own words already count them. By the bundled glossary, read once per
    text (a search asks it of its question up to three times: its lexical side, the list's topic, the siblings)."""
    return _bundled_terms(text) if glossary is None else _terms(text, glossary)


@lru_cache(maxsize=1024)
def _bundled_terms(text: str) -> str:
    return _terms(text, entries())


def _terms(text: str, glossary: tuple[Entry, ...]) -> str:
    normal = normalize(text)
    folded = fold_kana(normal)
    words = _english_words(_MINISTRY_EN.sub(" ", normal))
    found: dict[str, None] = {}
    every = tuple(glossary)
    heard = _typed_in_hiragana(normal)
    held, letters = frozenset(words), frozenset(folded)
    spans = {e.row: _phrase_spans(words, e.english) if not e.lead_words.isdisjoint(held) else [] for e in every}
    taken = [s for found_at in spans.values() for s in found_at]
    for e in every:
        # an English phrase inside a longer one another entry matched is that entry's word: "medical data" in
        # "anonymized medical data" says 匿名加工医療情報, not every card about 医療
        own = [s for s in spans[e.row] if not any(a <= s[0] and s[1] <= b and b - a > s[1] - s[0] for a, b in taken)]
        if own or any(_everyday_spans(folded, normal, k, heard) for k in e.everyday
                      if heard or not e.letters.isdisjoint(letters)):
            found.update((t, None) for t in e.terms if _folded(t) not in folded)
    return " ".join(found)


def _typed_in_hiragana(normal: str) -> bool:
    """Whether a question may name an everyday word by its sounds: it holds hiragana an IME may have left."""
    return bool(re.search(r"[ぁ-ゖ]{2}", normal))


@lru_cache(maxsize=4096)
def _key_reading(key: str) -> str:
    """The reading of an everyday word (kept folded: its kana are katakana, read here as the hiragana they may be)."""
    from ..text import analyzer

    return "".join(t.kana for t in analyzer().tokens(to_hiragana(key)))


@lru_cache(maxsize=256)
def _heard_words(normal: str) -> tuple[str, tuple[tuple[int, int, bool, int, int], ...]]:
    """The text's reading and, for each of its words, (start, end) in the reading, whether typed in hiragana
    (text.reading_with_cuts), and (start, end) in the text."""
    from ..text import token_spans

    reading, cuts = reading_with_cuts(normal)
    spans = token_spans(normal)
    if len(spans) != len(cuts):  # (a word spelt otherwise than the text: no offsets to give)
        return reading, ()
    return reading, tuple((a, b, typed, i, i + len(t.surface)) for (a, b, typed), (i, t) in zip(cuts, spans))


def _heard_spans(normal: str, key: str) -> list[tuple[int, int]]:
    """Where an everyday word is heard in the text (text.heard_as_words: whole words of its reading, one of them typed
    in hiragana): 「めの ふじゆうな」 is 目の不自由, whose letters the text does not hold."""
    reading = _key_reading(key)
    if len(reading) < 3 or _KANJI_WORD.fullmatch(key):  # (a word of kanji alone is respelled: everyday_readings)
        return []
    heard, words = _heard_words(normal)
    if reading not in heard or not heard_as_words(reading, heard, [(a, b, k) for a, b, k, _, _ in words]):
        return []
    starts = {a: i for a, _, _, i, _ in words}
    ends = {b: j for _, b, _, _, j in words}
    out, at = [], heard.find(reading)
    while at >= 0:
        if at in starts and at + len(reading) in ends:
            out.append((starts[at], ends[at + len(reading)]))
        at = heard.find(reading, at + 1)
    return out


def _phrase_spans(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Where each of `phrases` stands in `words`, as (first word, past the last)."""
    return [(i, i + len(p)) for p in phrases for i in range(len(words) - len(p) + 1) if tuple(words[i:i + len(p)]) == p]


def specific_entries(card_texts: list[str], most_cards: int, glossary: tuple[Entry, ...] | None = None
                     ) -> tuple[Entry, ...]:
    """The entries whose table terms are held by at most `most_cards` of the cards (their texts), each with only the
    everyday words no card uses. Terms that name one thing of the table (光ファイバ, 教員), not a word most cards use
    (地方公共団体, 医療, 教育), which says little of which card a question means and brings a question the table does
    not answer nearer to every card; and a word the table uses itself (遠隔医療, サイト) is already its wording, where a
    card writes it as a word of its own as a question's is read (_everyday_spans): 港の inside 寄港の, マップ inside
    ロードマップ are other words, so 「港の施策」 is still read as 港湾's."""
    normals = [normalize(t) for t in card_texts]
    folded = [fold_kana(t) for t in normals]
    out = []
    for e in glossary if glossary is not None else entries():
        terms = [_folded(t) for t in e.terms]
        if sum(any(t in text for t in terms) for text in folded) <= most_cards:
            out.append(replace(e, everyday=tuple(k for k in e.everyday
                                                 if not any(_everyday_spans(f, n, k) for f, n in zip(folded, normals)))))
    return tuple(out)


def in_table_words(text: str, glossary: tuple[Entry, ...], english: tuple[Entry, ...] = (), shortest: int = 2) -> str:
    """`text` (normalised) with each everyday Japanese word of `glossary`'s entries put in the table's terms
    (ネット回線関係の施策は？ → 超高速ブロードバンド・光ファイバ関係の施策は?): the question as the table would say it.
    Terms the text already holds are not repeated; an entry whose terms it all holds leaves it as it is. `english`'s
    entries put their English phrases of at least `shortest` words in the table's terms too."""
    normal = normalize(text)
    folded = fold_kana(normal)
    at = list(_EN_WORD.finditer(_MINISTRY_EN.sub(lambda m: " " * len(m.group()), normal)))
    words = [stem_english(m.group()) for m in at]
    spans: list[tuple[int, int, str]] = []
    held, letters = frozenset(words), frozenset(folded)
    heard = _typed_in_hiragana(normal)
    for e in glossary:
        if e.letters.isdisjoint(letters) and not heard:
            continue
        found = [span for key in e.everyday for span in _everyday_spans(folded, normal, key, heard)]
        terms = [t for t in e.terms if _folded(t) not in folded] if found else []
        if terms:
            said = "・".join(terms)
            spans.extend((a, b, said) for a, b in found)
    for e in english:
        if e.lead_words.isdisjoint(held):
            continue
        # an English phrase of `english`'s entries too ("the anonymized medical data measure" → 匿名加工医療情報): the
        # question reads the table's own name for it, as a Japanese question's everyday word is read (a phrase of
        # several words only, by default: one English word, "fiber", "island", is a word of many cards' topics)
        terms = [t for t in e.terms if _folded(t) not in folded]
        spans.extend((at[i].start(), at[j - 1].end(), "・".join(terms))
                     for i, j in _phrase_spans(words, tuple(p for p in e.english if len(p) >= shortest)) if terms)
    out: list[str] = []
    done = 0
    for start, end, said in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):  # the longest of those that overlap
        if start >= done:
            out += [normal[done:start], said]
            done = end
    return "".join(out) + normal[done:]


def english_as_written(text: str) -> str:
    """`text` (normalised) with every English word or phrase the glossary knows put in the table's terms ("Which
    measures are about remote islands?" → "which measures are about 条件不利地域・過疎・離島・へき地?", "Okinawa" →
    沖縄): the question as the table writes it, whose words the cards hold or not. For reading whether a card answers
    it at all (the no-answer model weighs the question's words that the cards hold; English words are in none), not
    for ranking: there one word, "island", would count every card of its entry's topic."""
    if not _LATIN.search(text):  # (every question is read so: a Japanese one has nothing to put, and the scan costs)
        return normalize(text)
    return in_table_words(text, (), entries(), shortest=1)


_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


def english_detail_terms(text: str) -> list[tuple[str, ...]]:
    """For each English phrase of `text` that a glossary row gives (the longest where they overlap, ministries' names
    left out), the ways the table and everyday Japanese say it ("private companies" → 企業, 会社, 民間会社): the words a
    Japanese card must hold to be what an English detail phrase speaks of. One word counts here, unlike in
    `in_table_words`: the phrase is looked for in the cards just answered, not searched in every card."""
    normal = normalize(text)
    words = _english_words(_MINISTRY_EN.sub(" ", normal))
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    for e in entries():
        said = tuple(dict.fromkeys([*(normalize(t) for t in e.terms), *e.everyday]))
        spans.extend((i, j, said) for i, j in _phrase_spans(words, e.english))
    out: list[tuple[str, ...]] = []
    done = 0
    for start, end, said in sorted(spans, key=lambda s: (s[0], s[0] - s[1])):
        if start >= done:
            out.append(said)
            done = end
        elif out and start < done and end == done:
            out[-1] = tuple(dict.fromkeys(out[-1] + said))  # two rows for one phrase: either says it
    return out


# A topic the table states in other words on some of its cards: general usage makes them one subject (a disaster's
# measures include those for its victims, 被災者; a measure for people with disabilities is one of accessibility; a
# map is geospatial information, G空間, or a map's polygons, 筆ポリゴン). Read for a topic list only (pipeline
# Retriever._topic_reading), never for a one-card question: there the other word would pull it to the wrong card.
TOPIC_KIN: dict[str, tuple[str, ...]] = {
    "災害": ("被災者",),
    "防災": ("被災者",),
    "障害": ("アクセシビリティ",),
    "地図": ("地理空間情報", "G空間", "筆ポリゴン"),
    # (one glossary row: the table writes the fixed line both ways, 07-01 光ファイバ, 07-04 超高速ブロードバンド)
    "光ファイバ": ("超高速ブロードバンド",),
    "ブロードバンド": ("光ファイバ",),
}


def topic_kin(text: str) -> str:
    """The table's other words for the topics `text` names (TOPIC_KIN), space-separated ('' where none): those the text
    already holds are left out."""
    folded = fold_kana(normalize(text))
    found: dict[str, None] = {}
    for word, kin in TOPIC_KIN.items():
        if _folded(word) in folded:
            found.update((k, None) for k in kin if _folded(k) not in folded)
    return " ".join(found)


def terms_for(words: Sequence[str], *, as_term: bool = False, inside: bool = False) -> list[str]:
    """The table's terms of the glossary rows that give one of `words` as an everyday word (自治体 → 地方公共団体);
    `as_term`: or as one of the row's own terms; `inside`: or inside one of its terms or everyday words (災害 in
    「災害にあった人」). In the glossary's order, each once: the one way the chat asks the glossary about a word."""
    folded = [_folded(w) for w in words]
    found: dict[str, None] = {}
    for e in entries():
        if any(w in e.everyday or (as_term and any(w == _folded(t) for t in e.terms))
               or (inside and (any(w in _folded(t) for t in e.terms) or any(w in x for x in e.everyday)))
               for w in folded):
            found.update(dict.fromkeys(e.terms))
    return list(found)
