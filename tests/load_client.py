"""A load client for tests/test_load.py, run as its own process so that the server's memory is measured alone:
argv = URL, questions file, asks count. Prints one JSON object with every answer it got."""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gradio_client import Client, handle_file


def main() -> None:
    url, batch, n_asks = sys.argv[1], sys.argv[2], int(sys.argv[3])
    questions = Path(batch).read_text(encoding="utf-8").splitlines()
    asks = questions[:n_asks]

    seconds: dict[str, list[float]] = {"search": [], "ask": [], "report": []}

    def timed(kind, call):
        t = time.perf_counter()
        out = call()
        seconds[kind].append(time.perf_counter() - t)  # list.append is atomic under the GIL
        return out

    def searcher(part):
        c = Client(url, verbose=False)
        return [(q, timed("search", lambda: c.predict(q, None, 5, "hybrid", api_name="/search"))) for q in part]

    def asker(part):
        c = Client(url, verbose=False)
        return [(q, timed("ask", lambda: c.predict(q, None, None, 5, "hybrid", api_name="/ask"))[1]["answer"]["answers"])
                for q in part]

    def reporter():
        c = Client(url, verbose=False)
        files, _ = timed("report", lambda: c.predict(handle_file(batch), "", {"ministries": []}, 5, api_name="/report"))
        jsonl = Path(next(f for f in files if f.endswith(".jsonl"))).read_text("utf-8").splitlines()
        return [json.loads(line) for line in jsonl]

    with ThreadPoolExecutor(8) as pool:
        searches = [pool.submit(searcher, questions[i::4]) for i in range(4)]
        chats = [pool.submit(asker, asks[i::2]) for i in range(2)]
        reports = [pool.submit(reporter) for _ in range(2)]
        out = {"search": [p for f in searches for p in f.result()], "ask": [p for f in chats for p in f.result()],
               "reports": [f.result() for f in reports], "seconds": seconds}
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
