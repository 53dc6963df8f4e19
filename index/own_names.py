"""The names a card's own text gives what it runs, besides the 施策名: its acronyms and the short names it defines in
brackets (02-06: 「TSPS(信号情報活用運転支援システム)」, 03-16: 「ISUT(Information Support Team)」, 03-17: SIP4D, said
three times, 05-32: 「農地情報公開システム(全国農地ナビ)」). People ask for a measure by these names and recognise it by
them, while the 施策名 often says none of them (「全国主要交差点への…インフラの整備」 is TSPS).

An acronym counts as the card's own when it is in at most two cards' text (ICT, used by a dozen cards, names nothing)
and the card defines it in brackets or says it more than once."""

from __future__ import annotations

import re
from collections import Counter
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterable, Mapping

from .corpus import PolicyCard

_LATIN = r"[A-Z][A-Za-z0-9&+\-]*[A-Z0-9][A-Za-z0-9+\-]*"
_ACRONYM = re.compile(rf"(?<![A-Za-z0-9])({_LATIN})(?![A-Za-z0-9])")
# 「…(…)」: what comes before a bracket (a run of one word's characters) and what is in it
_BRACKETED = re.compile(r"([^\s、。「」()（）・：:※]{2,})[(（]([^()（）。]{2,40})[)）]")
_KANA_OR_KANJI = re.compile(r"[぀-ヿ一-鿿]")
SHARED_BY = 2  # an acronym in more cards' text than this is a general word, not a card's own name
# acronyms of general usage that name a body, a standard or a kind of thing a measure works with, never the measure
# itself (05-36 says OECD three times, 07-06 JIS X 8341-3, 05-31 API): not shown as a card's name
GENERAL = frozenset({"API", "APEC", "ASEAN", "CIO", "CSV", "EU", "GDP", "ICT", "IoT", "ISO", "JIS", "KPI", "NPO",
                     "OECD", "PDF", "URL", "WHO", "WTO"})
LONG_FORM = 16  # a long form before a bracket longer than this is a sentence's run of words, not a name: not shown


@dataclass(frozen=True)
class OwnName:
    """One name: `short` (the acronym or the bracketed short name) and `said` (as the card writes it with its long
    form, 「TSPS(信号情報活用運転支援システム)」, or the short name alone)."""
    short: str
    said: str


def _text(card: PolicyCard) -> str:
    return " ".join((card.kpi_progress, card.kpi_effect, card.overview))


def _acronyms(card: PolicyCard) -> Counter[str]:
    return Counter(w for w in _ACRONYM.findall(_text(card)) if len(w) >= 3 and sum(ch.isupper() for ch in w) >= 2)


def names_of(cards: Iterable[PolicyCard]) -> dict[str, tuple[OwnName, ...]]:
    """Card ID → its own names, those it defines in brackets first, then its repeated acronyms by how often it says
    them; a name the 施策名 already holds is left out."""
    cards = list(cards)
    counts = {c.id: _acronyms(c) for c in cards}
    spread: Counter[str] = Counter(w for c in counts.values() for w in c)
    out: dict[str, tuple[OwnName, ...]] = {}
    for card in cards:
        mine = Counter({w: n for w, n in counts[card.id].items() if spread[w] <= SHARED_BY and w not in GENERAL})
        found: list[OwnName] = []
        text = _text(card)
        for m in _BRACKETED.finditer(text):
            before, inside = m.group(1), m.group(2)
            lead = re.search(rf"(?<![A-Za-z0-9])({_LATIN})$", before)
            if lead and lead.group(1) in mine:  # 「TSPS(信号情報活用運転支援システム)」
                found.append(OwnName(lead.group(1), f"{lead.group(1)}({inside})"))
            elif inside in mine:  # 「実践的サイバー防御演習(CYDER)」; an English long form's last word alone
                # (「Data Free Flow with Trust(DFFT)」 read as 「Trust」) is not shown, its whole words are
                # (english_long_form)
                whole = len(before) <= LONG_FORM and _KANA_OR_KANJI.search(before)
                spelled = english_long_form(text[:m.start(2) - 1], inside)
                found.append(OwnName(inside, f"{before}({inside})" if whole else
                                     f"{spelled}({inside})" if spelled else inside))
            elif (before.endswith(("システム", "センター")) or re.search(r"[A-Za-z]", inside)) and \
                    _KANA_OR_KANJI.search(inside) and not re.search(r"\d", inside) and len(inside) <= 12:
                # a system's short name (「農地情報公開システム(全国農地ナビ)」, 「地理空間情報(G空間情報)」)
                found.append(OwnName(inside, f"{before}({inside})" if len(before) <= LONG_FORM else inside))
        defined = {n.short for n in found}
        found += [OwnName(w, w) for w, n in mine.most_common() if n >= 2 and w not in defined]
        seen: set[str] = set()
        kept: list[OwnName] = []
        for n in found:
            if n.short not in seen and n.short not in card.name and not any(k.short in n.short for k in kept):
                # (「ITSS+」 is ITSS's own variant: the name itself is shown once)
                seen.add(n.short)
                kept.append(n)
        if kept:
            out[card.id] = tuple(kept)
    return out


# the names of the table being asked, set by the chat for the turn it answers (index.assist.ask); empty: none shown
CURRENT: ContextVar[Mapping[str, tuple[OwnName, ...]] | None] = ContextVar("own_names", default=None)


def english_long_form(before: str, acronym: str) -> str:
    """The English words right before an acronym's bracket that it stands for, their capitals spelling it
    (「Data Free Flow with Trust(DFFT)」 → 「Data Free Flow with Trust」), or "" when they do not."""
    run = re.search(r"(?:[A-Za-z][A-Za-z-]*\s+){0,9}[A-Za-z][A-Za-z-]*$", before)
    words = run.group(0).split() if run else []
    for k in range(1, len(words) + 1):
        taken = words[-k:]
        if taken[0][0].isupper() and "".join(w[0] for w in taken if w[0].isupper()) == acronym:
            return " ".join(taken)
    return ""


def own_names(card: PolicyCard) -> tuple[OwnName, ...]:
    """The card's own names in the table being asked (names_of), or () outside a chat turn."""
    known = CURRENT.get()
    return known.get(card.id, ()) if known else ()


def tag(card: PolicyCard) -> str:
    """「［TSPS］」: the card's first own name, for its line in a list, or ""."""
    names = own_names(card)
    return f"［{names[0].short}］" if names else ""


def said(card: PolicyCard, text: str, most: int = 3) -> str:
    """The card's own names as it writes them, those `text` does not hold yet, joined with 、 (or "")."""
    return "、".join(n.said for n in own_names(card)[:most] if n.short not in text)
