"""The web app under load: chat, search and report requests from several clients at once (and a CLI batch beside
them) get exactly the single-user answers, and the server's memory settles afterwards."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.server_process import rss_mb, start_server
from index.assist import search_question
from index.evaluate import load_questions


@pytest.fixture(scope="module")
def server(settings):
    """`seisaku serve` in a process of its own, so that its memory is the server's alone: (url, pid)."""
    # room for 16 sessions, fewer than the warm-up rounds open, so that the measured rounds run at the bound a
    # long-lived server reaches (256 sessions by default)
    proc = start_server(settings.cache_dir, env={"SEISAKU_WEB_SESSIONS": "16"}, timeout=120)
    yield proc.url, proc.pid
    proc.stop()


def _client(url):
    from gradio_client import Client

    return Client(url, verbose=False)


def test_concurrent_chat_search_report_and_cli_answer_as_a_single_user_would(server, retriever, settings, tmp_path):
    # 8 clients in another process (4 searching, 2 chatting, 2 uploading the same batch as a report) and a CLI batch
    # run at once

    questions = [q.query for q in load_questions(split="test")][:24]
    # (the one answer path of /search, the CLI and the report: a field question is read as the chat reads it)
    single = {q: json.loads(json.dumps(search_question(retriever, q, top_k=5).to_dict(), ensure_ascii=False))
              for q in questions}
    asks = questions[:6]
    url, pid = server
    solo = _client(url)
    single_ask = {q: solo.predict(q, None, None, 5, "hybrid", api_name="/ask")[1]["answer"]["answers"] for q in asks}
    batch = tmp_path / "batch.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    # three rounds fill the server's worker threads, sessions, taggers and caches; what it holds then is the baseline
    # (after two, one run's server still had 435 MB where others had ~490 MB, reached in the third)
    # five since the question log, the REST API, the 工程表 sheets and the upload budget: after three, two runs
    # measured 437 → 497 MB and 431 → 547 MB over the next two rounds (the soak, eval/soak_web.py, levels off by
    # ~800 questions at ~600 MB)
    # The memory check needs the warm-up (~4 minutes on 2 cores), so the suite runs it only when asked: `make load`
    # (SEISAKU_LOAD_MEMORY=1); by default one loaded round checks the answers alone.
    memory = os.environ.get("SEISAKU_LOAD_MEMORY") == "1"
    for _ in range(int(os.environ.get("SEISAKU_LOAD_WARMUP", "5" if memory else "0"))):
        _round(url, questions, asks, single, single_ask, batch, settings)
    before = _settledrss_mb(pid) if memory else 0.0
    rounds = int(os.environ.get("SEISAKU_LOAD_ROUNDS", "2" if memory else "1"))
    seconds: dict[str, list[float]] = {}
    for n in range(rounds):
        for kind, s in _round(url, questions, asks, single, single_ask, batch, settings).items():
            seconds.setdefault(kind, []).extend(s)
        if memory:
            print(f"round {n + 1}: server process RSS {_settledrss_mb(pid):.0f} MB (after the warm-up {before:.0f} MB)")
    for kind, s in seconds.items():
        s.sort()
        print(f"{kind}: {len(s)} requests, 0 failed, p50 {s[len(s) // 2] * 1000:.0f} ms, "
              f"p95 {s[min(len(s) - 1, int(len(s) * 0.95))] * 1000:.0f} ms (8 clients and a CLI batch at once)")
    # memory back within 10 % after the load (it grew ~12 MB a round while Gradio kept every session)
    if memory:
        assert _settledrss_mb(pid) < before * 1.10


def _settledrss_mb(pid: int) -> float:
    time.sleep(16)  # the server hands freed heap back every 15 s
    return rss_mb(pid)


def _round(server, questions, asks, single, single_ask, batch, settings):
    env = dict(os.environ, SEISAKU_CACHE_DIR=str(settings.cache_dir))
    here = Path(__file__).parent
    # gradio_client leaves an empty folder in the temp dir for every file it downloads: keep them beside the batch
    client_tmp = batch.parent / "client-tmp"
    client_tmp.mkdir(exist_ok=True)
    clients = subprocess.Popen([sys.executable, str(here / "load_client.py"), server, str(batch), str(len(asks))],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(env, TMPDIR=str(client_tmp)))
    cli = subprocess.Popen([sys.executable, "-m", "app.cli", "search", "--batch", str(batch), "--json", "--top-k", "5"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out, err = clients.communicate(timeout=600)
    assert clients.returncode == 0, err
    got = json.loads(out)
    assert len(got["search"]) == len(questions) and all(res == single[q] for q, res in got["search"])
    assert all(ids == single_ask[q] for q, ids in got["ask"]) and len(got["ask"]) == len(asks)
    for rows in got["reports"]:
        assert [r["query"] for r in rows] == questions
        assert [[h["id"] for h in r["results"]] for r in rows] == [[h["id"] for h in single[q]["results"]]
                                                                  for q in questions]
    out, err = cli.communicate(timeout=600)
    assert cli.returncode == 0, err
    assert [json.loads(line)["results"] for line in out.splitlines()] == [single[q]["results"] for q in questions]
    return got["seconds"]
