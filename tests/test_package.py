"""The wheel, as someone deploying it gets it: built from the sources, installed into a fresh virtual environment,
and run from a folder outside the checkout.

The throwaway environment gets the project's dependencies without a download: a .pth file puts the site-packages
of the environment running the tests behind its own (pip installs the wheel with --no-deps into the new one, whose
own site-packages comes first on sys.path, so `index` and `app` are the wheel's, never the checkout's). Built with
--no-build-isolation, from a copy of the files git tracks, so nothing left in the checkout (build/, index/data/)
can make it pass.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


# the environment of every command: no PYTHONPATH (it would put the checkout's packages before the wheel's)
CLEAN = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SEISAKU_CACHE_DIR")}


def _run(*cmd, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("env", CLEAN)
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kw)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    tracked = _run("git", "-C", ROOT, "ls-files", "--cached", "--others", "--exclude-standard").stdout.split()
    for name in tracked:
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, src)
    assert built.returncode == 0, built.stderr[-2000:]
    (whl,) = out.glob("seisaku_search-*.whl")
    return whl


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (purelib / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # --force-reinstall: the shared site-packages may hold an editable install of the same version
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
                "--force-reinstall", "-q", wheel, cwd=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return env


def test_the_wheel_holds_every_package_and_runtime_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)) for top in ("index", "app") for p in (ROOT / top).rglob("__init__.py")}
    assert {"index/retrieve", "index/report"} <= packages
    assert {f"{p}/__init__.py" for p in packages} <= names
    assert {"index/py.typed", "index/e5fast.c", "index/e5.h", "index/data/sesakushu_2021.tsv",
            "index/data/questions.jsonl"} <= names
    # the packaged table is the one in data/, byte for byte
    assert zipfile.ZipFile(wheel).read("index/data/sesakushu_2021.tsv") == (ROOT / "data/sesakushu_2021.tsv").read_bytes()


def test_the_installed_command_searches_from_outside_the_checkout(installed, retriever, cache_dir, tmp_path):
    # `retriever` has embedded the table into cache_dir: the installed copy indexes its own table from that cache
    env = {**CLEAN, "SEISAKU_CACHE_DIR": str(cache_dir)}
    where = _run(installed / "bin/python", "-c", "import index.corpus as c; print(c.__file__); print(c.BUNDLED_TABLE)",
                 cwd=tmp_path, env=env)
    assert where.returncode == 0, where.stderr[-2000:]
    module, table = where.stdout.split()
    assert Path(module).is_relative_to(installed) and Path(table).is_relative_to(installed), where.stdout
    cards = _run(installed / "bin/seisaku", "cards", cwd=tmp_path, env=env)
    assert cards.returncode == 0, cards.stderr
    assert len(cards.stdout.splitlines()) == 64
    found = _run(installed / "bin/seisaku", "search", "テレワークの普及", "--json", "--top-k", "3", cwd=tmp_path, env=env)
    assert found.returncode == 0, found.stderr[-2000:]
    top = json.loads(found.stdout)["results"][0]
    assert (top["id"], top["name"]) == ("04-03", "テレワークの普及")
