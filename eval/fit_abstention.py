"""Fit the abstention model on the dev split only and print the weights to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_abstention.py [share of no-answer dev questions to abstain on, default 0.8]

The threshold keeps that share of dev no-answer questions abstained (the target is 0.75: the margin is for
questions unlike the dev ones) and abstains on as few answerable dev questions as it can.
"""

import sys
from dataclasses import replace

import numpy as np

from index.config import load_settings
from index.evaluate import load_questions
from index.config import ABSTAIN_FEATURES
from index.retrieve import open_retriever
from index.retrieve.decide import abstention_features


def features(r, questions):
    X, y = [], []
    r.params = replace(r.params, abstain_bias=-1e9)
    for q in questions:
        res = r.search(q.query, abstain=False)
        intent = res.intent
        if not res.results or intent.kana or intent.structured:
            continue  # questions about the table itself are never abstained; kana-only ones by their own rule
        text = intent.respelled or q.query  # a kana question is searched in the table's spelling
        dense = r.dense.card_scores(r.dense.chunk_scores(r.dense.query_vector(text)))
        order = [r.cards.index(h.card) for h in res.results]
        X.append(abstention_features(r.lexical.stats, text, dense, order, intent.english))
        y.append(0.0 if q.answerable else 1.0)
    return np.array(X), np.array(y)


def fit_logistic(X, y, l2=1.0, iterations=50):
    """L2-regularised logistic regression on standardised features, solved by Newton's method (exact, fast)."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    penalty = np.full(Z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -50, 50)))
        grad = Z.T @ (p - y) + penalty * w
        hess = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    coef, bias = w[:-1], w[-1]
    return coef / sd, bias - float(np.sum(coef * mu / sd))  # back to raw feature units


def choose_threshold(p_none: np.ndarray, p_answerable: np.ndarray, min_recall: float) -> float:
    """The cut that abstains on at least `min_recall` of the no-answer questions while abstaining on the fewest
    answerable ones; among equal cuts the one in the widest gap between neighbouring probabilities, at its middle
    (a cut that hugs a dev question generalises worst)."""
    values = np.unique(np.concatenate([p_none, p_answerable, [0.0, 1.0]]))
    best = None
    for lo, hi in zip(values[:-1], values[1:]):
        t = (lo + hi) / 2
        recall = float(np.mean(p_none > t))
        if recall + 1e-9 < min_recall:
            continue
        key = (int(np.sum(p_answerable > t)), -recall, -(hi - lo))
        if best is None or key < best[0]:
            best = (key, t)
    return float(best[1]) if best else 0.5


def out_of_fold(X, y, l2):
    """Leave-one-out probabilities: each dev question scored by a model that did not see it."""
    p = np.zeros(len(y))
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        w, b = fit_logistic(X[keep], y[keep], l2=l2)
        p[i] = 1 / (1 + np.exp(-(X[i] @ w + b)))
    return p


def main():
    min_recall = float(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else 0.8
    r = open_retriever(load_settings())
    X, y = features(r, load_questions(split="dev"))
    print(f"dev: {int(y.sum())} no-answer, {int((1 - y).sum())} answerable questions")
    # L2 and the threshold are chosen on leave-one-out probabilities, so the threshold is not fitted to
    # questions the model has already seen.
    best = None
    for l2 in (0.3, 1.0, 3.0, 10.0, 30.0):
        p = out_of_fold(X, y, l2)
        t = choose_threshold(p[y == 1], p[y == 0], min_recall)
        recall, rate = float(np.mean(p[y == 1] > t)), float(np.mean(p[y == 0] > t))
        print(f"  l2 {l2:5.1f}: leave-one-out no-answer abstained {recall:.3f}, answerable abstained {rate:.3f}")
        if best is None or (rate, -recall) < best[0]:
            best = ((rate, -recall), l2, t)
    _, l2, threshold = best
    w, b = fit_logistic(X, y, l2=l2)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    print(f"chosen l2 = {l2}")
    print("abstain_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(ABSTAIN_FEATURES))
    print("abstain_bias =", round(b, 4))
    print("abstain_threshold =", round(threshold, 4))
    print(f"dev (in sample): no-answer abstained {np.mean(p[y == 1] > threshold):.3f}, "
          f"answerable abstained {np.mean(p[y == 0] > threshold):.3f}")
    if "--test" in sys.argv:  # only to report, never to choose
        Xt, yt = features(r, load_questions(split="test"))
        pt = 1 / (1 + np.exp(-(Xt @ w + b)))
        print(f"test: no-answer abstained {np.mean(pt[yt == 1] > threshold):.3f}, "
              f"answerable abstained {np.mean(pt[yt == 0] > threshold):.3f}")


if __name__ == "__main__":
    main()
