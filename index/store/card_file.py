"""The cards of a built index: cards.jsonl, read by line offset when a card is used, never parsed whole."""

from __future__ import annotations

import functools
import json
import mmap
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from ..corpus import Mark, Ministry, PolicyCard, Source, UnresolvedMark
from .errors import DamagedIndex


class CardList(Sequence[PolicyCard]):
    """The cards of an index, read from the memory-mapped `cards.jsonl` when used (the line offsets are stored with
    it): opening a million cards parses none of them, and a search parses the few it shows."""

    def __init__(self, path: Path, offsets: np.ndarray, cache_size: int = 4096):
        self.path, self.offsets = Path(path), np.asarray(offsets, dtype=np.int64)
        size = self.path.stat().st_size
        if len(self.offsets) == 0 or int(self.offsets[-1]) != size:
            raise ValueError(f"{self.path} has {size} bytes, its offsets end at "
                             f"{int(self.offsets[-1]) if len(self.offsets) else None}")
        with open(self.path, "rb") as f:
            self._text = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if size and hasattr(self._text, "madvise"):
            self._text.madvise(mmap.MADV_RANDOM)  # a search reads a few scattered lines: no read-ahead around them
        self._card = functools.lru_cache(maxsize=cache_size)(self._read)  # lru_cache is thread-safe

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _read(self, i: int) -> PolicyCard:
        line = self._text[int(self.offsets[i]):int(self.offsets[i + 1])]
        try:
            return _card_from_json(json.loads(line))
        except (ValueError, KeyError, TypeError) as e:
            raise DamagedIndex(f"index at {self.path.parent}: cards.jsonl line {i + 1} is unreadable ({e}); "
                               "rebuild with `seisaku index`") from None

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._card(j) for j in range(*i.indices(len(self)))]
        i = int(i)
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self._card(i % len(self))

    def __iter__(self) -> Iterator[PolicyCard]:
        return (self[i] for i in range(len(self)))


def line_offsets(path: Path) -> np.ndarray:
    """Where each line of a JSONL file starts, and its end (what CardList reads by)."""
    size = Path(path).stat().st_size
    if not size:
        return np.zeros(1, dtype=np.int64)
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        ends: list = [0]
        step = 1 << 26
        for start in range(0, size, step):  # 64 MB at a time: a million cards' file never read whole
            block = np.frombuffer(m[start:start + step], dtype=np.uint8)
            ends.append(np.flatnonzero(block == 10) + start + 1)
    out = np.concatenate([np.zeros(1, np.int64), *[np.asarray(e, np.int64) for e in ends[1:]]])
    return out if out[-1] == size else np.append(out, size)


def _card_from_json(d: dict) -> PolicyCard:
    """A card as `write_jsonl` wrote it, without the importer's checks (the index wrote it from valid cards, and
    its checksum was verified): about 50 times faster than read_jsonl on a large corpus."""
    return PolicyCard(
        id=d["id"], name=d["name"], overview=d["overview"], chapter=d["chapter"], kpi_progress=d["kpi_progress"],
        kpi_effect=d["kpi_effect"], bullets=tuple(d["bullets"]),
        ministries=tuple(Ministry(**m) for m in d["ministries"]), ministries_raw=d["ministries_raw"],
        marks=tuple(Mark(**m) for m in d["marks"]),
        unresolved_marks=tuple(UnresolvedMark(**m) for m in d["unresolved_marks"]), source=Source(**d["source"]))
