"""The question log in the page: 👍/👎 (and a comment) under each answer, and the 利用状況 tab that shows whoever runs
the server what was asked, what the table did not answer and which answers were disliked. The log and its summary
are index.querylog's and index.report.log_files'; this module only wires them to the page."""

from __future__ import annotations

import logging

__all__ = ["feedback_row", "usage_tab", "usage_view"]

log = logging.getLogger("seisaku.ui")

SPANS = {"すべて": None, "24 時間": "24h", "7 日": "7d", "30 日": "30d"}


def feedback_row(chat, saved, query_log) -> None:
    """Under the chat: a 👍/👎 on an answer is written to its log row at once; a comment box then opens for an
    optional word on what was wrong (or right)."""
    import gradio as gr

    if query_log is None:
        return
    pending = gr.State(None)  # {"id": log row, "feedback": "up"/"down"/None} of the answer last rated
    with gr.Row(visible=False, elem_id="feedback-row") as row:
        comment = gr.Textbox(label="コメント（任意）", placeholder="どこが違っていたか、何を探していたか",
                             elem_id="feedback-comment", scale=4, max_length=2000)
        send = gr.Button("コメントを送る", elem_id="feedback-send", scale=1)
    note = gr.Markdown(elem_id="feedback-note")

    def on_like(data: gr.LikeData, shown, store):
        store = store if isinstance(store, dict) else {}
        kept = store.get("messages") or []
        ids = list(store.get("log_ids") or [])
        i = data.index if isinstance(data.index, int) else data.index[0]
        j = i - (len(shown or []) - len(kept))  # the chat on screen may hold a message or two more than the copy
        row_id = ids[j] if 0 <= j < len(ids) else None
        session = store.get("session")
        value = "up" if data.liked is True else "down" if data.liked is False else None
        if row_id is None or not session:
            return None, gr.update(visible=False), "この回答は記録されていないため、評価を保存できません。"
        # only the session that asked rates the row: a page that sends another's row id gets no write
        if not query_log.set_feedback(row_id, value, session=session):
            return None, gr.update(visible=False), "評価を保存できませんでした（サーバーのログをご覧ください）。"
        said = {"up": "👍 を記録しました。", "down": "👎 を記録しました。", None: "評価を取り消しました。"}[value]
        return {"id": row_id, "feedback": value, "session": session}, gr.update(visible=value is not None), \
            said + (" よろしければ、理由をひとことどうぞ。" if value else "")

    on_like.__annotations__["data"] = gr.LikeData  # resolved here: gradio is imported lazily

    def on_comment(text, rated):
        if not rated or not (text or "").strip():
            return "", gr.update(), "コメントを入力してください。" if rated else "先に 👍 / 👎 を押してください。"
        ok = query_log.set_feedback(rated["id"], rated["feedback"], text, session=rated.get("session"))
        return "", gr.update(visible=not ok), "コメントを記録しました。ありがとうございます。" if ok else \
            "コメントを保存できませんでした（サーバーのログをご覧ください）。"

    chat.like(on_like, [chat, saved], [pending, row, note], api_visibility="private")
    send.click(on_comment, [comment, pending], [comment, row, note], api_visibility="private")
    comment.submit(on_comment, [comment, pending], [comment, row, note], api_visibility="private")


def usage_view(query_log, span: str | None = None) -> dict:
    """{"html": the summary with charts, "files": [xlsx, html, csv, jsonl]} of the log since `span` (7d, 24h, …)."""
    from app.ui_reports import output_folder
    from index.querylog import parse_since
    from index.report.log_files import summary_html, write_log

    if query_log is None:
        return {"html": "<p>質問の記録は無効です（SEISAKU_LOG=0 または設定 log = false）。</p>", "files": []}
    try:
        s = query_log.summary(parse_since(span))
    except Exception as e:  # noqa: BLE001 - a broken log file is said here, the chat goes on
        log.warning("利用状況: question log %s: %s: %s", query_log.path, type(e).__name__, e)
        return {"html": "<p>質問の記録を読めませんでした（サーバーのログをご覧ください）。</p>", "files": []}
    out = output_folder()
    files = [str(write_log(s, fmt, out / f"seisaku-log.{fmt}")) for fmt in ("xlsx", "html", "csv", "jsonl")]
    return {"html": summary_html(s), "files": files}


def usage_tab(query_log) -> None:
    """The 利用状況 tab: the log's summary (the same as `seisaku log`), refreshed on demand, with its files."""
    import gradio as gr

    with gr.Tab("利用状況", elem_id="usage-tab") as tab:
        gr.Markdown("このサーバーに寄せられた質問の記録です（このマシンの中だけに保存。`seisaku log --purge` で消去、"
                    "`SEISAKU_LOG=0` で記録しません）。答えられなかった質問と 👎 の回答は、施策集の見直しの手がかりになります。")
        with gr.Row():
            span = gr.Dropdown(list(SPANS), value="すべて", label="期間", scale=1)
            refresh = gr.Button("更新", variant="primary", elem_id="usage-refresh", scale=1)
        body = gr.HTML(elem_id="usage")
        files = gr.File(label="ダウンロード (XLSX / HTML / CSV / JSONL)", file_count="multiple")

    def on_refresh(choice):
        res = usage_view(query_log, SPANS.get(choice))
        return res["html"], res["files"] or None

    refresh.click(on_refresh, [span], [body, files], api_visibility="private")
    span.change(on_refresh, [span], [body, files], api_visibility="private")
    tab.select(on_refresh, [span], [body, files], api_visibility="private")  # fresh each time the tab is opened
