"""Atomic file and folder writes: a reader sees the old version or the new one, never half of either.

A folder is swapped in with two renames (target → .target.old, staging → target) under an exclusive lock that
readers share while they load, so a reader never sees the gap between them. A process killed inside the swap
leaves the complete `.old` copy, which `recover_dir` puts back; a killed build leaves a staging folder named
after its process, which the next build removes once that process is gone.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")  # what a read_outside_swap reader returns

__all__ = ["atomic_open", "atomic_write_bytes", "atomic_write_text", "replace_dir", "recover_dir", "make_staging",
           "dir_lock", "read_outside_swap"]

#: Test hook: when SEISAKU_FAULT_PAUSE names a point below, the process says so on stderr and sleeps there, so a
#: fault-injection test can kill it at that exact moment (points: "staged", "swap-old-moved", "swapped", and
#: "temp-written" in atomic_write_bytes).
FAULT_ENV = "SEISAKU_FAULT_PAUSE"


def _fault_point(name: str) -> None:
    if os.environ.get(FAULT_ENV) == name:
        print(f"fault-point {name}", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("SEISAKU_FAULT_SECONDS", "60")))


@contextmanager
def atomic_open(path: Path):
    """A binary file to write `path` through: a temp file in the same folder, fsynced and renamed over the target
    when the block ends, removed if it fails. The temp file is named after this process, so the next write of the
    same file removes what a killed writer left."""
    path = Path(path)
    if path.is_dir():  # checked first: os.replace would only fail after the whole file was written
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    _clean_temp_files(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        _fault_point("temp-written")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see atomic_open)."""
    with atomic_open(path) as f:
        f.write(data)


def _clean_temp_files(path: Path) -> None:
    """Remove temp files of `path` left by writers that were killed (their process is gone, or a day has passed)."""
    for p in left_by_dead(path.parent, f".{path.name}.", "*.tmp"):
        p.unlink(missing_ok=True)


def left_by_dead(folder: Path, prefix: str, pattern: str = "*") -> list[Path]:
    """Entries `prefix` + `PID-…` in `folder` whose process is gone. A live one (this process's other threads
    included) is left alone; a day-old one is stale whatever its pid says (pids are reused); one without a pid
    predates this naming and is stale after ten minutes."""
    stale = []
    for p in folder.glob(glob.escape(prefix) + pattern) if folder.is_dir() else []:
        pid = p.name[len(prefix):].split("-", 1)[0]
        try:
            age = time.time() - p.stat().st_mtime
        except OSError:
            continue  # removed meanwhile by another process
        if age > 86_400 or (not _pid_alive(int(pid)) if pid.isdigit() else age > 600):
            stale.append(p)
    return stale


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


@contextmanager
def dir_lock(target: Path, shared: bool = False):
    """Lock the folder that holds `target`: shared while reading the target, exclusive while swapping it (a no-op
    where the platform has no flock). The lock is on the parent folder itself, so it leaves no file behind; swaps
    of siblings wait for each other, which costs two renames."""
    try:
        import fcntl
    except ImportError:  # Windows: renames there are not atomic over a folder anyway
        yield
        return
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove(path: Path) -> None:
    """Remove a folder tree or a single file (an index folder someone replaced by a file)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def _recover_locked(target: Path) -> bool:
    old = _old(target)
    if not target.exists() and not target.is_symlink() and old.is_dir():
        os.replace(old, target)
        return True
    return False


def recover_dir(target: Path) -> bool:
    """Tidy what killed processes left beside `target`: put back the previous folder when a swap was killed
    between its two renames (True if it did), else drop a leftover `.old` copy and dead builds' staging folders."""
    target = Path(target)
    _clean_staging(target)
    old = _old(target)
    if not (old.exists() or old.is_symlink()):
        return False  # the common case, without taking the lock
    with dir_lock(target):  # swaps hold this lock from first rename to last removal: a swap seen here is dead
        if _recover_locked(target):
            return True
        if old.exists() or old.is_symlink():
            _remove(old)
        return False


def read_outside_swap(target: Path, read: Callable[[Path], T]) -> T:
    """read(target), never in the gap of a swap: a reader that finds the folder missing waits for the swap in
    progress (or puts back the folder a killed swap left aside) under the exclusive lock, and reads again. The
    common case takes no lock; only a missing folder pays for one."""
    target = Path(target)
    try:
        return read(target)
    except FileNotFoundError:
        pass
    with dir_lock(target):  # a swap holds this from its first rename to its last: here the folder is whole or absent
        _recover_locked(target)
        return read(target)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def make_staging(target: Path) -> Path:
    """A new, empty staging folder beside `target`, after removing those left by builds whose process is gone."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_staging(target)
    return Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.building-{os.getpid()}-"))


def _clean_staging(target: Path) -> None:
    for p in left_by_dead(target.parent, f".{target.name}.building-"):
        shutil.rmtree(p, ignore_errors=True)


def replace_dir(staging: Path, target: Path) -> None:
    """Swap a fully written staging folder into place; the previous folder stays until the swap succeeds."""
    target, staging = Path(target), Path(staging)
    old = _old(target)
    _fault_point("staged")
    with dir_lock(target):
        _recover_locked(target)  # a swap killed earlier: start from the complete previous folder
        if old.exists() or old.is_symlink():
            _remove(old)
        if target.exists() or target.is_symlink():
            os.replace(target, old)
        _fault_point("swap-old-moved")
        try:
            os.replace(staging, target)
        except BaseException:
            _recover_locked(target)
            raise
        _fault_point("swapped")
        try:
            _remove(old)
        except OSError:
            pass  # litter only: the next swap removes it first
