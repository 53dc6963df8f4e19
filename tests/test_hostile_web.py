"""Hostile use of the web app (issue 22): uploads bounded in total, report folders never pruned while in use and
private to the server, malformed API calls as one log line each, never a traceback."""

import concurrent.futures as cf
import logging
import threading
import time
from pathlib import Path

import httpx
import pytest

import app.ui_reports as ur
from app.web_guard import UPLOAD_LIMITS


@pytest.fixture
def own_output_root(tmp_path, monkeypatch):
    monkeypatch.setattr(ur, "OUTPUT_ROOT", tmp_path / "reports")
    return tmp_path / "reports"


def test_a_folder_in_use_is_never_pruned_by_newer_reports(retriever, tmp_path, own_output_root, monkeypatch):
    monkeypatch.setitem(ur.LIMITS, "keep_reports", 2)
    monkeypatch.setattr(ur, "RELEASED_GRACE_SECONDS", 0)
    slow = tmp_path / "slow.txt"
    slow.write_text("\n".join(f"テレワークの推進 {i}" for i in range(40)) + "\n", encoding="utf-8")
    quick = tmp_path / "quick.txt"
    quick.write_text("遠隔医療\n", encoding="utf-8")
    started, go_on = threading.Event(), threading.Event()

    def progress(done_total, **_):
        started.set()
        go_on.wait(60)

    with cf.ThreadPoolExecutor(1) as pool:
        long = pool.submit(ur.run_report, retriever, str(slow), None, None, False, None, 2, progress)
        assert started.wait(120)
        for _ in range(6):  # more reports finish than the folder keeps, while the long one runs
            assert ur.run_report(retriever, str(quick), top_k=1)["files"]
        go_on.set()
        res = long.result(120)
    assert "40 行" in res["message"], res["message"]
    assert all(Path(f).exists() for f in res["files"])
    assert len([p for p in own_output_root.iterdir()]) <= 3  # the others were pruned as before


def test_each_server_has_its_own_report_folder_under_its_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(ur, "OUTPUT_ROOT", None)
    root = ur.use_output_root(tmp_path / "cache")
    assert root.parent == tmp_path / "cache" / "web-reports" and str(__import__("os").getpid()) in root.name
    folder = ur.output_folder()
    assert folder.parent == root
    ur.release(folder)
    dead = root.parent / "server-999999999-1"  # a server that is gone: its folder is removed by the next one
    dead.mkdir()
    ur.use_output_root(tmp_path / "cache")
    assert not dead.exists()


@pytest.fixture
def server(web_app):
    return web_app[1]


def _upload(url: str, size: int, name: str = "q.txt") -> int:
    files = {"files": (name, b"a" * size, "text/plain")}
    return httpx.post(url + "gradio_api/upload", files=files, timeout=60).status_code


def test_uploads_are_bounded_in_total_per_client_and_server(server, monkeypatch):
    monkeypatch.setitem(UPLOAD_LIMITS, "client_bytes", 10_000_000)
    monkeypatch.setitem(UPLOAD_LIMITS, "server_bytes", 12_000_000)
    with cf.ThreadPoolExecutor(8) as pool:  # many at once, as the attack did
        codes = list(pool.map(lambda _: _upload(server, 2_000_000), range(12)))
    assert codes.count(200) <= 5 and codes.count(429) >= 7, codes
    assert _upload(server, 7_000_000) == 413  # one body past the per-request limit is refused unread


def test_uploads_are_kept_no_longer_than_the_budget_counts_them(web_app):
    demo = web_app[0]
    frequency, age = demo.delete_cache
    assert frequency <= 300 and age == UPLOAD_LIMITS["window_seconds"] <= 900


def _call(server: str, api: str, data: list, timeout: float = 60) -> str:
    """A raw REST call of the Gradio API (what a careless script sends), returning the event stream's text."""
    r = httpx.post(f"{server}gradio_api/call/{api}", json={"data": data}, timeout=timeout)
    if r.status_code != 200:
        return f"HTTP {r.status_code}: {r.text}"
    event = r.json()["event_id"]
    return httpx.get(f"{server}gradio_api/call/{api}/{event}", timeout=timeout).text


def test_malformed_api_calls_are_one_log_line_each_never_a_traceback(server, tmp_path, caplog, capfd):
    exe = tmp_path / "evil.exe"
    exe.write_bytes(b"MZ" + b"\0" * 100)
    capfd.readouterr()
    with caplog.at_level(logging.WARNING):
        answers = [
            _call(server, "report", [{"path": str(exe), "meta": {"_type": "gradio.FileData"}}, "", None, 3]),
            _call(server, "report", [{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}, "", None, 3]),
            _call(server, "report", [{"path": 12, "meta": {"_type": "gradio.FileData"}}, "", None, 3]),
            _call(server, "report", [{"url": "http://127.0.0.1:1/x.txt"}, "", None, 3]),
            _call(server, "report", ["not a file", "", None, 3]),
            _call(server, "search", ["港湾", {"ministries": 5}, "x", "hybrid"]),
        ]
        # a client that drops its stream mid-answer
        r = httpx.post(f"{server}gradio_api/call/search", json={"data": ["テレワーク", None, 5, "hybrid"]})
        with httpx.stream("GET", f"{server}gradio_api/call/search/{r.json()['event_id']}") as s:
            next(s.iter_bytes(), None)
        time.sleep(1.0)
    err = capfd.readouterr().err
    assert "Traceback" not in err, err[-3000:]
    assert all("passwd" not in a or "error" in a.lower() for a in answers)
    assert not any("root:" in a for a in answers)  # /etc/passwd was never read back
    for a in answers:
        assert "error" in a.lower() or "HTTP 4" in a, a
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) <= len(answers) + 1, warnings  # one line per bad call (the dropped client: none or one)
    assert all("\n" not in w for w in warnings)


def test_the_server_answers_after_all_that(server):
    text = _call(server, "search", ["テレワークの普及", None, 3, "hybrid"])
    assert "04-03" in text


def test_web_reports_download_when_the_cache_is_outside_the_temp_dir(retriever, monkeypatch, tmp_path):
    # the report folder is under the cache dir (~/.cache/seisaku by default): Gradio serves only files under the
    # temp dir or the working directory unless told, and refused the downloads ("Cannot move … to the cache")
    import os
    import shutil
    import socket

    from gradio_client import Client, handle_file

    from app.ui import launch
    from index.config import Settings

    cache = Path.home() / f".cache-seisaku-test-{os.getpid()}"
    monkeypatch.setattr(ur, "OUTPUT_ROOT", None)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = launch(retriever, port=port, block=False, settings=Settings(cache_dir=cache))
    try:
        assert ur.output_root().is_relative_to(cache)
        q = tmp_path / "q.txt"
        q.write_text("テレワークの普及\n", encoding="utf-8")
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for _ in range(3):
            files, message = client.predict(handle_file(str(q)), "", None, 2, api_name="/report")
            assert "1 行" in message and len(files) == 4
    finally:
        demo.close()
        shutil.rmtree(cache, ignore_errors=True)
