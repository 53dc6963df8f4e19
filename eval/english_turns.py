"""English turns of the tuning conversations: turn accuracy of the turns whose question is mostly ASCII, per split,
and the English list questions' set F1 (issue #18: English turns fail more than Japanese ones).

    PYTHONPATH=. SEISAKU_CACHE_DIR=/tmp/cache python eval/english_turns.py [-v]

Reads the tuning splits only (dev … dev23 and the reworded 12v–23v); -v lists the wrong English turns."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from index.config import load_settings
from index.evaluate_chat import load_conversations, load_list_questions, play, score_lists
from index.retrieve import open_retriever

EVAL = Path(__file__).resolve().parent
SETS = [("dev", "conversations.jsonl", None), ("dev2", "conversations2.jsonl", None)] + [
    (f"dev{n}", f"conversations{n}.jsonl", f"list_questions{n}.jsonl") for n in (3, 4, 5, *range(7, 24))
] + [(f"dev{n}", f"conversations{n}v.jsonl", None) for n in range(12, 24)] + [("dev6", None, "list_questions6.jsonl")]


def english(q: str) -> bool:
    return sum(c.isascii() for c in q) > 0.7 * len(q)


def main() -> None:
    verbose = "-v" in sys.argv
    r = open_retriever(replace(load_settings(None), source=None))
    right = n = 0
    f1s: list[float] = []
    for split, conv, lists in SETS:
        sr = sn = 0
        if conv:
            for c in load_conversations(EVAL / conv, split):
                for s in play(r, c):
                    if english(s.turn.q):
                        sn += 1
                        sr += s.right
                        if verbose and not s.right:
                            print(f"  ✗ {conv}:{s.cid}#{s.index} {s.turn.q} → {s.got} want {list(s.turn.expected)}")
        lf = []
        if lists:
            qs = [d for d in load_list_questions(EVAL / lists, split) if english(d["query"])]
            for row in score_lists(r, qs)["questions"] if qs else []:
                lf.append(row["f1"])
                if verbose and row["f1"] < 1:
                    print(f"  ✗ list {row['qid']} F1 {row['f1']:.2f} got {row['got']} want {row['expected']}")
        right, n, f1s = right + sr, n + sn, f1s + lf
        print(f"{(conv or lists):28s} English turns {sr}/{sn}" + (f"; lists F1 {sum(lf) / len(lf):.3f} (n={len(lf)})"
                                                                   if lf else ""), flush=True)
    print(f"ALL English turns {right}/{n} ({right / max(n, 1):.1%}); English lists mean F1 "
          f"{sum(f1s) / max(len(f1s), 1):.3f} (n={len(f1s)})")


if __name__ == "__main__":
    main()
