"""The question log: a real SQLite file written by threads and processes at once, a killed writer, an old schema,
a corrupt or locked file (answering goes on), and `seisaku log` reading it back."""

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.cli import main
from index import querylog
from index.querylog import Entry, QueryLog, parse_since

ROOT = Path(__file__).resolve().parent.parent


def entry(q: str, outcome: str = "answer", feedback=None, cards=None) -> Entry:
    cards = cards if cards is not None else [{"id": "04-03", "name": "テレワークの普及", "confidence": 0.97,
                                              "answer": outcome != "none"}]
    return Entry(question=q, outcome=outcome, confidence=0.9 if outcome == "answer" else 0.3, cards=cards,
                 latency_ms=12.5, filters={"ministries": ["総務省"]} if "総務" in q else {})


WRITER = """
import sys
from index.querylog import Entry, QueryLog
log = QueryLog(sys.argv[1])
for i in range(int(sys.argv[3])):
    rid = log.record(Entry(question=f"{sys.argv[2]}-{i}", outcome="answer", confidence=0.9, cards=[], latency_ms=1.0))
    print(rid, flush=True)
"""


def test_threads_and_processes_write_every_row_exactly_once(tmp_path):
    path = tmp_path / "querylog.sqlite3"
    log = QueryLog(path)

    def ask(t):
        for i in range(40):
            assert log.record(entry(f"thread{t}-{i}")) is not None

    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"proc{p}", "60"], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
             for p in range(2)]
    threads = [threading.Thread(target=ask, args=(t,)) for t in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0 and "None" not in out
    questions = [e.question for e in QueryLog(path).entries()]
    expected = {f"thread{t}-{i}" for t in range(6) for i in range(40)} | {f"proc{p}-{i}" for p in range(2)
                                                                           for i in range(60)}
    assert len(questions) == len(expected) == 360 and set(questions) == expected
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


TIMED_WRITER = """
import sys, time
from index.querylog import Entry, QueryLog
log = QueryLog(sys.argv[1])
print("ready", flush=True)
end, i = time.time() + float(sys.argv[3]), 0
while time.time() < end:
    started = time.time()
    if log.record(Entry(question=f"{sys.argv[2]}-{i}", outcome="answer", confidence=0.9, cards=[], latency_ms=1.0)):
        print(f"{started:.6f} {sys.argv[2]}-{i}", flush=True)
    i += 1
    time.sleep(0.005)
"""


def test_servers_writing_on_while_the_cache_folder_is_deleted_log_into_the_new_file(tmp_path):
    # "Deleting that folder is always safe": three processes keep logging while it is deleted. Before, each went on
    # writing into the unlinked file (every write "succeeded", no new file appeared, every later question was lost)
    cache = tmp_path / "cache"
    path = cache / "querylog.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-c", TIMED_WRITER, str(path), f"w{k}", "6"], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
             for k in range(3)]
    for p in procs:
        assert p.stdout.readline() == "ready\n"
        assert p.stdout.readline()  # its first row is written: the old file is open in every writer
    import shutil
    import time

    shutil.rmtree(cache)
    deleted = time.time()
    after: dict[str, list[str]] = {}
    for k, p in enumerate(procs):
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0
        after[f"w{k}"] = [q for t, q in (line.split() for line in out.splitlines()) if float(t) > deleted]
    assert all(len(qs) >= 10 for qs in after.values()), {k: len(v) for k, v in after.items()}
    logged = {e.question for e in QueryLog(path).entries()}
    assert {q for qs in after.values() for q in qs} <= logged  # every row begun after the deletion is in the file


def test_a_killed_writer_loses_no_committed_row(tmp_path):
    path = tmp_path / "querylog.sqlite3"
    p = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "k", "100000"], cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    committed = []
    for line in p.stdout:  # each id is printed after its commit returned
        committed.append(int(line))
        if len(committed) == 200:
            break
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    stored = {e.id for e in QueryLog(path).entries()}
    assert set(committed) <= stored and len(stored) >= 200


def test_an_old_log_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "querylog.sqlite3"
    conn = sqlite3.connect(path)
    for statement in querylog.MIGRATIONS[0]:  # a file written by the first version
        conn.execute(statement)
    conn.execute("INSERT INTO questions (time, question, outcome, confidence, cards, latency_ms, filters, via) "
                 "VALUES ('2026-12-01T00:00:00+00:00', '古い質問', 'none', 0.1, '[]', 3.0, '{}', 'web')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    log = QueryLog(path)
    assert log.version() == querylog.SCHEMA_VERSION
    (old,) = log.entries()
    assert old.question == "古い質問" and old.feedback is None and old.source == ""
    assert log.set_feedback(old.id, "down", "表にない")
    assert next(log.entries()).comment == "表にない"


def test_a_corrupt_or_locked_log_is_one_warning_and_no_exception(tmp_path, caplog, monkeypatch):
    bad = tmp_path / "corrupt.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING, logger="seisaku.querylog"):
        assert QueryLog(bad).record(entry("テレワーク")) is None
    assert len(caplog.records) == 1 and "corrupt.sqlite3" in caplog.records[0].getMessage()
    assert "\n" not in caplog.records[0].getMessage()

    caplog.clear()
    monkeypatch.setattr(querylog, "BUSY_MS", 200)
    path = tmp_path / "locked.sqlite3"
    QueryLog(path).record(entry("first"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        with caplog.at_level(logging.WARNING, logger="seisaku.querylog"):
            assert QueryLog(path).record(entry("second")) is None
        assert len(caplog.records) == 1 and "locked" in caplog.records[0].getMessage()
    finally:
        holder.execute("ROLLBACK")
    assert [e.question for e in QueryLog(path).entries()] == ["first"]


def test_only_the_session_that_asked_rates_an_answer(tmp_path):
    # log row ids are sequential: before, any client that sent a row id could rate that row
    from index.querylog import new_session

    log = QueryLog(tmp_path / "q.sqlite3")
    mine, other = new_session(), new_session()
    a = log.record(entry("テレワークを推進する施策は？"), mine)
    b = log.record(entry("年金の受給開始年齢は？", "none"), other)
    c = log.record(entry("宇宙開発の施策", "uncertain"))  # asked without a session (a script, the Gradio API)
    assert not log.set_feedback(a, "up", session=other) and not log.set_feedback(a, "up")
    assert not log.set_feedback(c, "up", session=mine)
    assert log.set_feedback(a, "up", session=mine) and log.set_feedback(b, "down", "古い", session=other)
    assert log.feedback_of([a, b, c], mine) == {a: "up"} and log.feedback_of([a, b, c], other) == {b: "down"}
    assert log.feedback_of([a, b, c], None) == {}
    assert [(e.id, e.feedback) for e in log.entries()] == [(a, "up"), (b, "down"), (c, None)]
    assert mine.encode() not in (tmp_path / "q.sqlite3").read_bytes()  # only its digest is kept


def test_feedback_and_the_summary(tmp_path):
    log = QueryLog(tmp_path / "q.sqlite3")
    ids = [log.record(entry(q, o)) for q, o in [("テレワークを推進する施策は？", "answer"),
                                                  ("年金の受給開始年齢は？", "none"), ("年金の受給開始年齢は?", "none"),
                                                  ("宇宙開発の施策", "uncertain")]]
    assert log.set_feedback(ids[0], "down", "総務省の施策も見たい")
    assert log.set_feedback(ids[3], "up")
    assert not log.set_feedback(999, "up")  # no such row
    with pytest.raises(ValueError):
        log.set_feedback(ids[0], "meh")
    s = log.summary()
    assert s.total == 4 and s.outcomes["none"] == 2 and s.liked == 1
    assert s.unanswered[0][:2] == ("年金の受給開始年齢は？", 2)  # the same question, however it was typed
    assert [e.comment for e in s.disliked] == ["総務省の施策も見たい"]
    assert s.top_cards[0][:2] == ("04-03", "テレワークの普及")


def test_since_reads_dates_times_and_spans():
    from datetime import datetime, timezone

    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    assert parse_since("7d", now) == "2026-11-28T12:00:00+00:00"
    assert parse_since("2026-12-01T09:00+09:00") == "2026-12-01T00:00:00+00:00"
    with pytest.raises(ValueError, match="7d"):
        parse_since("last week")


def test_seisaku_log_prints_exports_and_purges(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SEISAKU_CACHE_DIR", str(tmp_path))
    log = QueryLog(tmp_path / querylog.FILE_NAME)
    rid = log.record(entry("テレワークを推進する施策は？"))
    log.record(entry("年金の受給開始年齢は？", "none", cards=[]))
    log.set_feedback(rid, "down", "古い")
    old = Entry(question="去年の質問", outcome="none", confidence=0.1, cards=[], latency_ms=1, time="2025-01-01T00:00:00+00:00")
    log.record(old)

    assert main(["log"]) == 0
    text = capsys.readouterr().out
    assert "質問 3 件" in text and "年金の受給開始年齢は？" in text and "コメント: 古い" in text

    assert main(["log", "--format", "jsonl", "--since", "2026-01-01"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["question"] for r in rows] == ["テレワークを推進する施策は？", "年金の受給開始年齢は？"]
    assert set(rows[0]) >= {"time", "question", "outcome", "confidence", "cards", "feedback", "latency_ms"}
    assert rows[0]["feedback"] == "down" and rows[1]["outcome"] == "none"

    from openpyxl import load_workbook

    for fmt in ("xlsx", "csv", "html"):
        out = tmp_path / f"log.{fmt}"
        assert main(["log", "-o", str(out)]) == 0
        assert out.stat().st_mode & 0o777 == 0o644
    wb = load_workbook(tmp_path / "log.xlsx")
    assert wb.sheetnames == ["要約", "未回答・不確か", "低評価", "よく聞かれる施策", "全質問"]
    assert wb["全質問"].max_row == 4 and wb["低評価"]["H2"].value == "古い" and wb["低評価"]["G2"].value == "👎 低評価"
    assert "年金の受給開始年齢は？" in (tmp_path / "log.html").read_text(encoding="utf-8")
    assert (tmp_path / "log.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8

    # a period in which every question was answered and none rated: those sheets say so instead of a bare header
    log.set_feedback(rid, None)
    log.record(entry("テレワークの施策"))
    for fmt in ("xlsx", "html"):
        assert main(["log", "-o", str(tmp_path / f"answered.{fmt}"), "--since", "2026-01-01"]) == 0
    quiet = load_workbook(tmp_path / "answered.xlsx")
    assert [r[0] for r in quiet["低評価"].values] == ["日時 (UTC)", "低評価 (👎) の回答はありません (高評価 👍 0 件)。"]
    assert [r[0] for r in quiet["未回答・不確か"].values][1:] == ["年金の受給開始年齢は？"]
    assert "低評価 (👎) の回答はありません" in (tmp_path / "answered.html").read_text(encoding="utf-8")

    assert main(["log", "--since", "yesterday"]) == 2
    assert "--since" in capsys.readouterr().err
    assert main(["log", "--purge"]) == 0
    assert "4 件" in capsys.readouterr().err and log.count() == 0
