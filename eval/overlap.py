"""Where the overlap map ranks the pairs a reader labelled (eval/overlap_pairs.jsonl, written blind from the cards):
of the pairs that overlap in purpose, the share ranked in the top 50 of all pairs, and of the top 20 pairs, the share
that are labelled overlaps (among the top-20 pairs this split labels either way; unlabelled ones are listed).

    PYTHONPATH=. python eval/overlap.py --split dev            # the pair score of index.report.similar
    PYTHONPATH=. python eval/overlap.py --split dev --score two-part   # the old 0.5 meaning + 0.5 wording
    PYTHONPATH=. python eval/overlap.py --split test --every-split     # once, at the end: the held-out figures
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from index.report.similar import pair_scores, similarity, space_of
from index.retrieve import open_retriever

LABELS = Path(__file__).resolve().parent / "overlap_pairs.jsonl"
# Pairs of the shipped ranking's top 50 that LABELS lacks, judged afterwards by a second blind reader (mixed with random
# decoys, ranks not shown): pooled judging, so that "true overlaps in the top 20" is over all 20, not the labelled ones.
POOL = Path(__file__).resolve().parent / "overlap_pool_judged.jsonl"


def ranks(score: np.ndarray) -> dict[frozenset, int]:
    n = len(score)
    iu = np.triu_indices(n, 1)
    order = np.argsort(-score[iu], kind="stable")
    return {frozenset((int(iu[0][k]), int(iu[1][k]))): r + 1 for r, k in enumerate(order)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--score", choices=["pair", "two-part"], default="pair")
    ap.add_argument("--top", type=int, default=50)
    ap.add_argument("--every-split", action="store_true",
                    help="count the top 20 and 50 against every split's labels (for the final, held-out run)")
    ap.add_argument("--show", action="store_true", help="list the split's overlaps with their ranks and the top 20")
    args = ap.parse_args(argv)
    from index.config import Settings

    r = open_retriever()
    space = space_of(r.stored, r.embedder, cache_dir=Settings().cache_dir)
    score = pair_scores(space)["score"] if args.score == "pair" else similarity(space, space)[0]
    pos = {c.id: i for i, c in enumerate(space.cards)}
    rank = ranks(score)
    labels = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    mine = {frozenset((pos[r["a"]], pos[r["b"]])): r for r in labels if r["split"] == args.split}
    overlaps = [p for p, r in mine.items() if r["label"] == "overlap"]
    in_top = [rank[p] <= args.top for p in overlaps]
    top20 = sorted(rank, key=rank.get)[:20]
    judged = [mine[p]["label"] for p in top20 if p in mine]
    cross = [rank[p] <= args.top for p in overlaps if mine[p].get("cross_ministry")]
    print(f"{args.split} ({args.score}): {sum(in_top)}/{len(overlaps)} overlaps in the top {args.top} "
          f"({np.mean(in_top):.3f}; cross-ministry {sum(cross)}/{len(cross)}), median rank "
          f"{np.median([rank[p] for p in overlaps]):.0f}; top 20: {judged.count('overlap')}/{len(judged)} labelled "
          f"pairs are overlaps ({judged.count('overlap') / max(1, len(judged)):.3f}), {20 - len(judged)} not "
          f"labelled in this split")
    # the pooled judgments carry no split; the labels count from this split only unless --every-split (the test
    # split's labels stay out of a dev run's figures)
    every = {frozenset((pos[r["a"]], pos[r["b"]])): r["label"] for path in (POOL, LABELS) if path.exists()
             for r in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())
             if args.every_split or r.get("split", args.split) == args.split}
    which = "every split's labels" if args.every_split else f"the {args.split} labels"
    for n in (20, 50):
        top = [every.get(p, "unjudged") for p in sorted(rank, key=rank.get)[:n]]
        print(f"  top {n}, {which} and the pooled judgments: {top.count('overlap')} overlaps, "
              f"{n - top.count('overlap') - top.count('unjudged')} not, {top.count('unjudged')} unjudged")
    if args.show:
        ids = [c.id for c in space.cards]
        for p in sorted(overlaps, key=rank.get):
            a, b = sorted(p)
            print(f"  {rank[p]:4d} {ids[a]} {ids[b]}")
        print("  top 20:", " ".join(f"{ids[min(p)]}/{ids[max(p)]}({mine[p]['label'][:1] if p in mine else '?'})"
                                  for p in top20))
    return 0


if __name__ == "__main__":
    sys.exit(main())
