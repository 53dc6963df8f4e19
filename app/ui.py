"""The Gradio app: a chat box that answers with policy cards, filters beside it, and the report tabs.

Interfaces only: every ranking decision is index.retrieve's; this module turns results into escaped HTML and files.
"""

from __future__ import annotations

import html

from app.ui_reports import LIMITS, report_tabs
from index.retrieve import Filters, Retriever, SearchResult

MAX_UPLOAD_BYTES = LIMITS["max_bytes"]  # uploads are report inputs: their limits live with the report tabs

# Gradio submits a textbox on Enter; with a Japanese IME, Enter first confirms the conversion. This listener runs
# before Gradio's (capture phase) and swallows Enter while a composition is open, so 「遠隔医療」 is not sent as えんかく.
IME_GUARD = """
<script>
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.isComposing || e.keyCode === 229)) { e.stopImmediatePropagation(); }
}, true);
</script>
"""

CSS = """
.card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.card .id { font-weight: bold; }
.card .meta { color: #666; font-size: 0.85em; }
.card mark { background: #fff3a8; }
"""


def _esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def render_result(res: SearchResult) -> str:
    """One answer as HTML: every card and user-supplied string is escaped, evidence is quoted with its offsets."""
    spelled = (f"<p class='meta'>「{_esc(res.intent.respelled)}」として検索しました。</p>"
               if res.intent is not None and res.intent.respelled else "")
    if res.abstained:
        out = [spelled + f"<p>該当する施策は見つかりませんでした（{_esc(res.reason or 'no match')}）。</p>"]
        if res.suggestions:
            near = " / ".join(f"[{_esc(h.card.id)}] {_esc(h.card.name)}" for h in res.suggestions)
            out.append(f"<p class='meta'>近い施策（参考）: {near}</p>")
        return "\n".join(out)
    if not res.results:
        return "<p>該当する施策はありません。</p>"
    listed = sum(not h.related for h in res.results)
    out = [spelled + f"<p>{listed} 件の施策</p>"]
    for rank, h in enumerate(res.results, 1):
        if h.related and (rank == 1 or not res.results[rank - 2].related):
            out.append("<p class='meta'>―― ここから下は関連する可能性のある施策（一覧の基準には届かず）――</p>")
        c = h.card
        ministries = "、".join(("◎" if m.lead else "") + _esc(m.name) for m in c.ministries) or "-"
        evidence = "".join(f"<li><mark>{_esc(e.text)}</mark> <span class='meta'>[{_esc(e.field)} "
                           f"{e.start}–{e.end}]</span></li>" for e in h.evidence)
        out.append(
            f"<div class='card'><span class='id'>{rank}. [{_esc(c.id)}] {_esc(c.name)}</span>"
            f"<div class='meta'>府省庁: {ministries} ・ 出典: {_esc(c.source.file)}:{c.source.line} ・ "
            f"score {h.score:.3f}</div><ul>{evidence}</ul></div>")
    return "\n".join(out)


def make_filters(ministries: list[str] | None, lead_only: bool, chapters: list[str] | None) -> Filters:
    return Filters(ministries=tuple(ministries or ()), lead_only=bool(lead_only and ministries),
                   chapters=tuple(chapters or ()))


def answer(retriever: Retriever, question: str, history: list | None, ministries=None, lead_only=False,
           chapters=None, top_k: int = 10, mode: str = "hybrid") -> tuple[list, str]:
    """Chat step: append the question and its answer to the history; returns (history, cleared input)."""
    history = list(history or [])
    question = (question or "").strip()
    if not question:
        return history, ""
    res = retriever.search(question[:2000], top_k=int(top_k), filters=make_filters(ministries, lead_only, chapters),
                           mode=mode)
    history.append({"role": "user", "content": _esc(question)})
    history.append({"role": "assistant", "content": render_result(res)})
    return history, ""


def build_app(retriever: Retriever):
    """The Blocks app over one retriever (not launched)."""
    import gradio as gr

    ministries = sorted({m.name for c in retriever.cards for m in c.ministries if m.name != "関係府省庁"})
    chapters = sorted({c.chapter for c in retriever.cards})
    # delete_cache: Gradio's copies of uploads and report downloads go after an hour (checked every 10 minutes)
    with gr.Blocks(title="Seisaku Search", delete_cache=(600, 3600)) as demo:
        gr.Markdown(f"## Seisaku Search — 施策集 {len(retriever.cards)} 件を日本語・英語で検索\n"
                    "例: 「国土交通省が主担当の施策は？」「遠隔医療を進める施策」「Which measures promote telework?」")
        with gr.Row():
            with gr.Column(scale=1):
                f_min = gr.Dropdown(ministries, multiselect=True, label="府省庁 (ministry)")
                f_lead = gr.Checkbox(label="主担当 (◎) のみ")
                f_ch = gr.Dropdown(chapters, multiselect=True, label="章 (chapter)")
                f_k = gr.Slider(1, 30, value=10, step=1, label="件数 (top-k)")
                f_mode = gr.Radio(["hybrid", "bm25", "dense"], value="hybrid", label="方式")
            with gr.Column(scale=3):
                with gr.Tab("質問 (chat)"):
                    chat = gr.Chatbot(label="回答", height=520)
                    box = gr.Textbox(label="質問", placeholder="質問を入力して Enter", elem_id="question")
                    with gr.Row():
                        send = gr.Button("検索", variant="primary")
                        clear = gr.Button("クリア")
                report_tabs(retriever)  # レポート, 重複・類似 (app/ui_reports.py)

        def on_ask(q, h, m, lead, ch, k, mode):
            return answer(retriever, q, h, m, lead, ch, k, mode)

        inputs = [box, chat, f_min, f_lead, f_ch, f_k, f_mode]
        box.submit(on_ask, inputs, [chat, box])
        send.click(on_ask, inputs, [chat, box])
        clear.click(lambda: ([], ""), None, [chat, box])
    return demo


def launch(retriever: Retriever, host: str = "127.0.0.1", port: int = 7860, block: bool = True):
    """Serve the app; binds to the loopback interface unless told otherwise."""
    demo = build_app(retriever)
    demo.queue(default_concurrency_limit=1)  # one search at a time: the engine already uses every core
    demo.launch(server_name=host, server_port=port, max_file_size=MAX_UPLOAD_BYTES, head=IME_GUARD, css=CSS,
                prevent_thread_lock=not block, show_error=True, footer_links=[])
    return demo
