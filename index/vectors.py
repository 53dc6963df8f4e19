"""Chunk vectors on disk, stored once: exact search over a memory-mapped float32 matrix for small corpora, an HNSW
graph over 8-bit codes (FAISS) above a size threshold; both give every chunk a score for the card-level max."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from .protocols import VectorSearch

__all__ = ["VectorStore", "query_thread_policy"]

HNSW_M = 32
EF_CONSTRUCTION = 100
# with ANN_K: recall@10 0.981 by id against exact search on 89,569 distinct real chunk vectors (0.9795 at 256, where
# float16 codes gave 0.9925; see README, seisaku bench)
EF_SEARCH = 384
TRAIN_ROWS = 100_000  # rows, spread over the whole corpus, that set each dimension's 8-bit range
ANN_K = 256  # chunks fetched per question above the threshold; the rest get the lowest fetched score


def query_thread_policy() -> None:
    """One BLAS thread for NumPy and one OpenMP thread for FAISS in this thread: a question is small work, and a
    team of spinning threads collapses as soon as another busy process shares the cores."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
    except ImportError:  # optional: without it NumPy keeps its default
        pass


def _write_hnsw(batches, dim: int, folder: Path, sample: np.ndarray, progress=None) -> None:
    """`vectors.faiss`: an HNSW graph over 8-bit codes (one byte a dimension, its range set from `sample`), filled
    batch by batch (`progress(rows added)`). Half the bytes of float16: at a million chunks the codes a search reads
    are most of a query process's memory (see README, growth); the rounding costs ~0.01 recall@10 at the same
    efSearch (0.9795 against 0.9925 at 256 on 89,569 distinct real chunk vectors)."""
    faiss = _faiss()

    index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = EF_CONSTRUCTION
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    for rows in batches:
        index.add(rows)
        if progress:
            progress(index.ntotal)
    faiss.write_index(index, str(Path(folder) / "vectors.faiss"))


def _faiss() -> Any:
    """faiss, untyped: the stubs it ships lack what this module uses (SearchParametersHNSW, an index's .hnsw)."""
    import faiss

    return faiss


class VectorStore(VectorSearch):
    """Inner-product search over unit vectors: `flat` (exact) or `hnsw` (approximate, 8-bit codes)."""

    def __init__(self, kind: str, matrix: np.ndarray | None = None, index=None):
        self.kind, self.matrix, self.index = kind, matrix, index

    @staticmethod
    def build(vectors: np.ndarray, folder: Path, exact_max: int = 20_000) -> VectorStore:
        """Write `vectors.npy` (exact) or `vectors.faiss` (HNSW) into `folder`, and return the store."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        folder = Path(folder)
        if len(vectors) <= exact_max:
            np.save(folder / "vectors.npy", vectors)
            return VectorStore.load(folder)
        step = max(1, len(vectors) // TRAIN_ROWS)
        _write_hnsw([vectors], vectors.shape[1], folder, vectors[::step])
        return VectorStore.load(folder)

    @staticmethod
    def build_from_file(raw: Path, dim: int, folder: Path, exact_max: int = 20_000, batch: int = 50_000,
                        progress=None) -> VectorStore:
        """The same store as `build`, from a raw float32 file of rows (what the build's embedding step writes),
        read `batch` rows at a time: above `exact_max` the vectors are never all in memory, only their codes."""
        raw, folder = Path(raw), Path(folder)
        n = raw.stat().st_size // (4 * dim)
        if n <= exact_max:
            return VectorStore.build(np.fromfile(raw, dtype=np.float32).reshape(n, dim), folder, exact_max)
        rows = np.memmap(raw, dtype=np.float32, mode="r", shape=(n, dim))
        sample = np.array(rows[::max(1, n // TRAIN_ROWS)])  # spread evenly: the file is in corpus order
        del rows
        with open(raw, "rb") as f:
            def batches():
                for start in range(0, n, batch):
                    yield np.fromfile(f, dtype=np.float32, count=min(batch, n - start) * dim).reshape(-1, dim)

            _write_hnsw(batches(), dim, folder, sample, progress=(lambda done: progress(done, n)) if progress else None)
        return VectorStore.load(folder)

    @staticmethod
    def load(folder: Path) -> VectorStore:
        folder = Path(folder)
        if (folder / "vectors.npy").exists():
            return VectorStore("flat", matrix=np.load(folder / "vectors.npy", mmap_mode="r"))
        faiss = _faiss()

        # memory-mapped where this FAISS can (codes and graph stay in the page cache, shared between processes, and
        # opening costs no read of the whole file); read into memory otherwise
        index = faiss.read_index(str(folder / "vectors.faiss"), getattr(faiss, "IO_FLAG_MMAP_IFC", 0))
        index.hnsw.efSearch = EF_SEARCH
        return VectorStore("hnsw", index=index)

    def __len__(self) -> int:
        return len(self.matrix) if self.matrix is not None else self.index.ntotal

    @property
    def dim(self) -> int:
        return self.matrix.shape[1] if self.matrix is not None else self.index.d

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) of the k nearest vectors per query; ids are -1 where fewer exist."""
        q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = min(k, len(self))
        if self.matrix is not None:
            s = q @ np.asarray(self.matrix).T
            ids = np.argsort(-s, axis=1, kind="stable")[:, :k]
            return np.take_along_axis(s, ids, axis=1), ids
        faiss = _faiss()

        faiss.omp_set_num_threads(1)  # per calling thread: see query_thread_policy
        return self.index.search(q, k)

    def all_scores(self, query: np.ndarray, filters=None, chunk_mask: np.ndarray | None = None) -> np.ndarray:
        """A score for every chunk: exact for `flat`; for `hnsw` the ANN_K nearest get theirs and every other chunk
        the lowest of those (a bound: none of them scores higher), so card maxima and score spreads stay sane.
        With `chunk_mask` (a filter's chunks), `hnsw` searches among those chunks only, so that a filter keeping a
        few percent of the corpus still gets its own nearest chunks. (`filters` is for stores that filter where they
        search; here the caller's mask does it.)"""
        if self.matrix is not None:
            return np.asarray(self.matrix) @ np.asarray(query, dtype=np.float32)
        if chunk_mask is not None:
            faiss = _faiss()

            bits = np.packbits(np.asarray(chunk_mask, dtype=bool), bitorder="little")
            params = faiss.SearchParametersHNSW()
            params.sel = faiss.IDSelectorBitmap(len(chunk_mask), faiss.swig_ptr(bits))
            params.efSearch = self.index.hnsw.efSearch
            faiss.omp_set_num_threads(1)
            q = np.ascontiguousarray(np.atleast_2d(query), dtype=np.float32)
            scores, ids = self.index.search(q, min(ANN_K, len(self)), params=params)
            del bits  # the selector read it during the search
        else:
            scores, ids = self.search(query, ANN_K)
        scores, ids = scores[0], ids[0]
        found = ids >= 0
        out = np.full(len(self), float(scores[found].min()) if found.any() else -1.0, dtype=np.float32)
        out[ids[found]] = scores[found]
        return out

    def scores_of(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Inner products of the query with the stored vectors `ids` (for `hnsw`: their codes decoded, the same
        values its search computes)."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if not len(ids):
            return np.zeros(0, dtype=np.float32)
        if self.matrix is not None:
            return np.asarray(self.matrix[ids]) @ q
        decode = self._decoder()
        if decode is not None:  # the codes read in place: about twice as fast as FAISS's reconstruct_batch
            return decode(np.asarray(ids)) @ q
        return self.index.reconstruct_batch(np.asarray(ids, dtype=np.int64)) @ q

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The stored vectors `ids` as float32 rows (for `hnsw`: their codes decoded)."""
        ids = np.asarray(ids, dtype=np.int64)
        if self.matrix is not None:
            return np.asarray(self.matrix[ids], dtype=np.float32)
        decode = self._decoder()
        return decode(ids) if decode is not None else self.index.reconstruct_batch(ids)

    def _decoder(self):
        """ids → float32 rows, read from the HNSW storage's codes in place (memory-mapped with the index): 8-bit codes
        as FAISS decodes them (vmin + (code + ½) / 255 · vdiff, per dimension), or float16 ones; None for others."""
        decode = getattr(self, "_decode", False)
        if decode is False:
            decode = None
            try:
                faiss = _faiss()

                storage = faiss.downcast_index(self.index.storage)
                qtype, d, n = storage.sq.qtype, storage.d, storage.ntotal
                if n and qtype == faiss.ScalarQuantizer.QT_8bit and storage.code_size == d:
                    codes = np.frombuffer(faiss.rev_swig_ptr(storage.codes.data(), n * d), dtype=np.uint8).reshape(n, d)
                    trained = faiss.vector_to_array(storage.sq.trained).astype(np.float32)
                    vmin, step = trained[:d], trained[d:] / 255

                    def decode(ids, codes=codes, vmin=vmin, step=step):
                        return (codes[ids].astype(np.float32) + 0.5) * step + vmin
                elif n and qtype == faiss.ScalarQuantizer.QT_fp16 and storage.code_size == 2 * d:
                    codes = np.frombuffer(faiss.rev_swig_ptr(storage.codes.data(), n * 2 * d),
                                          dtype=np.float16).reshape(n, d)

                    def decode(ids, codes=codes):
                        return codes[ids].astype(np.float32)
            except (AttributeError, TypeError, RuntimeError):
                decode = None
            self._decode = decode
        return decode

    def vectors(self) -> np.ndarray:
        """All vectors as float32 (the codes decoded for `hnsw`): for exact comparisons and exports."""
        if self.matrix is not None:
            return np.asarray(self.matrix, dtype=np.float32)
        return self.index.reconstruct_n(0, self.index.ntotal)
