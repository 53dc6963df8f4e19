"""Chunks: the passages of a card the dense side embeds, what BM25 reads of a card, and the index's chunk table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from ..corpus import PolicyCard
from ..text import sentence_spans


@dataclass(frozen=True)
class Chunk:
    """A passage the dense side embeds: the card's head (name + KPIs) or a run of overview sentences."""

    card: int  # position of the card in StoredIndex.cards
    field: str  # "head" or "overview"
    start: int  # offsets in the field's text (for "head": in the head text itself)
    end: int
    text: str


def head_text(card: PolicyCard) -> str:
    """Name and KPIs: the short, dense description of what a measure is and how it is judged."""
    parts = [card.name]
    if card.kpi_progress:
        parts.append(f"KPI(進捗): {card.kpi_progress}")
    if card.kpi_effect:
        parts.append(f"KPI(効果): {card.kpi_effect}")
    return "\n".join(parts)


#: A "sentence" longer than this (a cell without 。, a pasted blob) is cut into pieces of max_chars: the embedder's
#: time grows with a text's length (a 140,000-character cell took minutes), and no real sentence is this long.
LONG_SENTENCE = 1000


def _bounded_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    out = []
    for s, e in sentence_spans(text):
        out.extend([(s, e)] if e - s <= LONG_SENTENCE else [(i, min(i + max_chars, e)) for i in range(s, e, max_chars)])
    return out


def chunk_card(card: PolicyCard, index: int, max_chars: int = 200) -> list[Chunk]:
    """One head chunk, then overview sentences packed into chunks of at most ~max_chars (a sentence is cut only
    when it is longer than LONG_SENTENCE)."""
    head = head_text(card)[:LONG_SENTENCE]
    chunks = [Chunk(index, "head", 0, len(head), head)]
    start: int | None = None
    end = 0  # read only once a chunk has started, by then the end of its last sentence
    for s, e in _bounded_spans(card.overview, max_chars):
        if start is not None and (e - start > max_chars or "\n" in card.overview[end:s]):
            chunks.append(Chunk(index, "overview", start, end, card.overview[start:end]))
            start = None
        if start is None:
            start = s
        end = e
    if start is not None:
        chunks.append(Chunk(index, "overview", start, end, card.overview[start:end]))
    return chunks


def lexical_text(card: PolicyCard) -> str:
    """What BM25 sees of a card: name (twice: titles say most), KPIs, overview and ministries (with their offices)."""
    return "\n".join([card.name, card.name, card.kpi_progress, card.kpi_effect, card.overview,
                      card.ministries_raw or " ".join(m.name for m in card.ministries)])


class ChunkTable:
    """The chunks of an index as arrays (card, head?, start, end), cards' chunks contiguous and the head first;
    a chunk's text is cut from its card when asked for."""

    FIELDS = ("head", "overview")

    def __init__(self, cards: Sequence[PolicyCard], table: np.ndarray):
        self.cards, self.table = cards, table
        self.card = np.asarray(table[:, 0], dtype=np.int64)
        self.head = np.asarray(table[:, 1]) == 0
        n = len(cards)
        self.starts = np.searchsorted(self.card, np.arange(n))  # first chunk of each card
        self.ends = np.append(self.starts[1:], len(self.card))

    @classmethod
    def of(cls, cards: list[PolicyCard], chunks: list[Chunk]) -> ChunkTable:
        table = np.array([(c.card, cls.FIELDS.index(c.field), c.start, c.end) for c in chunks],
                         dtype=np.int32).reshape(-1, 4)
        return cls(cards, table)

    def __len__(self) -> int:
        return len(self.table)

    def __getitem__(self, i: int) -> Chunk:
        card, field, start, end = (int(x) for x in self.table[i])
        c = self.cards[card]
        text = head_text(c)[start:end] if field == 0 else c.overview[start:end]
        return Chunk(card, self.FIELDS[field], start, end, text)

    def __iter__(self) -> Iterator[Chunk]:
        return (self[i] for i in range(len(self)))

    def chunk_ids(self, cards: np.ndarray) -> np.ndarray:
        """The chunk positions of `cards`, concatenated (no Python loop over cards)."""
        cards = np.asarray(cards, dtype=np.int64)
        lengths = self.ends[cards] - self.starts[cards]
        offsets = np.repeat(self.starts[cards] - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        return offsets + np.arange(int(lengths.sum()))

    def of_card(self, card: int) -> range:
        return range(int(self.starts[card]), int(self.ends[card]))

    def card_max(self, scores: np.ndarray, cards: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Per card (of `cards`, else all): the head chunk's score, and the best overview chunk's (-1 where a card has
        none). Vectorised: no Python loop over cards or chunks."""
        starts, ends = (self.starts, self.ends) if cards is None else (self.starts[cards], self.ends[cards])
        head = np.full(len(starts), -1.0)
        over = np.full(len(starts), -1.0)
        has = ends > starts
        head[has] = scores[starts[has]]
        multi = np.flatnonzero(ends - starts > 1)
        if len(multi):
            padded = np.append(np.asarray(scores, dtype=np.float64), -np.inf)
            bounds = np.empty(2 * len(multi), dtype=np.int64)
            bounds[0::2], bounds[1::2] = starts[multi] + 1, ends[multi]
            over[multi] = np.maximum.reduceat(padded, bounds)[0::2]
        return head, over
