"""How often two people who read the cards give the same list: the ceiling a list answer can be judged against.

Run: python eval/list_agreement.py

eval/list_second.jsonl holds a second labelling of every dev list question of the fourth, fifth and seventh blind sets
(eval/list_questions{4,5,7}.jsonl) and of every conversation there that opens with a list (family "list", turn 1),
written by two helpers who saw only the table and the question texts (never the first labels, never the engine).
Its ids are L<set>:<qid> and C<set>:<cid>. Printed: mean set F1 between the two labellings and how often they are
the same set, by kind.
"""

import json
from collections import defaultdict
from pathlib import Path

EVAL = Path(__file__).resolve().parent


def first_labels() -> dict[str, tuple[frozenset[str], str]]:
    """id → (expected cards, kind) of the first labelling, dev splits only."""
    out = {}
    for n in (4, 5, 7):
        for line in (EVAL / f"list_questions{n}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if d["split"].startswith("dev"):
                out[f"L{n}:{d['qid']}"] = (frozenset(d["expected"]), d["kind"])
        for line in (EVAL / f"conversations{n}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if d["split"].startswith("dev") and d["turns"][0]["family"] == "list":
                out[f"C{n}:{d['cid']}"] = (frozenset(d["turns"][0]["expected"]), "opening list")
    return out


def set_f1(a: frozenset[str], b: frozenset[str]) -> float:
    return 1.0 if not a and not b else 2 * len(a & b) / (len(a) + len(b))


def main() -> None:
    second = {d["id"]: frozenset(d["expected"]) for d in map(json.loads, (EVAL / "list_second.jsonl").open(encoding="utf-8"))}
    by_kind = defaultdict(list)
    for qid, (expected, kind) in first_labels().items():
        pair = (set_f1(expected, second[qid]), expected == second[qid])
        by_kind[kind].append(pair)
        by_kind["all"].append(pair)
    for kind, pairs in sorted(by_kind.items()):
        same = sum(s for _, s in pairs)
        print(f"{kind:13s} n={len(pairs):3d}  mean set F1 {sum(f for f, _ in pairs) / len(pairs):.3f}  "
              f"same set {same}/{len(pairs)} ({same / len(pairs):.0%})")


if __name__ == "__main__":
    main()
