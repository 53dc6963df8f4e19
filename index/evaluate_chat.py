"""The chat's evaluation: multi-turn conversations played turn by turn, and list questions scored as sets.

A conversation is played as a person would: each turn is asked with the conversation the assistant's own previous
answers returned (never the expected ones), so a wrong turn can lead the next astray, as in use.

A turn is right when both hold:
- its cards: the cards the answer counts (`Answer.answers`: the 「該当 N 件」, the rows of a field table) equal the
  expected set. With one expected card this is: the first answer card is that card and no other card is counted.
  With none expected (an ordinal past the list, nothing to refer to) no card is counted.
- its text: every `must_contain` substring is in the answer's plain text (`answer_text` without the related
  cards: the direct answer, its notes, the field table and the counted cards), both sides NFKC-normalised.

A list question's score is the set F1 of the cards the chat's answer counts against `expected`.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .assist import Answer, Conversation, answer_text, ask
from .conversation import Turn
from .evaluate import jsonl_rows

__all__ = ["ChatTurn", "TurnScore", "load_conversations", "load_list_questions", "play", "turn_right",
           "summarise_turns", "score_lists", "CONVERSATIONS", "LIST_QUESTIONS"]

EVAL = Path(__file__).resolve().parent.parent / "eval"
CONVERSATIONS = EVAL / "conversations.jsonl"
LIST_QUESTIONS = EVAL / "list_questions.jsonl"


@dataclass(frozen=True)
class ChatTurn:
    q: str
    family: str
    expected: tuple[str, ...]
    field: str = ""
    must_contain: tuple[str, ...] = ()


@dataclass
class TurnScore:
    cid: str
    split: str
    index: int
    turn: ChatTurn
    got: list[str]
    text: str
    cards_right: bool
    text_right: bool
    missing_text: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return self.cards_right and self.text_right


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def load_conversations(path: Path = CONVERSATIONS, split: str = "all") -> list[dict]:
    """The conversations of a split: {"cid", "split", "turns": [ChatTurn, …]} each."""
    return [{"cid": d.get("cid", f"line{n}"), "split": d.get("split", "dev"),
             "turns": [ChatTurn(t["q"], t.get("family", "new"), tuple(t.get("expected") or ()), t.get("field") or "",
                                tuple(t.get("must_contain") or ())) for t in d["turns"]]}
            for n, d in jsonl_rows(path, split)]


def load_list_questions(path: Path = LIST_QUESTIONS, split: str = "all") -> list[dict]:
    return [d for _, d in jsonl_rows(path, split)]


def turn_right(turn: ChatTurn, answer: Answer) -> tuple[bool, bool, list[str]]:
    """(cards right, text right, the must_contain substrings missing), by the rule in this module's docstring."""
    got = [h.card.id for h in answer.answers]
    if len(turn.expected) == 1:
        cards = got == [turn.expected[0]]
    else:
        cards = set(got) == set(turn.expected) and len(got) == len(set(got))
    text = _nfkc(answer_text(answer, related=False))
    missing = [s for s in turn.must_contain if _nfkc(s) not in text]
    return cards, not missing, missing


def play(retriever, conversation: dict, opening_given: bool = False, **kw) -> list[TurnScore]:
    """Ask a conversation's turns in order, each with the history the previous answer returned. `opening_given`: the
    first turn is taken as answered with its labelled cards (nothing shown below them) and only the later turns are
    asked and scored, which measures the follow-ups apart from the opening answer (a list the chat cut short makes
    every follow-up on it wrong)."""
    conv, out, turns = Conversation(), [], list(enumerate(conversation["turns"]))
    if opening_given and turns:
        first = turns.pop(0)[1]
        conv = conv.add(Turn(first.q, first.expected))
    for i, t in turns:
        a = ask(retriever, t.q, conv, **kw)
        conv = a.conversation
        cards, text, missing = turn_right(t, a)
        out.append(TurnScore(conversation["cid"], conversation["split"], i, t, [h.card.id for h in a.answers],
                             answer_text(a, related=False), cards, text, missing))
    return out


def summarise_turns(scores: Sequence[TurnScore]) -> dict:
    """Turn accuracy overall and by family (with the share right on cards and on text alone)."""
    def acc(group: list[TurnScore]) -> dict:
        n = len(group)
        return {"n": n, "right": sum(s.right for s in group), "accuracy": sum(s.right for s in group) / n if n else 0.0,
                "cards": sum(s.cards_right for s in group) / n if n else 0.0,
                "text": sum(s.text_right for s in group) / n if n else 0.0}

    by_family: dict[str, list[TurnScore]] = defaultdict(list)
    for s in scores:
        by_family[s.turn.family].append(s)
    convs: dict[str, list[TurnScore]] = defaultdict(list)
    for s in scores:
        convs[s.cid].append(s)
    return {"overall": acc(list(scores)), "families": {f: acc(g) for f, g in sorted(by_family.items())},
            "conversations": {"n": len(convs), "all_right": sum(all(s.right for s in g) for g in convs.values())}}


def score_lists(retriever, questions: Sequence[dict], **kw) -> dict:
    """Set precision, recall and F1 of the cards the chat's answer counts, per question and averaged (by kind too)."""
    rows = []
    for d in questions:
        a = ask(retriever, d["query"], **kw)
        got, want = {h.card.id for h in a.answers}, set(d.get("expected") or ())
        tp = len(got & want)
        p = tp / len(got) if got else (1.0 if not want else 0.0)
        r = tp / len(want) if want else (1.0 if not got else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append({"qid": d.get("qid", ""), "kind": d.get("kind", ""), "precision": p, "recall": r, "f1": f1,
                     "got": sorted(got), "expected": sorted(want)})

    def mean(group, key):
        return sum(x[key] for x in group) / len(group) if group else 0.0

    kinds: dict[str, list[dict]] = defaultdict(list)
    for x in rows:
        kinds[x["kind"]].append(x)
    return {"n": len(rows), **{k: mean(rows, k) for k in ("precision", "recall", "f1")},
            "kinds": {k: {"n": len(g), "f1": mean(g, "f1")} for k, g in sorted(kinds.items())}, "questions": rows}
