"""The `seisaku` command line: thin wrappers over the `index` library; errors are one clear line, never a traceback."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from index.corpus import CorpusError, load_cards


def _print_problems(problems, stream=sys.stderr) -> None:
    for p in problems:
        print(str(p), file=stream)


def cmd_cards(args: argparse.Namespace) -> int:
    """List, export or check the cards of a source."""
    path = args.check or args.source
    try:
        corpus = load_cards(path, lenient=args.lenient)
    except CorpusError as e:
        _print_problems(e.problems)
        errors = [p for p in e.problems if p.severity == "error"]
        print(f"{len(errors)} error(s); no cards loaded. Fix the file, or pass --lenient to skip bad rows.",
              file=sys.stderr)
        return 1
    if args.check:
        _print_problems(corpus.problems, sys.stdout)
        unresolved = sum(len(c.unresolved_marks) for c in corpus)
        resolved = sum(len(c.marks) for c in corpus)
        cards_unresolved = sum(1 for c in corpus if c.unresolved_marks)
        print(f"{path}: {len(corpus)} cards, {len(corpus.errors)} errors, {len(corpus.warnings)} warnings, "
              f"{corpus.skipped} rows skipped; marks: {resolved} resolved, {unresolved} unresolved "
              f"(on {cards_unresolved} cards)")
        return 1 if corpus.errors or corpus.skipped else 0
    if corpus.skipped:  # lenient: say what was lost; plain text warnings are for --check
        _print_problems(corpus.problems)
        print(f"warning: {corpus.skipped} bad row(s) skipped (--lenient)", file=sys.stderr)
    out = sys.stdout
    if args.output:
        from index.corpus import write_jsonl

        write_jsonl(corpus.cards, args.output)
        print(f"wrote {len(corpus)} cards to {args.output}", file=sys.stderr)
        return 0
    for card in corpus:
        if args.json:
            out.write(json.dumps(card.to_dict(), ensure_ascii=False) + "\n")
        else:
            lead = "、".join(card.lead_ministries) or "-"
            out.write(f"{card.id}\t{card.name}\t{lead}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="seisaku", description="Seisaku Search: search Japan's digital-policy measures")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("cards", help="list, export (--json) or validate (--check) policy cards")
    c.add_argument("--source", type=Path, help="CSV/TSV/XLSX/JSONL or 施策集 table (default: the bundled table)")
    c.add_argument("--json", action="store_true", help="one JSON object per card per line")
    c.add_argument("--check", type=Path, metavar="PATH", help="validate a file, print problems and a summary")
    c.add_argument("--output", "-o", type=Path, help="write the cards as JSONL to this file (atomically)")
    c.add_argument("--lenient", action="store_true", help="skip bad rows with a warning instead of failing")
    c.set_defaults(func=cmd_cards)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except CorpusError as e:
        _print_problems(e.problems)
        return 1
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
