"""A pairwise decision between the top two cards where they are siblings, studied leave-one-split-out.

The sibling rerank (index/retrieve/siblings.py) swaps the top two cards of the fused order where they are within
`sibling_margin` and the question's nouns only the 2nd writes outweigh (idf) those only the 1st writes. This study
asks whether a decision fitted on features read off the two cards does better:

  idf     the rerank's own vote: idf of the question's nouns only the 2nd writes − only the 1st (words of ≤ 15 cards)
  name    the same over the words of the cards' names (施策名)
  subject the same over their subjects (name, first point, KPIs)
  gloss   the same over the words of the glossary's table terms for the question's everyday/English words alone
  kana    readings: katakana readings (≥ 3 kana) of words only the 2nd writes, found in the question folded to
          katakana (けんこうしんだん, ちず), − those of the 1st
  gap     the fused score gap (1st − 2nd); dense and lex: the 2nd's dense / lexical score − the 1st's

Questions: every standalone non-list turn of the tuning conversations (the opening, family new/field, and every later
new / topic_switch turn) of dev … dev25 (not dev6: lists only) and of their rewordings 12v … 25v (turns whose text the
original does not have), and the single-question set's answerable non-list dev questions ("qdev"). A rewording is in
its original's fold. Each is searched as the chat searches a fresh topic, with the sibling rerank off, and its fused
order kept; a question the search answers otherwise (a listing, an abstention) keeps the search's answer ("fixed").

The "sibling loss" is a question whose expected card is 2nd in the fused order behind a wrong 1st card; the ceiling
is how many of those a perfect swap would fix. The fitted decision is a logistic regression (sklearn, L2, standardised
features) over the features above, trained on the pairs of the other folds whose top two hold exactly one expected card and whose gap is
below the margin; held out: it swaps where it rates the 2nd right with probability over 0.5. Beside it, the rerank's
own vote against a bar that rises with the gap (gap_vote: idf > slope × gap under a margin), with and without the
best-sentence difference. Measured at bcc06d9 (eval/README.md, "Sibling pairs"): none beats the shipped rerank held
out (logistic −7 … −15, the gap vote −3 of 1,802).

Run: PYTHONPATH=$PWD SEISAKU_CACHE_DIR=... .venv/bin/python eval/sibling_pair_study.py [--show]
The scores are cached in $SEISAKU_CACHE_DIR/sibling_pair_study.pkl, keyed by the code's commit.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from index.config import load_settings
from index.conversation import topic_switch, without_more
from index.retrieve import open_retriever
from index.retrieve.glossary import table_terms
from index.retrieve.siblings import card_counts, question_nouns
from index.text import analyzer, fold_kana

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ranking_study import Scored, cached_scores, capture, conversation_file, fused_scores  # noqa: E402
from ranking_study import standalone_turns as ranking_standalone_turns  # noqa: E402

EVAL = Path(__file__).resolve().parent
#: tuning splits only (dev6 has lists only); never test*, dev26 and later
SPLITS = ["dev", "dev2", "dev3", "dev4", "dev5"] + [f"dev{n}" for n in range(7, 26)]
REWORDED = [f"dev{n}" for n in range(12, 26)]
FEATURES = ("idf", "name", "subject", "gloss", "kana", "gap", "dense", "lex", "sent")
MARGINS = (0.2, 0.5, 1.0, 2.0, 3.0)


def standalone_turns() -> list[tuple[str, str, tuple[str, ...]]]:
    """(fold, question, expected cards) of every standalone non-list turn (see the module's docstring): ranking_study's
    recipe over this study's splits and their rewordings, each question once."""
    return ranking_standalone_turns(SPLITS, REWORDED, unique=True)


def turns_riding(texts: set[str]) -> Counter[str]:
    """For each standalone turn in `texts`, the turns of the tuning conversations that ride on its card: the turn
    itself and the follow-ups after it (up to the next new / topic_switch / list turn) whose expected cards are its
    own (a field, an ellipsis on the card it answered). Summed over the originals and their rewordings."""
    out: Counter[str] = Counter()
    for split in SPLITS:
        for reworded in (False, True):
            path = conversation_file(split, reworded)
            if (reworded and split not in REWORDED) or not path.exists():
                continue
            for line in path.open(encoding="utf-8"):
                turns = json.loads(line)["turns"]
                for k, t in enumerate(turns):
                    if t["q"] not in texts:
                        continue
                    out[t["q"]] += 1
                    for u in turns[k + 1:]:
                        if u.get("family") in ("new", "topic_switch", "list") or u.get("expected") != t["expected"]:
                            break
                        out[t["q"]] += 1
    return out


@dataclass
class Pair:
    """One question's top two in the fused order (the rerank off) and what is known of them."""

    fold: str
    text: str
    expected: tuple[str, ...]
    a: int  # the 1st card (index)
    b: int  # the 2nd
    x: np.ndarray  # FEATURES, each the 2nd's side − the 1st's (gap: 1st − 2nd)
    fixed: bool  # the search answers otherwise than the fused order's first card
    answered: str | None


class Reader:
    """The features of a question's top two, read off the cards."""

    def __init__(self, r) -> None:
        self.cw = r.card_words
        self.counts = card_counts(self.cw)
        self.n = len(self.cw)
        an = analyzer()
        from index.retrieve.card_words import full_text

        self.readings: list[dict[str, str]] = []
        # each card's sentences (its name, each sentence of its overview, each KPI cell), as sets of words
        self.sentences: list[list[frozenset[str]]] = []
        for c in r.cards:
            parts = [c.name, c.kpi_progress, c.kpi_effect] + [x for b in (c.bullets or [c.overview])
                                                                for x in re.split(r"(?<=。)", b)]
            self.sentences.append([frozenset(an.words(x)) for x in parts if x.strip()])
            self.readings.append({t.base: t.kana for t in an.tokens(full_text(c))
                                  if t.pos.startswith("名詞") and len(t.kana) >= 3 and t.kana != t.surface})

    def idf(self, words: frozenset[str] | set[str]) -> float:
        return sum(math.log(self.n / self.counts[w]) for w in words if 0 < self.counts[w] <= 15)

    def features(self, text: str, a: int, b: int, fused: np.ndarray, s: Scored) -> np.ndarray:
        cw = self.cw
        nouns = question_nouns(text)
        terms = table_terms(text)
        gloss = frozenset(analyzer().words(terms)) if terms else frozenset()

        def diff(sets, q: frozenset[str]) -> float:
            wa, wb = sets[a], sets[b]
            return self.idf((wb - wa) & q) - self.idf((wa - wb) & q)

        folded = fold_kana(text)

        def kana(i: int, j: int) -> float:
            only = cw.words[i] - cw.words[j]
            return sum(math.log(self.n / max(1, self.counts[w])) for w, k in self.readings[i].items()
                       if w in only and k in folded and w not in nouns)

        def sentence(i: int) -> float:
            # the card's sentence that says most of the question (idf of the question's nouns it holds)
            return max((sum(math.log(self.n / max(1, self.counts[w])) for w in ws & nouns)
                        for ws in self.sentences[i]), default=0.0)

        lex = s.own + (s.glossed if s.glossed is not None else 0.0)
        return np.array([diff(cw.words, nouns), diff(cw.name, nouns), diff(cw.subject, nouns), diff(cw.words, gloss),
                         kana(b, a) - kana(a, b), fused[a] - fused[b], s.dense[b] - s.dense[a], lex[b] - lex[a],
                         sentence(b) - sentence(a)])


def collect(r) -> list[Pair]:
    """Every question's pair (standalone_turns), the scores cached per commit."""
    turns = standalone_turns()
    # (each scored as fusion leaves its order)
    cache = cached_scores("sibling_pair_study", [text for _, text, _ in turns], lambda text: searched(r, text))
    reader = Reader(r)
    return [p for fold, text, expected in turns if cache[text] is not None
            and (p := pair_of(r, reader, fold, text, expected, cache[text])) is not None]


def pair_of(r, reader: Reader, fold: str, text: str, expected: tuple[str, ...], s: Scored) -> Pair | None:
    """The question's top two as the fused order has them (None: it ranks fewer than two cards)."""
    ids = [c.id for c in r.cards]
    order, fused = fused_scores(s, r.params)
    if len(order) < 2:
        return None
    a, b = int(order[0]), int(order[1])
    _, asked = topic_switch(text)
    asked = without_more(asked)
    return Pair(fold, text, expected, a, b, reader.features(asked, a, b, fused, s), s.answered != ids[a], s.answered)


def searched(r, text: str) -> Scored | None:
    """The question's scores as the chat searches a fresh topic, the sibling rerank off."""
    shipped = r.params
    r.params = replace(shipped, sibling_margin=0.0)
    try:
        return capture(r, text)
    finally:
        r.params = shipped


def gap_vote(x: np.ndarray, fixed: np.ndarray, margin: float, weight: float = 0.0, slope: float = 0.0,
             idf: float = 1.0) -> np.ndarray:
    """Where the vote swaps the top two: their gap is under `margin` and idf × the rerank's vote + weight × the
    best-sentence difference exceeds slope × the gap (margin 0.2, weight 0, slope 0: the shipped rerank). `x`: rows of
    FEATURES."""
    gap = x[:, FEATURES.index("gap")]
    vote = idf * x[:, FEATURES.index("idf")] + weight * x[:, FEATURES.index("sent")]
    return (gap < margin) & (vote > slope * gap) & ~fixed


def first_card(p: Pair, ids: list[str], swap: bool) -> str | None:
    if p.fixed:
        return p.answered
    return ids[p.b] if swap else ids[p.a]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print every sibling loss and every held-out change")
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    r = open_retriever(load_settings())
    ids = [c.id for c in r.cards]
    margin0 = r.params.sibling_margin
    pairs = collect(r)
    X = np.array([p.x for p in pairs])
    a_right = np.array([ids[p.a] in p.expected for p in pairs])
    b_right = np.array([ids[p.b] in p.expected for p in pairs])
    fixed = np.array([p.fixed for p in pairs])
    gap = X[:, FEATURES.index("gap")]
    rule = gap_vote(X, fixed, margin0)  # the shipped rerank
    folds = np.array([p.fold for p in pairs])
    base_hit = np.array([first_card(p, ids, False) in p.expected for p in pairs])
    rule_hit = np.array([first_card(p, ids, bool(s)) in p.expected for p, s in zip(pairs, rule)])

    loss = ~fixed & ~a_right & b_right
    print(f"{len(pairs)} questions ({int(fixed.sum())} answered otherwise than the fused order's first card)")
    print(f"hit@1 without the rerank {base_hit.mean():.4f} ({int(base_hit.sum())}), with it {rule_hit.mean():.4f} "
          f"({int(rule_hit.sum())})")
    wrong = ~fixed & ~a_right
    print(f"wrong first card: {int(wrong.sum())}; of them the right card 2nd (sibling loss): {int(loss.sum())}")
    edges = [0, 0.2, 0.5, 1.0, 2.0, 3.0, np.inf]
    print("the sibling losses by fused gap (and the right-first pairs, i.e. what a swap would break):")
    for lo, hi in zip(edges, edges[1:]):
        inn = (gap >= lo) & (gap < hi)
        print(f"  gap [{lo}, {hi}): losses {int((loss & inn).sum()):3d}, fixed by the rerank "
              f"{int((loss & inn & rule).sum()):2d}; right 1st with the 2nd wrong {int((~fixed & a_right & ~b_right & inn).sum()):4d}, "
              f"broken by the rerank {int((~fixed & a_right & ~b_right & inn & rule).sum()):2d}")
    print(f"the rerank: {int((loss & rule).sum())} of {int(loss.sum())} losses fixed, "
          f"{int((~fixed & a_right & ~b_right & rule).sum())} right answers broken")
    riding = turns_riding({p.text for p, lo in zip(pairs, loss) if lo and p.fold != "qdev"})
    fixed_texts = {p.text for p, lo, x in zip(pairs, loss, rule) if lo and x}
    print(f"conversation turns riding on a lost standalone turn (it and its follow-ups on the same card): "
          f"{sum(riding.values())}, of them on one the rerank fixes {sum(v for t, v in riding.items() if t in fixed_texts)}"
          f"; single questions (qdev): {int((loss & (folds == 'qdev')).sum())} lost, "
          f"{int((loss & rule & (folds == 'qdev')).sum())} fixed")
    pc = Counter(tuple(sorted((ids[p.a], ids[p.b]))) for p, lo in zip(pairs, loss) if lo)
    print("pairs lost most often:", ", ".join(f"{x}/{y} ×{n}" for (x, y), n in pc.most_common(12)))
    if args.show:
        for p, lo, fx in zip(pairs, loss, rule):
            if lo:
                print(f"  {'fixed' if fx else 'lost '} {p.fold:5} {ids[p.a]}>{ids[p.b]} "
                      f"{' '.join(f'{f}={v:.2f}' for f, v in zip(FEATURES, p.x))}  {p.text[:60]}")

    # the pairwise decision, leave-one-fold-out: trained on the pairs with exactly one expected card of the two
    decisive = ~fixed & (a_right ^ b_right)
    splits = list(dict.fromkeys(folds))
    print(f"\npairwise decision over {', '.join(FEATURES)}; {int(decisive.sum())} decisive pairs in all")
    variants = {f"logit margin {m} C {c}": (m, c, FEATURES) for m in MARGINS for c in (0.1, 1.0, 10.0)}
    variants.update({f"logit margin {m} words only": (m, 1.0, ("idf", "name", "subject", "gloss", "kana"))
                     for m in (0.5, 1.0, 3.0)})
    results = {}
    for name, (m, c, feats) in variants.items():
        cols = [FEATURES.index(f) for f in feats]
        swap = np.zeros(len(pairs), bool)
        for sp in splits:
            train = decisive & (folds != sp) & (gap < m)
            if b_right[train].sum() < 2:
                continue
            model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000)).fit(
                X[train][:, cols], b_right[train])
            test = (folds == sp) & (gap < m) & ~fixed
            if test.any():
                swap[test] = model.predict_proba(X[test][:, cols])[:, 1] > 0.5
        hit = np.array([first_card(p, ids, bool(s)) in p.expected for p, s in zip(pairs, swap)])
        results[name] = (hit, swap)
        worst = min(int(hit[folds == sp].sum() - rule_hit[folds == sp].sum()) for sp in splits)
        print(f"  {name:32} held hit@1 {hit.mean():.4f} ({int(hit.sum() - base_hit.sum()):+d} on none, "
              f"{int(hit.sum() - rule_hit.sum()):+d} on the rerank); swaps {int(swap.sum())}; worst fold vs the rerank "
              f"{worst:+d}")
    # the rerank's vote (idf), plus `weight` × the best-sentence difference (sent), against a bar that rises with the
    # gap: swap where gap < margin and vote > slope × gap (the shipped rerank is margin 0.2, weight 0, slope 0); the
    # (margin, weight, slope) chosen on the other folds
    for label, weights, only_sent in (("idf > slope × gap", (0.0,), False),
                                      ("idf + w·sent > slope × gap", (0.0, 0.25, 0.5, 1.0, 2.0), False),
                                      ("sent > slope × gap", (1.0,), True)):
        grid = [(m, w, k) for m in (0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.0, 3.0) for w in weights
                for k in (0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 15.0)]
        gswaps = np.array([gap_vote(X, fixed, m, w, k, idf=0.0 if only_sent else 1.0) for m, w, k in grid])
        ghits = np.array([[first_card(p, ids, bool(x)) in p.expected for p, x in zip(pairs, row)] for row in gswaps])
        hit = np.zeros(len(pairs), bool)
        swap = np.zeros(len(pairs), bool)
        chosen = []
        for sp in splits:
            out, inn = folds != sp, folds == sp
            i = max(range(len(grid)), key=lambda i: (ghits[i, out].sum(), -gswaps[i, out].sum()))
            chosen.append(grid[i])
            hit[inn], swap[inn] = ghits[i, inn], gswaps[i, inn]
        results[label] = (hit, swap)
        worst = min(int(hit[folds == sp].sum() - rule_hit[folds == sp].sum()) for sp in splits)
        print(f"  {label:32} held hit@1 {hit.mean():.4f} ({int(hit.sum() - base_hit.sum()):+d} on none, "
              f"{int(hit.sum() - rule_hit.sum()):+d} on the rerank); swaps {int(swap.sum())}; worst fold vs the "
              f"rerank {worst:+d}; chose (margin, w, slope) {dict(Counter(chosen))}")
        for i in sorted(range(len(grid)), key=lambda i: (-ghits[i].sum(), gswaps[i].sum()))[:4]:
            print(f"    in-sample {grid[i]}: hit@1 {ghits[i].mean():.4f} "
                  f"({int(ghits[i].sum() - rule_hit.sum()):+d} on the rerank), swaps {int(gswaps[i].sum())}")
    best = max(results, key=lambda k: (results[k][0].sum(), -results[k][1].sum()))
    hit, swap = results[best]
    print(f"\nbest held out: {best}")
    for sp in splits:
        inn = folds == sp
        d = int(hit[inn].sum() - rule_hit[inn].sum())
        if d:
            print(f"  {sp:6} n={int(inn.sum()):4d} rerank {int(rule_hit[inn].sum())} → {int(hit[inn].sum())} ({d:+d})")
    if args.show:
        for p, h, rh in zip(pairs, hit, rule_hit):
            if h != rh:
                print(f"  {'+' if h else '-'} {p.fold:5} {ids[p.a]}>{ids[p.b]} want {','.join(p.expected)}  {p.text[:70]}")
    if best not in variants:
        return
    m, c, feats = variants[best]
    cols = [FEATURES.index(f) for f in feats]
    train = decisive & (gap < m)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000)).fit(
                X[train][:, cols], b_right[train])
    fitted = model[-1]
    print("fitted on every fold (standardised features):", ", ".join(f"{f} {w:+.3f}" for f, w in zip(feats, fitted.coef_[0])),
          f"intercept {fitted.intercept_[0]:+.3f}")
    per_feature = defaultdict(list)
    for f in feats:
        j = FEATURES.index(f)
        per_feature[f] = [float(X[train & b_right, j].mean()), float(X[train & ~b_right, j].mean())]
    print("feature means, 2nd right / 1st right:", ", ".join(f"{f} {v[0]:.2f}/{v[1]:.2f}"
                                                             for f, v in per_feature.items()))


if __name__ == "__main__":
    main()
