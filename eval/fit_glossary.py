"""Fit the glossary's weights (SearchParams.glossary_weight, english_glossary_lexical) on the dev questions, leave
one block out: the dev split in five blocks of question order (the batches were appended in turn); each weight pair is
chosen on four blocks and the held block's before/after is printed. Only questions the glossary reads change, so only
they are searched. Run: PYTHONPATH=$PWD .venv/bin/python eval/fit_glossary.py"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np

from index.config import load_settings
from index.evaluate import evaluate_questions, load_questions
from index.retrieve import open_retriever
from index.retrieve.glossary import table_terms

GRID = {"glossary_weight": [0.0, 0.5, 0.75, 1.0], "english_glossary_lexical": [0.0, 0.15, 0.3]}
BLOCKS = 5


def main() -> None:
    r = open_retriever(load_settings())
    dev = load_questions(split="dev")
    block = {q.qid: i * BLOCKS // len(dev) for i, q in enumerate(dev)}
    qs = [q for q in dev if table_terms(q.query)]
    print(f"{len(qs)} of {len(dev)} dev questions have glossary terms")
    base = r.params
    table = {}
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values))
        if setting["glossary_weight"] == 0.0 and setting["english_glossary_lexical"] != 0.0:
            continue  # with no glossary terms scored, the English weight is the old one
        r.params = replace(base, **setting) if setting["glossary_weight"] else replace(base, glossary_weight=0.0)
        scores = evaluate_questions(r, qs)
        # per question: nDCG@10 + hit@1 where answerable (0 when answered 'none'), 1 for a right 'none'
        table[values] = np.array([s.ndcg10 + s.hit1 if s.answerable else 2.0 * s.abstained for s in scores])
        held = [np.mean(table[values][[block[q.qid] == b for q in qs]]) for b in range(BLOCKS)]
        print(setting, f"all {table[values].mean():.4f}", " ".join(f"{h:.3f}" for h in held), flush=True)
    off = table[(0.0, 0.0)]
    for b in range(BLOCKS):
        inside = np.array([block[q.qid] != b for q in qs])
        best = max(table, key=lambda v: (table[v][inside].mean(), -v[0], -v[1]))
        print(f"block {b} held: chosen on the rest {dict(zip(GRID, best))}; held score {off[~inside].mean():.4f} → "
              f"{table[best][~inside].mean():.4f} (n={int((~inside).sum())})")
    print("chosen on all:", dict(zip(GRID, max(table, key=lambda v: (table[v].mean(), -v[0], -v[1])))))


if __name__ == "__main__":
    main()
