"""`seisaku eval` and `seisaku bench`: run the library's evaluations and timings and print them as tables."""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from index.atomic import atomic_write_text
from index.embed import embedder_for
from index.evaluate import (JGLUE, QUESTIONS, evaluate_jsquad, evaluate_jsts, evaluate_questions, jsquad_corpus,
                            jsquad_questions, load_questions, summarise)
from index.retrieve import open_retriever

MODES = ("bm25", "dense", "hybrid")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _table(title: str, rows: list[tuple[str, dict]]) -> None:
    print(f"\n{title}")
    print(f"  {'':28s} {'n':>4s} {'hit@1':>6s} {'R@5':>6s} {'MRR@10':>7s} {'nDCG@10':>8s}")
    for name, m in rows:
        if not m.get("n"):
            continue
        print(f"  {name:28s} {m['n']:4d} {m['hit1']:6.3f} {m['recall5']:6.3f} {m['mrr10']:7.3f} {m['ndcg10']:8.3f}")


def run_eval(args, settings) -> int:
    out: dict = {}
    r = open_retriever(replace(settings, source=None))
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    qpath = args.questions or QUESTIONS
    for split in splits + (["all"] if args.split == "all" else []):
        qs = load_questions(qpath, split)
        out[split] = {}
        for mode in MODES:
            out[split][mode] = summarise(evaluate_questions(r, qs, mode))
        if not args.json:
            rows = []
            for mode in MODES:
                s = out[split][mode]
                rows.append((f"{mode} overall", s["overall"]))
            for t in out[split]["hybrid"]["types"]:
                for mode in MODES:
                    rows.append((f"{mode} {t}", out[split][mode]["types"][t]))
            _table(f"Question set, split={split} ({len(qs)} questions)", rows)
            for mode in ("dense", "hybrid"):
                a = out[split][mode]["abstention"]
                print(f"  abstention {mode:6s}: precision {a['precision']:.3f}, recall {a['recall']:.3f} "
                      f"(of {a['n_none']} no-answer questions), answerable abstained {a['answerable_abstained']:.3f}")
            ls = out[split]["hybrid"]["lists"]
            print(f"  list answers (hybrid, as sets vs relevant cards): precision {ls['precision']:.3f}, "
                  f"recall {ls['recall']:.3f}, F1 {ls['f1']:.3f} over {ls['n']} list questions")
    if args.jsts and (JGLUE / "jsts-valid-v1.3.jsonl").exists():
        from index.embed import CachedEmbedder, EmbeddingCache

        emb = CachedEmbedder(r.embedder, EmbeddingCache(settings.cache_dir / "embeddings"))
        t = time.perf_counter()
        out["jsts"] = evaluate_jsts(emb.embed_documents, limit=max(args.jsts, 0))
        if not args.json:
            print(f"\nJSTS (valid, {out['jsts']['n']} pairs): Spearman {out['jsts']['spearman']:.4f} "
                  f"[{r.embedder.model_id}] ({time.perf_counter() - t:.1f} s)")
    if args.jsquad and (JGLUE / "jsquad-valid-v1.3.json").exists():
        paragraphs, questions = jsquad_corpus()
        src = settings.cache_dir / "bench" / "jsquad-paragraphs.jsonl"
        text = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in paragraphs)
        if not src.exists() or src.read_text(encoding="utf-8") != text:
            atomic_write_text(src, text)
        from app.cli import _progress_bar

        t = time.perf_counter()
        jr = open_retriever(replace(settings, source=str(src)), progress=_progress_bar("JSQuAD paragraphs"))
        sample = jsquad_questions(questions, args.jsquad, seed=0)
        out["jsquad"] = {mode: evaluate_jsquad(jr, sample, mode) for mode in MODES}
        if not args.json:
            print(f"\nJSQuAD question → paragraph ({len(sample)} questions, seed 0, {len(paragraphs)} paragraphs; "
                  f"{time.perf_counter() - t:.1f} s)")
            for mode in MODES:
                m = out["jsquad"][mode]
                print(f"  {mode:6s}  Recall@1 {m['recall1']:.3f}  Recall@10 {m['recall10']:.3f}  MRR@10 {m['mrr10']:.3f}  "
                      f"abstained {m['abstained']}")
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    return 0


def _percentiles(ms: list[float]) -> str:
    a = np.array(ms)
    return f"p50 {np.percentile(a, 50):6.2f} ms  p95 {np.percentile(a, 95):6.2f} ms  mean {a.mean():6.2f} ms"


def run_bench(args, settings) -> int:
    """Index build from scratch (empty cache), rebuild with unchanged text, load, and warm query latency."""
    tmp = Path(tempfile.mkdtemp(prefix="seisaku-bench-"))
    try:
        s = replace(settings, cache_dir=tmp, source=None)
        # the model (and the fast engine, compiled once per machine into the real cache) is loaded before the clock
        t = time.perf_counter()
        emb = embedder_for(s, cache_dir=settings.cache_dir)
        print(f"load model               : {time.perf_counter() - t:6.2f} s  "
              f"(engine: {getattr(emb, 'engine', s.model)})")
        t = time.perf_counter()
        r = open_retriever(s, rebuild="always", embedder=emb)
        build = time.perf_counter() - t
        m = r.stored.manifest
        print(f"index build from scratch : {build:6.2f} s  ({m['n_cards']} cards, {m['n_chunks']} chunks, "
              f"{m['embedded_texts']} embedded; model {m['model_id']})")
        t = time.perf_counter()
        r2 = open_retriever(s, rebuild="always", embedder=r.embedder)
        print(f"rebuild, unchanged text  : {time.perf_counter() - t:6.2f} s  "
              f"({r2.stored.manifest['embedded_texts']} embedded)")
        t = time.perf_counter()
        r3 = open_retriever(s, embedder=r.embedder)
        print(f"open existing index      : {time.perf_counter() - t:6.2f} s")
        t = time.perf_counter()
        r3.reading_dictionary()  # `seisaku serve` builds it at start; otherwise the first kana question pays it
        print(f"kana reading dictionary  : {time.perf_counter() - t:6.2f} s  ({len(r3.reading_dictionary())} readings)")
        queries = list(dict.fromkeys(q.query for q in load_questions()))
        queries = (queries * (args.queries // max(len(queries), 1) + 1))[: args.queries]
        for warm in ("デジタル", "telework", "医療"):
            r3.search(warm)
        for mode in ("bm25", "dense", "hybrid"):
            ms = []
            for q in queries:
                r3.dense._cache.clear()  # every query is embedded: the timing includes the model
                t = time.perf_counter()
                r3.search(q, mode=mode)
                ms.append((time.perf_counter() - t) * 1000)
            print(f"warm query {mode:6s}       : {_percentiles(ms)}  ({len(ms)} queries)")
        _bench_report(r3, queries, tmp)
        print(f"peak RSS                 : {_rss_mb():6.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _bench_report(r, queries: list[str], tmp: Path, n: int = 1000) -> None:
    """Questions/second of a 1,000-question report (batched embeddings, every output format written)."""
    from index.report import ReportOptions, build_report, open_questions

    unique = list(dict.fromkeys(queries))
    # 1,000 distinct texts (a repeat gets a suffix), so that every question is embedded, none served from the cache
    qs = [q if i < len(unique) else f"{q} について{i // len(unique)}" for i, q in
          enumerate((unique * (n // max(len(unique), 1) + 1))[:n])]
    src = tmp / "report-questions.txt"
    src.write_text("\n".join(qs) + "\n", encoding="utf-8")
    for fmts in (("jsonl",), ("xlsx", "csv", "html", "jsonl")):
        r.dense._cache.clear()  # every question embedded: the figure includes the model
        t = time.perf_counter()
        build_report(r, open_questions(src), {f: tmp / f"bench.{f}" for f in fmts}, ReportOptions(top_k=3))
        dt = time.perf_counter() - t
        print(f"report {n} questions     : {n / dt:6.0f} q/s  ({dt:.2f} s; {'+'.join(fmts)})")
