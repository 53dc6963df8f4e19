"""What a reader gathers while it reads: the cards, the problems with their lines, and the rows it skipped."""

from __future__ import annotations

from .cards import Corpus, CorpusError, PolicyCard, Problem


class Collector:
    """Gathers problems; in lenient mode errors become skipped rows."""

    def __init__(self, file: str, lenient: bool):
        self.file, self.lenient = file, lenient
        self.problems: list[Problem] = []
        self.skipped = 0
        self.cards: list[PolicyCard] = []
        self._seen: dict[str, int] = {}
        self._errors = 0

    def add(self, card: PolicyCard | None, line: int, id_field: str) -> None:
        """Keep a card read from `line`; a row that failed (None) or repeats an ID is counted as skipped."""
        if card is not None and card.id in self._seen:
            self.error(line, id_field, f"duplicate ID {card.id} (first on line {self._seen[card.id]})")
            card = None
        if card is None:
            self.skipped += 1
            return
        self._seen[card.id] = line
        self.cards.append(card)

    def warn(self, line: int, fld: str, msg: str) -> None:
        self.problems.append(Problem("warning", self.file, line, fld, msg))

    def error(self, line: int, fld: str, msg: str) -> None:
        self.problems.append(Problem("error", self.file, line, fld, msg))
        self._errors += 1

    def error_count(self) -> int:
        # counted as they come: re-counting the problems for every row made reading 31k cards take 44 s
        return self._errors

    def finish(self) -> Corpus:
        if not self.cards and not self.problems:
            self.error(0, "", "no cards found")
        cards = self.cards
        errors = [p for p in self.problems if p.severity == "error"]
        if errors and not self.lenient:
            raise CorpusError(self.problems)
        if errors:  # lenient: errors are reported as skipped rows
            self.problems = [Problem("warning", p.file, p.line, p.field, f"skipped: {p.message}")
                             if p.severity == "error" else p for p in self.problems]
        return Corpus(cards=cards, problems=self.problems, skipped=self.skipped)
