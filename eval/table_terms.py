"""List the table's salient terms: noun compounds of 施策名 and 概要 by the number of cards that hold them.
What index/glossary.tsv was written from (each of its entries starts from one of these terms)."""

from __future__ import annotations

import argparse
from collections import Counter

from index.corpus import load_cards
from index.text import analyzer


def compounds(text: str) -> set[str]:
    """Runs of nouns (MeCab's 名詞, its prefixes and suffixes joined), and each noun of two characters or more."""
    out, run = set(), []
    for t in analyzer().tokens(text) + [None]:
        if t is not None and t.pos in ("名詞", "接頭辞", "接尾辞") and t.surface.strip():
            run.append(t)
            if t.pos == "名詞" and len(t.surface) >= 2:
                out.add(t.surface)
            continue
        if len(run) >= 2:
            out.add("".join(r.surface for r in run))
        run = []
    return {w for w in out if len(w) >= 2 and not w.isdigit()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--source", default=None)
    ap.add_argument("--top", type=int, default=400)
    ap.add_argument("--min-cards", type=int, default=2)
    a = ap.parse_args()
    cards = load_cards(a.source).cards
    df: Counter[str] = Counter()
    for c in cards:
        df.update(compounds(c.name + "。" + c.overview + "。" + " ".join(c.bullets)))
    for term, n in df.most_common(a.top):
        if n >= a.min_cards:
            print(f"{n}\t{term}")


if __name__ == "__main__":
    main()
