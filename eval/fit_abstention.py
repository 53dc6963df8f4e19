"""Fit the abstention model on the dev split only and print the weights to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_abstention.py [most answerable dev questions answered "no card", default 0.015]
     [--openings: also fit on the opening turns of the dev conversations (eval/conversations*.jsonl)]

"No card answers" is kept for questions the model is sure of: the cut answers at most that share of answerable dev
questions "none" on leave-one-out (the target is 0.02: the margin is for questions unlike the dev ones) and as many
no-answer questions "none" as it can; from probability 0.5 up to the cut, cards are shown flagged uncertain.
"""

import json
import sys
from pathlib import Path

import numpy as np

from index.config import load_settings
from index.evaluate import Question, load_questions
from index.config import ABSTAIN_FEATURES
from index.retrieve import open_retriever


def features(r, questions):
    """The model's features for each question it reads, as the engine computes them when it searches."""
    X, y = [], []
    for q in questions:
        if r.understanding.run(q.query).intent.kana:
            continue  # kana-only questions are abstained by their own rule too
        f = r.decision_features(q.query)
        if f is not None:
            X.append(f)
            y.append(0.0 if q.answerable else 1.0)
    return np.array(X), np.array(y)


#: The dev conversations whose opening turns --openings adds: (file, dev split).
CONVERSATION_DEV = (("conversations.jsonl", "dev"), ("conversations2.jsonl", "dev2"),
                    ("conversations3.jsonl", "dev3"), ("conversations4.jsonl", "dev4"))


def opening_turns() -> list[Question]:
    """The first turn of each dev conversation as a single question (no history yet): `expected` cards make it
    answerable, [] a no-answer question. Later turns lean on the history, so they are left out."""
    out = []
    for name, split in CONVERSATION_DEV:
        for line in (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if row and row["split"] == split:
                turn = row["turns"][0]
                out.append(Question(f"{row['cid']}/1", turn["q"], "opening", tuple(turn["expected"]), (), split))
    return out


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


def choose_threshold(p_none: np.ndarray, p_answerable: np.ndarray, max_answerable: float) -> float:
    """The lowest cut (most no-answer questions answered "no card") that answers at most `max_answerable` of the
    answerable questions "no card"; placed in the middle of the gap between neighbouring probabilities (a cut that
    hugs a dev question generalises worst)."""
    values = np.unique(np.concatenate([p_none, p_answerable, [0.0, 1.0]]))
    for lo, hi in zip(values[:-1], values[1:]):
        t = (lo + hi) / 2
        if np.mean(p_answerable > t) <= max_answerable + 1e-9:
            return float(t)
    return 1.0


def out_of_fold(X, y, l2):
    """Leave-one-out probabilities: each dev question scored by a model that did not see it."""
    p = np.zeros(len(y))
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        w, b = fit_logistic(X[keep], y[keep], l2=l2)
        p[i] = 1 / (1 + np.exp(-(X[i] @ w + b)))
    return p


def curve(p: np.ndarray, y: np.ndarray, uncertain: float, steps: int = 6) -> str:
    """No-answer questions answered "no card" when the cut lets exactly k answerable ones get it (k = 0 … steps-1):
    models compare at equal cost, not only at the one cut choose_threshold picks."""
    answerable = np.sort(p[y == 0])[::-1]
    cuts = [max(float(answerable[k]), uncertain) for k in range(min(steps, len(answerable)))]
    return "  ".join(f"{k}: {np.mean(p[y == 1] > t):.3f}" for k, t in enumerate(cuts))


def confusion(p: np.ndarray, y: np.ndarray, uncertain: float, none: float) -> str:
    rows = []
    for label, mask in (("answerable", y == 0), ("no-answer", y == 1)):
        q = p[mask]
        rows.append(f"  {label:10s}  answer {np.mean(q <= uncertain):.3f}  uncertain "
                    f"{np.mean((q > uncertain) & (q <= none)):.3f}  none {np.mean(q > none):.3f}  (n={mask.sum()})")
    return "\n".join(rows)


def main():
    # Three outcomes: "no card answers" only where the model is sure (at most this share of answerable dev questions
    # gets it, on leave-one-out); between 0.5 and that cut the cards are shown flagged uncertain.
    max_answerable = float(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else 0.015
    uncertain = 0.5
    r = open_retriever(load_settings())
    questions = load_questions(split="dev") + (opening_turns() if "--openings" in sys.argv else [])
    X, y = features(r, questions)
    print(f"dev: {int(y.sum())} no-answer, {int((1 - y).sum())} answerable questions")
    # L2 and the threshold are chosen on leave-one-out probabilities, so the threshold is not fitted to
    # questions the model has already seen.
    best = None
    for l2 in (0.3, 1.0, 3.0, 10.0, 30.0):
        p = out_of_fold(X, y, l2)
        t = max(choose_threshold(p[y == 1], p[y == 0], max_answerable), uncertain)
        recall, rate = float(np.mean(p[y == 1] > t)), float(np.mean(p[y == 0] > t))
        print(f"  l2 {l2:5.1f}: leave-one-out no-answer answered none {recall:.3f}, answerable answered none {rate:.3f}")
        if best is None or (-recall, rate) < best[0]:
            best = ((-recall, rate), l2, t, p)
    _, l2, threshold, p_loo = best
    w, b = fit_logistic(X, y, l2=l2)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    print(f"chosen l2 = {l2}")
    print("abstain_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(ABSTAIN_FEATURES))
    print("abstain_bias =", round(b, 4))
    print("abstain_threshold =", round(threshold, 4))
    print("uncertain_threshold =", uncertain)
    print("dev, leave-one-out:\n" + confusion(p_loo, y, uncertain, threshold))
    print("  no-answer answered none with k answerable none, leave-one-out:  " + curve(p_loo, y, uncertain))
    print("dev, in sample:\n" + confusion(p, y, uncertain, threshold))
    if "--test" in sys.argv:  # only to report, never to choose
        Xt, yt = features(r, load_questions(split="test"))
        pt = 1 / (1 + np.exp(-(Xt @ w + b)))
        print("test:\n" + confusion(pt, yt, uncertain, threshold))


if __name__ == "__main__":
    main()
