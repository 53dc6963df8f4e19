"""The web app's report tabs: レポート (a question table matched against the cards, with charts and downloads) and
重複・類似 (card-to-card overlap, and another table against this one). Built inside the caller's gr.Blocks by
`report_tabs`; all work is index.report's, this module picks inputs, applies the web limits and shows results."""

from __future__ import annotations

import html
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from index.report import FORMATS, ReportError, ReportOptions, build_report, open_questions
from index.report import charts
from index.report.overlap_files import comparison_rows, overlap_figures, pair_rows, write_comparison, write_overlap
from index.report.similar import DEFAULT_PAIR_THRESHOLD, LABEL_JA, compare, overlap, space_of, space_of_file
from index.retrieve import Filters

__all__ = ["report_tabs", "preview_upload", "run_report", "overlap_view", "against_view", "LIMITS", "output_folder",
           "release", "use_output_root"]

# Web limits: a report request is bounded in size, rows, question length and time; outputs are pruned.
LIMITS = {
    "max_bytes": 5_000_000,  # upload size
    "max_rows": 2_000,  # question rows per report (the CLI has no such cap: it streams)
    "max_query_chars": 2_000,  # a question longer than this is cut (the chat box cuts at the same length)
    "max_seconds": 180,  # a report still running after this stops, and writes nothing
    "keep_reports": 20,  # output folders kept at most …
    "keep_minutes": 60,  # … and for at most this long
}
#: This server's report folder: set by use_output_root (the app's cache dir), else under the default cache dir; one
#: folder per server process, so that servers sharing a host never prune each other's reports.
OUTPUT_ROOT: Path | None = None
_prune_lock = threading.Lock()
_in_use: dict[Path, int] = {}  # folders whose report is being written → holders
_released: dict[Path, float] = {}  # when each folder was released (its files are copied by Gradio just after)
#: A released folder is kept at least this long, whatever the count: the files are handed to Gradio, which copies
#: them into its own cache after the handler returns.
RELEASED_GRACE_SECONDS = 60


def use_output_root(cache_dir: Path | str | None = None) -> Path:
    """Put this server's report folders under `cache_dir` (default: the cache root), in a folder of its own, and
    remove the folders of servers that are gone."""
    global OUTPUT_ROOT
    from index.atomic import left_by_dead
    from index.config import cache_root

    base = Path(cache_dir) if cache_dir is not None else cache_root()
    parent = base / "web-reports"
    for p in left_by_dead(parent, "server-"):
        shutil.rmtree(p, ignore_errors=True)
    OUTPUT_ROOT = parent / f"server-{os.getpid()}-{int(time.time())}"
    return OUTPUT_ROOT


def output_root() -> Path:
    return OUTPUT_ROOT if OUTPUT_ROOT is not None else use_output_root()


def output_folder() -> Path:
    """A fresh folder for one request's files, held (never pruned) until release(); folders that are too old or too
    many are deleted first, unless a request still holds them."""
    root = output_root()
    with _prune_lock:
        root.mkdir(parents=True, exist_ok=True)
        for p in [p for p in _released if not p.exists()]:  # removed on an error path: forget it
            _released.pop(p, None)
        olds = sorted((p for p in root.iterdir() if p.is_dir() and p not in _in_use), key=_mtime)
        now = time.time()
        for i, p in enumerate(olds):
            age = now - max(_mtime(p), _released.get(p, 0.0))
            too_old = age > LIMITS["keep_minutes"] * 60
            too_many = len(olds) - i >= LIMITS["keep_reports"] and age > RELEASED_GRACE_SECONDS
            if too_old or too_many:
                shutil.rmtree(p, ignore_errors=True)
                _released.pop(p, None)
        folder = Path(tempfile.mkdtemp(prefix="r-", dir=root))
        _in_use[folder] = _in_use.get(folder, 0) + 1
        return folder


def release(folder: Path | None) -> None:
    """The request is done with `folder` (Gradio has copied its files): it may be pruned from now on."""
    if folder is None:
        return
    with _prune_lock:
        n = _in_use.get(folder, 0) - 1
        if n > 0:
            _in_use[folder] = n
        else:
            _in_use.pop(folder, None)
            _released[folder] = time.time()


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _e(text) -> str:
    return html.escape(str(text or ""), quote=True)


def preview_upload(path) -> tuple[list[str], str | None, list[list[str]], list[str], str]:
    """(column choices, chosen column, first rows, their headers, message) for an uploaded question file."""
    if not path:
        return [], None, [], [], ""
    try:
        t = open_questions(path, max_bytes=LIMITS["max_bytes"], max_query_chars=LIMITS["max_query_chars"])
        rows = t.preview(5)
    except ReportError as e:
        return [], None, [], [], f"エラー: {_e(e.ja)}"
    return list(t.header), t.column_name, rows, list(t.header), f"{_e(t.file)}: 質問の列は「{_e(t.column_name)}」"


def run_report(retriever, path, column=None, ministries=None, lead_only=False, chapters=None, top_k: int = 3,
               progress=None) -> dict:
    """Build every format of a report for an upload into a fresh temp folder; returns what the tab shows:
    {"message", "summary_html", "figures": [4 figures], "files": [paths]} (figures/files empty on error)."""
    if not path:
        return {"message": "ファイルを選んでください。", "summary_html": "", "figures": [], "files": []}
    out = None
    try:
        table = open_questions(path, column or None, max_bytes=LIMITS["max_bytes"],
                               max_query_chars=LIMITS["max_query_chars"])
        filters = Filters(ministries=tuple(ministries or ()), lead_only=bool(lead_only and ministries),
                          chapters=tuple(chapters or ()))
        out = output_folder()
        stem = Path(table.file).stem[:40] or "report"
        outputs = {fmt: out / f"{stem}.report.{fmt}" for fmt in FORMATS}
        deadline = time.monotonic() + LIMITS["max_seconds"]

        def tick(done: int, total: int) -> None:
            if progress is not None:
                progress((done, total), desc="検索中", unit="行")

        summary = build_report(retriever, table, outputs, ReportOptions(top_k=int(top_k), filters=filters),
                               max_rows=LIMITS["max_rows"], progress=tick,
                               should_stop=lambda: time.monotonic() > deadline)
    except ReportError as e:
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
        return {"message": f"エラー: {_e(e.ja)}", "summary_html": "", "figures": [], "files": []}
    finally:
        release(out)  # pruned no sooner than RELEASED_GRACE_SECONDS from now: Gradio copies the files first
    n = max(summary.rows, 1)
    o = summary.outcomes
    rows = "".join(f"<tr><td>{label}</td><td>{o.get(k, 0)}</td><td>{o.get(k, 0) / n:.1%}</td></tr>"
                   for k, label in (("answer", "回答"), ("uncertain", "不確か"), ("none", "該当なし")))
    covered = sum(1 for c in summary.coverage.values() if c.answer)
    summary_html = (f"<table><tr><th>判定</th><th>行数</th><th>割合</th></tr>{rows}"
                    f"<tr><th>計</th><th>{summary.rows}</th><th></th></tr></table>"
                    f"<p>回答として一致した施策: {covered} / {len(retriever.cards)}"
                    f"{f' ・ 切り詰めた質問: {summary.truncated}' if summary.truncated else ''}</p>")
    figures = [charts.outcome_chart(o), charts.confidence_chart(summary.top_confidence),
               charts.chapter_chart(summary.by_chapter, retriever.cards),
               charts.count_chart(summary.by_lead, "1位の回答の主担当府省庁")]
    return {"message": f"{_e(table.file)}: {summary.rows} 行を処理しました (質問の列「{_e(table.column_name)}」)。",
            "summary_html": summary_html, "figures": figures, "files": [str(p) for p in outputs.values()]}


_spaces: dict[int, object] = {}
_spaces_lock = threading.Lock()


def _space(retriever):
    with _spaces_lock:
        sp = _spaces.get(id(retriever))
        if sp is None:
            sp = _spaces[id(retriever)] = space_of(retriever.stored, retriever.embedder,
                                                   getattr(retriever, "cache_dir", None))
        return sp


def overlap_view(retriever, threshold: float = DEFAULT_PAIR_THRESHOLD) -> dict:
    """{"heatmap": Figure, "map": DataFrame (x, y, 主担当, 施策), "map_figure": Figure, "pairs": rows, "files",
    "message"}."""
    import pandas as pd

    ov = overlap(_space(retriever), threshold=float(threshold))
    heat, card_map = overlap_figures(ov)
    points = pd.DataFrame({"x": ov.xy[:, 0], "y": ov.xy[:, 1],
                           "主担当": [ov.lead_of(i) for i in range(len(ov.cards))],
                           "施策": [f"{c.id} {c.name}" for c in ov.cards]})
    out = output_folder()
    try:
        files = [str(write_overlap(ov, fmt, out / f"similar.{fmt}")) for fmt in FORMATS]
    finally:
        release(out)
    cross = sum(p.cross_ministry for p in ov.pairs)
    return {"heatmap": heat, "map": points, "map_figure": card_map, "pairs": pair_rows(ov), "files": files,
            "message": f"類似度 {ov.threshold:.2f} 以上のペア {len(ov.pairs)} 組 (主担当が異なる {cross} 組)、"
                       f"クラスタ {len(ov.clusters)}。" + " ".join(f"【{c.number}】{c.name}" for c in ov.clusters)}


def against_view(retriever, path) -> dict:
    """Another uploaded table against this corpus: {"message", "rows", "files"}."""
    from index.corpus import CorpusError

    if not path:
        return {"message": "比較する表を選んでください。", "rows": [], "files": []}
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        return {"message": f"エラー: {_e(p.name)} を読めません ({_e(e.strerror or e)})", "rows": [], "files": []}
    if size > LIMITS["max_bytes"]:
        return {"message": f"エラー: {_e(p.name)} は上限 {LIMITS['max_bytes']:,} バイトを超えています。", "rows": [],
                "files": []}
    try:
        b = space_of_file(p, retriever.embedder)
    except CorpusError as e:
        return {"message": "エラー: " + _e("; ".join(str(x) for x in e.problems[:5])), "rows": [], "files": []}
    if len(b) > LIMITS["max_rows"]:
        return {"message": f"エラー: {len(b):,} 行は上限 {LIMITS['max_rows']:,} 行を超えています。", "rows": [], "files": []}
    cmp = compare(_space(retriever), b)
    out = output_folder()
    try:
        files = [str(write_comparison(cmp, fmt, out / f"compare.{fmt}", "施策集", p.name))
                 for fmt in FORMATS]
    except ReportError as e:
        return {"message": f"エラー: {_e(e.ja)}", "rows": [], "files": []}
    finally:
        release(out)
    counts = cmp.counts()
    rows = comparison_rows(cmp) + [["", "", "", LABEL_JA["dropped"], i, "", "", "", ""] for i in cmp.dropped]
    return {"message": "、".join(f"{LABEL_JA[k]} {counts.get(k, 0)}" for k in LABEL_JA), "rows": rows, "files": files}


def report_tabs(retriever, settings=None, filters=None) -> None:
    """The レポート and 重複・類似 tabs, built inside the caller's gr.Blocks (inside its gr.Tabs, if any). `filters`:
    the page's own (府省庁, 主担当のみ, 章) components, so that the page has one filter set; else the tab has its own."""
    import gradio as gr

    from index.report.overlap_files import COMPARISON_HEADERS, PAIR_HEADERS

    ministries = sorted({m.name for c in retriever.cards for m in c.ministries if m.name != "関係府省庁"})
    chapters = sorted({c.chapter for c in retriever.cards})
    with gr.Tab("レポート"):
        gr.Markdown(f"質問や施策の一覧 (.txt 1 行 1 問 / .csv / .tsv / .xlsx / .jsonl、UTF-8・Shift_JIS) を施策集と照合します。"
                    f"上限: {LIMITS['max_bytes'] // 1_000_000} MB、{LIMITS['max_rows']:,} 行、1 問 {LIMITS['max_query_chars']:,} 字。")
        upload = gr.File(label="質問ファイル", file_types=[".txt", ".csv", ".tsv", ".xlsx", ".jsonl"])
        with gr.Row():
            column = gr.Dropdown([], label="質問の列", interactive=True)
            if filters is None:
                r_min = gr.Dropdown(ministries, multiselect=True, label="府省庁")
                r_lead = gr.Checkbox(label="主担当 (◎) のみ")
                r_ch = gr.Dropdown(chapters, multiselect=True, label="章")
            else:
                r_min, r_lead, r_ch = filters
                gr.Markdown("絞り込みは画面の「絞り込み」（府省庁・主担当のみ・章）を使います。")
            r_k = gr.Slider(1, 10, value=3, step=1, label="候補数")
        # shown once a file is there: empty, it was a table headed 「1 2 3」
        preview = gr.Dataframe(label="先頭の行 (プレビュー)", interactive=False, wrap=True, max_height=240, visible=False)
        run = gr.Button("レポート作成", variant="primary")
        message = gr.Markdown()
        summary = gr.HTML(elem_classes=["report-summary"])
        # the charts and the downloads appear with a report: before one, four empty chart frames and an empty file
        # box (which took drops, and offered × on each file) filled the tab below the button
        with gr.Row(elem_classes=["chart-row"], visible=False) as row1:  # one chart a line on a narrow screen
            # each chart has its own title: Gradio's label would sit over its first tick labels
            p1, p2 = gr.Plot(label="判定", show_label=False), gr.Plot(label="信頼度", show_label=False)
        with gr.Row(elem_classes=["chart-row"], visible=False) as row2:
            p3, p4 = gr.Plot(label="章", show_label=False), gr.Plot(label="主担当府省庁", show_label=False)
        files = gr.File(label="ダウンロード (XLSX / CSV / HTML / JSONL)", file_count="multiple", interactive=False,
                        visible=False, elem_id="report-files")

    with gr.Tab("重複・類似"):
        gr.Markdown("施策どうしの類似度 (意味 + 語彙)。ペア・クラスタ・ヒートマップ・配置図。別の表 (翌年度の施策集、自治体の計画など)"
                    "をアップロードすると、各行を 継続 / 変更 / 新規、対応のない施策を 終了・対応なし と判定します。")
        threshold = gr.Slider(0.2, 0.9, value=DEFAULT_PAIR_THRESHOLD, step=0.01, label="類似度の閾値")
        show = gr.Button("表示", variant="primary")
        o_msg = gr.Markdown()
        # the same matplotlib figures as the HTML export (legend, titles, every point labelled), each the pane's
        # width so that 64 tick labels stay readable; the figure carries its own title, so no Gradio label over it
        cmap = gr.Plot(show_label=False, elem_id="overlap-map")
        heat = gr.Plot(show_label=False, elem_id="overlap-heatmap")
        pairs = gr.Dataframe(headers=PAIR_HEADERS, label="似ている施策のペア", interactive=False, wrap=True)
        o_files = gr.File(label="ダウンロード", file_count="multiple")
        gr.Markdown("### 別の表と比較")
        other = gr.File(label="比較する表 (施策番号・施策名・概要の列がある CSV / TSV / XLSX / JSONL)",
                        file_types=[".csv", ".tsv", ".xlsx", ".jsonl"])
        compare_btn = gr.Button("比較")
        c_msg = gr.Markdown()
        c_table = gr.Dataframe(headers=COMPARISON_HEADERS, label="各行の判定", interactive=False, wrap=True)
        c_files = gr.File(label="ダウンロード", file_count="multiple")

    def on_upload(path):
        choices, chosen, rows, headers, msg = preview_upload(path)
        import pandas as pd

        df = pd.DataFrame(rows, columns=headers) if headers else pd.DataFrame()
        hidden = gr.update(visible=False)  # the last report's charts and files were not of this file
        return (gr.update(choices=choices, value=chosen), gr.update(value=df, visible=bool(headers)), msg, "", hidden,
                hidden, gr.update(value=None, visible=False))

    def on_run(path, col, m, lead, ch, k, progress=gr.Progress()):
        res = run_report(retriever, path, col, m, lead, ch, k, progress=progress)
        figs = res["figures"] or [None] * 4
        shown = gr.update(visible=bool(res["files"]))  # an error hides the last report's charts and files
        return [res["message"], res["summary_html"], *figs, gr.update(value=res["files"] or None,
                                                                      visible=bool(res["files"])), shown, shown]

    def on_show(t):
        res = overlap_view(retriever, t)
        return res["message"], res["heatmap"], res["map_figure"], res["pairs"], res["files"]

    def on_compare(path):
        res = against_view(retriever, path)
        return res["message"], res["rows"], res["files"] or None

    upload.change(on_upload, [upload], [column, preview, message, summary, row1, row2, files], api_visibility="private")
    run.click(on_run, [upload, column, r_min, r_lead, r_ch, r_k],
              [message, summary, p1, p2, p3, p4, files, row1, row2], api_visibility="private")
    show.click(on_show, [threshold], [o_msg, heat, cmap, pairs, o_files], api_visibility="private")
    threshold.release(on_show, [threshold], [o_msg, heat, cmap, pairs, o_files], api_visibility="private")
    compare_btn.click(on_compare, [other], [c_msg, c_table, c_files], api_visibility="private")
