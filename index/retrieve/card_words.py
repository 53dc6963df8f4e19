"""Each card's words as the list and topic paths read them, analysed once at index build and stored with the index
(derived/card_words.json): a question reads them instead of tokenizing every card's text, which touched most of
UniDic's memory-mapped dictionary (sys.dic, matrix.bin: +66 MB resident) in every process that answered a list."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Sequence

from ..corpus import PolicyCard

__all__ = ["CARD_WORDS", "CardWords", "full_text", "outcome_sentences", "subject_text"]

CARD_WORDS = "card_words.json"  # its file among the index's derived tables


def full_text(card: PolicyCard) -> str:
    """A card's name, overview and KPIs, as written (the bullets are the overview's own lines)."""
    return " ".join((card.name, card.overview, card.kpi_progress, card.kpi_effect))


# a suffix that makes another word of the noun before it: オンライン化 (putting something online), 効率的, 利便性
_DERIVED = "化的性"
_KATAKANA = re.compile(r"[ァ-ヶー]")


def said_as_such(text: str, word: str) -> bool:
    """Whether `text` (normalized) holds `word` as that word, not only turned into another by a suffix (_DERIVED): the
    word, or the katakana word it is a piece of (ライン of オンライン), followed by 化, 的 or 性 is another word
    (03-08's 申請のオンライン化 puts an application online; it does not say オンライン as 03-14's オンライン診療 does)."""
    if not word:
        return False
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if _KATAKANA.match(word[-1]):
            while end < len(text) and _KATAKANA.match(text[end]):
                end += 1
        if end >= len(text) or text[end] not in _DERIVED:
            return True
        start = text.find(word, start + 1)
    return False


def subject_text(card: PolicyCard) -> str:
    """Where a card states its subject: its name (施策名), the first point of its 課題・取組概要 and its KPIs."""
    first = card.bullets[0] if card.bullets else card.overview.split("。")[0]
    return " ".join((card.name, first, card.kpi_progress, card.kpi_effect))


# a sentence whose predicate says what the measure leads to, not what it does: 「…人材育成に貢献する。」,
# 「…の解決に資するものである。」, 「…負担軽減に寄与。」, 「…基盤の構築に繋(つな)がり、…」 ending the sentence
_OUTCOME = re.compile(r"(?:に貢献|に資する|に寄与|につなが|に繋(?:\(つな\))?が|に結び付|に結びつ)[^。、]{0,8}。?$")


def outcome_sentences(card: PolicyCard) -> list[str]:
    """The clauses of a card's 課題・取組概要 that state the outcome it serves (a purpose clause: 〜に貢献する,
    〜に資する, 〜に寄与する, 〜につながる, the last clause of its sentence), as written. What such a clause names is
    where the measure leads, not its subject: 03-04 (教育分野のデータ連携) closes with 「…付加価値の高い人材育成に
    貢献する」 and trains nobody. The sentence's earlier clauses say what it does or meets (02-08 「5Gネットワークの
    進展等による技術革新に対応するとともに、…自動運転の実現に寄与する」 is about 5G)."""
    return [s.strip().rsplit("、", 1)[-1] for b in card.bullets for s in re.split(r"(?<=。)", b)
            if _OUTCOME.search(s.strip())]


@dataclass(frozen=True)
class CardWords:
    """For each card, in the index's order, the search words (text.Analyzer.words) of:

    name     its name (what the list model's in_name and named_in_topic read; assist._name_words);
    subject  its name, first point and KPIs (subject_text: Retriever._holds_any, for decide.section_run);
    words    its name, overview and KPIs (full_text: assist._words_of);
    heads    the nouns of full_text that head what they stand in, not followed by a noun of two or more characters
             (信号 of 信号機 still heads it; 運転 of 運転免許 does not: Retriever._pieces);
    outcome  the words of full_text that it says only in an outcome clause (outcome_sentences: 人材 and 育成 of 03-04,
             which contributes to 人材育成): a passing mention, which a list restricted by its subject does not count."""

    name: tuple[frozenset[str], ...]
    subject: tuple[frozenset[str], ...]
    words: tuple[frozenset[str], ...]
    heads: tuple[frozenset[str], ...]
    outcome: tuple[frozenset[str], ...]

    def __len__(self) -> int:
        return len(self.name)

    @cached_property
    def counts(self) -> Counter[str]:
        """How many cards write each word of `words` (what siblings.second_first reads), counted on first use."""
        return Counter(w for words in self.words for w in words)

    @classmethod
    def of(cls, cards: Sequence[PolicyCard]) -> CardWords:
        """Analysed from the cards (at build; or on first use for an index stored without the table)."""
        from ..text import analyzer

        an = analyzer()
        name, subject, words, heads, outcome = [], [], [], [], []
        for c in cards:
            name.append(frozenset(an.words(c.name)))
            subject.append(frozenset(an.words(subject_text(c))))
            ts = an.tokens(full_text(c))  # (tokens() normalises first: the same words as of normalize(text))
            words.append(frozenset(an._words(ts, False)))
            heads.append(frozenset(t.base for k, t in enumerate(ts) if t.pos.startswith("名詞") and not (
                k + 1 < len(ts) and ts[k + 1].pos.startswith("名詞") and len(ts[k + 1].surface) > 1)))
            said = outcome_sentences(c)
            rest = full_text(c)
            for sentence in said:
                rest = rest.replace(sentence, " ")
            outcome.append(frozenset(an.words(" ".join(said))) - frozenset(an.words(rest)) if said else frozenset())
        return cls(tuple(name), tuple(subject), tuple(words), tuple(heads), tuple(outcome))

    def to_json(self) -> str:
        return json.dumps({f.name: [sorted(s) for s in getattr(self, f.name)] for f in fields(self)},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: bytes | str, n_cards: int) -> CardWords | None:
        """The stored table; None where it is unreadable or not of `n_cards` cards (then analysed from the cards)."""
        try:
            d = json.loads(data)
            table = cls(*(tuple(frozenset(s) for s in d[f.name]) for f in fields(cls)))
        except (ValueError, UnicodeDecodeError, KeyError, TypeError):
            return None
        return table if all(len(getattr(table, f.name)) == n_cards for f in fields(table)) else None
