"""`seisaku eval --chat`: the multi-turn conversations and the list questions, per split, printed as tables."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from index.evaluate_chat import (CONVERSATIONS, LIST_QUESTIONS, load_conversations, load_list_questions, play,
                                 score_lists, summarise_turns)
from index.evaluate import jsonl_rows
from index.retrieve import open_retriever


def present_splits(path: Path) -> list[str]:
    """The splits a conversation (or list) file holds, dev and test first (a later blind set may add its own, e.g.
    test2)."""
    found = {d.get("split", "dev") for _, d in jsonl_rows(path)} if path.exists() else set()
    return [s for s in ("dev", "test") if s in found or not found] + sorted(found - {"dev", "test"})


def run_chat_eval(args, settings) -> int:
    """Turn accuracy by family and list set F1, for dev and test (or the split asked); `--show-wrong` lists the
    wrong turns and lists of the dev split only (test is reported, never read turn by turn)."""
    r = open_retriever(replace(settings, source=None))
    # `--lists FILE` alone scores that file's lists only (a list set has no conversations)
    cpath = args.conversations or (None if args.lists else CONVERSATIONS)
    lpath = args.lists or LIST_QUESTIONS
    splits = present_splits(cpath or lpath) if args.split == "all" else [args.split]
    out: dict = {}
    for split in splits:
        out[split] = {}
        wrong = []
        if cpath is not None and cpath.exists():
            given = bool(getattr(args, "opening_given", False))
            scores = [s for c in load_conversations(cpath, split) for s in play(r, c, opening_given=given)]
            out[split]["turns"] = summarise_turns(scores)
            wrong = [s for s in scores if not s.right]
        if lpath.exists() and load_list_questions(lpath, split):
            out[split]["lists"] = score_lists(r, load_list_questions(lpath, split))
        if args.json:
            continue
        t = out[split].get("turns")
        if t and t["overall"]["n"]:  # a split the conversation file does not hold prints no empty line
            o, c = t["overall"], t["conversations"]
            print(f"\nConversations, split={split}: {o['right']}/{o['n']} turns right ({o['accuracy']:.1%}; cards "
                  f"{o['cards']:.1%}, text {o['text']:.1%}); {c['all_right']}/{c['n']} conversations all right")
            for fam, m in t["families"].items():
                print(f"  {fam:14s} {m['right']:3d}/{m['n']:3d}  {m['accuracy']:6.1%}")
        ls = out[split].get("lists")
        if ls:
            print(f"List questions, split={split}: set F1 {ls['f1']:.3f} (precision {ls['precision']:.3f}, recall "
                  f"{ls['recall']:.3f}) over {ls['n']}; " + ", ".join(f"{k} {m['f1']:.3f} (n={m['n']})"
                                                                      for k, m in ls["kinds"].items()))
        if args.show_wrong and split.startswith("dev"):
            for s in wrong:
                why = ("cards" if not s.cards_right else "") + (" text" if not s.text_right else "")
                print(f"  ✗ {s.cid}#{s.index} [{s.turn.family}] {s.turn.q} → {s.got} want {list(s.turn.expected)}"
                      f" ({why.strip()}{': missing ' + str(s.missing_text) if s.missing_text else ''})")
            for q in (ls or {}).get("questions", []):
                if q["f1"] < 1:
                    print(f"  ✗ list {q['qid']} [{q['kind']}] F1 {q['f1']:.2f}: got {q['got']} want {q['expected']}")
    if args.json:
        for split in out:
            if "lists" in out[split]:
                out[split]["lists"].pop("questions", None)
        print(json.dumps(out, ensure_ascii=False))
    return 0
