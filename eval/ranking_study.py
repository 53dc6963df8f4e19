"""How the ranking's fusion knobs do on the standalone turns of the tuning conversations (the opening turn of each,
and every turn of family new / topic_switch: their expected cards do not depend on what was said before) and on the
single-question set's dev split, chosen leave-one-split-out.

Each question is searched once as the chat searches a fresh topic (conversation.topic_switch strips 「話変わるけど」,
without_more 「ほかに」) and its scores are kept (the dense and the word-BM25 card scores, the glossary's lexical
scores apart, the filters' mask, the cards a named ministry leads); the fused order is then recomputed for every
setting of the grid with index.retrieve.fuse.fuse, so a grid of a hundred settings costs seconds. hit@1: the first
card of that order is one of the expected cards; MRR: 1 / the rank of the first expected card. A question whose
answer is not the fused order's first card at the shipped knobs (a listing by the cells, a dated order, an
abstention) is counted as the search answered it, at every setting ("fixed" in the summary).

Skipped: list turns (family list, and single questions of type list), turns that expect no card, the tuning splits'
reworded (NNv) files (their openings are the originals'), and every split not named in SPLITS.

Run: PYTHONPATH=$PWD SEISAKU_CACHE_DIR=... .venv/bin/python eval/ranking_study.py [--grid] [--show-wrong SPLIT]
The scores are cached in $SEISAKU_CACHE_DIR/ranking_study.pkl, keyed by the code's commit and the question.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import subprocess
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from index.config import SearchMode, cache_root, load_settings
from index.conversation import without_more, topic_switch
from index.retrieve import open_retriever
from index.retrieve.fuse import fuse
from index.retrieve.glossary import table_terms

EVAL = Path(__file__).resolve().parent
#: tuning splits only: dev … dev23 (dev6 has lists only); never test*, dev24 and later
SPLITS = ["dev", "dev2", "dev3", "dev4", "dev5"] + [f"dev{n}" for n in range(7, 24)]
GRID = {"dense_weight": [0.55, 0.6, 0.625, 0.65, 0.675, 0.7, 0.725, 0.75, 0.8],
        "english_glossary_lexical": [0.15, 0.25, 0.4, 0.5, 0.6],
        "head_weight": [0.3, 0.4, 0.5, 0.6, 0.7]}


def conversation_file(split: str) -> Path:
    return EVAL / ("conversations.jsonl" if split == "dev" else f"conversations{split[3:]}.jsonl")


def standalone_turns() -> list[tuple[str, str, tuple[str, ...]]]:
    """(split, question, expected cards) of every standalone non-list turn of the tuning conversations (the opening,
    of family new or field, and every later one of family new or topic_switch), and the
    single-question dev split's answerable non-list questions (split "qdev")."""
    out = []
    for split in SPLITS:
        path = conversation_file(split)
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            conv = json.loads(line)
            if conv.get("split") != split:
                continue
            for k, t in enumerate(conv["turns"]):
                fam = t.get("family")
                if fam == "list" or not t.get("expected"):
                    continue
                if k == 0 or fam in ("new", "topic_switch"):
                    out.append((split, t["q"], tuple(t["expected"])))
    for line in (EVAL / "questions.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        if q["split"] == "dev" and q["relevant"] and q["type"] != "list":
            out.append(("qdev", q["query"], tuple(q["relevant"])))
    return out


@dataclass
class Scored:
    """One question's scores, enough to fuse it again under other knobs."""

    own: np.ndarray  # word BM25 of the question's own words (with the table's words for everyday ones)
    glossed: np.ndarray | None  # BM25 of the glossary's table terms for it, unweighted (None: it has none)
    dense: np.ndarray
    chunks: np.ndarray  # the dense side's chunk scores (the card scores mix each card's best two: head_weight)
    allowed: np.ndarray
    lead: np.ndarray | None
    english: bool
    words: int  # how many space-separated words (English: a sentence from three)
    kana: bool
    mode: SearchMode
    answered: str | None  # the search's first card at the shipped knobs (None: it answered none)


def capture(r, question: str) -> Scored | None:
    _, text = topic_switch(question)
    text = without_more(text)
    seen: list = []
    inner = r._scores

    def spy(q, filters, allowed, mode, understood):
        out = inner(q, filters, allowed, mode, understood)
        if not seen:
            seen.append((q, filters, allowed, mode, understood, out))
        return out

    r._scores = spy
    try:
        res = r.search(text, top_k=10)
    finally:
        del r._scores
    if not seen:
        return None
    q, filters, allowed, mode, understood, (words, lex, chunk_s, dense, fused, plain) = seen[0]
    terms = table_terms(q.text) if understood and mode != SearchMode.DENSE else ""
    glossed = r.lexical.scores(terms, filters) if terms else None
    own = plain[0] if glossed is not None and r.params.glossary_weight else lex
    lead = None
    if filters.ministries and not (filters.lead_only or filters.not_lead or filters.leads):
        lead = r.facets.led_by(filters.ministries)
    first = res.results[0].card.id if res.results else None
    return Scored(own, glossed, dense, chunk_s, allowed, lead, q.intent.english, len(q.text.split()), q.intent.kana, mode,
                  first)


_DENSE: dict = {}  # (question, head_weight) → card scores


def card_dense(r, s: Scored, p) -> np.ndarray:
    if p.head_weight == r.params.head_weight:
        return s.dense
    key = (id(s), p.head_weight)
    if key not in _DENSE:
        shipped = r.dense.params
        r.dense.params = p
        try:
            _DENSE[key] = np.where(s.allowed, r.dense.card_scores(s.chunks), s.dense)
        finally:
            r.dense.params = shipped
    return _DENSE[key]


def fused_order(s: Scored, p, dense: np.ndarray | None = None) -> np.ndarray:
    glossed = s.glossed is not None and bool(p.glossary_weight)
    lex = s.own + p.glossary_weight * s.glossed if glossed else s.own
    english = 1.0
    if s.english:
        english = p.english_lexical if s.words < 3 else (
            p.english_glossary_lexical if glossed else p.english_sentence_lexical)
    fused = fuse(s.dense if dense is None else dense, lex, s.allowed, p, s.mode, lexical_weight=english,
                 dense_weight=p.kana_dense if s.kana else 1.0, lead=s.lead)
    idx = np.flatnonzero(s.allowed)
    return idx[np.argsort(-fused[idx], kind="stable")]


def score(r, s: Scored, expected: tuple[str, ...], ids: list[str], p, fixed: bool) -> tuple[float, float]:
    """(hit@1, reciprocal rank) of the expected cards in the fused order (or the search's answer where fixed)."""
    if fixed:
        return float(s.answered in expected), float(s.answered in expected)
    order = [ids[i] for i in fused_order(s, p, card_dense(r, s, p))]
    rank = next((k for k, c in enumerate(order, 1) if c in expected), None)
    return float(rank == 1), (1.0 / rank if rank else 0.0)


def head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=EVAL).stdout.strip()
    except OSError:
        return ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", action="store_true", help="choose the knobs leave-one-split-out over GRID")
    ap.add_argument("--show-wrong", metavar="SPLIT", help="print the turns of SPLIT whose first card is wrong")
    args = ap.parse_args()
    r = open_retriever(load_settings())
    ids = [c.id for c in r.cards]
    base = r.params
    turns = standalone_turns()
    cache_file = cache_root() / "ranking_study.pkl"
    key = head()
    cache = {}
    if cache_file.exists():
        stored = pickle.loads(cache_file.read_bytes())
        if stored.get("head") == key:
            cache = {t: Scored(**d) if d else None for t, d in stored["scores"].items()}
    for _, text, _ in turns:
        if text not in cache:
            cache[text] = capture(r, text)
    cache_file.write_bytes(pickle.dumps({"head": key, "scores": {t: vars(s) if s else None
                                                                 for t, s in cache.items()}}))

    rows = []  # (split, text, expected, Scored, fixed)
    missing = 0
    for split, text, expected in turns:
        s = cache[text]
        if s is None:
            missing += 1
            continue
        order = fused_order(s, base)
        fixed = s.answered != (ids[order[0]] if len(order) else None)
        rows.append((split, text, expected, s, fixed))
    splits = list(dict.fromkeys(r[0] for r in rows))
    print(f"{len(rows)} questions ({missing} not ranked), {sum(r[4] for r in rows)} fixed (answer is not the fused "
          f"order's first card)")

    def table(p) -> dict[str, np.ndarray]:
        out = defaultdict(list)
        for split, _text, expected, s, fixed in rows:
            out[split].append(score(r, s, expected, ids, p, fixed))
        return {k: np.array(v) for k, v in out.items()}

    now = table(base)
    print(f"{'split':6} {'n':>4} {'hit@1':>6} {'MRR':>6}")
    for sp in splits:
        print(f"{sp:6} {len(now[sp]):4d} {now[sp][:, 0].mean():6.3f} {now[sp][:, 1].mean():6.3f}")
    every = np.concatenate(list(now.values()))
    print(f"{'all':6} {len(every):4d} {every[:, 0].mean():6.3f} {every[:, 1].mean():6.3f}")

    if args.show_wrong:
        for split, text, expected, s, fixed in rows:
            if split == args.show_wrong and s.answered not in expected:
                order = [ids[i] for i in fused_order(s, base)][:3]
                print(f"  {text}  expected {','.join(expected)}  got {order}{' (fixed)' if fixed else ''}")

    if not args.grid:
        return
    settings = [dict(zip(GRID, v)) for v in itertools.product(*GRID.values())]
    tables = []
    for st in settings:
        tables.append(table(replace(base, **st)))
    # per setting, per split: (hits, reciprocal ranks summed, count)
    sums = np.array([[[t[sp][:, 0].sum(), t[sp][:, 1].sum(), len(t[sp])] for sp in splits] for t in tables])
    shipped = {k: getattr(base, k) for k in GRID}
    print(f"\nshipped {shipped}; {len(settings)} settings; leave one split out (pooled hit@1, then MRR)")
    held_before = held_after = 0.0
    chosen = []
    for j, sp in enumerate(splits):
        rest = np.delete(sums, j, axis=1).sum(axis=1)  # settings × 3
        best = max(range(len(settings)), key=lambda i: (rest[i, 0], rest[i, 1]))
        chosen.append(best)
        b, a, n = now[sp][:, 0].sum(), sums[best, j, 0], sums[best, j, 2]
        held_before, held_after = held_before + b, held_after + a
        print(f"{sp:6} n={int(n):4d} held hit@1 {b / n:.3f} → {a / n:.3f} ({int(a - b):+d})  "
              f"MRR {now[sp][:, 1].mean():.3f} → {sums[best, j, 1] / n:.3f}  chose {settings[best]}")
    total = sums[0, :, 2].sum()
    print(f"all    n={int(total)} held hit@1 {held_before / total:.4f} → {held_after / total:.4f} "
          f"({int(held_after - held_before):+d})")
    pooled = sums.sum(axis=1)
    print("\none knob at a time, the others shipped (all splits pooled, in-sample):")
    for k, values in GRID.items():
        line = []
        for v in values:
            i = next(i for i, st in enumerate(settings) if st[k] == v and all(
                st[o] == shipped[o] for o in GRID if o != k))
            line.append(f"{v}: {pooled[i, 0] / pooled[i, 2]:.4f}/{pooled[i, 1] / pooled[i, 2]:.4f}")
        print(f"  {k}  " + "  ".join(line))
    top = sorted(range(len(settings)), key=lambda i: (-pooled[i, 0], -pooled[i, 1]))[:8]
    print("\nin-sample best settings (all splits pooled):")
    for i in top:
        print(f"  {settings[i]}  hit@1 {pooled[i, 0] / pooled[i, 2]:.4f}  MRR {pooled[i, 1] / pooled[i, 2]:.4f}")


if __name__ == "__main__":
    main()
