"""Soak of the web server (issue 22): 16 mixed clients send N distinct questions (default 2,000) to one
`seisaku serve` process while its memory is sampled; prints the RSS curve and whether it levels off.

Clients: 8 search (/search), 4 chat (/ask, carrying their history), 2 report (/report, a small distinct CSV each
time), 2 hostile (malformed FileData, a path never uploaded, uploads past the budget, a dropped stream). Each
question is sent once. Afterwards a probe question must get the answer it got before the soak, the server log must
hold no traceback, and every hostile call must have been refused.

    PYTHONPATH=. .venv/bin/python eval/soak_web.py                 # 2,000 questions
    PYTHONPATH=. .venv/bin/python eval/soak_web.py --questions 600 --json
Exit status 1 when memory keeps growing (second-half slope above --max-slope MB per 100 questions), a traceback
was logged, a hostile call was accepted or the probe's answer changed."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.server_process import ServerDidNotStart, rss_mb, start_server


def distinct_questions(n: int, seed: int = 22) -> list[str]:
    """n different questions built from the table's own words (names, ministries) and question frames."""
    from index.corpus import load_cards

    cards = load_cards().cards
    names = [c.name for c in cards]
    ministries = sorted({m.name for c in cards for m in c.ministries})
    frames = ["{n}について教えて", "{n}の担当府省庁は？", "{m}が主担当の施策で{n}に近いもの", "{n}のKPIは？",
              "{n}はいつまでに実施？", "{m}と{n}の関係", "{n}を進める施策", "What is {n}?", "{n} {k}年度の予定",
              "{m}の{n}"]
    rng = random.Random(seed)
    out, seen = [], set()
    for i in itertools.count():
        q = rng.choice(frames).format(n=rng.choice(names), m=rng.choice(ministries), k=i % 13 + 1)
        q = f"{q} ({i})" if q in seen else q
        seen.add(q)
        out.append(q)
        if len(out) >= n:
            return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=2000)
    ap.add_argument("--cache-dir", default=os.environ.get("SEISAKU_CACHE_DIR"))
    ap.add_argument("--max-slope", type=float, default=1.0, help="MB per 100 questions allowed in the second half")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from gradio_client import Client, handle_file

    log = tempfile.NamedTemporaryFile("w+", prefix="soak-server-", suffix=".log", delete=False)
    log.close()
    try:
        server = start_server(args.cache_dir, log_path=log.name, timeout=300)
    except ServerDidNotStart as e:
        print(e, file=sys.stderr)
        return 1
    url = server.url
    questions = distinct_questions(args.questions)
    probe = "テレワークを推進する施策は？"
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    counts = {"search": 0, "ask": 0, "report_rows": 0, "hostile": 0, "hostile_accepted": 0, "errors": 0}
    lock = threading.Lock()
    done = [0]
    samples: list[tuple[int, float]] = []
    feed = iter(questions)

    def take(k: int = 1) -> list[str]:
        with lock:
            got = list(itertools.islice(feed, k))
            done[0] += len(got)
            return got

    failures: list[str] = []

    def count(key: str, n: int = 1) -> None:
        with lock:
            counts[key] += n
            if key == "errors" and len(failures) < 5:
                failures.append(" ".join(repr(sys.exc_info()[1]).split())[:300])

    def searcher() -> None:
        c = Client(url, verbose=False)
        while qs := take():
            try:
                c.predict(qs[0], None, 5, "hybrid", api_name="/search")
                count("search")
            except Exception:  # noqa: BLE001 - counted, the soak goes on
                count("errors")

    def chatter() -> None:
        c = Client(url, verbose=False)
        history = None
        while qs := take():
            try:
                _, res = c.predict(qs[0], history, None, 5, "hybrid", api_name="/ask")
                history = res["history"][-6:]  # a conversation of a few turns, then it goes on
                count("ask")
            except Exception:  # noqa: BLE001
                count("errors")
                history = None

    def reporter() -> None:
        c = Client(url, verbose=False)
        while qs := take(8):
            f = tmp / f"r-{threading.get_ident()}-{done[0]}.csv"
            f.write_text("質問\n" + "\n".join(q.replace(",", "、") for q in qs) + "\n", encoding="utf-8")
            try:
                files, _ = c.predict(handle_file(str(f)), "", {"ministries": []}, 3, api_name="/report")
                count("report_rows", len(qs) if files else 0)
            except Exception:  # noqa: BLE001
                count("errors")
            f.unlink(missing_ok=True)

    def hostile() -> None:
        import httpx

        bad = [[{"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}}, "", None, 3],
               [{"path": 12, "meta": {"_type": "gradio.FileData"}}, "", None, 3], ["not a file", "", None, 3]]
        while qs := take():
            data = random.choice(bad)
            try:
                r = httpx.post(f"{url}gradio_api/call/report", json={"data": data}, timeout=60)
                text = httpx.get(f"{url}gradio_api/call/report/{r.json()['event_id']}", timeout=60).text
                accepted = "event: complete" in text and "root:" in text
                r = httpx.post(f"{url}gradio_api/upload", files={"files": ("big.txt", b"a" * 7_000_000)}, timeout=60)
                accepted |= r.status_code == 200
                r = httpx.post(f"{url}gradio_api/call/search", json={"data": [qs[0], None, 5, "hybrid"]})
                with httpx.stream("GET", f"{url}gradio_api/call/search/{r.json()['event_id']}") as s:
                    next(s.iter_bytes(), None)  # and drop the stream
                count("hostile")
                count("hostile_accepted", int(accepted))
            except Exception:  # noqa: BLE001
                count("errors")

    def sampler(stop: threading.Event) -> None:
        step = max(args.questions // 20, 1)
        next_at = 0
        while not stop.is_set():
            if done[0] >= next_at:
                samples.append((done[0], round(rss_mb(server.pid), 1)))
                print(f"  {samples[-1][0]} questions: {samples[-1][1]} MB", file=sys.stderr, flush=True)
                next_at += step
            time.sleep(0.2)

    first = Client(url, verbose=False).predict(probe, None, 5, "hybrid", api_name="/search")
    samples.append((0, round(rss_mb(server.pid), 1)))
    stop = threading.Event()
    watch = threading.Thread(target=sampler, args=(stop,), daemon=True)
    watch.start()
    t = time.monotonic()
    workers = [searcher] * 8 + [chatter] * 4 + [reporter] * 2 + [hostile] * 2
    with ThreadPoolExecutor(len(workers)) as pool:
        for f in [pool.submit(w) for w in workers]:
            f.result()
    seconds = time.monotonic() - t
    stop.set()
    time.sleep(16)  # one heap-trim period of the server
    samples.append((args.questions, round(rss_mb(server.pid), 1)))
    last = Client(url, verbose=False).predict(probe, None, 5, "hybrid", api_name="/search")
    server.stop()
    text = server.log_text()
    half = [s for s in samples if s[0] >= args.questions // 2]
    slope = ((half[-1][1] - half[0][1]) / max(half[-1][0] - half[0][0], 1) * 100) if len(half) > 1 else 0.0
    report = {"questions": args.questions, "seconds": round(seconds, 1), "counts": counts, "rss_mb": samples,
              "second_half_mb_per_100_questions": round(slope, 3), "tracebacks": text.count("Traceback"),
              "log_warnings": sum(1 for line in text.splitlines() if "WARNING" in line or "refused" in line),
              "probe_unchanged": [r["id"] for r in first["results"]] == [r["id"] for r in last["results"]],
              "client_errors": failures,
              "server_log": log.name}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"{args.questions} questions in {seconds:.0f} s: {counts}")
        print("RSS (MB) after N questions: " + ", ".join(f"{n}: {m}" for n, m in samples))
        if failures:
            print("client errors: " + " | ".join(failures))
        print(f"second half: {slope:+.3f} MB per 100 questions; tracebacks in the log: {report['tracebacks']}; "
              f"probe unchanged: {report['probe_unchanged']}; log: {log.name}")
    ok = (slope <= args.max_slope and report["tracebacks"] == 0 and counts["hostile_accepted"] == 0
          and report["probe_unchanged"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
