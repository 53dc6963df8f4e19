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
from typing import Callable, Sequence

import numpy as np

from index.config import SearchMode, cache_root, load_settings
from index.conversation import without_more, topic_switch
from index.retrieve import open_retriever
from index.retrieve.fuse import fuse
from index.retrieve.glossary import table_terms
from index.text import analyzer

EVAL = Path(__file__).resolve().parent
#: tuning splits only: dev … dev23 (dev6 has lists only); never test*, dev24 and later
SPLITS = ["dev", "dev2", "dev3", "dev4", "dev5"] + [f"dev{n}" for n in range(7, 24)]
GRID = {"dense_weight": [0.55, 0.6, 0.625, 0.65, 0.675, 0.7, 0.725, 0.75, 0.8],
        "english_glossary_lexical": [0.15, 0.25, 0.4, 0.5, 0.6],
        "head_weight": [0.3, 0.4, 0.5, 0.6, 0.7]}


def conversation_file(split: str, reworded: bool = False) -> Path:
    """A tuning split's conversation file, or its reworded (NNv) copy."""
    if split == "dev":
        return EVAL / "conversations.jsonl"
    return EVAL / f"conversations{split[3:]}{'v' if reworded else ''}.jsonl"


def standalone_turns(splits: Sequence[str] = tuple(SPLITS), reworded: Sequence[str] = (), unique: bool = False
                     ) -> list[tuple[str, str, tuple[str, ...]]]:
    """(split, question, expected cards) of every standalone non-list turn of the tuning conversations of `splits`
    (the opening, of family new or field, and every later one of family new or topic_switch), with those of the
    reworded (NNv) files of the splits in `reworded`, and the single-question dev split's answerable non-list
    questions (split "qdev"). `unique`: a question asked again (a rewording that kept an opening) is taken once.
    Also eval/sibling_pair_study.py's questions (its own splits, their rewordings, unique)."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for split in splits:
        for words in (False, True):
            if words and split not in reworded:
                continue
            path = conversation_file(split, words)
            if not path.exists():
                continue
            for line in path.open(encoding="utf-8"):
                conv = json.loads(line)
                if conv.get("split") != split:
                    continue
                for k, t in enumerate(conv["turns"]):
                    fam = t.get("family")
                    if fam == "list" or not t.get("expected") or (unique and t["q"] in seen):
                        continue
                    if k == 0 or fam in ("new", "topic_switch"):
                        seen.add(t["q"])
                        out.append((split, t["q"], tuple(t["expected"])))
    for line in (EVAL / "questions.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        if q["split"] == "dev" and q["relevant"] and q["type"] != "list" and not (unique and q["query"] in seen):
            out.append(("qdev", q["query"], tuple(q["relevant"])))
    return out


def cached_scores(name: str, texts: Sequence[str], score: Callable[[str], Scored | None]) -> dict[str, Scored | None]:
    """Each text's scores (`score`), kept in $SEISAKU_CACHE_DIR/<name>.pkl keyed by the code's commit (head): only
    the texts not scored at this commit are searched. Also eval/sibling_pair_study.py's."""
    cache_file = cache_root() / f"{name}.pkl"
    key = head()
    cache: dict[str, Scored | None] = {}
    if cache_file.exists():
        stored = pickle.loads(cache_file.read_bytes())
        if stored.get("head") == key:
            cache = {t: Scored(**d) if d else None for t, d in stored["scores"].items()}
    for text in texts:
        if text not in cache:
            cache[text] = score(text)
    cache_file.write_bytes(pickle.dumps({"head": key, "scores": {t: vars(s) if s else None for t, s in cache.items()}}))
    return cache


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
    return fused_scores(s, p, dense)[0]


def fused_scores(s: Scored, p, dense: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The fused order of the allowed cards and the fused scores themselves."""
    glossed = s.glossed is not None and bool(p.glossary_weight)
    lex = s.own + p.glossary_weight * s.glossed if glossed else s.own
    english = 1.0
    if s.english:
        english = p.english_lexical if s.words < 3 else (
            p.english_glossary_lexical if glossed else p.english_sentence_lexical)
    fused = fuse(s.dense if dense is None else dense, lex, s.allowed, p, s.mode, lexical_weight=english,
                 dense_weight=p.kana_dense if s.kana else 1.0, lead=s.lead)
    idx = np.flatnonzero(s.allowed)
    return idx[np.argsort(-fused[idx], kind="stable")], fused


def question_nouns(text: str) -> frozenset[str]:
    """The nouns of a question as the analyser reads them (lemmas), with the words of the glossary's table terms for
    its everyday and English words (what the lexical side searches for them)."""
    an = analyzer()
    _, text = topic_switch(text)
    text = without_more(text)
    nouns = {t.base for t in an.tokens(text) if t.pos.startswith("名詞")} & set(an.words(text))
    terms = table_terms(text)
    return frozenset(nouns | (set(an.words(terms)) if terms else set()))


#: the sibling rerank's grid: margin (fused score gap of the top two under which it may act), the least Jaccard
#: overlap of the two cards' words, and which of their words tell them apart ("name": only words of the 2nd card's
#: name the 1st never writes; "name+full": the name's first, then its overview's and KPIs')
SIBLING_GRID = {"margin": [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0],
                "jaccard": [0.0, 0.1, 0.2],
                "tiers": ["name", "name+full", "full"],
                "df_max": [10_000, 40, 15],  # a distinguishing word is written by at most this many cards
                "vote": ["strict", "idf"]}  # strict: none only the 1st writes; idf: the 2nd's words outweigh (idf)


def sibling_swap(order: np.ndarray, fused: np.ndarray, nouns: frozenset[str], cw, margin: float, jaccard: float,
                 tiers: str, df_max: int = 10_000, vote: str = "strict", df: dict | None = None) -> bool:
    """Whether the sibling rerank puts the 2nd card first: the top two are close (fused gap < margin) and alike
    (Jaccard of their words ≥ jaccard), and the question holds a word only the 2nd writes (its name's first) and none
    only the 1st writes."""
    if margin <= 0 or len(order) < 2:
        return False
    a, b = int(order[0]), int(order[1])
    if fused[a] - fused[b] >= margin:
        return False
    wa, wb = cw.words[a], cw.words[b]
    if len(wa & wb) / max(1, len(wa | wb)) < jaccard:
        return False
    df = df or {}
    only_a = {w for w in (wa - wb) & nouns if df.get(w, 0) <= df_max}
    only_b = {w for w in (wb - wa) & nouns if df.get(w, 0) <= df_max}
    if vote == "idf":
        n = len(cw.words)

        def weight(ws: set[str]) -> float:
            return sum(np.log(n / df.get(w, 1)) for w in ws)
        if weight(only_a) >= weight(only_b):
            return False
        only_a = set()
    if only_a:
        return False
    if tiers == "full":
        return bool(only_b)
    name_b = only_b & cw.name[b]
    if name_b:
        return True
    return tiers == "name+full" and bool(only_b)


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
    ap.add_argument("--sibling", action="store_true", help="choose the sibling rerank leave-one-split-out")
    ap.add_argument("--show-wrong", metavar="SPLIT", help="print the turns of SPLIT whose first card is wrong")
    args = ap.parse_args()
    r = open_retriever(load_settings())
    ids = [c.id for c in r.cards]
    base = r.params
    turns = standalone_turns()
    cache = cached_scores("ranking_study", [text for _, text, _ in turns], lambda text: capture(r, text))

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

    if args.sibling:
        sibling_study(r, ids, base, rows, splits, now)
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


def sibling_study(r, ids, base, rows, splits, now) -> None:
    """The sibling rerank over SIBLING_GRID, chosen leave-one-split-out (pooled hit@1 of the other splits, then
    fewest swaps); prints the held-out hit@1 per split and the questions it turns right → wrong and wrong → right."""
    cw = r.card_words
    df: dict[str, int] = defaultdict(int)
    for words in cw.words:
        for w in words:
            df[w] += 1
    prepared = []  # (split, text, expected, order, fused, nouns, fixed)
    gaps = []
    for split, text, expected, s, fixed in rows:
        order, fused = fused_scores(s, base)
        prepared.append((split, text, expected, order, fused, question_nouns(text), fixed))
        if not fixed and len(order) > 1:
            gaps.append(fused[order[0]] - fused[order[1]])
    print("\nsibling rerank: fused gap of the top two, quantiles 10/25/50/75/90%:",
          np.round(np.quantile(gaps, [0.1, 0.25, 0.5, 0.75, 0.9]), 3))
    settings = [dict(zip(SIBLING_GRID, v)) for v in itertools.product(*SIBLING_GRID.values())]
    settings = [st for st in settings if st["margin"] > 0] + [{"margin": 0.0, "jaccard": 0.0, "tiers": "name", "df_max": 10_000,
                                                                     "vote": "strict"}]
    # per setting, per split: hits, swaps; and per setting the per-question hit
    hits = np.zeros((len(settings), len(prepared)))
    swaps = np.zeros((len(settings), len(prepared)))
    for i, st in enumerate(settings):
        for k, (_sp, _t, expected, order, fused, nouns, fixed) in enumerate(prepared):
            if fixed:
                hits[i, k] = float(rows[k][3].answered in expected)
                continue
            swap = sibling_swap(order, fused, nouns, cw, df=df, **st)
            first = ids[order[1] if swap else order[0]] if len(order) else None
            hits[i, k] = float(first in expected)
            swaps[i, k] = swap
    split_of = np.array([p[0] for p in prepared])
    base_i = len(settings) - 1  # margin 0: no rerank
    held_b = held_a = 0
    lost, gained = [], []
    for sp in splits:
        out = split_of != sp
        inn = ~out
        best = max(range(len(settings)), key=lambda i: (hits[i, out].sum(), -swaps[i, out].sum()))
        b, a = hits[base_i, inn].sum(), hits[best, inn].sum()
        held_b, held_a = held_b + b, held_a + a
        for k in np.flatnonzero(inn):
            if hits[base_i, k] != hits[best, k]:
                (gained if hits[best, k] else lost).append((sp, prepared[k][1], prepared[k][2]))
        print(f"{sp:6} n={int(inn.sum()):4d} held hit@1 {b / inn.sum():.3f} → {a / inn.sum():.3f} ({int(a - b):+d})  "
              f"swaps {int(swaps[best, inn].sum())}  chose {settings[best]}")
    n = len(prepared)
    print(f"all    n={n} held hit@1 {held_b / n:.4f} → {held_a / n:.4f} ({int(held_a - held_b):+d}); "
          f"wrong → right {len(gained)}, right → wrong {len(lost)}")
    for sp, t, e in gained:
        print(f"  + {sp}: {t}  expected {','.join(e)}")
    for sp, t, e in lost:
        print(f"  - {sp}: {t}  expected {','.join(e)}")
    top = sorted(range(len(settings)), key=lambda i: (-hits[i].sum(), swaps[i].sum()))[:8]
    print("in-sample best settings (all splits pooled):")
    for i in top:
        print(f"  {settings[i]}  hit@1 {hits[i].mean():.4f}  swaps {int(swaps[i].sum())}  "
              f"(+{int(((hits[i] > hits[base_i])).sum())} −{int(((hits[i] < hits[base_i])).sum())})")


if __name__ == "__main__":
    main()
