"""The optional writer against a small local server that speaks the OpenAI chat protocol: streamed answers with
checked citations, and a server that times out or answers garbage (the extractive answer stays, the error named)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from index.assist import ask
from index.config import load_settings
from index.writer import WriterConfig, check_citations, write


class ChatServer(BaseHTTPRequestHandler):
    """POST /v1/chat/completions; the model name picks the behaviour: normal, foreign, silent, garbage, slow."""

    requests: list = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ChatServer.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        model = body["model"]
        if model == "garbage":
            page = b"<html>502 Bad Gateway</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            return
        if model == "silent":
            time.sleep(3)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        text = {"normal": ["テレワークの普及は", " [04-03] が", "該当します。"],
                "foreign": ["[04-03] と [99-99] が", "該当します。"],
                "uncited": ["テレワークの施策があります。"],
                "slow": ["テレワーク", "の", "普及"] * 20}[model if model != "silent" else "normal"]
        for piece in text:
            chunk = {"choices": [{"index": 0, "delta": {"content": piece}}]}
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
            if model == "slow":
                time.sleep(0.1)
        self.wfile.write(b"data: [DONE]\n\n")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client gave up on a silent or slow answer: that is the point of those tests


@pytest.fixture(scope="module")
def server():
    srv = QuietServer(("127.0.0.1", 0), ChatServer)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/v1"
    srv.shutdown()


@pytest.fixture(scope="module")
def telework(retriever):
    return ask(retriever, "テレワークを推進する施策は？")


def run(server, model, answer, timeout=2.0):
    cfg = WriterConfig(server, model, key="secret-key", timeout=timeout)
    return list(write(cfg, answer.question, answer.cards))


def test_a_streamed_answer_cites_only_retrieved_cards(server, telework):
    ChatServer.requests.clear()
    steps = run(server, "normal", telework)
    assert [s.text for s in steps[:3]] == ["テレワークの普及は", "テレワークの普及は [04-03] が",
                                           "テレワークの普及は [04-03] が該当します。"]
    final = steps[-1]
    assert final.done and not final.error and final.citations.cited == ("04-03",) and not final.warnings
    req = ChatServer.requests[-1]
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer secret-key"
    assert req["body"]["stream"] is True and "[04-03] テレワークの普及" in req["body"]["messages"][1]["content"]


def test_foreign_or_missing_citations_are_flagged(server, telework):
    final = run(server, "foreign", telework)[-1]
    assert final.citations.foreign == ("99-99",) and "99-99" in final.warnings[0]
    final = run(server, "uncited", telework)[-1]
    assert final.citations.uncited and "引用がありません" in final.warnings[0]


def test_a_silent_or_garbage_server_is_named_and_the_extractive_answer_stays(server, telework):
    t = time.perf_counter()
    final = run(server, "silent", telework, timeout=0.5)[-1]
    assert final.done and "0.5 秒" in final.error and time.perf_counter() - t < 3
    final = run(server, "garbage", telework)[-1]
    assert final.done and "OpenAI 互換" in final.error
    final = run("http://127.0.0.1:9/v1", "normal", telework)[-1]  # nothing listens on port 9
    assert final.done and "接続できません" in final.error
    from app.ui import render_answer

    page = render_answer(telework, final)
    assert telework.direct[:20] in page and "抽出した回答" in page and "接続できません" in page


def test_a_slow_stream_past_the_time_limit_is_cut(server, telework):
    final = run(server, "slow", telework, timeout=0.8)[-1]
    assert final.error and "0.8 秒" in final.error and final.text  # what came before the limit is kept as text


def test_the_writer_is_off_by_default_and_read_from_the_environment(monkeypatch):
    assert WriterConfig.from_settings(load_settings()) is None
    monkeypatch.setenv("SEISAKU_WRITER_URL", "http://127.0.0.1:11434/v1/")
    monkeypatch.setenv("SEISAKU_WRITER_MODEL", "qwen2.5")
    monkeypatch.setenv("SEISAKU_WRITER_KEY", "sk-hidden")
    monkeypatch.setenv("SEISAKU_WRITER_TIMEOUT", "12")
    s = load_settings()
    cfg = WriterConfig.from_settings(s)
    assert cfg.url == "http://127.0.0.1:11434/v1" and cfg.model == "qwen2.5" and cfg.timeout == 12.0
    assert "sk-hidden" not in repr(s) and "sk-hidden" not in repr(cfg)


def test_citations_are_read_in_full_width_too():
    c = check_citations("【０４－０３】と[03-14]、[04-03]", ["04-03"])
    assert c.cited == ("04-03", "03-14") and c.foreign == ("03-14",)
