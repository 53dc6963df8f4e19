"""Which of index/roadmap.py's rules each dev card supports, and the extraction cross-validated by card (issue 21).

The written rules score 1.000 on the real dev cards they were written on, and lower on held-out cards: a rule written
for the one card that shows it adds to the dev figure and to no other card's. This script measures that on the dev
cards of the four labelled sets (real dev, synth1 dev, synth2, synth3; never a test card):

1. A *rule* is one alternative of a module-level regex of index.roadmap (「までに|まで|…」: each word after a date,
   each verb of a class, each reference form) or one word of a module-level word tuple (_BARE, _TARGET_WORDS …).
   Each is taken out alone (its alternative made to never match: `(?!)` before it, so the pattern's groups stay)
   and every dev card is read again: the rule *supports* a card when the card has more errors without it (milestones
   and targets missed or extra, against that card's labels), and *goes against* it when fewer.
2. Leave one card out: for each dev card, the rules whose support on the *other* dev cards (cards helped minus cards
   hurt) is below `k` are taken out together, and the held card is scored with what is left. Summed over the cards
   this is the by-card cross-validated P / R of the learner "keep a rule when at least k other cards need it more
   than they are hurt by it": k = 0 drops only the rules that hurt more other cards than they help (close to the
   rules as they are), k = 1 also the rules only the held card needs. (A rule's support is measured with all other
   rules in: interactions between rules are not re-measured per fold.) With --whole a rule is a whole regex or word list (a class: every verb that
   begins something, every counter), so a word one card shows is kept when another card needs another word of its
   class: the by-word figure is the pessimistic bound (vocabulary learnt from the cards alone), the by-class one the
   optimistic bound (a class generalises to words no card shows).

    PYTHONPATH=. python eval/roadmap_cv.py                  # per-rule support, then LOCO P/R for k = 0, 1, 2
    PYTHONPATH=. python eval/roadmap_cv.py --rules          # list every rule with its supporting / hurt cards
    PYTHONPATH=. python eval/roadmap_cv.py --whole          # a rule is a whole regex or word list
    PYTHONPATH=. python eval/roadmap_cv.py --code           # a rule is a condition of the code (slow: ~10 min)
    PYTHONPATH=. python eval/roadmap_cv.py --sets real synth2   # only these sets' dev cards
    PYTHONPATH=. python eval/roadmap_cv.py --targets-only      # targets alone (~3x faster; milestones P/R read 1.000)

Only dev splits are read (the test cards of milestones.jsonl and milestones_synth.jsonl are skipped before scoring;
milestones_second.jsonl labels test cards only and is not read).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import signal
import sys
from collections import Counter
from pathlib import Path

import index.roadmap as R
from eval import roadmap as E
from index.corpus import load_cards
from index.roadmap import table_year

HERE = Path(__file__).resolve().parent
SETS = {"real": "milestones.jsonl", "synth1": "milestones_synth.jsonl", "synth2": "milestones_synth2.jsonl",
        "synth3": "milestones_synth3.jsonl"}


# ------------------------------------------------------------------------------------------------ regex surgery

class _Group:
    """A group of a pattern (or the whole pattern): its opening text, its alternatives, its closing text."""

    def __init__(self, gid: int, head: str):
        self.gid, self.head, self.alts = gid, head, [[]]  # each alternative: a list of str / _Group


_OPEN = re.compile(r"\(\?(?::|P<\w+>|=|!|<=|<!)|\((?!\?)")


def parse(pattern: str) -> _Group:
    """The pattern as a tree of groups and alternatives (escapes, classes and (?P=name) / (?flags) kept as text)."""
    gid = 0
    root = _Group(gid, "")
    stack = [root]
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            stack[-1].alts[-1].append(pattern[i:i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            stack[-1].alts[-1].append(pattern[i:j + 1])
            i = j + 1
        elif c == "(":
            m = _OPEN.match(pattern, i)
            if m is None:  # (?P=name), (?i) …: text up to its ")"
                j = pattern.index(")", i)
                stack[-1].alts[-1].append(pattern[i:j + 1])
                i = j + 1
                continue
            gid += 1
            g = _Group(gid, m.group())
            stack[-1].alts[-1].append(g)
            stack.append(g)
            i = m.end()
        elif c == ")":
            stack.pop()
            i += 1
        elif c == "|":
            stack[-1].alts.append([])
            i += 1
        else:
            stack[-1].alts[-1].append(c)
            i += 1
    return root


def render(g: _Group, drop: set[tuple[int, int]] = frozenset()) -> str:
    alts = [("(?!)" if (g.gid, k) in drop else "") + "".join(x if isinstance(x, str) else render(x, drop) for x in alt)
            for k, alt in enumerate(g.alts)]
    body = "|".join(alts)
    return body if g.gid == 0 else g.head + body + ")"


def alternatives(g: _Group, out=None) -> list[tuple[int, int, str]]:
    """Every (group id, alternative index, its text) of a group with two alternatives or more."""
    out = [] if out is None else out
    for k, alt in enumerate(g.alts):
        if len(g.alts) > 1:
            out.append((g.gid, k, "".join(x if isinstance(x, str) else render(x) for x in alt)))
        for x in alt:
            if isinstance(x, _Group):
                alternatives(x, out)
    return out


def rules(whole: bool = False) -> list[list[tuple[str, object, str]]]:
    """Each rule as the list of parts it takes out: (module attribute, key, shown text), a regex alternative (key
    (gid, k)) or a tuple's word (key: index); with `whole`, a rule is a whole regex or word list (every part of it)."""
    out = []
    for name, val in sorted(vars(R).items()):
        parts = []
        if isinstance(val, re.Pattern) and name.startswith("_"):
            tree = parse(val.pattern)
            assert render(tree) == val.pattern, name
            parts = [(name, (gid, k), text) for gid, k, text in alternatives(tree) if gid == 0 or not whole]
            if whole and not parts:
                parts = [(name, "all", val.pattern)]
        elif isinstance(val, tuple) and name.startswith("_") and val and all(isinstance(x, str) for x in val):
            parts = [(name, i, x) for i, x in enumerate(val)]
        if whole and parts:
            out.append(parts)
        else:
            out += [[p] for p in parts]
    return out


# ------------------------------------------------------------------------------------------------ code surgery

_SOURCE_TEXT = Path(R.__file__).read_text(encoding="utf-8")


def _code_points(tree: ast.AST) -> list[tuple[ast.AST, str, ast.AST]]:
    """The conditions inside index.roadmap's functions, in a fixed order: (node, function name, the node holding it).
    A condition is an if / conditional expression's test or one operand of an and / or."""
    out = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, (ast.If, ast.IfExp, ast.While)) and not isinstance(node, ast.While):
                out.append((node, fn.name, node))
            elif isinstance(node, ast.BoolOp):
                out += [(v, fn.name, node) for v in node.values]
    return out


def code_rules() -> list[list[tuple[str, object, str]]]:
    """Each condition of the functions as a rule: an if's test made False (its branch never taken), an operand of
    an `or` made False, of an `and` made True (the condition dropped)."""
    tree = ast.parse(_SOURCE_TEXT)
    out = []
    for i, (node, fn, holder) in enumerate(_code_points(tree)):
        test = node.test if isinstance(node, (ast.If, ast.IfExp)) else node
        out.append([("code", i, f"{fn}:{getattr(test, 'lineno', '?')} "
                     f"{'if ' if node is holder else ('or ' if isinstance(holder.op, ast.Or) else 'and ')}"
                     f"{ast.unparse(test)[:90]}")])
    return out


def _load_code(drop: set[int]) -> None:
    tree = ast.parse(_SOURCE_TEXT)
    points = _code_points(tree)
    for i in drop:
        node, _, holder = points[i]
        if node is holder:
            node.test = ast.Constant(False)
        else:
            holder.values[holder.values.index(node)] = ast.Constant(not isinstance(holder.op, ast.Or))
    ast.fix_missing_locations(tree)
    exec(compile(tree, R.__file__, "exec"), vars(R))


class Ablated:
    """index.roadmap with the given rules taken out, for the duration of a with-block."""

    def __init__(self, drop: list[list[tuple[str, object, str]]]):
        self.drop = [part for rule in drop for part in rule]

    def __enter__(self):
        self.saved = {}
        self.code = {key for name, key, _ in self.drop if name == "code"}
        if self.code:
            self.snapshot = dict(vars(R))
            _load_code(self.code)
            # the module's classes stay the ones imported elsewhere (Milestone, Target …): only functions change
            vars(R).update({k: v for k, v in self.snapshot.items() if isinstance(v, type)})
        by_name: dict[str, list] = {}
        for name, key, _ in self.drop:
            if name == "code":
                continue
            by_name.setdefault(name, []).append(key)
        for name, keys in by_name.items():
            val = getattr(R, name)
            self.saved[name] = val
            if isinstance(val, re.Pattern) and "all" in keys:
                new = re.compile("(?!)" + val.pattern, val.flags)
            elif isinstance(val, re.Pattern):
                new = re.compile(render(parse(val.pattern), set(keys)), val.flags)
            else:
                new = tuple(x for i, x in enumerate(val) if i not in set(keys))
            setattr(R, name, new)
        R._sentences.cache_clear()
        return self

    def __exit__(self, *exc):
        for name, val in self.saved.items():
            setattr(R, name, val)
        if self.code:
            vars(R).clear()
            vars(R).update(self.snapshot)
        R._sentences.cache_clear()


# ------------------------------------------------------------------------------------------------ scoring

def dev_cards(sets: list[str]) -> list[tuple[str, dict, object, int]]:
    """(set, record, card, as_of) for every dev card of the sets."""
    base = load_cards()
    as_of = table_year(base.cards)
    out = []
    for s in sets:
        recs = [json.loads(line) for line in (HERE / SETS[s]).read_text(encoding="utf-8").splitlines() if line.strip()]
        recs = [r for r in recs if r.get("split") == "dev"]
        cards = E._own_cards(recs).by_id() if all("overview" in r for r in recs) else base.by_id()
        out += [(s, r, cards[r["id"]], as_of) for r in recs]
    return out


TARGETS_ONLY = False  # --targets-only: score the targets alone (milestones counted 0 / 0 / 0), ~3x faster


def card_counts(rec: dict, card, as_of: int) -> tuple[int, int, int, int, int, int]:
    """(milestones matched, found, labelled, targets matched, found, labelled) of one card."""
    ts = R.targets_of(card, as_of)
    tm, _, _ = E._pair(ts, rec.get("targets", []), E.target_match)
    if TARGETS_ONLY:
        return 0, 0, 0, len(tm), len(ts), len(rec.get("targets", []))
    ms = R.milestones_of(card, as_of)
    mm, _, _ = E._pair(ms, rec.get("milestones", []), lambda f, lab: E.milestone_match(f, lab, card))
    return len(mm), len(ms), len(rec.get("milestones", [])), len(tm), len(ts), len(rec.get("targets", []))


def errors(c: tuple[int, ...]) -> int:
    return (c[1] - c[0]) + (c[2] - c[0]) + (c[4] - c[3]) + (c[5] - c[3])


def totals(rows: list[tuple[int, ...]]) -> str:
    s = [sum(r[i] for r in rows) for i in range(6)]
    p = lambda a, b: a / b if b else 1.0  # noqa: E731
    return (f"milestones P {p(s[0], s[1]):.3f} R {p(s[0], s[2]):.3f} ({s[0]}/{s[1]} found, {s[2]} labelled)  "
            f"targets P {p(s[3], s[4]):.3f} R {p(s[3], s[5]):.3f} ({s[3]}/{s[4]}, {s[5]})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    ap.add_argument("--rules", action="store_true", help="list every rule that changes a dev card")
    ap.add_argument("--ks", nargs="+", type=int, default=[0, 1, 2])
    ap.add_argument("--code", action="store_true", help="the rules are the conditions of the functions instead (an "
                                                         "if's test, an operand of and / or)")
    ap.add_argument("--whole", action="store_true", help="a rule is a whole regex or word list, not one alternative")
    ap.add_argument("--targets-only", action="store_true", help="score the targets alone (milestones read 0 / 0): "
                                                                 "a rule's support is then its support in targets")
    args = ap.parse_args(argv)
    global TARGETS_ONLY
    TARGETS_ONLY = args.targets_only

    def _timeout(*_):
        raise TimeoutError

    signal.signal(signal.SIGALRM, _timeout)
    cards = dev_cards(args.sets)
    names = [f"{s}:{r['id']}" for s, r, _, _ in cards]
    full = [card_counts(r, c, a) for _, r, c, a in cards]
    print(f"{len(cards)} dev cards ({', '.join(f'{k} {v}' for k, v in Counter(s for s, *_ in cards).items())})")
    print(f"in sample: {totals(full)}")
    for s in args.sets:
        print(f"  {s:7s} {totals([f for f, (t, *_) in zip(full, cards) if t == s])}")
    all_rules = code_rules() if args.code else rules(args.whole)
    delta: dict[int, dict[int, int]] = {}  # rule -> card -> errors without it minus errors with it (> 0: it helps)
    unremovable: list = []
    for ri, rule in enumerate(all_rules):
        d = {}
        with Ablated([rule]):
            signal.alarm(20)
            try:
                for ci, (_, r, c, a) in enumerate(cards):
                    e = errors(card_counts(r, c, a)) - errors(full[ci])
                    if e:
                        d[ci] = e
            except Exception:  # noqa: BLE001
                d = {}  # the code needs this pattern to match (「_TAIL」 whole): not a rule to take out
                unremovable.append(rule)
            finally:
                signal.alarm(0)
        delta[ri] = d
    active = {ri: d for ri, d in delta.items() if d}
    what = ("conditions of the code" if args.code else "regexes and word lists" if args.whole
            else "regex alternatives and listed words")
    print(f"{len(all_rules)} rules ({what});"
          f" {len(active)} change a dev card; {len(unremovable)} cannot be taken out "
          f"({'; '.join(ru[0][2][:60] if ru[0][0] == 'code' else ru[0][0] for ru in unremovable)})")
    helped = Counter()
    for ri, d in active.items():
        n_help = sum(1 for v in d.values() if v > 0)
        n_hurt = sum(1 for v in d.values() if v < 0)
        helped[(min(n_help, 5), n_hurt > 0)] += 1
        if args.rules:
            name, key, text = all_rules[ri][0]
            text = text if len(all_rules[ri]) == 1 else f"{len(all_rules[ri])} alternatives"
            print(f"  {name} {text!r}: helps {n_help} "
                  f"[{' '.join(names[c] + ('' if v == 1 else f'x{v}') for c, v in d.items() if v > 0)}]"
                  f" hurts {n_hurt} [{' '.join(names[c] + ('' if v == -1 else f'x{-v}') for c, v in d.items() if v < 0)}]")
    for (n, hurt), cnt in sorted(helped.items()):
        print(f"  rules helping {n}{'+' if n == 5 else ''} card(s){' and hurting some' if hurt else ''}: {cnt}")
    for k in args.ks:
        rows = []
        for ci, (_, r, c, a) in enumerate(cards):
            drop = [all_rules[ri] for ri, d in active.items()
                    if sum((v > 0) - (v < 0) for cj, v in d.items() if cj != ci) < k]
            with Ablated(drop):
                rows.append(card_counts(r, c, a))
        print(f"leave one card out, keep a rule when other cards' net support >= {k}: {totals(rows)}")
        for s in args.sets:
            print(f"  {s:7s} {totals([f for f, (t, *_) in zip(rows, cards) if t == s])}")
        drop_all = [all_rules[ri] for ri, d in active.items() if sum((v > 0) - (v < 0) for v in d.values()) < k]
        print(f"  rules the learner drops on all dev cards: {len(drop_all)}"
              + "".join(f"\n    {ru[0][0]} {ru[0][2]!r}" for ru in drop_all if k <= 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
