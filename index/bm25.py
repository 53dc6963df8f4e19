"""BM25 over the analyzer's terms as a sparse term → card matrix on disk: built in one streaming pass, opened by
memory-mapping, and scored by reading only the postings of the question's terms."""

from __future__ import annotations

import bisect
import functools
import json
import mmap
from array import array
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .protocols import LexicalSearch

__all__ = ["BM25Index", "build_bm25", "TERM_KINDS", "term_kind"]

# The analyzer's terms come in three kinds, told by their first character: words, "#" character bigrams and "~"
# katakana-reading bigrams. Each kind is its own BM25 (own document lengths and IDF).
TERM_KINDS = ("words", "grams", "readings")
K1, B = 1.5, 0.75  # bm25s's defaults, with its "lucene" IDF: scores equal bm25s.BM25().get_scores


def term_kind(term: str) -> str:
    return "grams" if term[:1] == "#" else "readings" if term[:1] == "~" else "words"


class _Builder:
    """Collects (card, term id, term frequency) triples without keeping the terms' strings per card; past `block`
    triples they are spilled to `spill` as a part file, so that a large corpus never holds them all (a million
    chunks make ~200 M of them): memory is one part plus the finished matrix of one term kind."""

    def __init__(self, spill: Path | None = None, block: int = 4_000_000) -> None:
        self.vocab: dict[str, int] = {}
        self.docs, self.terms, self.tfs = array("i"), array("i"), array("i")
        self.lengths = array("i")
        self.spill, self.block = spill, block
        self.parts: list[Path] = []

    def add(self, doc: int, terms: Sequence[str]) -> None:
        counts: dict[int, int] = {}
        vocab = self.vocab
        for t in terms:
            i = vocab.get(t)
            if i is None:
                i = vocab[t] = len(vocab)
            counts[i] = counts.get(i, 0) + 1
        self.docs.extend([doc] * len(counts))
        self.terms.extend(counts.keys())
        self.tfs.extend(counts.values())
        self.lengths.append(len(terms))
        if self.spill is not None and len(self.docs) >= self.block:
            self._spill()

    def _spill(self) -> None:
        assert self.spill is not None  # add() spills only when a folder was given
        self.spill.mkdir(parents=True, exist_ok=True)
        path = self.spill / f"part-{len(self.parts):05d}.npy"
        np.save(path, np.stack([np.frombuffer(a, dtype=np.int32) for a in (self.docs, self.terms, self.tfs)]))
        self.parts.append(path)
        self.docs, self.terms, self.tfs = array("i"), array("i"), array("i")

    def _blocks(self):
        """(docs, terms, tf) of every part in card order, the unspilled rest last."""
        for path in self.parts:
            d, t, f = np.load(path)
            yield d, t, f
        yield (np.frombuffer(self.docs, dtype=np.int32), np.frombuffer(self.terms, dtype=np.int32),
               np.frombuffer(self.tfs, dtype=np.int32))

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        n, n_terms = len(self.lengths), len(self.vocab)
        lengths = np.frombuffer(self.lengths, dtype=np.int32).astype(np.float32)
        avgdl = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        counts = np.zeros(n_terms, dtype=np.int64)
        for _, t, _ in self._blocks():
            counts += np.bincount(t, minlength=n_terms)
        df = counts.astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        # term-major, cards ascending within a term (a CSC matrix): parts hold ascending card ranges, so each part's
        # postings of a term go right after the previous parts' ones
        weights = np.empty(int(indptr[-1]), dtype=np.float32)
        cards = np.empty(int(indptr[-1]), dtype=np.int32)
        cursor = indptr[:-1].copy()
        for docs, terms, tfs in self._blocks():
            order = np.lexsort((docs, terms))
            docs, terms, tf = docs[order], terms[order], tfs[order].astype(np.float32)
            per_term = np.bincount(terms, minlength=n_terms)
            first = np.cumsum(per_term) - per_term  # where each term's run starts within this part
            dest = cursor[terms] + (np.arange(len(terms)) - first[terms])
            cursor += per_term
            weights[dest] = (idf[terms] * tf / (tf + K1 * (1 - B + B * lengths[docs] / avgdl))).astype(np.float32)
            cards[dest] = docs
        # float32, not float16: float16 took 0.23 GB off a million-chunk search's memory (1,900 → 1,673 MB), but
        # converting the long postings of common reading bigrams as they are added cost 5–8 ms a question there
        np.save(folder / "weights.npy", weights)
        del weights
        np.save(folder / "cards.npy", cards)
        del cards
        np.save(folder / "indptr.npy", indptr)
        _write_vocabulary(self.vocab, folder)
        (folder / "params.json").write_text(json.dumps({"n_docs": n, "avgdl": avgdl, "k1": K1, "b": B}))
        for path in self.parts:
            path.unlink()
        if self.parts and self.spill is not None:
            self.spill.rmdir()


def _write_vocabulary(vocab: dict[str, int], folder: Path) -> None:
    """`vocab.txt`: the terms in sorted (UTF-8 byte) order, one a line; `vocab_offsets.npy`: where each line starts
    (and the end); `vocab_ids.npy`: each line's term id. Opening reads none of it: a term is found by a binary search
    of the memory-mapped lines, so a million-card vocabulary costs no dictionary in every process."""
    terms = sorted(vocab)  # code point order = UTF-8 byte order
    offsets = np.zeros(len(terms) + 1, dtype=np.int64)
    with open(folder / "vocab.txt", "wb") as f:
        for i, t in enumerate(terms):  # terms never hold a newline: the analyzer splits on white space
            b = t.encode("utf-8") + b"\n"
            f.write(b)
            offsets[i + 1] = offsets[i] + len(b)
    np.save(folder / "vocab_offsets.npy", offsets)
    np.save(folder / "vocab_ids.npy", np.fromiter((vocab[t] for t in terms), dtype=np.int32, count=len(terms)))


class _Vocabulary:
    """Term → id over the sorted, memory-mapped `vocab.txt` (see _write_vocabulary): ~20 probes a term."""

    def __init__(self, folder: Path):
        self.offsets = np.asarray(np.load(folder / "vocab_offsets.npy", mmap_mode="r"))
        self.term_ids = np.asarray(np.load(folder / "vocab_ids.npy", mmap_mode="r"))
        size = (folder / "vocab.txt").stat().st_size
        if len(self.offsets) != len(self.term_ids) + 1 or int(self.offsets[-1]) != size:
            raise ValueError(f"{folder / 'vocab.txt'}: {size} bytes and {len(self.term_ids)} terms do not match "
                             "vocab_offsets.npy")
        with open(folder / "vocab.txt", "rb") as f:
            self.text = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if size and hasattr(self.text, "madvise"):
            self.text.madvise(mmap.MADV_RANDOM)  # probes jump around: no read-ahead of neighbouring pages
        # a question's terms are looked up again for each card the no-answer features read
        self.get = functools.lru_cache(maxsize=1 << 16)(self._get)  # (thread-safe)

    def __len__(self) -> int:
        return len(self.term_ids)

    def __getitem__(self, i: int) -> bytes:  # the i-th term in sorted order, as bytes (what bisect compares)
        return self.text[int(self.offsets[i]):int(self.offsets[i + 1]) - 1]

    def _get(self, term: str) -> int | None:
        key = term.encode("utf-8", "surrogatepass")
        i = bisect.bisect_left(self, key)
        return int(self.term_ids[i]) if i < len(self) and self[i] == key else None

    def __contains__(self, term: str) -> bool:
        return self.get(term) is not None


def build_bm25(card_terms: Iterable[Sequence[str]], folder: Path, block: int = 4_000_000) -> None:
    """Write one BM25 index per term kind under `folder` (words/, grams/, readings/), streaming over cards (term
    triples past `block` per kind wait in part files under the folder until the matrices are written)."""
    builders = {k: _Builder(Path(folder) / f".parts-{k}", block) for k in TERM_KINDS}
    for doc, terms in enumerate(card_terms):
        split: dict[str, list[str]] = {k: [] for k in TERM_KINDS}
        for t in terms:
            split[term_kind(t)].append(t)
        for k in TERM_KINDS:
            builders[k].add(doc, split[k])
    for k, b in builders.items():
        b.write(Path(folder) / k)
        del b.vocab


#: The largest cards × terms table _Kind.contains keeps for a question's terms (one byte a cell; 16 kept)
HOLDERS_CELLS = 1 << 20


class _Kind:
    """One term kind's matrix, memory-mapped; the vocabulary is read on first use."""

    def __init__(self, folder: Path):
        self.folder = folder
        params = json.loads((folder / "params.json").read_text())
        self.n = int(params["n_docs"])
        # plain ndarray views of the maps: slicing a np.memmap costs ~2 µs of subclass bookkeeping, and a question
        # slices a few hundred postings
        self.weights = np.asarray(np.load(folder / "weights.npy", mmap_mode="r"))
        self.cards = np.asarray(np.load(folder / "cards.npy", mmap_mode="r"))
        self.indptr = np.asarray(np.load(folder / "indptr.npy", mmap_mode="r"))
        self.vocab = _Vocabulary(folder)
        if len(self.vocab) != len(self.indptr) - 1:
            raise ValueError(f"{folder}: {len(self.vocab)} terms for {len(self.indptr) - 1} postings")
        # a question's terms are asked of each card the no-answer and list features read (10-30 cards): in an index
        # of up to HOLDERS_CELLS / terms cards their postings are read once into a cards × terms table, each card
        # then one row of it (thread-safe); a larger one searches each term's posting for the card
        self._holders = functools.lru_cache(maxsize=16)(self._holders_of)

    def ids(self, terms: Sequence[str]) -> list[int]:
        found = (self.vocab.get(t) for t in terms)
        return [i for i in found if i is not None]

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        for i in self.ids(terms):  # a repeated term counts again, as in bm25s
            a, b = self.indptr[i], self.indptr[i + 1]
            out[self.cards[a:b]] += self.weights[a:b]
        return out

    def df(self, terms: Sequence[str]) -> np.ndarray:
        out = np.zeros(len(terms), dtype=np.int64)
        for j, t in enumerate(terms):
            i = self.vocab.get(t)
            if i is not None:
                out[j] = self.indptr[i + 1] - self.indptr[i]
        return out

    def contains(self, doc: int, terms: Sequence[str]) -> np.ndarray:
        if self.n * len(terms) <= HOLDERS_CELLS:
            return self._holders(tuple(terms))[doc].copy()
        out = np.zeros(len(terms), dtype=bool)
        key = np.int32(doc)  # a Python int would make searchsorted copy the whole posting to int64 (~0.2 ms at 1M)
        for j, t in enumerate(terms):
            i = self.vocab.get(t)
            if i is not None:
                posting = self.cards[self.indptr[i]:self.indptr[i + 1]]
                k = int(posting.searchsorted(key))
                out[j] = k < len(posting) and posting[k] == key
        return out

    def _holders_of(self, terms: tuple[str, ...]) -> np.ndarray:
        """Which cards hold each of `terms`: cards × terms, read-only (kept in _holders)."""
        out = np.zeros((self.n, len(terms)), dtype=bool)
        for j, t in enumerate(terms):
            i = self.vocab.get(t)
            if i is not None:
                out[self.cards[self.indptr[i]:self.indptr[i + 1]], j] = True
        out.flags.writeable = False
        return out


class BM25Index(LexicalSearch):
    """The three BM25s of an index folder: scores per card, document frequencies and term membership."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        # opened now, under the caller's read lock: a later rebuild swaps the folder, and a lazily opened file
        # would then belong to the new index while the cards belong to the old one
        self._kinds: dict[str, _Kind] = {k: _Kind(self.folder / k) for k in TERM_KINDS}

    def kind(self, kind: str) -> _Kind:
        k = self._kinds.get(kind)
        if k is None:
            k = self._kinds[kind] = _Kind(self.folder / kind)
        return k

    def scores(self, kind: str, terms: Sequence[str], filters=None) -> np.ndarray:
        """BM25 score of every card for `terms` (all of one kind); zeros where none is known. (`filters` is for
        stores that filter where they search; here the caller's mask does it.)"""
        return self.kind(kind).scores(terms)

    def df(self, kind: str, terms: Sequence[str]) -> np.ndarray:
        """How many cards hold each term."""
        return self.kind(kind).df(terms)

    def contains(self, kind: str, card: int, terms: Sequence[str]) -> np.ndarray:
        """Which of `terms` card `card` holds."""
        return self.kind(kind).contains(card, terms)
