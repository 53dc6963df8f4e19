"""The REST API on the web app's server (/api/search, /api/ask, /api/feedback, /api/health, OpenAPI), its one-line
errors, and the question log it and the Gradio API write: 50 questions from two client processes come back from
`seisaku log` as exactly those 50."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def api(web_app):
    with httpx.Client(base_url=web_app[1].rstrip("/"), timeout=60) as c:
        yield c


def test_search_returns_exactly_the_cli_json(api, settings, capsys):
    resp = api.post("/api/search", json={"query": "港湾", "filters": {"ministries": ["国土交通省"], "lead_only": True},
                                         "top_k": 3, "mode": "bm25"})
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/json"
    assert main(["search", "港湾", "--ministry", "国土交通省", "--lead-only", "--top-k", "3", "--mode", "bm25",
                 "--json", "--cache-dir", str(settings.cache_dir)]) == 0
    assert resp.json() == json.loads(capsys.readouterr().out)
    assert resp.headers["x-seisaku-log-id"].isdigit()


def test_search_answers_a_field_question_as_the_chat_does(api):
    # one answer path (index.assist.search_questions): refused as written, searched by the measure the chat answers
    found = api.post("/api/search", json={"query": "学校の端末配備は誰が主担当？"}).json()
    asked = api.post("/api/ask", json={"question": "学校の端末配備は誰が主担当？"}).json()
    assert found["outcome"] == "answer" and found["results"][0]["id"] == asked["answer"]["answers"][0] == "03-01"
    assert found["query"] == "学校の端末配備は誰が主担当？" and "項目（担当府省庁）の語を除いて" in found["notes"][0]


def test_ask_follows_up_through_the_history(api):
    first = api.post("/api/ask", json={"question": "テレワークを推進する施策は？"}).json()
    assert first["answer"]["answers"][0] == "04-03"
    who = api.post("/api/ask", json={"question": "それの担当府省庁は？", "history": first["history"]}).json()
    assert who["answer"]["kind"] == "field" and "◎内閣官房" in who["answer"]["text"]


@pytest.mark.parametrize("body, status, message", [
    ({"query": "テレワーク", "filters": {"ministries": ["存在しない省"]}}, 400, "存在しない省"),
    ({"query": "テレワーク", "filters": {"ids": ["12-34"]}}, 400, "施策番号があります: 12-34"),
    ({"query": "港湾", "top_k": 999}, 400, "top_k は 1〜50"),
    ({"query": "港湾", "mode": "fuzzy"}, 422, "mode は"),
    ({"query": 1}, 422, "query は文字列で"),
    ({"qery": "港湾"}, 422, "query を指定してください"),
    ({"query": "港湾", "filters": {"ministry": ["総務省"]}}, 400, "知らない項目"),
])
def test_a_bad_call_is_one_japanese_line(api, body, status, message):
    resp = api.post("/api/search", json=body)
    assert resp.status_code == status and list(resp.json()) == ["error"]
    assert message in resp.json()["error"] and "\n" not in resp.json()["error"]


def test_health_and_the_openapi_page(api):
    assert api.get("/api/health").json()["cards"] == 64
    spec = api.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {"/search", "/ask", "/feedback", "/health"}
    assert "swagger" in api.get("/api/docs").text.lower()


def test_the_docs_page_needs_no_network(api):
    # Swagger UI's script, style and icon come from this server (before: from a CDN, a blank page offline)
    import re

    page = api.get("/api/docs").text
    assert re.findall(r"https?://[^\s'\"]+", page) == []
    assets = re.findall(r"(?:src|href)=['\"]?([^'\" >]+)", page) + re.findall(r"url: ?['\"]([^'\"]+)['\"]", page)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {"swagger-ui-bundle.js", "swagger-ui.css", "openapi.json"}
    for a in assets:
        resp = api.get(a)
        assert resp.status_code == 200 and len(resp.content) > 100, a


def test_feedback_reaches_the_row(api, web_settings):
    from index.querylog import FILE_NAME, QueryLog

    resp = api.post("/api/search", json={"query": "遠隔医療を進める施策"})
    row, session = int(resp.headers["x-seisaku-log-id"]), resp.headers["x-seisaku-session"]
    other = api.post("/api/search", json={"query": "テレワーク"}).headers["x-seisaku-session"]
    assert other != session
    # only the client that asked rates the answer: another session, or none, is refused as a missing row is
    for body, status in (({"session": other}, 400), ({}, 422), ({"session": "x"}, 400)):
        assert api.post("/api/feedback", json={"log_id": row, "feedback": "up", **body}).status_code == status
    assert api.post("/api/feedback", json={"log_id": row, "feedback": "down", "comment": "オンライン診療は？",
                                           "session": session}).json()
    (e,) = [e for e in QueryLog(Path(web_settings.cache_dir) / FILE_NAME).entries() if e.id == row]
    assert (e.question, e.feedback, e.comment, e.via) == ("遠隔医療を進める施策", "down", "オンライン診療は？", "rest")
    assert api.post("/api/feedback", json={"log_id": 10**9, "feedback": "up", "session": session}).status_code == 400
    # a session sent back is kept: the next question is rated with the same token
    again = api.post("/api/ask", json={"question": "テレワークを推進する施策は？"}, headers={"X-Seisaku-Session": session})
    assert again.headers["x-seisaku-session"] == session
    assert api.post("/api/feedback", json={"log_id": int(again.headers["x-seisaku-log-id"]), "feedback": "up",
                                           "session": session}).json() == {"ok": True}


CLIENT = """
import sys, httpx
url, who = sys.argv[1], sys.argv[2]
with httpx.Client(base_url=url, timeout=60) as c:
    for i in range(25):
        if i % 2:
            r = c.post("/api/ask", json={"question": f"{who} 質問 {i}: テレワークを推進する施策は？"})
        else:
            r = c.post("/api/search", json={"query": f"{who} 質問 {i}: 年金の受給開始年齢"})
        r.raise_for_status()
"""


def test_seisaku_log_lists_exactly_the_50_questions_two_processes_asked(web_app, web_settings, monkeypatch, capsys):
    time.sleep(1.1)  # the log's times have whole seconds: earlier tests' rows end before `since`
    since = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, web_app[1].rstrip("/"), who], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}) for who in ("A", "B")]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    monkeypatch.setenv("SEISAKU_CACHE_DIR", str(web_settings.cache_dir))
    assert main(["log", "--format", "jsonl", "--since", since]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = {f"{who} 質問 {i}: " + ("テレワークを推進する施策は？" if i % 2 else "年金の受給開始年齢")
                for who in "AB" for i in range(25)}
    assert len(rows) == 50 and {r["question"] for r in rows} == expected
    telework = [r for r in rows if "テレワーク" in r["question"]]
    assert all(r["outcome"] == "answer" and r["cards"][0]["id"] == "04-03" for r in telework)
    assert all(r["latency_ms"] > 0 and r["feedback"] is None for r in rows)
    assert main(["log", "--since", since]) == 0
    assert "質問 50 件" in capsys.readouterr().out


def test_the_gradio_api_is_logged_too(web_app, web_settings):
    from gradio_client import Client

    from index.querylog import FILE_NAME, QueryLog

    Client(web_app[1], verbose=False).predict("デジタル教科書の施策", None, 5, "hybrid", api_name="/search")
    last = list(QueryLog(Path(web_settings.cache_dir) / FILE_NAME).entries())[-1]
    assert (last.question, last.via) == ("デジタル教科書の施策", "api")


def test_logging_off_writes_nothing(retriever, tmp_path):
    from index.config import Settings
    from index.querylog import open_log

    assert open_log(Settings(cache_dir=tmp_path, log=False)) is None
    assert open_log(Settings(cache_dir=tmp_path)).path == tmp_path / "querylog.sqlite3"


def test_the_gradio_api_names_the_report_outputs(web_app):
    from gradio_client import Client

    api = Client(web_app[1], verbose=False).view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert sorted(api) == ["/ask", "/report", "/search"]  # the card links, examples and 👍/👎 stay private
    assert [r["label"] for r in api["/report"]["returns"]] == ["report_files", "message"]  # not value_71, value_72


def test_a_killed_server_loses_no_answered_question(settings, tmp_path):
    """`seisaku serve` answers, is killed with SIGKILL, and every question it had answered is in the log."""
    import signal

    from app.server_process import start_server
    from index.querylog import FILE_NAME, QueryLog

    server = start_server(settings.cache_dir, env={"PYTHONPATH": str(ROOT)}, cwd=tmp_path, timeout=240)
    try:
        url = server.url.rstrip("/")
        asked = {}
        for i in range(10):
            q = f"被災者支援の施策（停止テスト {server.pid}-{i}）"
            r = httpx.post(url + "/api/search", json={"query": q}, timeout=60)
            asked[int(r.headers["x-seisaku-log-id"])] = q
    finally:
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
    logged = {e.id: e.question for e in QueryLog(Path(settings.cache_dir) / FILE_NAME).entries()}
    assert {i: logged.get(i) for i in asked} == asked


def test_a_corrupt_log_still_answers_with_one_warning(retriever, tmp_path, caplog):
    import logging

    from fastapi.testclient import TestClient

    from app.rest import build_rest
    from index.querylog import QueryLog

    broken = tmp_path / "querylog.sqlite3"
    broken.write_bytes(b"not a database, a disk error's leftovers " * 64)
    client = TestClient(build_rest(retriever, QueryLog(broken)))
    with caplog.at_level(logging.WARNING, logger="seisaku.querylog"):
        resp = client.post("/search", json={"query": "テレワークを推進する施策は？"})  # the app mounted at /api
    assert resp.status_code == 200 and resp.json()["results"][0]["id"] == "04-03"
    assert "x-seisaku-log-id" not in resp.headers
    assert len(caplog.records) == 1 and "the answer was not affected" in caplog.records[0].getMessage()


def test_a_failure_inside_is_500_and_one_line_for_every_endpoint(retriever, tmp_path, caplog):
    # one helper says every endpoint's errors: a bad argument 400, a failure inside 500, one line each, no traceback
    import logging

    from fastapi.testclient import TestClient

    from app.rest import build_rest
    from index.querylog import QueryLog

    class Broken:
        """The real retriever, whose search fails as a full disk or a lost index folder would."""

        cards = retriever.cards

        def search(self, *args, **kwargs):
            raise OSError("No space left on device")

    client = TestClient(build_rest(Broken(), QueryLog(tmp_path / "q.sqlite3")))
    with caplog.at_level(logging.WARNING, logger="seisaku.rest"):
        for path, body in (("/search", {"query": "テレワーク"}), ("/ask", {"question": "テレワークを推進する施策は？"})):
            resp = client.post(path, json=body)
            assert (resp.status_code, resp.json()) == (500, {"error": "内部エラーが発生しました"}), path
            assert client.post(path, json={**body, "top_k": 0}).status_code == 400
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 4 and "/api/search: OSError: No space left on device" in lines[0]
    assert all("\n" not in line and "Traceback" not in line for line in lines)
    feedback = client.post("/feedback", json={"log_id": 1, "feedback": "up", "session": "a" * 24})
    assert feedback.status_code == 400 and "log_id 1" in feedback.json()["error"]
