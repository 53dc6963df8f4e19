"""Fit the abstention model on the dev split only and print the weights to put in RetrievalParams.

Run: .venv/bin/python eval/fit_abstention.py [max share of answerable dev questions abstained, default 0.03]
"""

import sys
from dataclasses import replace

import numpy as np

from index.config import load_settings
from index.evaluate import load_questions
from index.retrieve import ABSTAIN_FEATURES, Filters, open_retriever, understand


def features(r, questions):
    X, y = [], []
    r.params = replace(r.params, abstain_bias=-1e9)
    for q in questions:
        res = r.search(q.query, abstain=False)
        intent = res.intent
        if not res.results or intent.kana or intent.ministries:
            continue  # questions naming a ministry are never abstained; kana-only ones by their own rule
        filters = Filters(ministries=intent.ministries, lead_only=intent.lead, ids=intent.ids, chapters=intent.chapters)
        allowed = np.array([filters.allows(c) for c in r.cards]) if filters else np.ones(len(r.cards), bool)
        dense = r.dense_scores(r.chunk_scores(r.query_vector(q.query)))
        order = [r.cards.index(h.card) for h in res.results]
        topic = intent.topic if (intent.ministries or intent.ids or intent.chapters) else q.query
        X.append(r.abstention_features(topic, dense, allowed, order, intent.english))
        y.append(0.0 if q.answerable else 1.0)
    return np.array(X), np.array(y)


def fit_logistic(X, y, l2=1.0, steps=20000, lr=0.1):
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = (X - mu) / sd
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Z @ w + b)))
        w -= lr * (Z.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= lr * float(np.mean(p - y))
    return w / sd, b - float(np.sum(w * mu / sd))  # back to raw feature units


def main():
    budget = float(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else 0.03
    r = open_retriever(load_settings())
    X, y = features(r, load_questions(split="dev"))
    l2 = float(next((a.split("=")[1] for a in sys.argv if a.startswith("--l2=")), 10.0))
    w, b = fit_logistic(X, y, l2=l2)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    answerable = np.sort(p[y == 0])[::-1]
    k = int(np.floor(budget * len(answerable)))
    threshold = float(answerable[k]) if k < len(answerable) else 0.5
    print(f"dev: {int(y.sum())} no-answer, {int((1 - y).sum())} answerable questions")
    print("abstain_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(ABSTAIN_FEATURES))
    print("abstain_bias =", round(b, 4))
    print("abstain_threshold =", round(threshold, 4))
    print(f"dev: no-answer abstained {np.mean(p[y == 1] > threshold):.3f}, "
          f"answerable abstained {np.mean(p[y == 0] > threshold):.3f}")
    if "--test" in sys.argv:  # only to report, never to choose
        Xt, yt = features(r, load_questions(split="test"))
        pt = 1 / (1 + np.exp(-(Xt @ w + b)))
        print(f"test: no-answer abstained {np.mean(pt[yt == 1] > threshold):.3f}, "
              f"answerable abstained {np.mean(pt[yt == 0] > threshold):.3f}")


if __name__ == "__main__":
    main()
