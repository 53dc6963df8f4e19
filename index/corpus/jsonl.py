"""JSON Lines: one card object a line, as `seisaku cards --json` writes them (write_jsonl) or any id/name/overview."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from .cards import Corpus, PolicyCard
from .collect import Collector
from .records import JSON_ONLY, card_from_dict, column_key

#: The suffixes of JSON Lines files; a file under another name is JSONL when its text starts with an object.
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")

# Written by `seisaku cards --json` from the card's text (index.roadmap) and read again from it: ignored on load.
_DERIVED = ("roadmap",)


def starts_with_object(text: str) -> bool:
    """JSON Lines by content: the first character that is not white space opens an object."""
    return text.lstrip().startswith("{")


def read_jsonl(text: str, file: str, *, lenient: bool = False) -> Corpus:
    """Read one JSON object per line (the export format of `seisaku cards --json`, or any id/name/overview records)."""
    col = Collector(file, lenient)
    for line, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            col.error(line, "", f"invalid JSON: {e.msg} at column {e.colno}")
            col.skipped += 1
            continue
        if not isinstance(obj, dict):
            col.error(line, "", "expected a JSON object")
            col.skipped += 1
            continue
        rec: dict = {}
        bad = False
        for k, v in obj.items():
            if k in _DERIVED:
                continue
            key = column_key(k) or (k if k in JSON_ONLY else None)
            if key is None:
                col.error(line, k, f"unknown field {k!r}")
                bad = True
            rec[key or k] = v
        col.add(None if bad else card_from_dict(rec, file, line, col), line, "id")
    return col.finish()


def write_jsonl(cards: Iterable[PolicyCard], path: str | Path, *,
                as_json: Callable[[PolicyCard], dict] | None = None) -> None:
    """Write cards as JSONL atomically (the same shape `load_cards` reads back into identical cards); `as_json`
    writes each card's object instead (`seisaku cards -o` adds its 工程表: index.roadmap.card_json, ignored on load)."""
    from ..atomic import atomic_open

    with atomic_open(Path(path)) as f:  # a card at a time: no corpus-sized string for a large table
        for c in cards:
            f.write((json.dumps(as_json(c) if as_json else c.to_dict(), ensure_ascii=False) + "\n").encode("utf-8"))
