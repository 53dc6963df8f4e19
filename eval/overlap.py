"""Where the overlap map ranks the pairs readers labelled (eval/overlap_pairs.jsonl, and for dev also the second
labelling eval/overlap_pairs2.jsonl, both written blind from the cards): of the pairs that overlap in purpose, the
share ranked in the top 50 of all pairs, and of the top 20 pairs, the share that are labelled overlaps (among the
top-20 pairs this split labels either way; unlabelled ones are counted).

    PYTHONPATH=. python eval/overlap.py --split dev            # the pair score of index.report.similar
    PYTHONPATH=. python eval/overlap.py --split dev --score two-part   # the old 0.5 meaning + 0.5 wording
    PYTHONPATH=. python eval/overlap.py --split dev --cv       # the settings chosen on part of the pairs, counted on the rest
    PYTHONPATH=. python eval/overlap.py --split test --every-split     # once, at the end: the held-out figures

--cv cross-validates within the split: a setting of the score is chosen on some of its overlaps (most in the top 50,
then the lowest mean log rank, no labelled non-overlap in the top 20) and the held-out overlaps are counted under it,
leave-one-pair-out, leave-one-card-out (the overlaps of one card held out together, since pairs that share a card
are not independent) and over 200 random halvings (2-fold). Two procedures: the shipped weights with the chapter
bonus and the crowding's k chosen, and free weights over every part as well.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from index.report.similar import combine, pair_scores, similarity, space_of
from index.retrieve import open_retriever

LABELS = Path(__file__).resolve().parent / "overlap_pairs.jsonl"
# A second, independent blind labelling (round 13), all dev: the pairs of LABELS's test split were removed unread, and
# the pairs it shares with LABELS's dev split carry the same label there.
LABELS2 = Path(__file__).resolve().parent / "overlap_pairs2.jsonl"
# Pairs of the shipped ranking's top 50 that LABELS lacks, judged afterwards by a second blind reader (mixed with random
# decoys, ranks not shown): pooled judging, so that "true overlaps in the top 20" is over all 20, not the labelled ones.
POOL = Path(__file__).resolve().parent / "overlap_pool_judged.jsonl"


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def split_labels(split: str) -> list[dict]:
    """The labelled pairs of `split`, each pair once: LABELS's rows of that split, and for dev also LABELS2's (all
    dev; a pair both files label keeps LABELS's row, and a pair of LABELS's test split never enters dev). The test
    split reads LABELS alone, as it always did."""
    first = _rows(LABELS)
    rows = [r for r in first if r["split"] == split]
    if split == "dev" and LABELS2.exists():
        seen = {frozenset((r["a"], r["b"])) for r in first}  # dev pairs kept once, test pairs kept out
        for r in _rows(LABELS2):
            if r.get("split", "dev") == "dev" and frozenset((r["a"], r["b"])) not in seen:
                seen.add(frozenset((r["a"], r["b"])))
                rows.append(r)
    return rows


def labellings(split: str) -> dict[str, list[dict]]:
    """The overlaps of `split` by who labelled them: for dev, the first labelling's dev rows and the second
    labelling's rows that enter dev (`split_labels`; 20 pairs are in both), so that a change can be checked on each
    reader's notion of "the same purpose" apart; for test, the first labelling alone."""
    first = [r for r in _rows(LABELS) if r["split"] == split and r["label"] == "overlap"]
    if split != "dev" or not LABELS2.exists():
        return {"first labelling": first}
    test = {frozenset((r["a"], r["b"])) for r in _rows(LABELS) if r["split"] != "dev"}
    second = [r for r in _rows(LABELS2) if r.get("split", "dev") == "dev" and r["label"] == "overlap"
              and frozenset((r["a"], r["b"])) not in test]
    return {"first labelling": first, "second labelling": second}


def ranks(score: np.ndarray) -> dict[frozenset, int]:
    n = len(score)
    iu = np.triu_indices(n, 1)
    order = np.argsort(-score[iu], kind="stable")
    return {frozenset((int(iu[0][k]), int(iu[1][k]))): r + 1 for r, k in enumerate(order)}


def held_out(rk: np.ndarray, ok: np.ndarray, top: int = 50, repeats: int = 200, seed: int = 0,
             cards: list | None = None) -> dict:
    """Cross-validated counts from `rk` (settings × overlaps: each overlap's rank under each setting) and `ok` (per
    setting, no labelled non-overlap in the top 20): a setting is chosen on some overlaps (most in the top `top`, then
    the lowest mean log rank, among the `ok` ones) and the others are counted under it, leave-one-pair-out and over
    `repeats` random halvings (2-fold); with `cards` (each overlap's pair of cards), leave-one-card-out too: every
    card's overlaps held out together, each overlap counted as the mean of its two cards' rounds. Also the in-split
    range over the settings."""
    r = np.asarray(rk)

    def choose(idx):
        key = np.where(ok, (r[:, idx] <= top).sum(1), -1) - 1e-3 * np.log(r[:, idx]).mean(1)
        return int(np.argmax(key))

    m = r.shape[1]
    loo = sum(int(r[choose(np.delete(np.arange(m), i)), i] <= top) for i in range(m))
    rng, held = np.random.default_rng(seed), []
    for _ in range(repeats):
        perm = rng.permutation(m)
        for train, test in ((perm[: m // 2], perm[m // 2:]), (perm[m // 2:], perm[: m // 2])):
            held.append(float((r[choose(train), test] <= top).mean()))
    counts = (r <= top).sum(1)
    out = {"settings": len(r), "loo": loo, "two_fold": float(np.mean(held)) * m, "of": m,
           "in_split": (int(counts.min()), float(counts.mean()), int(counts.max()))}
    if cards is not None:
        hits = np.zeros(m)
        for c in {c for pair in cards for c in pair}:
            out_c = np.array([c in pair for pair in cards])
            chosen = choose(np.flatnonzero(~out_c))
            hits[out_c] += (r[chosen, out_c] <= top) / 2
        out["by_card"] = float(hits.sum())
    return out


def cross_validated_scores(scores: list[np.ndarray], overlaps: list, negatives: list, top: int = 50,
                           repeats: int = 200, seed: int = 0) -> dict:
    """`held_out` over candidate pair-score matrices: a whole search (every design and setting tried, the shipped
    one among them) cross-validated as one procedure, so that choosing a design after looking at the same pairs is
    counted too (round 5's lesson: a design picked on the dev ranks, then cross-validated over its own settings only,
    overstated what held out)."""
    rk, bad = [], []
    for score in scores:
        rank = ranks(score)
        rk.append([rank[p] for p in overlaps])
        bad.append(sum(rank[p] <= 20 for p in negatives))
    return held_out(np.array(rk), np.array(bad) == 0, top, repeats, seed, [tuple(p) for p in overlaps])


def cross_validated(parts: dict, overlaps: list, negatives: list, free_weights: bool = False,
                    top: int = 50, repeats: int = 200, seed: int = 0) -> dict:
    """Leave-one-pair-out and 2-fold counts of `overlaps` in the top `top` when the score's settings are chosen on
    the other overlaps (see the module note); also the in-split range over the grid."""
    from itertools import product

    from index.report import similar

    grid = [(None, c, k) for c in (0.0, 0.05, 0.1, 0.15) for k in (5, 7, 10)]
    if free_weights:
        steps = (0.0, 0.1, 0.2, 0.3, 0.4)
        grid = [({"meaning": m, "wording": w, "purpose": p, "outcome": o}, c, 7)
                for m, w, p, o in product(steps, steps, steps, (0.0, 0.1, 0.2, 0.3)) if m + w + p + o > 0
                for c in (0.0, 0.1)]
    shipped = dict(similar.PAIR_WEIGHTS)
    scores = []
    try:
        for weights, chapter, k in grid:
            if weights is not None:
                similar.PAIR_WEIGHTS.update(weights)
            scores.append(combine(parts, chapter, k)[0])
    finally:
        similar.PAIR_WEIGHTS.update(shipped)
    return cross_validated_scores(scores, overlaps, negatives, top, repeats, seed)


def shown_top(top: list, ids: list[str], labels: dict) -> tuple[list[str], int]:
    """The top pairs as `--show` lists them: each pair this run may read (`labels`: the split's labels and the
    pooled judgments) with its label's first letter; the others only counted, never named, since a dev run's
    unlabelled pairs include the test split's."""
    shown = [f"{ids[min(p)]}/{ids[max(p)]}({labels[p][:1]})" for p in top if p in labels]
    return shown, len(top) - len(shown)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test"], default="dev")
    ap.add_argument("--score", choices=["pair", "two-part"], default="pair")
    ap.add_argument("--top", type=int, default=50)
    ap.add_argument("--every-split", action="store_true",
                    help="count the top 20 and 50 against every split's labels (for the final, held-out run)")
    ap.add_argument("--cv", action="store_true", help="cross-validate the score's settings within the split")
    ap.add_argument("--show", action="store_true", help="list the split's overlaps with their ranks and the top 20")
    args = ap.parse_args(argv)
    from index.config import Settings

    r = open_retriever()
    space = space_of(r.stored, r.embedder, cache_dir=Settings().cache_dir)
    parts = pair_scores(space)
    score = parts["score"] if args.score == "pair" else similarity(space, space)[0]
    pos = {c.id: i for i, c in enumerate(space.cards)}
    rank = ranks(score)
    mine = {frozenset((pos[r["a"]], pos[r["b"]])): r for r in split_labels(args.split)}
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
    rows = _rows(POOL) + (split_labels("test") + split_labels("dev") if args.every_split else split_labels(args.split))
    every = {frozenset((pos[r["a"]], pos[r["b"]])): r["label"] for r in rows}
    which = "every split's labels" if args.every_split else f"the {args.split} labels"
    for n in (20, 50):
        top = [every.get(p, "unjudged") for p in sorted(rank, key=rank.get)[:n]]
        print(f"  top {n}, {which} and the pooled judgments: {top.count('overlap')} overlaps, "
              f"{n - top.count('overlap') - top.count('unjudged')} not, {top.count('unjudged')} unjudged")
    if args.cv:
        negatives = [p for p, lab in every.items() if lab != "overlap"]
        for free in (False, True):
            cv = cross_validated(parts, overlaps, negatives, free_weights=free)
            lo, mean, hi = cv["in_split"]
            print(f"  cross-validated, {'free weights' if free else 'the shipped weights'} ({cv['settings']} "
                  f"settings; in the split {lo}-{hi}, mean {mean:.1f}): leave-one-pair-out {cv['loo']}/{cv['of']}, "
                  f"leave-one-card-out {cv['by_card']:.1f}/{cv['of']}, 2-fold {cv['two_fold']:.1f}/{cv['of']} "
                  f"in the top {args.top}")
        for name, rows_of in labellings(args.split).items():  # each reader's overlaps apart, the shipped weights
            own = [frozenset((pos[r["a"]], pos[r["b"]])) for r in rows_of]
            cv = cross_validated(parts, own, negatives)
            print(f"    {name} ({sum(rank[p] <= args.top for p in own)}/{len(own)} in the top {args.top}): "
                  f"leave-one-pair-out {cv['loo']}/{cv['of']}, leave-one-card-out {cv['by_card']:.1f}/{cv['of']}, "
                  f"2-fold {cv['two_fold']:.1f}/{cv['of']}")
    if args.show:
        ids = [c.id for c in space.cards]
        for p in sorted(overlaps, key=rank.get):
            a, b = sorted(p)
            print(f"  {rank[p]:4d} {ids[a]} {ids[b]}")
        shown, hidden = shown_top(top20, ids, every)
        print("  top 20:", " ".join(shown), f"(+{hidden} pairs this run has no label for, not named)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
