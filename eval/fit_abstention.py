"""Fit the abstention model on the dev splits only and print the weights to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_abstention.py [most answerable dev questions answered "no card", default 0.01]
     [--single: fit on the single-question dev split alone, as before round 27]

"No card answers" is kept for questions the model is sure of: the cut answers at most that share of the answerable
questions of the single-question dev split "none" on leave-one-out (the target is 0.02 on its test split: the margin is
for questions unlike the dev ones) and as many no-answer questions "none" as it can (the cut is at least 0.5). Whether
cards shown are flagged uncertain is the confidence model's (SearchParams.confidence_weights, not refitted here: the
card, list and chat cut-offs were chosen on its probabilities). Besides that split's questions, the model also learns from the questions of the
dev conversations that stand alone (a conversation's first turn, a new topic, a topic switch) and the dev list
questions: people's wording of answerable questions (the single-question split has few), none of them on test.
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


#: The dev conversation sets: (file, dev split). Their standalone turns (see standalone_turns) are fitting data.
CONVERSATION_DEV = (("conversations.jsonl", "dev"), ("conversations2.jsonl", "dev2"),
                    ("conversations3.jsonl", "dev3"), ("conversations4.jsonl", "dev4"),
                    ("conversations5.jsonl", "dev5"))
#: The dev list question sets: (file, dev split).
LISTS_DEV = (("list_questions.jsonl", "dev"), ("list_questions3.jsonl", "dev3"), ("list_questions4.jsonl", "dev4"),
             ("list_questions5.jsonl", "dev5"), ("list_questions6.jsonl", "dev6"))
#: Turns that start a topic of their own: the engine searches them without the history.
STANDALONE = ("new", "topic_switch")


def _rows(name: str, split: str) -> list[dict]:
    lines = (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines()
    return [row for row in (json.loads(line) for line in lines if line.strip()) if row["split"] == split]


def standalone_turns() -> list[Question]:
    """The turns of the dev conversations that need no history (the first, a new topic, a topic switch) and the dev
    list questions, as single questions: `expected` cards make one answerable, [] a no-answer question. Other turns
    lean on the history (「担当は？」), so they are left out."""
    out = []
    for name, split in CONVERSATION_DEV:
        for row in _rows(name, split):
            for k, turn in enumerate(row["turns"]):
                if k == 0 or turn["family"] in STANDALONE:
                    out.append(Question(f"{row['cid']}/{k + 1}", turn["q"], turn["family"], tuple(turn["expected"]),
                                        (), split))
    for name, split in LISTS_DEV:
        for row in _rows(name, split):
            out.append(Question(row["qid"], row["query"], "list", tuple(row["expected"]), (), split))
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
        if not len(q):
            continue
        rows.append(f"  {label:10s}  answer {np.mean(q <= uncertain):.3f}  uncertain "
                    f"{np.mean((q > uncertain) & (q <= none)):.3f}  none {np.mean(q > none):.3f}  (n={mask.sum()})")
    return "\n".join(rows)


def main():
    # "No card answers" only where the model is sure: at most this share of answerable dev questions gets it, on
    # leave-one-out (the "uncertain" column below is the band from 0.5 to that cut, for comparing models).
    max_answerable = float(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else 0.01
    uncertain = 0.5
    r = open_retriever(load_settings())
    Xs, ys = features(r, load_questions(split="dev"))
    Xc, yc = features(r, [] if "--single" in sys.argv else standalone_turns())
    X, y = (np.vstack([Xs, Xc]), np.concatenate([ys, yc])) if len(yc) else (Xs, ys)
    single = np.arange(len(y)) < len(ys)  # the split the target is read on: it chooses L2 and the cut
    print(f"dev: {int(ys.sum())} no-answer, {int((1 - ys).sum())} answerable single questions; "
          f"{int(yc.sum())} no-answer, {int((1 - yc).sum())} answerable conversation turns and list questions")
    # L2 and the threshold are chosen on leave-one-out probabilities, so the threshold is not fitted to
    # questions the model has already seen.
    best = None
    for l2 in (0.3, 1.0, 3.0, 10.0, 30.0):
        p = out_of_fold(X, y, l2)
        ps, yss = p[single], y[single]
        t = max(choose_threshold(ps[yss == 1], ps[yss == 0], max_answerable), uncertain)
        recall, rate = float(np.mean(ps[yss == 1] > t)), float(np.mean(ps[yss == 0] > t))
        print(f"  l2 {l2:5.1f}: leave-one-out no-answer answered none {recall:.3f}, answerable answered none {rate:.3f}"
              f" (turns and lists {float(np.mean(p[~single][y[~single] == 0] > t)):.3f})" if len(yc) else "")
        if best is None or (-recall, rate) < best[0]:
            best = ((-recall, rate), l2, t, p)
    _, l2, threshold, p_loo = best
    w, b = fit_logistic(X, y, l2=l2)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    print(f"chosen l2 = {l2}")
    print("abstain_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(ABSTAIN_FEATURES))
    print("abstain_bias =", round(b, 4))
    print("abstain_threshold =", round(threshold, 4))
    for name, mask in (("single questions", single), ("turns and lists", ~single)):
        if mask.any():
            print(f"dev {name}, leave-one-out:\n" + confusion(p_loo[mask], y[mask], uncertain, threshold))
    print("  no-answer answered none with k answerable none, leave-one-out:  "
          + curve(p_loo[single], y[single], uncertain, steps=8))
    print("dev single questions, in sample:\n" + confusion(p[single], y[single], uncertain, threshold))
    if "--test" in sys.argv:  # only to report, never to choose
        Xt, yt = features(r, load_questions(split="test"))
        pt = 1 / (1 + np.exp(-(Xt @ w + b)))
        print("test:\n" + confusion(pt, yt, uncertain, threshold))


if __name__ == "__main__":
    main()
