"""Fit the list model (which candidates of a list question belong in its answer) on dev list questions only, and
print the weights and threshold to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_list_confidence.py

Examples are the candidates (the first list_max cards) of every dev list question that the search answers by
ranking (not by the table's cells alone): the single-question set's (eval/questions.jsonl, `relevant` 1, `partial`
left out), the chat's list questions (eval/list_questions.jsonl, `expected` 1) and the list questions that open a
dev conversation of either chat set (eval/conversations.jsonl dev, eval/conversations2.jsonl dev2). The threshold is
chosen for the
mean set F1 of the lists on leave-one-question-out, where each question's cards are rated by a model fitted
without it; the test splits are never read.
"""

import numpy as np

from fit_abstention import fit_logistic
from index.config import LIST_FEATURES, load_settings
from index.evaluate import load_questions
from index.evaluate_chat import CONVERSATIONS, load_conversations, load_list_questions
from index.retrieve import open_retriever

THRESHOLDS = np.round(np.arange(0.2, 0.75, 0.05), 2)


def list_questions():
    """(query, relevant, partial) of the dev list questions of every set."""
    out = [(q.query, set(q.relevant), set(q.partial)) for q in load_questions(split="dev") if q.answerable]
    out += [(d["query"], set(d["expected"]), set()) for d in load_list_questions(split="dev")]
    for path, split in ((CONVERSATIONS, "dev"), (CONVERSATIONS.with_name("conversations2.jsonl"), "dev2")):
        # a conversation's first turn stands alone: later ones are read with what came before
        out += [(c["turns"][0].q, set(c["turns"][0].expected), set()) for c in load_conversations(path, split)
                if c["turns"][0].family == "list"]
    return out


def examples(r, questions):
    rows = []
    for query, relevant, partial in questions:
        read = r.list_features(query)
        if read is None:
            continue
        ids, X = read
        rows.append((query, ids, X, np.array([i in relevant for i in ids], float),
                     np.array([i not in partial for i in ids]), relevant, partial))
    return rows


def set_f1(ids, p, t, relevant, partial):
    got = {i for i, x in zip(ids, p) if x >= t} or {ids[0]}
    got -= partial
    tp = len(got & relevant)
    prec, rec = (tp / len(got) if got else 0.0), (tp / len(relevant) if relevant else 0.0)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main():
    r = open_retriever(load_settings())
    data = examples(r, list_questions())
    print(f"dev: {len(data)} list questions answered by ranking, {sum(len(d[1]) for d in data)} candidates")
    X = np.vstack([d[2][d[4]] for d in data])
    y = np.concatenate([d[3][d[4]] for d in data])
    g = np.concatenate([np.full(int(d[4].sum()), n) for n, d in enumerate(data)])
    base = np.mean([set_f1(d[1], [1 / (1 + np.exp(-x)) for x in d[2][:, 0]], r.params.list_confidence, d[5], d[6])
                    for d in data])
    print(f"  the card model at list_confidence {r.params.list_confidence}: mean set F1 {base:.3f}")
    best = None
    for l2 in (0.3, 1.0, 3.0, 10.0):
        loo = []
        for n, d in enumerate(data):  # leave one question out
            w, b = fit_logistic(X[g != n], y[g != n], l2=l2)
            loo.append(1 / (1 + np.exp(-(d[2] @ w + b))))
        for t in THRESHOLDS:
            f1 = np.mean([set_f1(d[1], p, t, d[5], d[6]) for d, p in zip(data, loo)])
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, l2, t)
        print(f"  l2 {l2:5.1f}: leave-one-question-out mean set F1 "
              + " ".join(f"{t:.2f}:{np.mean([set_f1(d[1], p, t, d[5], d[6]) for d, p in zip(data, loo)]):.3f}"
                         for t in THRESHOLDS))
    f1, l2, t = best
    w, b = fit_logistic(X, y, l2=l2)
    print(f"chosen l2 = {l2}, list_threshold = {t} (leave-one-question-out mean set F1 {f1:.3f})")
    print("list_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(LIST_FEATURES))
    print("list_bias =", round(float(b), 4))


if __name__ == "__main__":
    main()
