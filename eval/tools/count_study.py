"""count_study.py N,N,…: one measure or a list, asked of the tuning sets named (never a transfer or test set).

Asks every opening of eval/conversationsN.jsonl and every dev list question of eval/list_questionsN.jsonl through the
chat (assist.ask, no conversation) and prints the ones whose count is wrong in kind: SHORT, a list wanted (≥ 2 cards)
and one card given; WIDE, one card wanted and several given. Columns: set, id, kind or family, understand.asks_list,
question, given, wanted. Round 25 ran it over 4,5,7,…,33 (SHORT 58, WIDE 12; eval/README "Round 25").
Run from the repository root: PYTHONPATH=. SEISAKU_CACHE_DIR=… python eval/tools/count_study.py 4,5,7,8
"""
import json
import sys
from pathlib import Path

from index.assist import ask
from index.config import Settings
from index.retrieve import open_retriever
from index.retrieve.understand import asks_list

r = open_retriever(Settings())
short, wide, ok = [], [], 0
for n in (int(x) for x in sys.argv[1].split(",")):
    items = []
    lists = Path(f"eval/list_questions{n}.jsonl")
    if lists.exists():
        items += [(d["qid"], d["query"], d["expected"], "L") for d in map(json.loads, lists.open(encoding="utf-8"))
                  if d.get("split", "").startswith("dev")]
    for d in map(json.loads, Path(f"eval/conversations{n}.jsonl").open(encoding="utf-8")):
        t = d["turns"][0]
        items.append((d.get("cid", "") + "#0", t["q"], t.get("expected") or [], t.get("family", "")))
    for qid, q, want, kind in items:
        got = [h.card.id for h in ask(r, q).answers]
        if len(want) >= 2 and len(got) == 1:
            short.append((n, qid, kind, asks_list(q), q, got, want))
        elif len(want) == 1 and len(got) >= 2:
            wide.append((n, qid, kind, asks_list(q), q, got, want))
        else:
            ok += 1
print("ok", ok, "short", len(short), "wide", len(wide))
for row in short:
    print("SHORT", *row)
for row in wide:
    print("WIDE", *row)
