"""Ranking alone: each answerable question scored end to end and as if the no-answer decision never hid a card (an
abstained question scored on the suggestions it shows), to separate what the ranking loses from what the decision
loses (run: .venv/bin/python eval/ranking_alone.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.config import load_settings  # noqa: E402
from index.evaluate import load_questions, score_question, summarise  # noqa: E402
from index.retrieve import open_retriever  # noqa: E402


def main() -> None:
    r = open_retriever(load_settings())
    for split in ("dev", "test"):
        end, alone = [], []
        for q in (q for q in load_questions(split=split) if q.answerable):
            res = r.search(q.query, top_k=10)
            listed = [h.card.id for h in res.results if not h.related] if res.intent is not None and res.intent.is_list \
                else None
            end.append(score_question(q, [h.card.id for h in res.results], res.abstained, listed))
            shown = res.suggestions if res.abstained else res.results
            alone.append(score_question(q, [h.card.id for h in shown], False, listed))
        for name, s in (("end to end", summarise(end)), ("ranking alone", summarise(alone))):
            o = s["overall"]
            print(f"{split} {name}: n={o['n']} hit@1 {o['hit1']:.3f} R@5 {o['recall5']:.3f} nDCG@10 {o['ndcg10']:.3f}; "
                  + ", ".join(f"{t} {v['ndcg10']:.3f}" for t, v in s["types"].items() if v.get("n")))


if __name__ == "__main__":
    main()
