"""Fit the list model (which candidates of a list question belong in its answer) on dev list questions only, and
print the weights, threshold and section knobs to put in SearchParams (index/config.py).

Run: .venv/bin/python eval/fit_list_confidence.py [--extra FILE:SPLIT ...]

Examples are the candidates (the first list_max cards) of every dev list question that the search answers by
ranking (not by the table's cells alone): the single-question set's (eval/questions.jsonl, `relevant` 1, `partial`
left out), the chat's list questions (eval/list_questions.jsonl, `expected` 1) and the list questions that open a
dev conversation of either chat set (eval/conversations.jsonl dev, eval/conversations2.jsonl dev2). The threshold is
chosen for the mean set F1 of the lists on leave-one-question-out, where each question's cards are rated by a model
fitted without it; the test splits are never read.

Then the section knobs of a topic list (decide.section_neighbours) are chosen on those same leave-one-question-out
probabilities, with the list questions of `--extra` sets added (a dev split only, e.g. the third blind set's
eval/list_questions3.jsonl:dev3, rated by the model fitted on dev): the mean of the per-source mean set F1s; and
the confidence a card counted for its section is shown with (list_section_confidence): the share of such cards that
belong.
"""

import argparse
import itertools
from dataclasses import replace

import numpy as np

from fit_abstention import fit_logistic
from index.config import LIST_FEATURES, load_settings
from index.evaluate import load_questions
from index.evaluate_chat import CONVERSATIONS, load_conversations, load_list_questions
from index.retrieve import open_retriever
from index.retrieve.decide import section_neighbours

THRESHOLDS = np.round(np.arange(0.2, 0.75, 0.05), 2)
# the section knobs tried; the sure cards start at the list threshold or higher
SPANS, SEEDS, GAP_MINS, EDGE_MINS = (0, 2, 3, 4, 5), (0.6, 0.8), (0.0, 0.02, 0.05, 0.1), (0.1, 0.15, 0.2, 0.3, 1.0)


def list_questions():
    """(query, relevant, partial, source) of the dev list questions of every set."""
    out = [(q.query, set(q.relevant), set(q.partial), "questions dev") for q in load_questions(split="dev")
           if q.answerable]
    out += [(d["query"], set(d["expected"]), set(), "chat lists dev") for d in load_list_questions(split="dev")]
    for path, split in ((CONVERSATIONS, "dev"), (CONVERSATIONS.with_name("conversations2.jsonl"), "dev2")):
        # a conversation's first turn stands alone: later ones are read with what came before
        out += [(c["turns"][0].q, set(c["turns"][0].expected), set(), "questions dev")
                for c in load_conversations(path, split) if c["turns"][0].family == "list"]
    return out


def extra_questions(specs):
    out = []
    for spec in specs:
        path, split = spec.rsplit(":", 1)
        if not split.startswith("dev"):
            raise SystemExit(f"--extra {spec}: only dev splits are read")
        out += [(d["query"], set(d["expected"]), set(), f"{split} lists") for d in load_list_questions(path, split)]
    return out


def examples(r, questions):
    where = {c.id: n for n, c in enumerate(r.cards)}
    rows = []
    for query, relevant, partial, source in questions:
        read = r.list_reading(query)
        if read is None:
            continue
        ids, X, chapters, widen = read
        rows.append(dict(ids=ids, X=X, y=np.array([i in relevant for i in ids], float),
                         keep=np.array([i not in partial for i in ids]), relevant=relevant, partial=partial,
                         rows=[where[i] for i in ids], chapters=chapters, widen=widen, source=source))
    return rows


def set_f1(ids, chosen, relevant, partial):
    got = {i for i, x in zip(ids, chosen) if x} or {ids[0]}
    got -= partial
    tp = len(got & relevant)
    prec, rec = (tp / len(got) if got else 0.0), (tp / len(relevant) if relevant else 0.0)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def chosen(d, p, t, params=None):
    keep = p >= t
    if params is not None and d["widen"] and params.list_section_span:
        keep = section_neighbours(d["rows"], d["chapters"], p, keep, params)
    return keep


def by_source(data, probs, t, params=None):
    f1 = {}
    for d, p in zip(data, probs):
        f1.setdefault(d["source"], []).append(set_f1(d["ids"], chosen(d, p, t, params), d["relevant"], d["partial"]))
    return {k: float(np.mean(v)) for k, v in sorted(f1.items())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--extra", action="append", default=[], help="FILE:SPLIT of more dev list questions, for the "
                    "section knobs only")
    args = ap.parse_args()
    r = open_retriever(load_settings())
    data = examples(r, list_questions())
    print(f"dev: {len(data)} list questions answered by ranking, {sum(len(d['ids']) for d in data)} candidates")
    X = np.vstack([d["X"][d["keep"]] for d in data])
    y = np.concatenate([d["y"][d["keep"]] for d in data])
    g = np.concatenate([np.full(int(d["keep"].sum()), n) for n, d in enumerate(data)])
    base = np.mean([set_f1(d["ids"], 1 / (1 + np.exp(-d["X"][:, 0])) >= r.params.list_confidence, d["relevant"],
                           d["partial"]) for d in data])
    print(f"  the card model at list_confidence {r.params.list_confidence}: mean set F1 {base:.3f}")
    best = None
    for l2 in (0.3, 1.0, 3.0, 10.0):
        loo = []
        for n, d in enumerate(data):  # leave one question out
            w, b = fit_logistic(X[g != n], y[g != n], l2=l2)
            loo.append(1 / (1 + np.exp(-(d["X"] @ w + b))))
        scores = {t: np.mean([set_f1(d["ids"], p >= t, d["relevant"], d["partial"]) for d, p in zip(data, loo)])
                  for t in THRESHOLDS}
        for t, f1 in scores.items():
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, l2, t, loo)
        print(f"  l2 {l2:5.1f}: leave-one-question-out mean set F1 " + " ".join(f"{t:.2f}:{f1:.3f}"
                                                                              for t, f1 in scores.items()))
    f1, l2, t, loo = best
    w, b = fit_logistic(X, y, l2=l2)
    print(f"chosen l2 = {l2}, list_threshold = {t} (leave-one-question-out mean set F1 {f1:.3f})")
    print("list_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(LIST_FEATURES))
    print("list_bias =", round(float(b), 4))

    # the section knobs, on the leave-one-question-out probabilities (and the extra sets rated by the full fit)
    extra = examples(r, extra_questions(args.extra))
    data, probs = data + extra, loo + [1 / (1 + np.exp(-(d["X"] @ w + b))) for d in extra]
    print("without sections:", by_source(data, probs, t))
    best, table = None, []
    for span, seed, gap, edge in itertools.product(SPANS, (float(t),) + SEEDS, GAP_MINS, EDGE_MINS):
        params = replace(r.params, list_section_span=span, list_section_seed=seed, list_gap_min=gap,
                         list_edge_min=edge)
        scores = by_source(data, probs, t, params)
        mean = float(np.mean(list(scores.values())))
        table.append((round(mean, 3), (span, seed, gap, edge), {k: round(v, 3) for k, v in scores.items()}))
        if best is None or mean > best[0] + 1e-9:
            best = (mean, (span, seed, gap, edge), scores)
    for row in sorted(table, key=lambda x: -x[0])[:8]:
        print("  ", *row)
    mean, (span, seed, gap, edge), scores = best
    print(f"list_section_span = {span}, list_section_seed = {seed}, list_gap_min = {gap}, list_edge_min = {edge}"
          f" (mean over sources {mean:.3f}):", {k: round(v, 3) for k, v in scores.items()})
    # what a card counted for its section (below the threshold) is shown with: the share of such cards that belong,
    # with the knobs in use
    added, right = section_precision(data, probs, t, r.params)
    print(f"list_section_confidence = {right / max(added, 1):.2f} ({right} of {added} cards counted for their section"
          " belong, with the knobs in SearchParams)")


def section_precision(data, probs, t, params):
    """(cards counted for their section alone, how many of them belong): on the leave-one-question-out choices."""
    added = right = 0
    for d, p in zip(data, probs):
        new = chosen(d, p, t, params) & (p < t)
        for i in np.flatnonzero(new):
            if d["ids"][i] not in d["partial"]:
                added, right = added + 1, right + (d["ids"][i] in d["relevant"])
    return added, right


if __name__ == "__main__":
    main()
