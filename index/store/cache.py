"""The indexes under a cache folder: one folder per source, opened while it matches its cards, model and settings,
rebuilt when it does not."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Callable, Iterable, Sequence, cast

from ..atomic import atomic_write_text, dir_lock, read_outside_swap, recover_dir
from ..corpus import Corpus, PolicyCard
from ..embed import Embedder
from .build import build_index
from .errors import DamagedIndex, IndexMismatch
from .files import same_source, settled, source_fingerprint
from .manifest import corpus_hash, expected_manifest, mismatches, read_manifest
from .stored import StoredIndex, load_stored


def index_folder(cache_dir: Path, source: str | None) -> Path:
    """One folder per source (its resolved path), so that indexing one never clobbers another."""
    from ..corpus import BUNDLED_TABLE

    path = Path(source).resolve() if source else BUNDLED_TABLE
    key = hashlib.sha1(str(path).encode()).hexdigest()[:12]
    return Path(cache_dir) / "indexes" / f"{path.stem}-{key}"


def open_index(corpus: Corpus | list[PolicyCard] | Callable[[], Corpus], embedder: Embedder, *, cache_dir: Path,
               source: str | None = None, chunk_chars: int = 200, exact_max: int = 20_000, rebuild: str = "auto",
               progress: Callable | None = None, lenient: bool = False,
               derive: Callable[[Sequence[PolicyCard], Path], None] | None = None,
               derived_by: str | None = None) -> StoredIndex:
    """Load the source's index if it matches corpus, model and settings; else rebuild it ('auto') or raise ('never').
    `derived_by` names the code behind `derive` (a hash): an index whose derived tables other code wrote is rebuilt.

    `corpus` may be a function that loads the cards: then an index built from the same source bytes (size, mtime
    and BLAKE2b digest in the manifest) is opened without parsing the source at all."""
    if rebuild not in ("auto", "never", "always"):
        raise ValueError(f"rebuild must be 'auto', 'never' or 'always', not {rebuild!r}")
    lazy = callable(corpus) and not isinstance(corpus, (list, tuple, Corpus))

    def load() -> list[PolicyCard]:
        """The cards: `corpus` itself, or what the loader `corpus` reads (called only when they are needed)."""
        if isinstance(corpus, (list, tuple, Corpus)) or not callable(corpus):
            return list(cast(Iterable[PolicyCard], corpus))
        return list(corpus())

    cards: list[PolicyCard] | None = None if lazy else load()
    fingerprint = None
    try:
        folder = index_folder(cache_dir, source)
    except (OSError, RuntimeError):  # a symlink loop …: the loader says what is wrong, naming the file
        if cards is None:
            cards = load()
        raise
    manifest = None
    if rebuild != "always":
        recover_dir(folder)  # a build killed inside its swap left the complete previous folder aside
        try:
            manifest = read_outside_swap(folder, read_manifest)  # a reader racing a rebuild's swap waits for it
        except FileNotFoundError:
            if rebuild == "never":
                raise IndexMismatch(f"no index at {folder}; build it with `seisaku index`") from None
        except IndexMismatch:
            if rebuild == "never":
                raise
    if lazy:
        try:
            known = manifest.get("source_file") if isinstance(manifest, dict) else None
            fingerprint = source_fingerprint(source, lenient, known if isinstance(known, dict) else None)
        except (OSError, RuntimeError):  # missing, a folder, a symlink loop …: the loader says so, naming the file
            cards = load()
            lazy = False
    if rebuild != "always":
        if manifest is not None:
            expected = expected_manifest(None, embedder, chunk_chars)
            if derived_by is not None:
                expected["derived_by"] = derived_by
            if not (lazy and same_source(fingerprint, manifest.get("source_file"))):
                if cards is None:
                    cards = load()
                expected["corpus_hash"] = corpus_hash(cards)
            problems = mismatches(manifest, expected)
            if problems and rebuild == "never":
                raise IndexMismatch(f"index at {folder} does not match: " + "; ".join(problems))
            if not problems:
                try:
                    with dir_lock(folder, shared=True):  # never read half of a swap another process is making
                        current = read_manifest(folder)
                        if current != manifest:  # another process swapped a new build in meanwhile
                            stale = mismatches(current, expected) or (
                                "corpus_hash" not in expected and not same_source(fingerprint,
                                                                                  current.get("source_file")))
                            if stale:
                                raise IndexMismatch(f"index at {folder} was rebuilt for other cards while opening")
                            manifest = current
                        stored = load_stored(folder, manifest)
                        if lazy and fingerprint is not None and fingerprint != manifest.get("source_file") and \
                                settled(fingerprint["mtime_ns"], fingerprint["ctime_ns"], fingerprint["hashed_ns"]):
                            # the same cards from bytes hashed anew (touched, re-saved, or hashed too soon after
                            # their last write to trust their times): remember the stat, compared first next time
                            manifest["source_file"] = fingerprint
                            atomic_write_text(folder / "manifest.json",
                                              json.dumps(manifest, ensure_ascii=False, indent=1))
                    return stored
                except IndexMismatch as e:
                    if rebuild == "never":
                        raise DamagedIndex(f"{e}; rebuild it with `seisaku index`") from None
                    logging.getLogger("seisaku").warning("%s; rebuilding it", e)
                except (OSError, ValueError, KeyError, TypeError) as e:  # damaged beyond what checksums name
                    if rebuild == "never":
                        raise DamagedIndex(f"index at {folder}: unreadable ({e}); rebuild it with `seisaku index`") \
                            from None
                    logging.getLogger("seisaku").warning("index at %s: unreadable (%s); rebuilding it", folder, e)
    if cards is None:
        cards = load()
    return build_index(cards, embedder, folder, cache_dir=cache_dir, chunk_chars=chunk_chars, exact_max=exact_max,
                       source=source, progress=progress, fingerprint=fingerprint, derive=derive,
                       derived_by=derived_by)
