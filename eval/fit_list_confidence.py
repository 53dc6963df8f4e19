"""Fit the list model (which candidates of a list question belong in its answer) on dev list questions only, and
print the weights, threshold and section knobs to put in SearchParams (index/config.py).

Run: PYTHONPATH=.:eval .venv/bin/python eval/fit_list_confidence.py

Examples are the candidates (the first list_max cards) of every dev list question that the search answers by
ranking (not by the table's cells alone), from every blind set's dev split: the single-question set's
(eval/questions.jsonl dev, `relevant` 1, `partial` left out), the chat sets' list questions (eval/list_questions.jsonl
dev, eval/list_questions3.jsonl dev3, eval/list_questions4.jsonl dev4, `expected` 1) and the list questions that open
a conversation (eval/conversations.jsonl dev, conversations2.jsonl dev2, conversations3.jsonl dev3,
conversations4.jsonl dev4). The test splits are never read.

Each question's candidates are rated by a model fitted without it (leave one question out; a question asked in two
sets is left out as one); l2 is chosen for the mean set F1 of all questions without sections, then the threshold and
the section knobs of a topic list (decide.section_neighbours) together, for the mean set F1 of all questions (each
once, so the single-question set's lists weigh most), printed per source too; and the confidence a card counted
for its section is shown with (list_section_confidence): the share of such cards that belong.

With --topic-order it refits nothing: it prints each dev split's mean set F1 (dev8's too) with a topic list's
candidates ranked by the whole question and by its topic's words alone (SearchParams.list_topic_order).

The leave-one-split-out modes below read every tuning split's lists: the list questions of dev, dev3 … dev23, the
list questions that open a conversation of dev, dev2 … dev23 (dev6 has none) and the single-question set's dev lists
("questions dev"); never test, test2, test3 or dev24 … dev29. Each prints the held split's mean set F1 with
SearchParams as it is ("now") and with the value chosen on the other splits, and the mean over all held questions.

With --every it refits nothing: it chooses list_every_threshold (from where a topic list that asks for every measure
of its subject counts the candidates of the chapters it counts a card of), printing each held split's mean set F1
before (list_threshold), now and after.

With --by-split it refits the model and checks the refit leave-one-split-out: for each held split, l2 and the
threshold chosen on the other splits (by an inner leave-one-split-out), the model fitted on them, and the held
split's mean set F1 with SearchParams as it is (before) and with that refit (after); then the weights fitted on every
split with l2 and the threshold chosen leave-one-split-out on all (what SearchParams would take). --prior shrinks
the refit toward SearchParams' weights instead of toward 0; --per-question weighs each question alike; --or-keep lets
the inner choice keep SearchParams' weights (choosing only the threshold).

With --chapter-share it refits nothing: it chooses list_chapter_share and list_chapter_min (from what share and count
of a chapter's cards a topic list that asks for every measure takes the rest of that chapter,
decide.chapter_complete) together, printing each held split's mean set F1 before (never), now and after.

With --sections it refits nothing: it chooses list_single_edge_min (how sure a neighbour of a list's one sure card
must be), printing each held split's mean set F1 before (1.1: never), now and after.

With --cut it refits nothing: it tries a per-question cut in place of the one list_threshold (the list model and
the other knobs as SearchParams has them), the rule and its knobs chosen leave-one-split-out: the threshold, the cut
that maximises the expected set F1 under the list model's probabilities (recalibrated by a slope and a shift, with
cards expected outside the candidates), a bar relative to the list's surest card, and the widest drop between two
bars. Round 15 (700 lists, dev … dev23 and the single-question set's): none beats the threshold (all held 0.8655 →
0.8648, dev5 … dev23 0.8644 → 0.8640; in-sample best 0.8658 expected F1, 0.8655 threshold 0.55, 0.8655 relative,
0.8650 gap), though the best cut of each question by the same probabilities (an oracle) reaches 0.908, 0.036 of it
from taking more cards in 157 lists: the cards that belong below the threshold are rated among ones that do not,
which no cut on the same ratings separates (the model is under-confident there: rated 0.30-0.45, 0.55 belong).

With --extra it refits nothing: it adds a feature (EXTRA, from the features list_features already gives) to the list
model's logit, its weight and a shift chosen leave-one-split-out for the mean set F1 itself. Round 15: shared_vs_2nd
(shared_with_top beside the most any other candidate shares) all held 0.8655 → 0.8684, dev5 … dev23 0.8644 → 0.8674
(39 lists up, 29 down; dev8 0.834 → 0.819, dev12 0.842 → 0.831, dev22 0.868 → 0.886), coverage_vs_max 0.8655 → 0.8675, the rest at most
+0.0006; below the +0.005 a change of the model was to show, and shared_vs_2nd's gain is gone where its two parts get
their own weights (0.8657): not taken.

With --glossary it refits nothing: it chooses list_glossary_specific_cards (a list question is put in the table's
words by the glossary entries whose terms at most this many cards hold, Retriever._understand) leave-one-split-out,
each list scored as the chat counts it (assist.ask's answers, `partial` left out of both sides), printing each held
split's mean set F1 now and with the value chosen on the other splits. Round 21 (dev … dev25 and the single-question
set's lists, 788): 3 on every fold, all held 0.9313 (2, the single questions' bound) → 0.9326; 0 … 6 on all splits
0.9302, 0.9311, 0.9313, 0.9326, 0.9320, 0.9320, 0.9320 (港 → 港湾 and 健康データ → データヘルス lists up in 11 splits,
one 医療 list down in dev20).

--cache DIR keeps the candidates' features between runs (about 2 minutes to read them all).
"""

import argparse
import itertools
from collections import Counter
from dataclasses import replace

import numpy as np

from fit_abstention import fit_logistic
from index.config import LIST_FEATURES, load_settings
from index.evaluate import load_questions
from index.evaluate_chat import CONVERSATIONS, EVAL, LIST_QUESTIONS, load_conversations, load_list_questions
from index.retrieve import open_retriever
from index.retrieve.decide import chapter_complete, chapter_members, list_confidence, section_neighbours

THRESHOLDS = np.round(np.arange(0.2, 0.75, 0.05), 2)
L2S = (0.3, 1.0, 3.0, 10.0)
# the section knobs tried; the sure cards start at the list threshold or higher
SPANS, SEEDS, GAP_MINS, EDGE_MINS = (0, 2, 3, 4, 5), (0.6, 0.8), (0.0, 0.02, 0.05, 0.1), (0.1, 0.15, 0.2, 0.3, 1.0)
EDGE_WORDS = (1.0, 2.0)  # a neighbour that holds the topic's own word joins (1.0), or not (2.0: never)
TOPIC = LIST_FEATURES.index("topic_word")


#: every dev split's list questions (file, split, source): the chat sets' list questions, each scored by the mean
#: set F1 of its own (a source), beside the single-question set's lists and the conversations' opening lists
LIST_SETS = ((LIST_QUESTIONS, "dev", "chat lists dev"), (EVAL / "list_questions3.jsonl", "dev3", "dev3 lists"),
             (EVAL / "list_questions4.jsonl", "dev4", "dev4 lists"))
CONVERSATION_SETS = ((CONVERSATIONS, "dev"), (EVAL / "conversations2.jsonl", "dev2"),
                     (EVAL / "conversations3.jsonl", "dev3"), (EVAL / "conversations4.jsonl", "dev4"))


def list_questions():
    """(query, relevant, partial, source) of the dev list questions of every set."""
    out = [(q.query, set(q.relevant), set(q.partial), "questions dev") for q in load_questions(split="dev")
           if q.answerable]
    for path, split, source in LIST_SETS:
        out += [(d["query"], set(d["expected"]), set(), source) for d in load_list_questions(path, split)]
    for path, split in CONVERSATION_SETS:
        # a conversation's first turn stands alone: later ones are read with what came before
        out += [(c["turns"][0].q, set(c["turns"][0].expected), set(), "conversation openings")
                for c in load_conversations(path, split) if c["turns"][0].family == "list"]
    return out


#: every dev split's list questions and list openings, for --sections (the held split of leave-one-split-out)
SPLIT_LISTS = ((LIST_QUESTIONS, "dev"), (EVAL / "list_questions3.jsonl", "dev3"), (EVAL / "list_questions4.jsonl", "dev4"),
               (EVAL / "list_questions5.jsonl", "dev5"), (EVAL / "list_questions6.jsonl", "dev6"),
               (EVAL / "list_questions7.jsonl", "dev7"))
SPLIT_CONVERSATIONS = CONVERSATION_SETS + ((EVAL / "conversations5.jsonl", "dev5"), (EVAL / "conversations7.jsonl", "dev7"))
#: dev8's lists (a tuning split since round 13), for --topic-order: the list model was never fitted on them
DEV8 = ((EVAL / "list_questions8.jsonl", "dev8"),), ((EVAL / "conversations8.jsonl", "dev8"),)
SINGLE_EDGES = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 1.1)  # list_single_edge_min tried; 1.1: a lone sure card takes no neighbour


def split_questions(dev8: bool = False):
    """(query, relevant, partial, split) of every dev split's list questions: the single-question set's (as split
    "questions dev"), the chat sets' list questions and the lists that open a conversation. Test splits never."""
    out = [(q.query, set(q.relevant), set(q.partial), "questions dev") for q in load_questions(split="dev")
           if q.answerable]
    for path, split in SPLIT_LISTS + (DEV8[0] if dev8 else ()):
        out += [(d["query"], set(d["expected"]), set(), split) for d in load_list_questions(path, split)]
    for path, split in SPLIT_CONVERSATIONS + (DEV8[1] if dev8 else ()):
        out += [(c["turns"][0].q, set(c["turns"][0].expected), set(), split)
                for c in load_conversations(path, split) if c["turns"][0].family == "list"]
    return out


def sections_by_split(r):
    """list_single_edge_min chosen leave-one-split-out with the list model and the other knobs as SearchParams has
    them: for each dev split, the value best on all the others, and the held split's mean set F1 before (the value
    1.1: no neighbour of a lone sure card) and after."""
    data = examples(r, all_split_questions())
    probs = [list_confidence(d["X"], r.params) for d in data]
    splits = sorted({d["source"] for d in data})
    print(f"{len(data)} dev list questions answered by ranking:", {s: sum(d["source"] == s for d in data) for s in splits})

    def mean(held, value, inside):
        params = replace(r.params, list_single_edge_min=value)
        rows = [(d, p) for d, p in zip(data, probs) if (d["source"] == held) == inside]
        return float(np.mean([set_f1(d["ids"], chosen(d, p, r.params.list_threshold, params), d["relevant"],
                                     d["partial"]) for d, p in rows]))

    now, total = r.params.list_single_edge_min, np.zeros(2)
    for held in splits:
        best = max(SINGLE_EDGES, key=lambda v: round(mean(held, v, False), 4))
        n = sum(d["source"] == held for d in data)
        total += n * np.array([mean(held, now, True), mean(held, best, True)])
        print(f"  held {held:15s} (n={n:3d}): chosen {best}; held split"
              f" {mean(held, 1.1, True):.3f} (now, {now}: {mean(held, now, True):.3f}) -> {mean(held, best, True):.3f}")
    print(f"  all held, now -> chosen: {total[0] / len(data):.3f} -> {total[1] / len(data):.3f}")
    everything = {v: float(np.mean([set_f1(d["ids"], chosen(d, p, r.params.list_threshold,
                                                             replace(r.params, list_single_edge_min=v)),
                                           d["relevant"], d["partial"]) for d, p in zip(data, probs)]))
                  for v in SINGLE_EDGES}
    print("  all splits:", {v: round(f, 3) for v, f in everything.items()})


EVERY_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def every_by_split(r):
    """list_every_threshold chosen leave-one-split-out with the list model and the other knobs as SearchParams has
    them: for each dev split (dev8 and dev9 too), the value best on all the others, and the held split's mean set F1
    before (list_threshold: no lower threshold) and after."""
    data = examples(r, all_split_questions())
    probs = [list_confidence(d["X"], r.params) for d in data]
    splits = sorted({d["source"] for d in data})
    print(f"{len(data)} dev list questions answered by ranking:", {s: sum(d["source"] == s for d in data) for s in splits})

    def mean(value, rows):
        params = replace(r.params, list_every_threshold=value)
        return float(np.mean([set_f1(d["ids"], chosen(d, p, r.params.list_threshold, params), d["relevant"],
                                     d["partial"]) for d, p in rows]))

    now, total = r.params.list_every_threshold, np.zeros(2)
    for held in splits:
        inside = [(d, p) for d, p in zip(data, probs) if d["source"] == held]
        outside = [(d, p) for d, p in zip(data, probs) if d["source"] != held]
        best = max(EVERY_THRESHOLDS, key=lambda v: round(mean(v, outside), 4))
        total += len(inside) * np.array([mean(now, inside), mean(best, inside)])
        print(f"  held {held:15s} (n={len(inside):3d}): chosen {best}; held split"
              f" {mean(r.params.list_threshold, inside):.3f} (now, {now}: {mean(now, inside):.3f})"
              f" -> {mean(best, inside):.3f}")
    print(f"  all held, now -> chosen: {total[0] / len(data):.3f} -> {total[1] / len(data):.3f}")
    rows = list(zip(data, probs))
    print("  all splits:", {v: round(mean(v, rows), 3) for v in EVERY_THRESHOLDS})


#: every tuning split's list questions and list openings: dev … dev25 (dev2 has no list questions, dev6 no
#: conversations). The reworded sets (conversations12v … 25v) reword follow-ups only (their openings are the
#: originals'), so they add nothing here; test, test2, test3 and dev26 … are never read.
LAST_TUNING = 25
ALL_LISTS = ("",) + tuple(str(n) for n in range(3, LAST_TUNING + 1))
ALL_CONVERSATIONS = ("",) + tuple(str(n) for n in range(2, LAST_TUNING + 1) if n != 6)


def all_split_questions():
    """(query, relevant, partial, split) of every dev split's list questions and list openings, and the
    single-question set's dev lists (as split "questions dev"). Test splits never."""
    out = [(q.query, set(q.relevant), set(q.partial), "questions dev") for q in load_questions(split="dev")
           if q.answerable]
    for n in ALL_LISTS:
        out += [(d["query"], set(d["expected"]), set(), f"dev{n}")
                for d in load_list_questions(EVAL / f"list_questions{n}.jsonl", f"dev{n}")]
    for n in ALL_CONVERSATIONS:
        out += [(c["turns"][0].q, set(c["turns"][0].expected), set(), f"dev{n}")
                for c in load_conversations(EVAL / f"conversations{n}.jsonl", f"dev{n}") if c["turns"][0].family == "list"]
    return out


def mean_f1(rows, probs, params):
    return float(np.mean([set_f1(d["ids"], chosen(d, p, params.list_threshold, params), d["relevant"], d["partial"])
                          for d, p in zip(rows, probs)]))


REFIT_L2S = L2S + (30.0, 100.0, 300.0)
KEEP = np.inf  # with --or-keep, l2 may also be this: SearchParams' weights kept, only the threshold chosen
REFIT_THRESHOLDS = np.round(np.arange(0.4, 0.86, 0.05), 2)


def refit_by_split(r, prior=False, per_question=False, or_keep=False):
    """The list model refitted on every dev split but one, l2 and the threshold chosen by an inner leave-one-split-out
    on those, the held split's mean set F1 before (SearchParams) and after (the refit); the other knobs unchanged."""
    data = examples(r, all_split_questions())
    splits = sorted({d["source"] for d in data})
    now = [list_confidence(d["X"], r.params) for d in data]

    def predict(rows, w, b):
        return [1 / (1 + np.exp(-np.clip(d["X"] @ w + b, -50, 50))) for d in rows]

    fits: dict = {}

    def fit_without(left_out, l2):
        """The model fitted on every split but those left out (an outer and an inner held split: each pair once)."""
        key = (frozenset(left_out), l2)
        if l2 == KEEP:  # no refit: SearchParams' weights (only the threshold chosen)
            return np.asarray(r.params.list_weights, float), r.params.list_bias
        if key not in fits:
            fits[key] = fit_all([d for d in data if d["source"] not in left_out], l2,
                                prior=(r.params.list_weights, r.params.list_bias) if prior else None,
                                per_question=per_question)
        return fits[key]

    def choose(rows):
        best = None
        outer = {d["source"] for d in data} - {d["source"] for d in rows}
        for l2 in REFIT_L2S + ((KEEP,) if or_keep else ()):
            probs = [np.zeros(0)] * len(rows)
            for s in sorted({d["source"] for d in rows}):
                w, b = fit_without(outer | {s}, l2)
                for k, d in enumerate(rows):
                    if d["source"] == s:
                        probs[k] = predict([d], w, b)[0]
            for t in REFIT_THRESHOLDS:
                score = mean_f1(rows, probs, replace(r.params, list_threshold=float(t)))
                if best is None or score > best[0] + 1e-9:
                    best = (score, l2, float(t))
        return best

    before, after = [], []
    for held in splits:
        inside = [d for d in data if d["source"] == held]
        outside = [d for d in data if d["source"] != held]
        _, l2, t = choose(outside)
        w, b = fit_without({held}, l2)
        was = mean_f1(inside, [p for p, d in zip(now, data) if d["source"] == held], r.params)
        now_f1 = mean_f1(inside, predict(inside, w, b), replace(r.params, list_threshold=t))
        before.append(was * len(inside))
        after.append(now_f1 * len(inside))
        print(f"  held {held:15s} (n={len(inside):3d}): l2 {l2}, threshold {t}; held split {was:.3f} -> {now_f1:.3f}",
              flush=True)
    print(f"  all held: {sum(before) / len(data):.3f} -> {sum(after) / len(data):.3f}")
    # what to put in SearchParams: l2 and the threshold chosen leave-one-split-out on every split, fitted on all
    score, l2, t = choose(data)
    w, b = fit_without(set(), l2)
    print(f"on every split: l2 {l2}, threshold {t} (leave-one-split-out mean set F1 {score:.3f})")
    print("list_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(LIST_FEATURES))
    print("list_bias =", round(float(b), 4))
    print("list_threshold =", t)


def chapter_share_by_split(r):
    """list_chapter_share and list_chapter_min chosen together leave-one-split-out with the list model and the other
    knobs as SearchParams has them, over every dev split (dev … dev11): the held split's mean set F1 before (never)
    and after."""
    data = examples(r, all_split_questions())
    probs = [list_confidence(d["X"], r.params) for d in data]
    splits = sorted({d["source"] for d in data})
    never = (1.01, 0)
    values = [never] + list(itertools.product((0.6, 0.7, 0.75, 0.8, 0.9), (1, 4, 6, 8)))
    f1 = {v: np.array([set_f1(d["ids"], chosen(d, p, r.params.list_threshold,
                                               replace(r.params, list_chapter_share=v[0], list_chapter_min=v[1])),
                              d["relevant"], d["partial"]) for d, p in zip(data, probs)]) for v in values}
    source = np.array([d["source"] for d in data])
    now, total = (r.params.list_chapter_share, r.params.list_chapter_min), np.zeros(2)
    if now not in f1:
        f1[now] = np.array([set_f1(d["ids"], chosen(d, p, r.params.list_threshold, r.params), d["relevant"],
                                   d["partial"]) for d, p in zip(data, probs)])
    for held in splits:
        best = max(values, key=lambda v: (round(float(f1[v][source != held].mean()), 4), v == never))
        inside = source == held
        total += np.array([f1[now][inside].sum(), f1[best][inside].sum()])
        print(f"  held {held:15s} (n={int(inside.sum()):3d}): chosen {best}; held split"
              f" {f1[never][inside].mean():.3f} (now, {now}: {f1[now][inside].mean():.3f})"
              f" -> {f1[best][inside].mean():.3f}")
    print(f"  all held, now -> chosen: {total[0] / len(data):.3f} -> {total[1] / len(data):.3f}")
    print("  all splits:", {v: round(float(f.mean()), 4) for v, f in f1.items()})


def topic_order_by_split(r):
    """Each dev split's mean set F1 (dev8's too) with a topic list's candidates ranked by the whole question
    (list_topic_order off) and by its topic's words alone (on), the list model and knobs as SearchParams has them:
    nothing is fitted, so every split is held."""
    questions = split_questions(dev8=True)
    scores = {}
    for on in (False, True):
        r.params = replace(r.params, list_topic_order=on)
        data = examples(r, questions)
        scores[on] = [(d["source"], set_f1(d["ids"], chosen(d, list_confidence(d["X"], r.params), r.params.list_threshold,
                                                            r.params), d["relevant"], d["partial"])) for d in data]
    for split in sorted({s for s, _ in scores[False]}):
        before, after = ([f for s, f in scores[on] if s == split] for on in (False, True))
        ups = sum(a > b for a, b in zip(after, before))
        downs = sum(a < b for a, b in zip(after, before))
        print(f"  {split:15s} (n={len(before):3d}): {np.mean(before):.3f} -> {np.mean(after):.3f} ({ups} up, {downs} down)")
    print(f"  all {len(scores[False])}: {np.mean([f for _, f in scores[False]]):.3f} ->"
          f" {np.mean([f for _, f in scores[True]]):.3f}")


#: where --cache keeps the candidates' features between runs (they read the ranking, not the list model's weights)
CACHE: list = []


def examples(r, questions):
    if CACHE:
        import hashlib
        import pickle
        from pathlib import Path
        key = hashlib.sha1(repr([(q, sorted(rel), sorted(par), s) for q, rel, par, s in questions]).encode()).hexdigest()
        path = Path(CACHE[0]) / f"list_examples_{key[:16]}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        rows = read_examples(r, questions)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(rows))
        return rows
    return read_examples(r, questions)


def read_examples(r, questions):
    where = {c.id: n for n, c in enumerate(r.cards)}
    sizes = dict(Counter(c.chapter for c in r.cards if c.chapter))
    rows = []
    for query, relevant, partial, source in questions:
        read = r.list_reading(query)
        if read is None:
            continue
        ids, X, chapters, widen, every = read
        rows.append(dict(ids=ids, X=X, y=np.array([i in relevant for i in ids], float),
                         keep=np.array([i not in partial for i in ids]), relevant=relevant, partial=partial,
                         rows=[where[i] for i in ids], chapters=chapters, widen=widen, every=every, source=source,
                         query=query, sizes=sizes))
    return rows


def set_f1(ids, chosen, relevant, partial):
    got = {i for i, x in zip(ids, chosen) if x} or {ids[0]}
    got -= partial
    tp = len(got & relevant)
    prec, rec = (tp / len(got) if got else 0.0), (tp / len(relevant) if relevant else 0.0)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def chosen(d, p, t, params=None, keep=None):
    """The candidates a list counts: from the threshold t (or the cut `keep`), then its section and its chapters."""
    keep = p >= t if keep is None else keep
    if params is not None and d["widen"] and params.list_section_span:
        keep = section_neighbours(d["rows"], d["chapters"], p, keep, params, topic=d["X"][:, TOPIC])
    if params is not None and d["every"]:  # as Retriever._search counts such a list
        keep = keep | chapter_members(d["chapters"], p, replace(params, list_threshold=t))
        if d["widen"]:
            keep = chapter_complete(d["chapters"], keep, d["sizes"], params)
    return keep


def expected_f1_cut(p, shift=0.0, missing=0.0, slope=1.0):
    """The candidates whose count k maximises the expected set F1 of the list's k surest candidates, the candidates
    taken to belong independently with probability p (its logit times `slope`, plus `shift`) and `missing` more cards
    expected to belong outside the candidates: E[2·TP / (k + TP + rest + missing)], TP and rest Poisson-binomial
    (the cut that maximises expected F1 given calibrated probabilities)."""
    c = np.clip(p, 1e-6, 1 - 1e-6)
    q = 1 / (1 + np.exp(-np.clip(slope * np.log(c / (1 - c)) + shift, -50, 50)))
    order = np.argsort(-q, kind="stable")
    q = q[order]
    n = len(q)
    suffix = [np.ones(1)]  # the distribution of how many of the last j candidates belong
    for x in q[::-1]:
        prev = suffix[-1]
        suffix.append(np.concatenate([prev * (1 - x), [0.0]]) + np.concatenate([[0.0], prev * x]))
    head, best = np.ones(1), (-1.0, 1)
    for k in range(1, n + 1):
        head = np.concatenate([head * (1 - q[k - 1]), [0.0]]) + np.concatenate([[0.0], head * q[k - 1]])
        rest = suffix[n - k]
        a, b = np.arange(len(head))[:, None], np.arange(len(rest))[None, :]
        value = float(head @ (2 * a / np.maximum(k + a + b + missing, 1e-9)) @ rest)
        if value > best[0] + 1e-12:
            best = (value, k)
    keep = np.zeros(n, bool)
    keep[order[:best[1]]] = True
    return keep


def relative_cut(p, share, low, high):
    """The candidates rated at least `share` of the list's surest one's probability, the bar kept in [low, high]."""
    return p >= min(max(share * float(p.max()), low), high)


def gap_cut(p, low, high):
    """The candidates rated from `high`, and below it down to the widest drop among the sorted ratings from `low`."""
    q = np.sort(p)[::-1]
    n, best = len(q), None
    for k in range(1, n + 1):
        if q[k - 1] < low and k > 1:
            break
        if k < n and q[k] >= high:
            continue
        drop = q[k - 1] - (q[k] if k < n else 0.0)
        if best is None or drop > best[0]:
            best = (drop, k)
    k = best[1] if best else 1
    return p >= q[k - 1]


#: the per-question cuts tried by --cut: (rule, its knobs), each in place of the one list_threshold
CUTS = ([("threshold", (float(t),)) for t in np.round(np.arange(0.3, 0.86, 0.05), 2)]
        + [("expected F1", (s, m, a)) for s in (-1.5, -1.0, -0.5, 0.0, 0.5) for m in (0.0, 1.0, 2.0)
           for a in (1.0, 1.5, 2.0)]
        + [("relative", (a, lo, hi)) for a in (0.5, 0.6, 0.7, 0.8, 0.9) for lo in (0.25, 0.35, 0.45, 0.55)
           for hi in (0.55, 0.65, 0.75, 0.85) if lo <= hi]
        + [("gap", (lo, hi)) for lo in (0.2, 0.3, 0.4, 0.5) for hi in (0.55, 0.65, 0.75, 0.85, 0.95)])


def cut_keep(p, rule, knobs):
    if rule == "threshold":
        return p >= knobs[0]
    if rule == "expected F1":
        return expected_f1_cut(p, *knobs)
    if rule == "relative":
        return relative_cut(p, *knobs)
    return gap_cut(p, *knobs)


def cut_by_split(r, rules=None):
    """A per-question cut in place of list_threshold (the model's weights and the other knobs as SearchParams has
    them), chosen leave-one-split-out: for each held split, the rule and knobs best on the others (of `rules`, or of
    every rule), and the held split's mean set F1 before (SearchParams) and after."""
    data = examples(r, all_split_questions())
    probs = [list_confidence(d["X"], r.params) for d in data]
    source = np.array([d["source"] for d in data])
    cuts = [c for c in CUTS if rules is None or c[0] in rules or c[0] == "threshold"]
    f1 = np.array([[set_f1(d["ids"], chosen(d, p, r.params.list_threshold, r.params, keep=cut_keep(p, *c)),
                           d["relevant"], d["partial"]) for d, p in zip(data, probs)] for c in cuts])
    now = np.array([set_f1(d["ids"], chosen(d, p, r.params.list_threshold, r.params), d["relevant"], d["partial"])
                    for d, p in zip(data, probs)])
    for rule in sorted({c[0] for c in cuts}):
        rows = [k for k, c in enumerate(cuts) if c[0] == rule]
        k = max(rows, key=lambda k: f1[k].mean())
        print(f"  best {rule:12s} on all (in-sample): {cuts[k][1]} {f1[k].mean():.4f}")
    total, late = np.zeros(2), []
    for held in sorted(set(source)):
        inside = source == held
        k = max(range(len(cuts)), key=lambda k: (round(float(f1[k][~inside].mean()), 5), cuts[k][0] == "threshold"))
        total += np.array([now[inside].sum(), f1[k][inside].sum()])
        if held.startswith("dev") and held[3:].isdigit() and int(held[3:]) >= 5:
            late.append((now[inside].sum(), f1[k][inside].sum(), int(inside.sum())))
        print(f"  held {held:15s} (n={int(inside.sum()):3d}): {cuts[k][0]} {cuts[k][1]}; held split"
              f" {now[inside].mean():.3f} -> {f1[k][inside].mean():.3f}")
    print(f"  all held: {total[0] / len(data):.4f} -> {total[1] / len(data):.4f}")
    n = sum(x[2] for x in late)
    print(f"  dev5 … dev{LAST_TUNING} held: {sum(x[0] for x in late) / n:.4f} -> {sum(x[1] for x in late) / n:.4f}")


#: the features --extra tries beside the list model, each from a list's candidates' features (d["X"]) and the list
#: model's logits (`z`)
EXTRA = {
    "card_logit_gap": lambda d, z: d["X"][0, 0] - d["X"][:, 0],  # the card model's logit behind the list's first card's
    "in_name_vs_max": lambda d, z: d["X"][:, 6].max() - d["X"][:, 6],  # in_name behind the list's most named card's
    "coverage_vs_max": lambda d, z: d["X"][:, 2].max() - d["X"][:, 2],  # coverage behind the list's widest card's
    "topic_vs_max": lambda d, z: d["X"][:, 10].max() - d["X"][:, 10],
    "logit_vs_max": lambda d, z: z.max() - z,  # the list model's logit behind the list's surest card's
    "log_prob_rank": lambda d, z: np.log1p(np.argsort(np.argsort(-z, kind="stable"), kind="stable")),
    "n_sure": lambda d, z: np.full(len(z), np.log1p(float((z > 0).sum()))),  # how many the list model counts
    "topic_x_name": lambda d, z: d["X"][:, 10] * d["X"][:, 6],
    "cov_x_shared": lambda d, z: d["X"][:, 2] * d["X"][:, 7],
    "seed_x_rank": lambda d, z: d["X"][:, 9] * d["X"][:, 1],
    # shared_with_top beside the most any other candidate shares with the first card
    "shared_vs_2nd": lambda d, z: d["X"][:, 7] - (np.sort(d["X"][:, 7])[-2] if len(z) > 1 else 0.0),
}
EXTRA_WEIGHTS = (-0.6, -0.4, -0.2, -0.1, 0.0, 0.1, 0.2, 0.4, 0.6)  # per standard deviation of the feature
EXTRA_SHIFTS = (-0.2, -0.1, 0.0, 0.1, 0.2)  # the logit moved too (the threshold with it)


def extra_by_split(r, names):
    """Each feature of `names` (EXTRA; all without) added to the list model's logit with a weight, and the logit
    moved, both chosen leave-one-split-out for the mean set F1 itself (SearchParams' weights and knobs kept): for each
    held split the pair best on the others, and the held splits' mean set F1 before (SearchParams) and after."""
    data = examples(r, all_split_questions())
    logits = [d["X"] @ np.asarray(r.params.list_weights, float) + r.params.list_bias for d in data]
    source = np.array([d["source"] for d in data])
    late = np.array([s[3:].isdigit() and int(s[3:]) >= 5 for s in source])

    def f1(d, logit):
        p = 1 / (1 + np.exp(-np.clip(logit, -50, 50)))
        return set_f1(d["ids"], chosen(d, p, r.params.list_threshold, r.params), d["relevant"], d["partial"])

    now = np.array([f1(d, lg) for d, lg in zip(data, logits)])
    for name in names or EXTRA:
        xs = [np.asarray(EXTRA[name](d, lg), float) for d, lg in zip(data, logits)]
        sd = float(np.concatenate(xs).std()) or 1.0
        pairs = list(itertools.product(EXTRA_WEIGHTS, EXTRA_SHIFTS))
        table = np.array([[f1(d, lg + w * x / sd + b) for d, lg, x in zip(data, logits, xs)] for w, b in pairs])
        held, picks = np.zeros(len(data)), Counter()
        for split in sorted(set(source)):
            inside = source == split
            k = max(range(len(pairs)), key=lambda k: (round(float(table[k][~inside].mean()), 5), pairs[k] == (0.0, 0.0)))
            held[inside] = table[k][inside]
            picks[pairs[k]] += 1
        best = int(np.argmax(table.mean(1)))
        print(f"  {name:16s} all held {now.mean():.4f} -> {held.mean():.4f}, dev5 … dev{LAST_TUNING}"
              f" {now[late].mean():.4f} -> {held[late].mean():.4f} ({int((held > now + 1e-9).sum())} up,"
              f" {int((held < now - 1e-9).sum())} down); in-sample best {pairs[best]} {table[best].mean():.4f};"
              f" chosen (weight per sd, shift): {dict(picks)}", flush=True)


def by_source(data, probs, t, params=None):
    f1 = {}
    for d, p in zip(data, probs):
        f1.setdefault(d["source"], []).append(set_f1(d["ids"], chosen(d, p, t, params), d["relevant"], d["partial"]))
    return {k: float(np.mean(v)) for k, v in sorted(f1.items())}


def group_of(data):
    """Leave-one-question-out groups: a question asked in two sets (a list question that also opens a conversation) is
    left out as one."""
    groups: dict[str, int] = {}
    return [groups.setdefault(d["query"], len(groups)) for d in data]


def leave_one_out(data, l2):
    """Each question's candidates rated by a model fitted on every other question."""
    X = np.vstack([d["X"][d["keep"]] for d in data])
    y = np.concatenate([d["y"][d["keep"]] for d in data])
    groups = group_of(data)
    g = np.concatenate([np.full(int(d["keep"].sum()), groups[n]) for n, d in enumerate(data)])
    out = []
    for n, d in enumerate(data):
        w, b = fit_logistic(X[g != groups[n]], y[g != groups[n]], l2=l2)
        out.append(1 / (1 + np.exp(-(d["X"] @ w + b))))
    return out


def fit_all(data, l2, prior=None, per_question=False):
    X = np.vstack([d["X"][d["keep"]] for d in data])
    y = np.concatenate([d["y"][d["keep"]] for d in data])
    if prior is None and not per_question:
        return fit_logistic(X, y, l2=l2)
    # each question weighs alike (its candidates share one unit), or the weights shrink toward `prior` (w, b) rather
    # than toward 0: a large l2 keeps the model as it is
    weight = (np.concatenate([np.full(int(d["keep"].sum()), len(X) / len(data) / max(int(d["keep"].sum()), 1))
                              for d in data]) if per_question else np.ones(len(X)))
    return fit_weighted(X, y, l2, weight, prior)


def fit_weighted(X, y, l2, weight, prior=None, iterations=50):
    """fit_abstention.fit_logistic with a weight per example and the coefficients (on standardised features)
    shrunk toward the prior model's rather than toward 0."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    centre = np.zeros(Z.shape[1])
    if prior is not None:
        w0, b0 = np.asarray(prior[0], float), float(prior[1])
        centre[:-1] = w0 * sd
        centre[-1] = b0 + float(np.sum(w0 * mu))
    w = centre.copy()
    penalty = np.full(Z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -50, 50)))
        grad = Z.T @ (weight * (p - y)) + penalty * (w - centre)
        hess = (Z * (weight * p * (1 - p))[:, None]).T @ Z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    coef, bias = w[:-1], w[-1]
    return coef / sd, bias - float(np.sum(coef * mu / sd))


def overall(data, probs, t, params=None):
    """The mean set F1 of every question, each once: the single-question set's lists (the most) guard the chat sets'."""
    return float(np.mean([set_f1(d["ids"], chosen(d, p, t, params), d["relevant"], d["partial"])
                          for d, p in zip(data, probs)]))


GLOSSARY_CARDS = (0, 1, 2, 3, 4, 5, 6)


def glossary_by_split(r):
    """list_glossary_specific_cards chosen leave-one-split-out, each list scored by the cards the chat's answer counts
    (assist.ask), every other knob as SearchParams has them: the held split's mean set F1 now and after. A question
    is asked again only for the values that change what it is searched as (Retriever._understand's text)."""
    from index.assist import ask

    data = all_split_questions()
    now = r.params.list_glossary_specific_cards
    f1 = np.zeros((len(data), len(GLOSSARY_CARDS)))
    base = r.params
    for k, (query, relevant, partial, _) in enumerate(data):
        seen: dict[str, float] = {}
        for j, v in enumerate(GLOSSARY_CARDS):
            r.params = replace(base, list_glossary_specific_cards=v)
            text = r._understand(query).text
            if text not in seen:
                got = {h.card.id for h in ask(r, query).answers} - partial
                tp = len(got & relevant)
                prec, rec = (tp / len(got) if got else 0.0), (tp / len(relevant) if relevant else 0.0)
                seen[text] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            f1[k, j] = seen[text]
        r.params = base
    source = np.array([d[3] for d in data])
    col = GLOSSARY_CARDS.index(now)
    total = np.zeros(2)
    for held in sorted(set(source)):
        inside, outside = source == held, source != held
        best = max(range(len(GLOSSARY_CARDS)), key=lambda j: (round(f1[outside, j].mean(), 4), -abs(j - col)))
        total += inside.sum() * np.array([f1[inside, col].mean(), f1[inside, best].mean()])
        print(f"  held {held:15s} (n={inside.sum():3d}): chosen {GLOSSARY_CARDS[best]}; held split"
              f" {f1[inside, col].mean():.3f} (now, {now}) -> {f1[inside, best].mean():.3f}")
    print(f"  all held, now -> chosen: {total[0] / len(data):.4f} -> {total[1] / len(data):.4f}")
    print("  all splits:", {v: round(float(f1[:, j].mean()), 4) for j, v in enumerate(GLOSSARY_CARDS)})
    for k in np.flatnonzero(f1.max(1) - f1.min(1) > 1e-9):
        print(f"    {data[k][3]:14s} {' '.join(f'{x:.2f}' for x in f1[k])}  {data[k][0]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sections", action="store_true",
                    help="only choose list_single_edge_min leave-one-split-out on every dev split (no refit)")
    ap.add_argument("--topic-order", action="store_true",
                    help="only compare each dev split's lists with list_topic_order off and on (no refit)")
    ap.add_argument("--every", action="store_true",
                    help="only choose list_every_threshold leave-one-split-out on every dev split (no refit)")
    ap.add_argument("--by-split", action="store_true",
                    help="only check a refit on every dev split leave-one-split-out (prints, changes nothing)")
    ap.add_argument("--chapter-share", action="store_true",
                    help="only choose list_chapter_share leave-one-split-out on every dev split (no refit)")
    ap.add_argument("--prior", action="store_true",
                    help="with --by-split: shrink the refit toward SearchParams' weights rather than toward 0")
    ap.add_argument("--per-question", action="store_true",
                    help="with --by-split: each question weighs alike in the fit (its candidates share one unit)")
    ap.add_argument("--or-keep", action="store_true",
                    help="with --by-split: the inner choice may also keep SearchParams' weights (threshold chosen)")
    ap.add_argument("--cut", nargs="*", metavar="RULE",
                    help="only choose a per-question cut (threshold, 'expected F1', relative, gap; all without RULE)"
                         " in place of list_threshold leave-one-split-out on every dev split (no refit)")
    ap.add_argument("--extra", nargs="*", metavar="FEATURE",
                    help="only try new list features (EXTRA; all without FEATURE) beside the list model's logit,"
                         " weight and shift chosen leave-one-split-out on every dev split (no refit)")
    ap.add_argument("--glossary", action="store_true",
                    help="only choose list_glossary_specific_cards leave-one-split-out on every tuning split, lists"
                         " scored by the chat's answers (no refit)")
    ap.add_argument("--cache", metavar="DIR",
                    help="keep the candidates' features in DIR between runs (delete it after changing the ranking)")
    args = ap.parse_args()
    if args.cache:
        CACHE.append(args.cache)
    r = open_retriever(load_settings())
    if args.glossary:
        glossary_by_split(r)
        return
    if args.extra is not None:
        extra_by_split(r, args.extra)
        return
    if args.cut is not None:
        cut_by_split(r, rules=set(args.cut) or None)
        return
    if args.by_split:
        refit_by_split(r, prior=args.prior, per_question=args.per_question, or_keep=args.or_keep)
        return
    if args.chapter_share:
        chapter_share_by_split(r)
        return
    if args.every:
        every_by_split(r)
        return
    if args.topic_order:
        topic_order_by_split(r)
        return
    if args.sections:
        sections_by_split(r)
        return
    data = examples(r, list_questions())
    print(f"dev: {len(data)} list questions answered by ranking, {sum(len(d['ids']) for d in data)} candidates;",
          {k: sum(d["source"] == k for d in data) for k in sorted({d["source"] for d in data})})
    card = [1 / (1 + np.exp(-d["X"][:, 0])) for d in data]
    print(f"  the card model at list_confidence {r.params.list_confidence}:",
          {k: round(v, 3) for k, v in by_source(data, card, r.params.list_confidence).items()})
    if r.params.list_weights:  # what SearchParams gives now (in-sample where it was fitted on these questions)
        now = [list_confidence(d["X"], r.params) for d in data]
        print(f"  SearchParams now: mean set F1 {overall(data, now, r.params.list_threshold, r.params):.3f}",
              {k: round(v, 3) for k, v in by_source(data, now, r.params.list_threshold, r.params).items()})
    best = None
    for l2 in L2S:
        loo = leave_one_out(data, l2)
        scores = {t: overall(data, loo, t) for t in THRESHOLDS}
        t = max(scores, key=lambda k: scores[k])
        if best is None or scores[t] > best[0] + 1e-9:
            best = (scores[t], l2, loo)
        print(f"  l2 {l2:5.1f}: leave-one-question-out mean set F1, without sections: "
              + " ".join(f"{t:.2f}:{f1:.3f}" for t, f1 in scores.items()))
    _, l2, loo = best
    w, b = fit_all(data, l2)
    print(f"chosen l2 = {l2}")
    print("list_weights =", tuple(round(float(v), 4) for v in w), "  # " + ", ".join(LIST_FEATURES))
    print("list_bias =", round(float(b), 4))

    # the threshold and the section knobs together, on the leave-one-question-out probabilities
    best, table = None, []
    for t in THRESHOLDS[(THRESHOLDS >= 0.3) & (THRESHOLDS <= 0.65)]:  # the rest never came near on dev
        for span, seed, gap, edge, word in itertools.product(SPANS, (float(t),) + SEEDS, GAP_MINS, EDGE_MINS,
                                                             EDGE_WORDS):
            if seed < t:
                continue
            params = replace(r.params, list_section_span=span, list_section_seed=seed, list_gap_min=gap,
                             list_edge_min=edge, list_edge_word=word)
            scores, mean = by_source(data, loo, t, params), overall(data, loo, t, params)
            knobs = (float(t), span, seed, gap, edge, word)
            table.append((round(mean, 3), knobs, {k: round(v, 3) for k, v in scores.items()}))
            if best is None or mean > best[0] + 1e-9:
                best = (mean, knobs, scores)
    for row in sorted(table, key=lambda x: -x[0])[:8]:
        print("  ", *row)
    mean, (t, span, seed, gap, edge, word), scores = best
    print(f"list_threshold = {t}, list_section_span = {span}, list_section_seed = {seed}, list_gap_min = {gap},"
          f" list_edge_min = {edge}, list_edge_word = {word} (leave-one-question-out mean set F1 {mean:.3f}):",
          {k: round(v, 3) for k, v in scores.items()})
    print(f"  without sections at that threshold {overall(data, loo, t):.3f}:",
          {k: round(v, 3) for k, v in by_source(data, loo, t).items()})
    # what a card counted for its section (below the threshold) is shown with: the share of such cards that belong
    chosen_params = replace(r.params, list_threshold=t, list_section_span=span, list_section_seed=seed,
                            list_gap_min=gap, list_edge_min=edge, list_edge_word=word)
    added, right = section_precision(data, loo, t, chosen_params)
    print(f"list_section_confidence = {right / max(added, 1):.2f} ({right} of {added} cards counted for their section"
          " belong, with the knobs chosen)")


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
