"""The files the package reads at run time (the bundled table, the question set, the fast engine's C source), found
through importlib.resources so that an installed wheel finds its own copies and a checkout finds data/ and eval/.

In the wheel the table and the question set live in `index/data/`, copied there at build time from their source
of truth, `data/` and `eval/` at the top of the repository (setup.py's build step); a checkout has no
`index/data/`, and reads them where they are kept.
"""

from __future__ import annotations

import atexit
import contextlib
from importlib import resources
from pathlib import Path

__all__ = ["package_file", "bundled_file", "BUNDLED_FILES"]

# what the build copies into index/data/: name in the package -> path in the repository
BUNDLED_FILES = {"sesakushu_2021.tsv": "data/sesakushu_2021.tsv", "questions.jsonl": "eval/questions.jsonl"}

_extracted = contextlib.ExitStack()  # files of a zipped install, extracted once and removed at exit
atexit.register(_extracted.close)


def package_file(name: str) -> Path:
    """A file of the `index` package (e5fast.c, data/…) as a real path, or the path where it would be."""
    res = resources.files("index").joinpath(name)
    if isinstance(res, Path):
        return res
    if not res.is_file():  # a zipped install without the file: a path that does not exist says so
        return Path(str(res))
    return _extracted.enter_context(resources.as_file(res))  # the C compiler and mmap need a real file


def bundled_file(name: str) -> Path:
    """One of BUNDLED_FILES: the package's copy when installed, else the repository's (a checkout)."""
    packaged = package_file(f"data/{name}")
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / BUNDLED_FILES[name]
