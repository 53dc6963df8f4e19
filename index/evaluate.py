"""Ranking metrics and the evaluation runs: our graded question set, JSQuAD retrieval and JSTS similarity."""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from .resources import bundled_file

__all__ = ["Question", "jsonl_rows", "load_questions", "QuestionScore", "score_question", "summarise", "evaluate_questions",
           "jsquad_corpus", "jsquad_questions", "evaluate_jsquad", "evaluate_jsts", "spearman"]

QUESTIONS = bundled_file("questions.jsonl")  # the package's copy when installed, eval/ in a checkout
JGLUE = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "jglue"


@dataclass(frozen=True)
class Question:
    qid: str
    query: str
    type: str
    relevant: tuple[str, ...]
    partial: tuple[str, ...]
    split: str

    def grade(self, card_id: str) -> int:
        return 2 if card_id in self.relevant else 1 if card_id in self.partial else 0

    @property
    def answerable(self) -> bool:
        return bool(self.relevant or self.partial)


def jsonl_rows(path: Path, split: str = "all") -> list[tuple[int, dict]]:
    """The objects of a JSONL file, each with its line number (from 1; blank lines are skipped but counted), only
    those of `split` unless it is "all" (an object that names no split is dev)."""
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            d = json.loads(line)
            if split in ("all", d.get("split", "dev")):
                rows.append((n, d))
    return rows


def load_questions(path: Path = QUESTIONS, split: str = "all") -> list[Question]:
    return [Question(d["qid"], d["query"], d["type"], tuple(d.get("relevant", ())), tuple(d.get("partial", ())),
                     d.get("split", "dev")) for _, d in jsonl_rows(path, split)]


@dataclass
class QuestionScore:
    qid: str
    type: str
    answerable: bool
    abstained: bool
    hit1: float = 0.0
    recall5: float = 0.0
    mrr10: float = 0.0
    ndcg10: float = 0.0
    ranked: list[str] = field(default_factory=list)
    list_scores: tuple[float, float, float] | None = None  # a list answer's precision, recall and F1 as a set


def _dcg(gains: Iterable[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def score_question(q: Question, ranked: Sequence[str], abstained: bool,
                   listed: Sequence[str] | None = None) -> QuestionScore:
    """hit@1: the first result has the question's best grade; recall@5 and MRR@10 count grade-2 cards (or grade 1
    where a question has none); nDCG@10 uses the grades as gains. `listed`: a list answer's set, for set F1."""
    s = QuestionScore(q.qid, q.type, q.answerable, abstained, ranked=list(ranked))
    if not q.answerable or abstained:
        return s
    target = set(q.relevant) or set(q.partial)
    best = 2 if q.relevant else 1
    s.hit1 = float(bool(ranked) and q.grade(ranked[0]) == best)
    s.recall5 = len(target & set(ranked[:5])) / len(target)
    s.mrr10 = next((1.0 / (i + 1) for i, c in enumerate(ranked[:10]) if c in target), 0.0)
    ideal = sorted([2] * len(q.relevant) + [1] * len(q.partial), reverse=True)[:10]
    s.ndcg10 = _dcg(q.grade(c) for c in ranked[:10]) / _dcg(ideal)
    if listed is not None:  # as a set against the relevant cards; partly relevant ones count neither way
        got, rel, part = set(listed), set(q.relevant), set(q.partial)
        tp, fp, fn = len(got & rel), len(got - rel - part), len(rel - got)
        p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        s.list_scores = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return s


def summarise(scores: Sequence[QuestionScore]) -> dict:
    """Means overall and per type, plus abstention precision/recall over the no-answer questions."""
    def means(group: list[QuestionScore]) -> dict:
        ans = [s for s in group if s.answerable]
        if not ans:
            return {"n": 0}
        return {"n": len(ans), **{m: float(np.mean([getattr(s, m) for s in ans]))
                                  for m in ("hit1", "recall5", "mrr10", "ndcg10")}}

    by_type: dict[str, list[QuestionScore]] = defaultdict(list)
    for s in scores:
        by_type[s.type].append(s)
    abstained = [s for s in scores if s.abstained]
    none = [s for s in scores if not s.answerable]
    ans = [s for s in scores if s.answerable]
    correct = [s for s in abstained if not s.answerable]
    lists = [s.list_scores for s in scores if s.list_scores is not None]
    return {
        "overall": means(list(scores)),
        "types": {t: means(g) for t, g in sorted(by_type.items()) if t != "none"},
        "abstention": {
            "precision": len(correct) / len(abstained) if abstained else 1.0,
            "recall": len(correct) / len(none) if none else 1.0,
            "answerable_abstained": sum(s.abstained for s in ans) / len(ans) if ans else 0.0,
            "n_none": len(none),
        },
        "lists": {"n": len(lists), **{m: float(np.mean([x[i] for x in lists])) if lists else 0.0
                                      for i, m in enumerate(("precision", "recall", "f1"))}},
    }


def evaluate_questions(retriever, questions: Sequence[Question], mode: str = "hybrid") -> list[QuestionScore]:
    out = []
    for q in questions:
        res = retriever.search(q.query, top_k=10, mode=mode)
        listed = ([h.card.id for h in res.results if not h.related]
                  if res.intent is not None and res.intent.is_list and mode != "bm25" else None)
        out.append(score_question(q, [h.card.id for h in res.results], res.abstained, listed))
    return out


# ------------------------------------------------------------------------------------------------- JGLUE

def jsquad_corpus(path: Path | None = None) -> tuple[list[dict], list[dict]]:
    """JSQuAD as (paragraph records for the importer, questions with the id of their paragraph)."""
    path = Path(path or JGLUE / "jsquad-valid-v1.3.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs: list[dict] = []
    questions: list[dict] = []
    for article in data["data"]:
        for para in article["paragraphs"]:
            pid = f"p{len(paragraphs):04d}"
            ctx = para["context"]
            title, _, body = ctx.partition(" [SEP] ")
            if not body:
                title, body = article.get("title", ""), ctx
            paragraphs.append({"id": pid, "name": title.strip() or article.get("title", pid), "overview": body.strip()})
            for qa in para["qas"]:
                questions.append({"id": qa["id"], "question": qa["question"], "paragraph": pid})
    return paragraphs, questions


def jsquad_questions(questions: list[dict], n: int = 1000, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return rng.sample(questions, min(n, len(questions))) if n else list(questions)


def evaluate_jsquad(retriever, questions: Sequence[dict], mode: str) -> dict:
    """Question → paragraph retrieval: Recall@1, Recall@10, MRR@10 of the paragraph holding the answer, searched as
    shipped (an abstained question scores 0; `abstained` counts them)."""
    r1 = r10 = mrr = 0.0
    abstained = 0
    for q in questions:
        res = retriever.search(q["question"], top_k=10, mode=mode)
        abstained += res.abstained
        ranked = [h.card.id for h in res.results[:10]]
        if ranked[:1] == [q["paragraph"]]:
            r1 += 1
        if q["paragraph"] in ranked:
            r10 += 1
            mrr += 1.0 / (ranked.index(q["paragraph"]) + 1)
    n = len(questions) or 1
    return {"n": len(questions), "recall1": r1 / n, "recall10": r10 / n, "mrr10": mrr / n, "abstained": abstained}


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho with average ranks for ties."""
    def ranks(v):
        v = np.asarray(v, dtype=np.float64)
        order = np.argsort(v, kind="mergesort")
        r = np.empty(len(v))
        sv = v[order]
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and sv[j + 1] == sv[i]:
                j += 1
            r[order[i:j + 1]] = (i + j) / 2.0 + 1
            i = j + 1
        return r

    rx, ry = ranks(x), ranks(y)
    return float(np.corrcoef(rx, ry)[0, 1])


def evaluate_jsts(embed_documents: Callable[[list[str]], np.ndarray], path: Path | None = None,
                  limit: int = 0) -> dict:
    """JSTS: Spearman between the embedder's cosine and the human 0–5 similarity label."""
    path = Path(path or JGLUE / "jsts-valid-v1.3.jsonl")
    rows = [d for _, d in jsonl_rows(path)]
    if limit:
        rows = rows[:limit]
    a = embed_documents([r["sentence1"] for r in rows])
    b = embed_documents([r["sentence2"] for r in rows])
    cos = np.sum(a * b, axis=1)
    return {"n": len(rows), "spearman": spearman(cos, [float(r["label"]) for r in rows])}
