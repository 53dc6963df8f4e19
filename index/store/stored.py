"""A finished index folder as retrieval uses it (StoredIndex), loaded after its files are checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Sequence

import numpy as np

from ..bm25 import BM25Index
from ..corpus import PolicyCard
from ..protocols import LexicalSearch, VectorSearch
from ..vectors import VectorStore
from .card_file import CardList
from .chunks import ChunkTable
from .errors import DamagedIndex, IndexMismatch
from .files import verify_files
from .manifest import FORMAT_VERSION, read_manifest


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
