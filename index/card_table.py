"""The card list as an analyst browses it (the page's 施策一覧): one row per card with the columns shown, a search that
matches every shown column and the card's other text, by spelling or by reading (えんかく finds 遠隔医療), and facets
(chapter, lead ministry, KPI status) with their counts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from .assist import chapter_titles, kpi_status_label
from .corpus import PolicyCard
from .text import analyzer, fold_kana, fold_sounds, normalize

__all__ = ["CardTable", "COLUMNS", "KPI_STATUSES", "NO_LEAD"]

COLUMNS = ("施策番号", "施策名", "章", "主担当", "KPI")
KPI_STATUSES = ("設定済", "未設定あり", "空欄あり")
NO_LEAD = "（主担当なし）"
_KANA_WORD = re.compile(r"[ぁ-ゖァ-ヺー]+")


@dataclass
class CardTable:
    """Rows of `cards` ([施策番号, 施策名, 章, 主担当, KPI]) and what a search of them reads."""

    cards: Sequence[PolicyCard]
    titles: dict[str, str] = field(default_factory=dict)
    rows: list[list[str]] = field(default_factory=list)
    _hay: list[str] = field(default_factory=list)
    _readings: list[str] | None = None

    @classmethod
    def of(cls, cards: Sequence[PolicyCard]) -> CardTable:
        titles = chapter_titles(cards)
        rows = [[c.id, c.name, titles.get(c.chapter, c.chapter), "、".join(c.lead_ministries) or NO_LEAD,
                 kpi_status_label(c)] for c in cards]
        hay = [normalize(" ".join((*row, c.overview, " ".join(c.bullets), c.kpi_progress, c.kpi_effect,
                                   c.ministries_raw))) for c, row in zip(cards, rows)]
        return cls(cards, titles, rows, hay)

    def _reading(self, i: int) -> str:
        """Card i's text in katakana, with the marks people drop folded away (built for all cards on first use)."""
        if self._readings is None:
            an = analyzer()
            self._readings = [fold_sounds("".join(t.kana or fold_kana(t.surface) for t in an.tokens(
                " ".join((c.name, c.overview, *c.bullets, c.kpi_progress, c.kpi_effect)))))
                for c in self.cards]
        return self._readings[i]

    def _matches(self, i: int, word: str) -> bool:
        if word in self._hay[i]:
            return True
        # a word typed in kana also matches the cards that say it in kanji: えんかく → 遠隔 (read エンカク)
        return bool(_KANA_WORD.fullmatch(word)) and len(word) >= 2 and fold_sounds(fold_kana(word)) in self._reading(i)

    def select(self, text: str = "", chapters: Sequence[str] = (), leads: Sequence[str] = (),
               kpi: Sequence[str] = ()) -> list[int]:
        """Indices of the cards holding every word of `text` (in any shown column or the card's text, by spelling or
        reading) and within the chosen facets (any of the values chosen in each)."""
        words = normalize(text).split()
        out = []
        for i, (c, row) in enumerate(zip(self.cards, self.rows)):
            if chapters and c.chapter not in chapters:
                continue
            if leads and not (set(c.lead_ministries) & set(leads) or (NO_LEAD in leads and not c.lead_ministries)):
                continue
            if kpi and row[4] not in kpi:
                continue
            if all(self._matches(i, w) for w in words):
                out.append(i)
        return out

    def facets(self) -> dict[str, list[tuple[str, str]]]:
        """(label with its count, value) choices for each facet: chapters in order, lead ministries by count."""
        chapters = Counter(c.chapter for c in self.cards)
        leads = Counter(m for c in self.cards for m in (c.lead_ministries or [NO_LEAD]))
        kpi = Counter(r[4] for r in self.rows)
        return {"chapters": [(f"{self.titles.get(ch, ch)} ({n})", ch) for ch, n in sorted(chapters.items())],
                "leads": [(f"{m} ({n})", m) for m, n in leads.most_common()],
                "kpi": [(f"{k} ({kpi[k]})", k) for k in KPI_STATUSES if kpi[k]]}
