"""Tune the ranking knobs on the dev split only, and print what each setting scores (run: .venv/bin/python eval/tune.py)."""

import itertools
import sys
from dataclasses import replace

from index.config import load_settings
from index.evaluate import evaluate_questions, load_questions, summarise
from index.retrieve import open_retriever


def report(name, summary):
    o, a = summary["overall"], summary["abstention"]
    types = " ".join(f"{t}={v['ndcg10']:.3f}" for t, v in summary["types"].items())
    print(f"{name:50s} nDCG={o['ndcg10']:.3f} hit1={o['hit1']:.3f} R5={o['recall5']:.3f} "
          f"abst P={a['precision']:.2f} R={a['recall']:.2f} ans={a['answerable_abstained']:.3f} | {types}", flush=True)


def main():
    split = sys.argv[1] if len(sys.argv) > 1 else "dev"
    r = open_retriever(load_settings())
    qs = load_questions(split=split)
    base = r.params
    for mode in ("bm25", "dense", "hybrid"):
        report(f"{split} {mode}", summarise(evaluate_questions(r, qs, mode)))
    if split != "dev":
        return
    grid = {
        "fusion": ["rrf", "zscore", "minmax"], "rrf_k": [1, 2, 5, 10, 60], "dense_weight": [0.5, 0.6, 0.7],
        "gram_weight": [0.0, 0.3], "reading_weight": [0.3, 0.6, 1.0], "head_weight": [0.5],
        "english_lexical": [0.3, 0.6],
    }
    results = []
    for fusion, k, dw, gw, rw, hw, el in itertools.product(*grid.values()):
        if fusion == "rrf" and dw != 0.5 or fusion != "rrf" and k != 5:
            continue
        r.params = replace(base, fusion=fusion, rrf_k=k, dense_weight=dw, gram_weight=gw, reading_weight=rw,
                           head_weight=hw, english_lexical=el, abstain_bias=-1e9)  # ranking without abstention
        s = summarise(evaluate_questions(r, qs))
        noisy = s["types"]["noisy"]["ndcg10"]
        results.append((s["overall"]["ndcg10"], s["overall"]["hit1"], noisy, fusion, k, dw, gw, rw, hw, el))
    results.sort(reverse=True)
    for row in results[:15]:
        print("%.4f %.4f noisy=%.3f %s k=%s dw=%s gw=%s rw=%s hw=%s el=%s" % row)
    best = results[0]
    r.params = replace(base, fusion=best[3], rrf_k=best[4], dense_weight=best[5], gram_weight=best[6],
                       reading_weight=best[7], head_weight=best[8], english_lexical=best[9], abstain_bias=-1e9)
    for margin in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        r.params = replace(r.params, list_margin=margin)
        s = summarise(evaluate_questions(r, qs))
        print(f"list_margin={margin}: overall nDCG={s['overall']['ndcg10']:.4f} list nDCG={s['types']['list']['ndcg10']:.4f}"
              f" list R@5={s['types']['list']['recall5']:.4f}")


if __name__ == "__main__":
    main()
