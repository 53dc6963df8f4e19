"""Fit each card's confidence on the dev split only and print the weights to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_card_confidence.py [--test] [--openings]

Every answerable dev question's first ten cards are examples: a `relevant` card is 1, any other card 0 (`partial`
cards are left out: they half answer). The model says how likely a shown card answers; the UI counts a card as an
answer ("N 件") from 0.5, and the reliability table shows how well the probabilities hold on leave-one-question-out.

--openings also reads the first turns of the dev conversation sets (dev, dev2 … dev11) that ask for one measure or a
few (family "new", no list): fitted with them, leave one set out (the model fitted on the single questions and every
other set), it reports for the held set how often the cards counted (the first, and a later one from
results.ALSO_ANSWER_CONFIDENCE) are exactly the expected ones, beside the shipped weights: a refit is kept only where
the held sets gain.
"""

import sys

import numpy as np

from fit_abstention import fit_logistic
from index.config import CARD_FEATURES, load_settings
from index.evaluate import load_questions
from index.evaluate_chat import EVAL, load_conversations
from index.retrieve import open_retriever
from index.retrieve.results import ALSO_ANSWER_CONFIDENCE

#: the dev conversation sets: (file, split)
CONVERSATION_SETS = [("conversations.jsonl", "dev")] + [(f"conversations{n}.jsonl", f"dev{n}")
                                                         for n in (2, 3, 4, 5, 7, 8, 9, 10, 11)]


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


def opening_examples(r):
    """The first turns of the dev conversation sets that are no list: {split: (X, y, group, expected count)}."""
    out = {}
    for name, split in CONVERSATION_SETS:
        X, y, group = [], [], []
        for n, c in enumerate(load_conversations(EVAL / name, split)):
            t = c["turns"][0]
            if t.family != "new" or not t.expected or r.understanding.run(t.q).intent.is_list:
                continue
            read = r.relevance_features(t.q)
            if read is None:
                continue
            for cid, row in zip(*read):
                X.append(row)
                y.append(1.0 if cid in t.expected else 0.0)
                group.append(n)
        out[split] = (np.array(X), np.array(y), np.array(group))
    return out


def exact(p, y, g) -> tuple[int, int]:
    """(questions whose counted cards are exactly the expected ones, questions): the first card counts, a later one
    from ALSO_ANSWER_CONFIDENCE (as results.SearchResult.answers)."""
    right = 0
    for n in np.unique(g):
        m = g == n
        counted = np.concatenate([[True], p[m][1:] >= ALSO_ANSWER_CONFIDENCE])
        right += int(np.array_equal(counted, y[m] == 1))
    return right, len(np.unique(g))


def leave_one_set_out(r, X, y, l2, params) -> None:
    """Fit on the single questions and every opening set but one; report the held set's exact-count rate and log
    loss, refit against the shipped weights."""
    sets = opening_examples(r)
    w0, b0 = np.asarray(params.card_weights), params.card_bias
    total = np.zeros(4, int)
    for held, (Xh, yh, gh) in sets.items():
        if not len(yh):
            continue
        others = [sets[s] for s in sets if s != held and len(sets[s][1])]
        w, b = fit_logistic(np.vstack([X] + [o[0] for o in others]), np.concatenate([y] + [o[1] for o in others]),
                            l2=l2)
        p_new, p_old = (1 / (1 + np.exp(-(Xh @ ww + bb))) for ww, bb in ((w, b), (w0, b0)))
        loss = [-np.mean(yh * np.log(pp + 1e-9) + (1 - yh) * np.log(1 - pp + 1e-9)) for pp in (p_old, p_new)]
        (ro, n), (rn, _) = exact(p_old, yh, gh), exact(p_new, yh, gh)
        total += (ro, rn, n, 0)
        print(f"  held {held:5s}: exact {ro}/{n} shipped -> {rn}/{n} refit; log loss {loss[0]:.4f} -> {loss[1]:.4f}")
    print(f"  all held sets: exact {total[0]}/{total[2]} shipped -> {total[1]}/{total[2]} refit")
    Xa = np.vstack([X] + [v[0] for v in sets.values() if len(v[1])])
    ya = np.concatenate([y] + [v[1] for v in sets.values() if len(v[1])])
    w, b = fit_logistic(Xa, ya, l2=l2)
    print("with every opening set: card_weights =", tuple(round(float(v), 4) for v in w), " card_bias =", round(b, 4))


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
    if "--openings" in sys.argv:
        print("opening turns of the dev conversation sets, leave one set out:")
        leave_one_set_out(r, X, y, l2, r.params)
    if "--test" in sys.argv:  # only to report, never to choose
        Xt, yt, _ = examples(r, load_questions(split="test"))
        print("test:\n" + reliability(1 / (1 + np.exp(-(Xt @ w + b))), yt))


if __name__ == "__main__":
    main()
