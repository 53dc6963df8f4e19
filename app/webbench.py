"""`seisaku bench`'s timing of the web interfaces: the REST API and Gradio's queue on a server of its own."""

from __future__ import annotations

import time
from pathlib import Path

__all__ = ["bench_web"]


def bench_web(r, queries: list[str], tmp: Path) -> None:
    """The same hybrid queries through the web server: POST /api/search (REST, question log on) and, for a
    comparison, Gradio's queued /search; every query embedded, as above. Latency as a client on this machine sees it."""
    import socket

    import httpx

    from app.ui import launch
    from index.bench import percentiles
    from index.querylog import QueryLog

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    demo = launch(r, port=port, block=False, query_log=QueryLog(tmp / "querylog.sqlite3"))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            http.post("/api/search", json={"query": "デジタル"})
            ms = []
            for q in queries:
                r.dense._cache.clear()
                t = time.perf_counter()
                resp = http.post("/api/search", json={"query": q, "mode": "hybrid"})
                ms.append((time.perf_counter() - t) * 1000)
                resp.raise_for_status()
            print(f"REST /api/search hybrid  : {percentiles(ms)}  ({len(ms)} queries, question log on)")
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        ms = []
        for q in queries[:50]:
            r.dense._cache.clear()
            t = time.perf_counter()
            client.predict(q, None, 10, "hybrid", api_name="/search")
            ms.append((time.perf_counter() - t) * 1000)
        print(f"Gradio /search hybrid    : {percentiles(ms)}  ({len(ms)} queries, through the queue)")
    finally:
        demo.close()
