"""The manifest of an index folder: the versions and settings it was built with, and how they are compared."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..corpus import PolicyCard
from ..embed import Embedder
from .errors import DamagedIndex


# 2: every file listed in the manifest with its size and BLAKE2b digest, checked on open; chunks as an int32
# table, BM25 as memory-mapped sparse matrices, vectors stored once (float32 matrix or HNSW over float16)
# 3: the BM25 vocabularies sorted and searched in place, each card's line offset in cards.jsonl (cards read when
# used), derived tables of the search stages written with the index
# 4: BM25 weights in float16, HNSW codes in 8 bits (a million chunks searched in under 2 GB)
# 5: BM25 weights back in float32 (float16 made each question's BM25 5–8 ms slower at a million chunks)
FORMAT_VERSION = 5
CHUNKING_VERSION = 2  # bump when chunk_card changes what it emits (2: over-long sentences cut)
ANALYZER_VERSION = 6  # bump when text.Analyzer.terms changes (6: katakana compounds, +マイナンバー)
# bump when a corpus reader reads the same bytes into other cards (an index opened by its source file's fingerprint
# would otherwise keep the cards it stored): 2: the 施策集's article marks placed by their header cell
READER_VERSION = 2


def corpus_hash(cards: list[PolicyCard]) -> str:
    h = hashlib.sha256()
    for c in cards:
        h.update(json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def expected_manifest(cards: list[PolicyCard] | None, embedder: Embedder, chunk_chars: int) -> dict:
    """The fields that must match for an index on disk to be reused (without `cards`: all but the corpus hash)."""
    out = {
        "format": FORMAT_VERSION,
        "model_id": embedder.model_id,
        "dim": embedder.dim,
        "chunking": {"version": CHUNKING_VERSION, "max_chars": chunk_chars},
        "analyzer": ANALYZER_VERSION,
        "reader": READER_VERSION,
    }
    if cards is not None:
        out["corpus_hash"] = corpus_hash(cards)
    return out


def mismatches(manifest: dict, expected: dict) -> list[str]:
    return [f"{k}: index has {manifest.get(k)!r}, wanted {v!r}" for k, v in expected.items() if manifest.get(k) != v]


def read_manifest(folder: Path) -> dict:
    """The folder's manifest (FileNotFoundError when there is none: a folder without one was never finished)."""
    path = Path(folder) / "manifest.json"
    try:
        # one system call decides: an exists()-then-is_dir() pair read a folder that a rebuild's swap moved away
        # between the two as "a file", where the caller must see it missing and wait for the swap
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except NotADirectoryError:
        raise DamagedIndex(f"index at {folder} is a file, not a folder") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DamagedIndex(f"index at {folder}: manifest.json is unreadable ({e})") from None
    if not isinstance(manifest, dict):
        raise DamagedIndex(f"index at {folder}: manifest.json is not an object")
    return manifest
