"""BM25 over the analyzer's terms as a sparse term → card matrix on disk: built in one streaming pass, opened by
memory-mapping, and scored by reading only the postings of the question's terms."""

from __future__ import annotations

import json
from array import array
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

__all__ = ["BM25Index", "build_bm25", "TERM_KINDS", "term_kind"]

# The analyzer's terms come in three kinds, told by their first character: words, "#" character bigrams and "~"
# katakana-reading bigrams. Each kind is its own BM25 (own document lengths and IDF).
TERM_KINDS = ("words", "grams", "readings")
K1, B = 1.5, 0.75  # bm25s's defaults, with its "lucene" IDF: scores equal bm25s.BM25().get_scores


def term_kind(term: str) -> str:
    return "grams" if term[:1] == "#" else "readings" if term[:1] == "~" else "words"


class _Builder:
    """Collects (card, term id, term frequency) triples without keeping the terms' strings per card."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.docs, self.terms, self.tfs = array("i"), array("i"), array("i")
        self.lengths = array("i")

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

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        n = len(self.lengths)
        docs = np.frombuffer(self.docs, dtype=np.int32)
        terms = np.frombuffer(self.terms, dtype=np.int32)
        tf = np.frombuffer(self.tfs, dtype=np.int32).astype(np.float32)
        lengths = np.frombuffer(self.lengths, dtype=np.int32).astype(np.float32)
        avgdl = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        order = np.lexsort((docs, terms))  # term-major, cards ascending within a term: a CSC matrix
        docs, terms, tf = docs[order], terms[order], tf[order]
        df = np.bincount(terms, minlength=len(self.vocab)).astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        weights = (idf[terms] * tf / (tf + K1 * (1 - B + B * lengths[docs] / avgdl))).astype(np.float32)
        indptr = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=len(self.vocab)), out=indptr[1:])
        np.save(folder / "weights.npy", weights)
        np.save(folder / "cards.npy", docs.astype(np.int32))
        np.save(folder / "indptr.npy", indptr)
        # one term a line (terms never hold a newline: the analyzer splits on white space)
        (folder / "vocab.txt").write_text("\n".join(self.vocab), encoding="utf-8")
        (folder / "params.json").write_text(json.dumps({"n_docs": n, "avgdl": avgdl, "k1": K1, "b": B}))


def build_bm25(card_terms: Iterable[Sequence[str]], folder: Path) -> None:
    """Write one BM25 index per term kind under `folder` (words/, grams/, readings/), streaming over cards."""
    builders = {k: _Builder() for k in TERM_KINDS}
    for doc, terms in enumerate(card_terms):
        split: dict[str, list[str]] = {k: [] for k in TERM_KINDS}
        for t in terms:
            split[term_kind(t)].append(t)
        for k in TERM_KINDS:
            builders[k].add(doc, split[k])
    for k, b in builders.items():
        b.write(Path(folder) / k)


class _Kind:
    """One term kind's matrix, memory-mapped; the vocabulary is read on first use."""

    def __init__(self, folder: Path):
        self.folder = folder
        params = json.loads((folder / "params.json").read_text())
        self.n = int(params["n_docs"])
        self.weights = np.load(folder / "weights.npy", mmap_mode="r")
        self.cards = np.load(folder / "cards.npy", mmap_mode="r")
        self.indptr = np.load(folder / "indptr.npy", mmap_mode="r")
        self._vocab: dict[str, int] | None = None

    @property
    def vocab(self) -> dict[str, int]:
        if self._vocab is None:
            text = (self.folder / "vocab.txt").read_text(encoding="utf-8")
            self._vocab = {t: i for i, t in enumerate(text.split("\n"))} if text else {}
        return self._vocab

    def ids(self, terms: Sequence[str]) -> list[int]:
        vocab = self.vocab
        return [vocab[t] for t in terms if t in vocab]

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        for i in self.ids(terms):  # a repeated term counts again, as in bm25s
            a, b = self.indptr[i], self.indptr[i + 1]
            out[self.cards[a:b]] += self.weights[a:b]
        return out

    def df(self, terms: Sequence[str]) -> np.ndarray:
        vocab = self.vocab
        return np.array([int(self.indptr[vocab[t] + 1] - self.indptr[vocab[t]]) if t in vocab else 0 for t in terms],
                        dtype=np.int64)

    def contains(self, doc: int, terms: Sequence[str]) -> np.ndarray:
        vocab, out = self.vocab, np.zeros(len(terms), dtype=bool)
        for j, t in enumerate(terms):
            i = vocab.get(t)
            if i is not None:
                posting = self.cards[self.indptr[i]:self.indptr[i + 1]]
                k = int(np.searchsorted(posting, doc))
                out[j] = k < len(posting) and posting[k] == doc
        return out


class BM25Index:
    """The three BM25s of an index folder: scores per card, document frequencies and term membership."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        # opened now, under the caller's read lock: a later rebuild swaps the folder, and a lazily opened file
        # would then belong to the new index while the cards belong to the old one
        self._kinds: dict[str, _Kind] = {k: _Kind(self.folder / k) for k in TERM_KINDS}
        for k in self._kinds.values():
            k.vocab

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
