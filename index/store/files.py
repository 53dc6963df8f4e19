"""Knowing a file is unchanged: the checksums of an index folder's files, the stat stamp that spares hashing them
again at every open, and the fingerprint of the source table an index was built from."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from ..atomic import atomic_write_text
from .errors import DamagedIndex


def file_digest(path: Path) -> dict:
    """Size and BLAKE2b digest of a file: what the manifest records and every open checks."""
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "blake2b").hexdigest()
    return {"bytes": Path(path).stat().st_size, "blake2b": digest}


def file_table(folder: Path) -> dict:
    """Every file of the folder but the manifest, with its size and digest: the manifest's `files`."""
    return {p.relative_to(folder).as_posix(): file_digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


VERIFIED = "verified.json"  # beside the manifest: the files' stat as they were when their checksums last matched


def _stamp(folder: Path, files: dict) -> dict:
    """What changes whenever a file's bytes are written: size, mtime, ctime (which no tool can set back) and inode."""
    out = {}
    for name in files:
        st = (folder / name).stat()
        out[name] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    return out


def verify_files(folder: Path, manifest: dict, *, trust_stamp: bool = False) -> None:
    """Raise IndexMismatch naming the folder and the first file that is missing, resized or changed.

    With `trust_stamp`, files whose size, mtime, ctime and inode equal those recorded the last time every checksum
    matched (verified.json) are not hashed again: hashing a million chunks' 3 GB took ~4 s of every open. Any write
    to a file changes its ctime, so a changed file is still hashed, and named if it differs."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise DamagedIndex(f"index at {folder}: manifest.json lists no files (format {manifest.get('format')!r})")
    stamp_path = Path(folder) / VERIFIED
    if trust_stamp:
        try:
            stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
            now = _stamp(Path(folder), files)
            if stamp.get("table") == _table_digest(files) and stamp.get("files") == now and \
                    all(settled(st[1], st[2], stamp["at_ns"]) for st in now.values()):
                return
        except (OSError, ValueError, AttributeError, KeyError, TypeError, IndexError):
            pass  # no stamp, an unreadable one, or a file gone: hash everything below
    started = time.time_ns()
    for name, want in files.items():
        path = Path(folder) / name
        if not path.is_file():
            raise DamagedIndex(f"index at {folder}: {name} is missing")
        size = path.stat().st_size
        if size != want.get("bytes"):
            raise DamagedIndex(f"index at {folder}: {name} has {size} bytes, manifest.json says {want.get('bytes')}")
        if file_digest(path)["blake2b"] != want.get("blake2b"):
            raise DamagedIndex(f"index at {folder}: {name} does not match its BLAKE2b checksum in manifest.json")
    write_stamp(Path(folder), files, started)


#: A file's times are trusted only when it was last written this long before it was hashed: file clocks tick in
#: steps of a few milliseconds, so a file rewritten within the tick of its hashing keeps its times (as git's
#: "racily clean" entries); such a file is hashed again next time, by which point its times tell.
RACY_NS = 1_000_000_000


def settled(mtime_ns: int, ctime_ns: int, hashed_ns: int) -> bool:
    """Whether a file's times can stand for its bytes: it was last written RACY_NS before it was hashed."""
    return max(mtime_ns, ctime_ns) < hashed_ns - RACY_NS


def _table_digest(files: dict) -> str:
    """The manifest's file table (names, sizes, checksums) as one digest: a stamp holds only for the table it was
    checked against."""
    return hashlib.blake2b(json.dumps(files, sort_keys=True).encode()).hexdigest()


def write_stamp(folder: Path, files: dict, hashed_ns: int) -> None:
    """Record the files' stat after their checksums (computed from `hashed_ns` on) matched (best effort: a
    read-only folder is hashed at every open)."""
    try:
        atomic_write_text(folder / VERIFIED, json.dumps({"table": _table_digest(files), "at_ns": hashed_ns,
                                                         "files": _stamp(folder, files)}))
    except OSError:
        pass


def source_fingerprint(source: str | None, lenient: bool = False, known: dict | None = None) -> dict:
    """What identifies a source file's bytes without parsing it: path, size, mtime and BLAKE2b digest (and how it
    is read). An index whose manifest holds the same fingerprint was built from these very bytes. Given the `known`
    fingerprint of a build, a file with the same path, size, mtime and ctime is not hashed again (as make and rsync
    decide): hashing a million cards' source cost ~1 s of every open."""
    from ..corpus import BUNDLED_TABLE

    path = Path(source).resolve() if source else BUNDLED_TABLE
    st = path.stat()
    out = {"path": str(path), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns,
           "lenient": bool(lenient)}
    if known and all(known.get(k) == v for k, v in out.items()) and known.get("blake2b") and \
            isinstance(known.get("hashed_ns"), int) and settled(st.st_mtime_ns, st.st_ctime_ns, known["hashed_ns"]):
        return {**out, "blake2b": known["blake2b"], "hashed_ns": known["hashed_ns"]}
    hashed_ns = time.time_ns()
    return {**out, "blake2b": file_digest(path)["blake2b"], "hashed_ns": hashed_ns}


def same_source(a: dict | None, b: dict | None) -> bool:
    """The same bytes, read the same way (the file's path and times may differ)."""
    keys = ("bytes", "blake2b", "lenient")
    return a is not None and b is not None and bool(a and b) and all(a.get(k) == b.get(k) for k in keys)
