"""Fit each card's confidence on the dev split only and print the weights to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_card_confidence.py [--test]

Every answerable dev question's first ten cards are examples: a `relevant` card is 1, any other card 0 (`partial`
cards are left out: they half answer). The model says how likely a shown card answers; the UI counts a card as an
answer ("N 件") from 0.5, and the reliability table shows how well the probabilities hold on leave-one-question-out.
"""

import sys

import numpy as np

from fit_abstention import fit_logistic
from index.config import CARD_FEATURES, load_settings
from index.evaluate import load_questions
from index.retrieve import open_retriever


def examples(r, questions):
    X, y, group = [], [], []
    for n, q in enumerate(questions):
        if not q.answerable:
            continue
        read = r.relevance_features(q.query)
        if read is None:
            continue
        ids, rows = read
        for cid, row in zip(ids, rows):
            if cid in q.partial:
                continue
            X.append(row)
            y.append(1.0 if cid in q.relevant else 0.0)
            group.append(n)
    return np.array(X), np.array(y), np.array(group)


def reliability(p, y) -> str:
    rows = []
    for lo, hi in ((0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.01)):
        m = (p >= lo) & (p < hi)
        if m.any():
            rows.append(f"  p in [{lo:.1f}, {min(hi, 1):.1f}): {m.sum():5d} cards, {y[m].mean():.3f} of them relevant")
    a = p >= 0.5
    tp = float((a & (y == 1)).sum())
    rows.append(f"  counted as answers (p >= 0.5): precision {tp / max(a.sum(), 1):.3f}, "
                f"recall {tp / max((y == 1).sum(), 1):.3f}")
    return "\n".join(rows)


def main():
    r = open_retriever(load_settings())
    X, y, g = examples(r, load_questions(split="dev"))
    print(f"dev: {len(y)} cards of {len(set(g))} questions, {int(y.sum())} relevant")
    best = None
    for l2 in (0.1, 1.0, 10.0):
        p = np.zeros(len(y))
        for n in np.unique(g):  # leave one question out: its cards are scored by a model that did not see them
            keep = g != n
            w, b = fit_logistic(X[keep], y[keep], l2=l2)
            p[~keep] = 1 / (1 + np.exp(-(X[~keep] @ w + b)))
        loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
        print(f"  l2 {l2:5.1f}: leave-one-question-out log loss {loss:.4f}")
        if best is None or loss < best[0]:
            best = (loss, l2, p)
    _, l2, p_loo = best
    w, b = fit_logistic(X, y, l2=l2)
    print(f"chosen l2 = {l2}")
    print("card_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(CARD_FEATURES))
    print("card_bias =", round(b, 4))
    print("dev, leave-one-question-out:\n" + reliability(p_loo, y))
    if "--test" in sys.argv:  # only to report, never to choose
        Xt, yt, _ = examples(r, load_questions(split="test"))
        print("test:\n" + reliability(1 / (1 + np.exp(-(Xt @ w + b))), yt))


if __name__ == "__main__":
    main()
