"""Built indexes on disk: cards, chunk table, vectors and BM25 matrices, under a manifest that says what built them
and lists every file with its checksum.

One idea a module: `chunks` (passages and the chunk table), `card_file` (the cards read by line offset), `files`
(checksums, stamps and the source's fingerprint), `manifest` (versions and settings, and how they are compared),
`errors`, `stored` (StoredIndex and load_stored), `build` (build_index) and `cache` (one folder per source:
open_index). Every name is imported from here; a test that patches one patches it in the module that reads it."""

from ..vectors import VectorStore
from .build import build_index, phase_reporter
from .cache import index_folder, open_index
from .card_file import CardList, line_offsets
from .chunks import LONG_SENTENCE, Chunk, ChunkTable, chunk_card, head_text, lexical_text
from .errors import DamagedIndex, IndexMismatch
from .files import RACY_NS, VERIFIED, file_digest, same_source, source_fingerprint, verify_files, write_stamp
from .manifest import (ANALYZER_VERSION, CHUNKING_VERSION, FORMAT_VERSION, corpus_hash, expected_manifest, mismatches,
                       read_manifest)
from .stored import StoredIndex, load_stored

__all__ = ["CardList", "Chunk", "ChunkTable", "chunk_card", "StoredIndex", "VectorStore", "build_index", "open_index",
           "index_folder", "IndexMismatch", "DamagedIndex", "FORMAT_VERSION", "load_stored", "source_fingerprint",
           # the rest of what callers import from index.store (retrieve, milvus, bench, tests)
           "head_text", "lexical_text", "LONG_SENTENCE", "line_offsets", "phase_reporter", "file_digest",
           "verify_files", "write_stamp", "VERIFIED", "RACY_NS", "same_source", "read_manifest", "expected_manifest",
           "mismatches", "corpus_hash", "CHUNKING_VERSION", "ANALYZER_VERSION"]
