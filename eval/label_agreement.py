"""How far two blind labellers of the 工程表 agree (eval/milestones.jsonl against a second labelling of the same cards).

The figures bound what the extractor can reach: a milestone or target one labeller has and the other lacks (or reads
with another kind or year) caps precision and recall against either. Matching is eval/roadmap.py's: same card, field,
year and kind and overlapping phrases for a milestone; same figure, unit and year for a target.

    PYTHONPATH=. python eval/label_agreement.py eval/milestones_second.jsonl            # second labelling vs first
    PYTHONPATH=. python eval/roadmap.py --labels eval/milestones_second.jsonl --split test   # the extractor vs second
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

from eval.roadmap import LABELS, _pair, milestone_match, target_match
from index.corpus import load_cards


def _read(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())}


def _as_found(label: dict) -> SimpleNamespace:
    """A label of the second labeller, shaped as the extractor's output so eval/roadmap.py's matchers take it."""
    return SimpleNamespace(field=label.get("field"), text=label.get("text") or "", year=label.get("year"),
                           kind=label.get("kind"), status=label.get("status"),
                           value=float(label.get("value") or 0), unit=label.get("unit") or "")


def agreement(first: dict[str, dict], second: dict[str, dict]) -> dict:
    """Second against first on the cards both labelled: matched, counts, and why milestones failed to match."""
    cards = load_cards().by_id()
    tot = {"milestones": [0, 0, 0], "targets": [0, 0, 0]}  # matched, second's count, first's count
    kinds: Counter = Counter()  # (first's kind, second's kind) of milestones that agree on everything but kind
    status_same = 0
    for cid in sorted(set(first) & set(second)):
        card = cards[cid]
        a, b = first[cid], second[cid]
        bm = [_as_found(x) for x in b.get("milestones", [])]
        mm, extra, missed = _pair(bm, a.get("milestones", []), lambda f, lab, card=card: milestone_match(f, lab, card))
        status_same += sum(f.status == lab.get("status") for f, lab in mm)
        for f in extra:
            near = next((lab for lab in missed if lab["field"] == f.field and lab["year"] == f.year
                         and milestone_match(SimpleNamespace(**{**vars(f), "kind": lab["kind"]}), lab, card)), None)
            if near is not None:
                kinds[(near["kind"], f.kind)] += 1
        tm, _, _ = _pair([_as_found(x) for x in b.get("targets", [])], a.get("targets", []), target_match)
        for key, matched, n_b, n_a in (("milestones", mm, len(bm), len(a.get("milestones", []))),
                                       ("targets", tm, len(b.get("targets", [])), len(a.get("targets", [])))):
            tot[key][0] += len(matched)
            tot[key][1] += n_b
            tot[key][2] += n_a
    out: dict = {}
    for key, (ok, n_b, n_a) in tot.items():
        p = ok / n_b if n_b else 1.0
        r = ok / n_a if n_a else 1.0
        out[key] = {"matched": ok, "second": n_b, "first": n_a, "second_vs_first_P": p, "second_vs_first_R": r,
                    "F1": 2 * p * r / (p + r) if p + r else 0.0}
    out["milestones"]["status_same"] = status_same / tot["milestones"][0] if tot["milestones"][0] else 1.0
    out["kind_disagreements"] = {f"{x}->{y}": n for (x, y), n in kinds.most_common()}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("second", type=Path)
    ap.add_argument("--first", type=Path, default=LABELS)
    args = ap.parse_args(argv)
    print(json.dumps(agreement(_read(args.first), _read(args.second)), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
