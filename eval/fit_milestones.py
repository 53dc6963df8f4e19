"""Learned milestone decisions, judged leave-one-set-out against the written rules (issue 21, round 13).

The written rules of index/roadmap.py fit every dev set they were tuned on, but a new set's first reading is lower
(synth3: 0.863). This script keeps the rules' date finding (every date _DATE finds, also those the reference filters
drop, and the rules' bare-month and event milestones) and turns the rules' parts into features of each dated phrase:
the word after the date, the part of the period, the verb classes of its clause and of its relative clause, the
reference filters that fire, brackets, 時点 / 比, the year against the table's, past / planned, range and list marks;
with the rules' own decisions too unless --no-rules. From the dev labels of the four sets at once it learns two
decisions: is the phrase a milestone (logistic regression) and which kind (softmax regression over start / deadline
/ during / from / review); the year is the rules' (no year error is left on any dev set). Each held set is scored by
the same matching as eval/roadmap.py, beside the rules as they are (optimistic for the rules: tuned on it).

    PYTHONPATH=. python eval/fit_milestones.py                       # rules' decisions among the features
    PYTHONPATH=. python eval/fit_milestones.py --no-rules --l2 0.001 # the rules' parts only
    PYTHONPATH=. python eval/fit_milestones.py --show --errors       # what differs, and where errors come from
    # first readings: the rules of the commit before a set was read, and a model fitted on what they had seen
    PYTHONPATH=. python eval/fit_milestones.py --rules-at bcd413f --held synth3 --train real synth1 synth2
    PYTHONPATH=. python eval/fit_milestones.py --rules-at 586ecdd --held synth2 --train real synth1
    PYTHONPATH=. python eval/fit_milestones.py --rules-at 6c0eeb8 --held synth1 --train real

Deterministic: full-batch gradient descent from zero weights, a fixed number of steps; no randomness. Nothing is
written: the learned decisions did not beat the rules (eval/README.md, round 13), so no weights are shipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

import index.roadmap as R
from eval import roadmap as E
from index.corpus import load_cards
from index.roadmap import KINDS, Milestone

HERE = Path(__file__).resolve().parent
SETS = {"real": "milestones.jsonl", "synth1": "milestones_synth.jsonl", "synth2": "milestones_synth2.jsonl",
        "synth3": "milestones_synth3.jsonl"}

TAILS = {"までに": "madeni", "まで": "made", "にかけて": "nikakete", "から": "kara", "より": "kara", "以降": "ikou",
         "以後": "ikou", "以来": "ikou", "を目途": "medo", "目途": "medo", "をめど": "medo", "めど": "medo",
         "を目処": "medo", "目処": "medo", "を目標": "mokuhyo", "を期限": "kigen", "に": "ni", "には": "ni",
         "にも": "ni", "において": "ni", "においても": "ni", "は": "wa", "も": "wa", "の": "no", "で": "de",
         "、": "comma", "・": "comma", "": "none"}
PARTS = {"末": "end", "中": "span", "内": "span", "": "none"}


def _part(part: str) -> str:
    part = part.strip()
    if part in PARTS:
        return PARTS[part]
    return "span" if _SPAN_PART.fullmatch(part) else "point"


class _Trace:
    """The arguments the rules' _kind saw for the last dated phrase (wrapped in for the duration of a run)."""

    last: dict = {}

    def __enter__(self):
        self._kind = R._kind

        def kind(tail, part, clause, planned, *args, **kw):
            names = ("opens", "closes", "level", "after_event", "listed")
            _Trace.last = dict(tail=tail, part=part, clause=clause, planned=planned, **dict(zip(names, args)), **kw)
            return self._kind(tail, part, clause, planned, *args, **kw)

        R._kind = kind
        return self

    def __exit__(self, *exc):
        R._kind = self._kind


_SPAN_PART = re.compile(r"(?!中頃)(?:の\s*)?(?:中|内|前半|後半|上半期|下半期|上期|下期|早期|早い時期|第\d四半期|夏|秋|冬|春)"
                        r"(?:\s*(?:頃|ごろ))?")
_NEVER = re.compile(r"(?!)")
LEXICAL = False
PAIRS = False


def rules_at(commit: str):
    """index/roadmap.py as it was at a commit (the rules before a set was read), loaded beside today's."""
    import subprocess
    import types
    src = subprocess.run(["git", "show", f"{commit}:index/roadmap.py"], capture_output=True, text=True,
                         check=True, cwd=HERE.parent).stdout
    mod = types.ModuleType(f"index.roadmap_at_{commit}")
    mod.__package__ = "index"
    sys.modules[mod.__name__] = mod  # dataclasses look their module up
    exec(compile(src, f"roadmap@{commit}", "exec"), mod.__dict__)
    return mod


def _rx(name: str) -> re.Pattern:
    return getattr(R, name, _NEVER)


def _features(norm: str, a: int, b: int, fld: str, ms: Milestone, tr: dict, drop: dict, as_of: int,
              rule_keep: bool, with_rules: bool) -> dict[str, float]:
    clause = _rx("_LAW_TITLE").sub("法律", tr.get("clause", ""))
    f: dict[str, float] = {"bias": 1.0, f"field={fld}": 1.0, f"tail={TAILS.get(tr.get('tail', ''), 'other')}": 1.0,
                           f"part={_part(tr.get('part', ''))}": 1.0}
    for k in ("planned", "opens", "closes", "level", "after_event", "listed"):
        f[k] = float(bool(tr.get(k)))
    rel = R._relative(clause) if hasattr(R, "_relative") else None
    head = clause[: rel.end()] if rel else clause
    for name in ("review", "event", "aim", "finish", "gradual", "once", "evaluate", "aim_of", "stative", "past_verb",
                 "resultative"):
        rx = _rx("_" + name.upper())
        f[f"verb:{name}"] = float(bool(rx.search(clause)))
        f[f"head:{name}"] = float(bool(rx.search(head)))
    f["verb:begins"] = float(R._begins(clause))
    f["relative"] = float(rel is not None)
    f["clause_empty"] = float(not clause.strip(" 、,。"))
    fy = R.fiscal_of(ms.year, ms.fiscal, ms.month)
    f["year<as_of"], f["year=as_of"], f["year>as_of"] = float(fy < as_of), float(fy == as_of), float(fy > as_of)
    f["month"] = float(ms.month is not None)
    f["bracket_before"] = float(bool(re.search(r"[(（]\s*$", norm[max(0, a - 2):a])))
    f["bracket_after"] = float(bool(re.match(r"\s*(?:予定|目途|見込み)?\s*[)）]", norm[b:])))
    f["as_at"] = float(bool(R._AS_AT.match(norm, b)))
    f["compared"] = float(bool(_rx("_COMPARED").match(norm, b)))
    for k, v in drop.items():
        f[f"drop:{k}"] = float(v)
    if PAIRS:
        # the word after the date with each verb class and flag: the rules' decision list reads them together
        tail = next(k for k in f if k.startswith("tail="))
        part = next(k for k in f if k.startswith("part="))
        for k, v in list(f.items()):
            if v and (k.startswith(("verb:", "head:")) or k in ("planned", "opens", "closes", "level", "listed",
                                                               "relative", "clause_empty")):
                f[f"{tail}&{k}"] = 1.0
                f[f"{part}&{k}"] = 1.0
    if LEXICAL:
        # the words of the clause as character pairs of its content (kanji, katakana), and how its verb ends
        body = re.sub(r"[^\u4e00-\u9fffァ-ヶー]", " ", clause[:40])
        for w in body.split():
            for i in range(len(w) - 1):
                f[f"bi:{w[i:i + 2]}"] = 1.0
        end = re.sub(r"[、,。\s]+$", "", clause)[-3:]
        f[f"end:{end}"] = 1.0
    if with_rules:
        f[f"rule_kind={ms.kind}"] = 1.0
        f["rule_keep"] = float(rule_keep)
    return f


def candidates(card, as_of: int, with_rules: bool) -> list[tuple[Milestone, dict, bool]]:
    """Every dated phrase the rules find or drop, as (milestone as the rules read it, features, rules keep it)."""
    out = []
    with _Trace():
        kept = {(m.field, m.start): m for m in R.milestones_of(card, as_of)}
        seen = set()
        for fld in R.FIELDS:
            text = getattr(card, fld) or ""
            norm, where = R._normalized(text)
            dates = list(R._DATE.finditer(norm))
            named = R._named_periods(norm, dates) if fld == "overview" and hasattr(R, "_named_periods") else set()
            for m in dates:
                year, fiscal = R._year_of(m)
                month = int(m.group("month")) if m.group("month") else None
                if month is not None and not 1 <= month <= 12:
                    month = None
                drop = {"citation": bool(R._CITATION.match(norm, m.end())), "named": m.start() in named,
                        # (older rules, --rules-at, may lack a filter: it then drops nothing)
                        "not_a_step": hasattr(R, "_not_a_step") and R._not_a_step(norm, m, fld),
                        "reference": hasattr(R, "_reference_point")
                        and R._reference_point(norm, m, fld, R.fiscal_of(year, fiscal, month), as_of, dates)}
                ms = R._milestone(text, norm, where, fld, m.start(), m.end(), year, fiscal, month,
                                  m.group("part") or "", as_of)
                tr = dict(_Trace.last)
                key = (fld, ms.start)
                rule_keep = key in kept
                if rule_keep:
                    ms = kept[key]
                seen.add(key)
                out.append((ms, _features(norm, m.start(), m.end(), fld, ms, tr, drop, as_of, rule_keep,
                                          with_rules), rule_keep))
        # the rules' other milestones (a bare month or relative year, an event named again): kept as read, with the
        # features of their clause recomputed through the rules once more
        for (fld, start), ms in kept.items():
            if (fld, start) in seen:
                continue
            text = getattr(card, fld) or ""
            norm, where = R._normalized(text)
            a = next((i for i, w in enumerate(where) if w >= start), 0)
            bm = R._BARE_MONTH.match(norm, a)
            b = bm.end() if bm else a
            R._milestone(text, norm, where, fld, a, b, ms.year, ms.fiscal, ms.month,
                         (bm.group("part") or "") if bm else "", as_of)
            tr = dict(_Trace.last)
            drop = {"citation": False, "named": False, "not_a_step": False, "reference": False}
            feats = _features(norm, a, b, fld, ms, tr, drop, as_of, True, with_rules)
            feats["bare_month"] = 1.0
            out.append((ms, feats, True))
    return out


def _gold(cands, rec: dict, card) -> list[tuple[int, str]]:
    """(is a milestone, its labelled kind) per candidate: greedy one-to-one on field, year and overlapping phrase."""
    left = list(rec.get("milestones", []))
    out = []
    for ms, _, _ in cands:
        hit = next((lab for lab in left if lab["field"] == ms.field and lab["year"] == ms.year
                    and E._overlaps(ms, lab, getattr(card, ms.field))), None)
        if hit is None:
            out.append((0, ""))
        else:
            left.remove(hit)
            out.append((1, hit["kind"]))
    return out


def load_set(name: str, with_rules: bool) -> list[dict]:
    """The dev cards of one labelled set, each with its candidates and their gold decisions."""
    records = [json.loads(line) for line in (HERE / SETS[name]).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    records = [r for r in records if r.get("split") == "dev"]
    table = load_cards()
    as_of = R.table_year(table.cards)
    cards = (E._own_cards(records) if all("overview" in r for r in records) else table).by_id()
    out = []
    for rec in records:
        card = cards[rec["id"]]
        cands = candidates(card, as_of, with_rules)
        out.append({"rec": rec, "card": card, "cands": cands, "gold": _gold(cands, rec, card)})
    return out


def _matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    ix = {n: i for i, n in enumerate(names)}
    X = np.zeros((len(rows), len(names)))
    for r, f in enumerate(rows):
        for k, v in f.items():
            if k in ix:
                X[r, ix[k]] = v
    return X


def fit_softmax(X: np.ndarray, y: np.ndarray, n_class: int, l2: float, steps: int = 3000,
                lr: float = 0.5) -> np.ndarray:
    """Softmax (or, with two classes, logistic) regression by full-batch gradient descent from zero: deterministic."""
    W = np.zeros((X.shape[1], n_class))
    Y = np.eye(n_class)[y]
    reg = np.full(X.shape[1], l2)
    reg[0] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        Z = X @ W
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        W -= lr * (X.T @ (P - Y) / len(X) + reg[:, None] * W)
    return W


def fit(sets: list[list[dict]], l2: float) -> dict:
    rows, keep, krows, kind = [], [], [], []
    for s in sets:
        for c in s:
            for (_, f, _), (g, k) in zip(c["cands"], c["gold"]):
                rows.append(f)
                keep.append(g)
                if g:
                    krows.append(f)
                    kind.append(KINDS.index(k))
    seen: dict[str, int] = {}
    for f in rows:
        for k in f:
            seen[k] = seen.get(k, 0) + 1
    names = sorted((k for k, n in seen.items() if n >= 2), key=lambda n: (n != "bias", n))
    Wk = fit_softmax(_matrix(rows, names), np.array(keep), 2, l2)
    Wc = fit_softmax(_matrix(krows, names), np.array(kind), len(KINDS), l2)
    return {"names": names, "keep": Wk, "kind": Wc}


def decide(model: dict, cands) -> list[Milestone]:
    if not cands:
        return []
    X = _matrix([f for _, f, _ in cands], model["names"])
    keep = (X @ model["keep"]).argmax(axis=1)
    kind = (X @ model["kind"]).argmax(axis=1)
    return [replace(ms, kind=KINDS[k]) for (ms, _, _), p, k in zip(cands, keep, kind) if p]


def rules(cands) -> list[Milestone]:
    return [ms for ms, _, keep in cands if keep]


def score(held: list[dict], pick) -> tuple[int, int, int]:
    matched = found = labelled = 0
    for c in held:
        ms = sorted(pick(c["cands"]), key=lambda m: (R.FIELDS.index(m.field), m.start))
        mm, _, _ = E._pair(ms, c["rec"].get("milestones", []),
                           lambda f, lab, card=c["card"]: E.milestone_match(f, lab, card))
        matched, found, labelled = matched + len(mm), found + len(ms), labelled + len(c["rec"].get("milestones", []))
    return matched, found, labelled


def breakdown(held: list[dict], pick) -> dict[str, int]:
    """Where a decision's errors on a set come from: a labelled milestone no dated phrase overlaps (date finding),
    one found with another year, one the decision drops, one kept with another kind; a phrase kept that no label
    overlaps (no milestone). Counted per label, so a rough count beside the one-to-one score."""
    out = dict.fromkeys(("not found", "year", "dropped", "kind", "no milestone"), 0)
    for c in held:
        card, chosen = c["card"], pick(c["cands"])
        kept = {(m.field, m.start): m for m in chosen}
        for lab in c["rec"].get("milestones", []):
            near = [ms for ms, _, _ in c["cands"] if ms.field == lab["field"]
                    and E._overlaps(ms, lab, getattr(card, ms.field))]
            if any(E.milestone_match(kept.get((ms.field, ms.start), ms), lab, card) and (ms.field, ms.start) in kept
                   for ms in near):
                continue
            same_year = [ms for ms in near if ms.year == lab["year"]]
            out["not found" if not near else "year" if not same_year else
                "dropped" if not any((ms.field, ms.start) in kept for ms in same_year) else "kind"] += 1
        for m in chosen:
            if not any(lab["field"] == m.field and E._overlaps(m, lab, getattr(card, m.field))
                       for lab in c["rec"].get("milestones", [])):
                out["no milestone"] += 1
    return out


def _pr(t: tuple[int, int, int]) -> str:
    m, f, n = t
    return f"{m / f if f else 1:.3f} / {m / n if n else 1:.3f} ({m}/{f}, {n})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--no-rules", action="store_true", help="leave the rules' own decisions out of the features")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--pairs", action="store_true", help="add the word after the date crossed with each verb class")
    ap.add_argument("--lexical", action="store_true", help="add the clause's character pairs and verb ending")
    ap.add_argument("--errors", action="store_true", help="where each held set's errors come from")
    ap.add_argument("--rules-at", help="read with the rules of this commit (before the held set was read)")
    ap.add_argument("--held", choices=list(SETS), help="only this held set")
    ap.add_argument("--train", nargs="+", choices=list(SETS),
                    help="fit on these sets only (default: all but the held one), e.g. the sets the rules of "
                         "--rules-at had been tuned on")
    args = ap.parse_args(argv)
    global R, LEXICAL, PAIRS
    LEXICAL, PAIRS = args.lexical, args.pairs
    if args.rules_at:
        R = rules_at(args.rules_at)
    used = set(args.train or SETS) | ({args.held} if args.held else set(SETS))
    data = {name: load_set(name, not args.no_rules) for name in SETS if name in used}
    print("| held set | rules (P / R) | learned, fitted on the other sets (P / R) |")
    print("|---|---|---|")
    for name in [args.held] if args.held else SETS:
        model = fit([data[o] for o in (args.train or SETS) if o != name], args.l2)
        r, learned = score(data[name], rules), score(data[name], lambda cs, model=model: decide(model, cs))
        print(f"| {name} | {_pr(r)} | {_pr(learned)} |")
        if args.errors:
            print("   rules:  ", breakdown(data[name], rules))
            print("   learned:", breakdown(data[name], lambda cs, model=model: decide(model, cs)))
        if args.show:
            for c in data[name]:
                a = {(m.field, m.start, m.kind) for m in rules(c["cands"])}
                b = {(m.field, m.start, m.kind) for m in decide(model, c["cands"])}
                for x in sorted(a ^ b):
                    ms = next(m for m, _, _ in c["cands"] if (m.field, m.start) == x[:2])
                    print(f"   {c['rec']['id']} {'rules ' if x in a else 'learned'} {x[2]:8} {ms.text!r} in "
                          f"{ms.sentence[:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
