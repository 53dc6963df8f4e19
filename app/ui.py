"""The Gradio app: a chat assistant that answers from the policy cards, a card browser, the report tabs, and an API.

Interfaces only: what the answer is comes from index.assist (and index.retrieve); this module turns answers into
escaped HTML, keeps the conversation in the user's browser, and names the API endpoints (/ask, /search, /report).
"""

from __future__ import annotations

import contextlib
import ctypes
import html
import logging
import os
import re
import signal
import socket
import threading
import time

from app.params import check_filter_values, check_search_args, filters_from_json, make_filters  # the web API's parameters (app/params.py)
from app.ui_cards import CARDS_CSS, CARDS_JS, OPEN_CARD_JS, cards_tab, link_card_ids, open_card_box
from app.ui_reports import LIMITS, report_tabs, run_report
from app.ui_roadmap import ROADMAP_CSS, roadmap_tab
from index.assist import MAX_QUESTION_CHARS, Answer, Conversation, ask, chapter_titles, esc, search_question
from index.explain import explain
from index import english as en
from index.corpus import ARTICLE_COLUMNS, GUIDE_COLUMNS, PolicyCard
from index.retrieve import Retriever, SearchResult, confidence_label

log = logging.getLogger("seisaku.ui")

MAX_UPLOAD_BYTES = LIMITS["max_bytes"]  # uploads are report inputs: their limits live with the report tabs
MAX_KEPT_MESSAGES = 40  # chat messages kept in the browser across reloads (20 turns)

# Gradio's textbox submits on `keypress` (and a Japanese IME fires `keydown` with isComposing while converting):
# both are stopped in the capture phase, before Gradio's own listener on the textarea, while a composition is open
# (isComposing, keyCode 229) or has just ended with this very Enter (Safari ends the composition before the Enter's
# keydown). No "composing" flag of our own: a composition that never ends (focus lost) must not block Enter forever.
IME_GUARD = """
<script>
(() => {
  let endedAt = -1e9;
  document.addEventListener("compositionend", () => { endedAt = performance.now(); }, true);
  const guard = (e) => {
    if (e.key !== "Enter" && e.keyCode !== 13 && e.keyCode !== 229) return;
    if (e.isComposing || e.keyCode === 229 || performance.now() - endedAt < 60) {
      e.stopImmediatePropagation();
    }
  };
  document.addEventListener("keydown", guard, true);
  document.addEventListener("keypress", guard, true);
})();
</script>
"""

# The chat's copy button copies a message's value, which for an answer is its HTML. An analyst pastes into mail or
# Word: the answer is copied as plain text instead (Markdown tables and lists, 施策番号 kept), converted in the page
# when the copied text is one of our answers; anything else is copied as it is.
COPY_PLAIN_JS = """
<script>
(() => {
  const clip = navigator.clipboard;
  if (!clip || !clip.writeText || clip.seisakuPlain) return;
  const write = clip.writeText.bind(clip);
  const cell = (c) => {  // a cell's text without the column name it repeats for a phone (span.label), and a folded
    const d = c.cloneNode(true);  // 時期 cell whole, without the 「ほか N 件」 that opens it (summary)
    d.querySelectorAll(".label, summary").forEach((l) => l.remove());
    return d.textContent.replace(/\\s+/g, " ").trim().replace(/\\|/g, "｜");
  };
  const walk = (n, out) => {
    if (n.nodeType === 3) { out.push(n.nodeValue.replace(/\\s+/g, " ")); return; }
    if (n.nodeType !== 1) return;
    const tag = n.tagName;
    if (tag === "TABLE") {
      const rows = [...n.querySelectorAll("tr")].map((tr) => "| " + [...tr.children].map(cell).join(" | ") + " |");
      if (rows.length) rows.splice(1, 0, "|" + "---|".repeat(n.querySelector("tr").children.length));
      out.push("\\n" + rows.join("\\n") + "\\n");
      return;
    }
    if (tag === "BR") { out.push("\\n"); return; }
    if (tag === "LI") out.push("\\n- ");
    for (const c of n.childNodes) walk(c, out);
    if (/^(P|DIV|LI|UL|OL|H[1-6])$/.test(tag)) out.push("\\n");
  };
  const plain = (html) => {
    const out = [];
    walk(new DOMParser().parseFromString(html, "text/html").body, out);
    return out.join("").split("\\n").map((l) => l.trim()).filter((l, i, a) => l || (i && a[i - 1]))
      .join("\\n").trim();
  };
  clip.writeText = (text) => write(/^\\s*<div class=["']direct/.test(text || "") ? plain(text) : text);
  clip.seisakuPlain = true;
})();
</script>
"""

# The page is Japanese: Gradio's own widget words follow the browser's language, so an English browser got "Drop
# File Here" / "Click to Upload" in a Japanese page. Gradio merges these into its English messages (a flat key is
# looked up before the nested one).
JAPANESE_WIDGETS = {"upload_text.drop_file": "ファイルをここにドロップ", "common.or": "または",
                    "upload_text.click_to_upload": "クリックしてアップロード"}

# After each answer: bring the question that was just asked to the top of the chat, so the answer reads from its
# start (the chat's own autoscroll would show the end of a long answer).
SCROLL_TO_ANSWER_JS = """
() => {
  setTimeout(() => {
    const users = document.querySelectorAll('#chat .message-row.user-row, #chat [data-testid="user"]');
    const last = users[users.length - 1];
    if (!last) return;
    // scroll the chat's own pane only (scrollIntoView scrolled the page too, taking the title off screen), leaving
    // room above the question for the 回答 label that floats over the pane
    let pane = last.parentElement;
    while (pane && pane !== document.body) {
      const o = getComputedStyle(pane).overflowY;
      if ((o === "auto" || o === "scroll") && pane.scrollHeight > pane.clientHeight) break;
      pane = pane.parentElement;
    }
    if (pane && pane !== document.body) {
      pane.scrollTop += last.getBoundingClientRect().top - pane.getBoundingClientRect().top - 48;
    } else {
      last.scrollIntoView({block: "start"});
    }
  }, 50);
}
"""

CSS = """
.card { border: 1px solid #ddd; border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.card .id { font-weight: bold; }
.meta { color: #666; font-size: 0.85em; }
.direct { border-left: 4px solid #2f6fde; padding: 4px 10px; margin-bottom: 8px; }
.level-高 { color: #1a7f37; font-weight: bold; } .level-中 { color: #9a6700; font-weight: bold; }
.level-低 { color: #cf222e; font-weight: bold; }
.card mark { background: #fff3a8; }
table.fields { border-collapse: collapse; font-size: 0.9em; } table.fields td, table.fields th {
  border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; }
/* narrow screens: the chat first, the filters after it */
#layout { flex-wrap: wrap; }
@media (max-width: 700px) { #filters { order: 2; } #main { order: 1; } #layout > div { min-width: 100% !important; } }
/* the question scrolled to the top stays below the chat's 回答 label, which floats over the scrolled area and hid
   the question's first characters (「うちの市では」 read 「ちの市では」) */
#chat .message-row.user-row, #chat [data-testid="user"] { scroll-margin-top: 48px; }
#examples button { font-size: 0.85em; }
#api-link { padding: 0 !important; margin-top: -12px; font-size: 0.85em; }
.chart-row { flex-wrap: wrap; }
.report-summary table { border-collapse: collapse; margin: 4px 0; }
.report-summary th, .report-summary td { border: 1px solid #dee2e6; padding: 3px 12px; font-size: 0.92em; }
.report-summary th { background: #eef4fb; }
#report-files .label-clear-button { display: none; }  /* Gradio shows × on read-only files too */
@media (max-width: 700px) { .chart-row > * { min-width: 100% !important; } }
#examples::before { content: "例:"; align-self: center; color: #666; font-size: 0.85em; }
/* a field table in an answer keeps 施策番号 on one line and scrolls sideways on a narrow screen (at 400 px it read
   「02 / -1 / 0」) */
table.fields { display: block; overflow-x: auto; max-width: 100%; }
table.fields td:first-child, table.fields th:first-child { white-space: nowrap; }
/* the lead ministry (third column of the KPI and 時期 tables) was squeezed to one character a line at 1400 px
   (「lea/d/mini/stry」, 「経済/産業/省」) beside a long 時期 cell: it keeps the width of a ministry's name */
table.fields td:nth-child(3), table.fields th:nth-child(3) { min-width: 5.5em; }
table.fields td .label { display: none; }
table.fields details.more-dated summary { cursor: pointer; color: #555; font-size: 0.9em; }
.dark table.fields details.more-dated summary { color: #b8b8b8; }
/* on a phone a table of five columns scrolled sideways left KPI cells two screens to the right, each row a screen
   tall: each row is a card instead, 施策番号 and 施策名 on top, every other value under its column's name */
@media (max-width: 700px) {
  :is(#chat, .stack) table.fields, :is(#chat, .stack) table.fields :is(tbody, tr, td) {
    display: block; width: auto; min-width: 0; }
  :is(#chat, .stack) table.fields thead { display: none; }
  :is(#chat, .stack) table.fields tr { border: 1px solid #ccc; border-radius: 6px; margin: 6px 0; padding: 4px 8px; }
  :is(#chat, .stack) table.fields td { border: none; padding: 1px 0; white-space: normal; }
  :is(#chat, .stack) table.fields td:nth-child(-n+2) { display: inline; font-weight: bold; }
  :is(#chat, .stack) table.fields td:nth-child(2)::before { content: " "; }
  :is(#chat, .stack) table.fields td .label { display: inline; color: #555; font-weight: bold; }
  :is(#chat, .stack) table.fields td:nth-child(3) { margin-top: 2px; }
  /* an empty result table (重複・類似 before 表示) squeezed its headers to 30 px, one character a line: they keep a
     readable width and the table scrolls sideways, as it does once it has rows */
  .table-container.no-rows th.header-cell { width: auto !important; min-width: 5.5em !important; max-width: none !important; }
  /* the answer bubble takes the pane's width (Gradio leaves 60 px beside it, a fifth of a phone's screen) */
  #chat .message-row.bot-row { margin-left: 0 !important; margin-right: 0 !important; max-width: 100% !important; }
}
#chat-card:empty { display: none; }
#chat .placeholder { padding: 0 20px; }
/* a dark system theme (Gradio follows it): the evidence's light text sat on its yellow mark, unreadable, and the grey
   notes, borders and dark-blue links nearly vanished into the background */
mark { color: #1a1a1a; }
.dark .meta, .dark #cards-count { color: #a8a8a8; }
.dark .card, .dark table.fields td, .dark table.fields th, .dark :is(#chat, .stack) table.fields tr { border-color: #555; }
.dark :is(#chat, .stack) table.fields td .label { color: #b8b8b8; }
.dark a.cite { color: #8ab4f8; }
.dark .level-高 { color: #4ac26b; } .dark .level-中 { color: #d4a72c; } .dark .level-低 { color: #ff8b82; }
.dark #cards-table th { background: #2a2d33; border-bottom-color: #555; }
.dark #cards-table th[aria-sort]::after { color: #ddd; }
.dark #cards-table td { border-bottom-color: #3a3a3a; } .dark #cards-table tbody tr:hover { background: #26324a; }
.dark #cards-wrap { border-color: #555; }
""" + CARDS_CSS + ROADMAP_CSS

LEAD_FIRST_NOTE = "府省庁を選ぶと選べます"
# what an empty chat says (it was a blank box, the example buttons below the first screen on a laptop and a phone)
EMPTY_CHAT = ("**施策集の施策について、日本語か英語で質問してください。**\n\n"
              "例: 「テレワークを推進する施策は？」 → 「それの担当府省庁は？」 ・ 「国土交通省が主担当の施策のKPIを一覧で」 ・ "
              "「令和7年度までを期限とする施策」\n\n回答の [施策番号] を押すと、その施策の全文が開きます。")
EXAMPLES = ("テレワークを推進する施策は？", "その中で総務省が担当しているのは？", "04-03の担当府省庁は？",
            "国土交通省が主担当の施策のKPIを一覧で")


# ------------------------------------------------------------------------------------------------ rendering

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def plain_text(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """User text for a Markdown bubble that shows it as typed: HTML escaped, Markdown punctuation backslashed,
    cut at `limit` characters."""
    text = text or ""
    cut = len(text) > limit
    # quote=False: a quote needs no escaping in text, and the # of 「&#x27;」 would be backslashed below, which shows
    # the entity itself where the person typed an apostrophe
    body = _MD_SPECIAL.sub(r"\\\1", html.escape(text[:limit], quote=False))
    return body + (f"\n\n（以下 {len(text) - limit:,} 文字を省略）" if cut else "")


def _lead(card: PolicyCard) -> str:
    return "、".join(("◎" if m.lead else "") + esc(m.name) for m in card.ministries) or "-"


def render_card(card: PolicyCard, titles: dict[str, str] | None = None) -> str:
    """The whole card as HTML: both KPIs, overview, bullets, all ministries, marks, source file and line."""
    chapter = (titles or {}).get(card.chapter, card.chapter)
    bullets = "".join(f"<li>{esc(b)}</li>" for b in card.bullets)
    marks = "、".join(esc(m.column + m.symbol) for m in card.marks) or "（判定できる印なし）"
    return (f"<div class='card'><span class='id'>[{esc(card.id)}] {esc(card.name)}</span>"
            f"<div class='meta'>章: {esc(chapter)} ・ 出典: {esc(card.source.file)} {card.source.line} 行目</div>"
            f"<p><b>KPI(進捗)</b>: {esc(card.kpi_progress) or '（空欄）'}</p>"
            f"<p><b>KPI(効果)</b>: {esc(card.kpi_effect) or '（空欄）'}</p>"
            f"<p><b>府省庁</b>（◎ 主担当）: {_lead(card)}</p>"
            f"<p><b>条・手引</b>: {marks}</p>"
            f"<p><b>課題・取組概要</b></p><ul>{bullets or '<li>' + esc(card.overview) + '</li>'}</ul></div>")


def _level(level: str, english: bool = False) -> str:
    """確からしさ 高 (or "confidence high" for an English question); the class keeps the Japanese level for its colour."""
    return f"<span class='level-{level}'>{en.LEVELS_EN.get(level, level) if english else level}</span>"


def _hit_level(hit, english: bool = False) -> str:
    return f" ・ {en.label('confidence', english)} {_level(confidence_label(hit.confidence), english)}"


def _hit_html(rank: int, hit, english: bool = False) -> str:
    c = hit.card
    evidence = "".join(f"<li><mark>{esc(e.text)}</mark> <span class='meta'>[{esc(e.field)} {e.start}–{e.end}]</span>"
                       f"</li>" for e in hit.evidence)
    # a set made by the cells: which cell or milestone puts the card in it
    said = en.reason(hit.reason) if english else hit.reason
    reason = f"<div class='meta'>{en.label('reason', english)}: {esc(said)}</div>" if hit.reason else ""
    return (f"<div class='card'><span class='id'>{rank}. [{esc(c.id)}] {esc(c.name)}</span>"
            f"<div class='meta'>{en.label('ministries', english)}: {_lead(c)} ・ {en.label('source', english)}: "
            f"{esc(c.source.file)}:{c.source.line}{_hit_level(hit, english)}</div>{reason}<ul>{evidence}</ul></div>")


def render_direct(answer: Answer, written=None) -> str:
    """The direct answer block: the extractive text (or the writer's, with its citation warnings), confidence,
    count and what was assumed."""
    parts = []
    if written is not None and written.text and not written.error:
        parts.append(f"<p>{esc(written.text)}</p><p class='meta'>文章生成: 外部モデル（施策カードのみを根拠に作成）</p>")
        parts += [f"<p class='meta'>⚠ {esc(w)}</p>" for w in written.warnings]
    else:
        parts.append(f"<p>{esc(answer.direct)}</p>")
        if written is not None and written.error:
            parts.append(f"<p class='meta'>⚠ {esc(written.error)}。抽出した回答を表示しています。</p>")
    if answer.level:
        english = answer.english
        parts.append(f"<p class='meta'>{en.label('confidence', english)}: {_level(answer.level, english)} ・ "
                     + (en.label("nearest", english) if answer.tentative
                        else en.label("count", english, n=len(answer.answers))) + "</p>")
    parts += [f"<p class='meta'>※ {esc(n)}</p>" for n in answer.notes]
    if answer.result is not None and answer.result.intent is not None and answer.result.intent.respelled:
        parts.append(f"<p class='meta'>{en.label('respelled', answer.english, q=esc(answer.result.intent.respelled))}</p>")
    return "<div class='direct'>" + "".join(parts) + "</div>"


_WHEN_HEADS = frozenset({"時期", "timing"})  # the 時期 column of a field table (FIELD_LABELS["when"]), in either language


def _quotes(value: str) -> tuple[str, list[str]]:
    """(what comes before the first quote, the 「…」 quotes at the top level), nested 「」 kept inside their quote."""
    start = value.find("「")
    if start < 0:
        return value, []
    quotes, depth, at = [], 0, start
    for i, c in enumerate(value[start:], start):
        if c == "「":
            depth, at = depth + 1, at if depth else i
        elif c == "」" and depth:
            depth -= 1
            if not depth:
                quotes.append(value[at:i + 1])
    rest = value[start:].replace("".join(quotes), "", 1) if quotes else value[start:]
    return value[:start], quotes if not rest.strip() else []


def _folded(value: str, english: bool) -> str:
    """A 時期 cell with several dated sentences (the milestone's own, then the card's others): the first shown, the
    others folded under 「ほか N 件」 (on a phone the cell quoted every sentence, a screen or more a card). Copying
    the answer, the CLI and the API keep the whole cell."""
    lead, quotes = _quotes(value)
    if len(quotes) < 2:
        return esc(value)
    more = f"{len(quotes) - 1} more" if english else f"ほか {len(quotes) - 1} 件の記載"
    return (f"{esc(lead)}{esc(quotes[0])}<details class='more-dated'><summary>{more}</summary>"
            + "".join(esc(q) for q in quotes[1:]) + "</details>")


def render_answer(answer: Answer, written=None) -> str:
    """One assistant message as HTML: the direct answer, a field table when asked for, then the cards."""
    out = [render_direct(answer, written)]
    if answer.table:
        head, *rows = answer.table
        # a value past 施策番号 and 施策名 carries its column's name, shown only under 700 px, where the rows are
        # stacked as cards (the chat's sanitizer drops data-* attributes, so it is a span, left out when copied)
        label = lambda i, h: f"<span class='label'>{esc(h)}：</span>" if i >= 2 else ""  # noqa: E731
        value = lambda h, v: _folded(v, answer.english) if h in _WHEN_HEADS else esc(v)  # noqa: E731
        out.append("<table class='fields'><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>"
                   + "".join("<tr>" + "".join(f"<td>{label(i, h)}{value(h, v)}</td>"
                                              for i, (h, v) in enumerate(zip(head, r)))
                             + "</tr>" for r in rows) + "</tbody></table>")
    if answer.kind == "table":
        return "\n".join(out)  # the table is the answer; the cards are one click away in 施策一覧
    if answer.answers:
        out.append(f"<p><b>{esc(answer.heading.rstrip(':'))}</b></p>")
        out += [_hit_html(i, h, answer.english) for i, h in enumerate(answer.answers, 1)]
    if answer.related:
        out.append(f"<p class='meta'>{en.label('related_page', answer.english)}</p>")
        out += [_hit_html(i, h, answer.english) for i, h in enumerate(answer.related, len(answer.answers) + 1)]
    return "\n".join(out)


def answer(retriever: Retriever, question: str, history: list | None, ministries=None, lead_only=False,
           chapters=None, top_k: int = 10, mode: str = "hybrid") -> tuple[list, str]:
    """Chat step without conversation state (kept for callers of the first version): append the question and its
    answer to the history; returns (history, cleared input)."""
    history = list(history or [])
    question = (question or "").strip()
    if not question:
        return history, ""
    a = ask(retriever, question, None, filters=make_filters(ministries, lead_only, chapters), top_k=int(top_k),
            mode=mode)
    history.append({"role": "user", "content": plain_text(question)})
    history.append({"role": "assistant", "content": render_answer(a)})
    return history, ""


# ------------------------------------------------------------------------------------------------ reports
# The レポート and 重複・類似 tabs are app.ui_reports'; /report is the same library report, for API callers.

def build_report_api(retriever: Retriever) -> None:
    """The /report endpoint: a question file (and its column, filters, top_k) → the report files' paths."""
    import gradio as gr

    with gr.Row(visible=False):  # API only: the レポート tab is the page's way to the same report
        questions_file = gr.File(file_types=[".txt", ".csv", ".tsv", ".xlsx", ".jsonl"])
        column, options = gr.Textbox(), gr.JSON()
        top_k = gr.Number(value=3, precision=0)
        files = gr.File(file_count="multiple", label="report_files")  # the label names the output in the API
        message = gr.Textbox(label="message")
        run = gr.Button()

    def report(questions_file, column, filters, top_k):
        """Match every question of a .txt/.csv/.tsv/.xlsx/.jsonl file against the cards; returns the XLSX, CSV,
        HTML and JSONL report files and a message (filters as in /search)."""
        try:
            if not questions_file:
                raise ValueError("questions_file に質問のファイルを指定してください")
            f = filters_from_json(filters)
            check_filter_values(f, retriever.cards)
            k, _ = check_search_args(top_k or 3, "hybrid")
            out = run_report(retriever, questions_file, column or None, list(f.ministries), f.lead_only,
                             list(f.chapters), k)
        except Exception as e:  # noqa: BLE001 - one log line, one message
            raise _api_error("/report", e) from None
        if not out["files"]:
            log.warning("/report: %s", html.unescape(out["message"]))
        return out["files"] or None, html.unescape(out["message"])

    run.click(report, [questions_file, column, options, top_k], [files, message], api_name="report")


# ------------------------------------------------------------------------------------------------ the app

def _api_error(endpoint: str, e: Exception):
    """A bad API call: one line in the log, one Japanese sentence to the caller, no traceback."""
    import gradio as gr

    log.warning("%s: %s: %s", endpoint, type(e).__name__, e)
    return gr.Error(str(e) if isinstance(e, ValueError) else "内部エラーが発生しました", print_exception=False)


def _kept(messages: list, log_ids: list, history: list, session: str | None = None) -> dict:
    """The browser's copy of the chat: the last MAX_KEPT_MESSAGES messages, each assistant one with its log row id
    (so that a 👍/👎 given after a reload still reaches its row), the conversation state, and the session token its
    answers were logged under (index.querylog.new_session: only it may rate them)."""
    return {"messages": messages[-MAX_KEPT_MESSAGES:], "log_ids": log_ids[-MAX_KEPT_MESSAGES:], "history": history,
            "session": session}


#: How the chat shows a rating kept in the log (Chatbot feedback_value)
SHOWN_FEEDBACK = {"up": "Like", "down": "Dislike"}


def shown_ratings(store: dict, messages: list, query_log) -> list[str | None]:
    """The 👍/👎 of each assistant message of a kept chat, as the log has them for this browser's session: a reload
    shows the ratings given before it. Rows of another session are never read."""
    ids = _log_ids(store, len(messages))
    asked = [i for m, i in zip(messages, ids) if isinstance(m, dict) and m.get("role") == "assistant"]
    rated = query_log.feedback_of([i for i in asked if i is not None], store.get("session")) if query_log else {}
    return [SHOWN_FEEDBACK.get(rated.get(i) or "") if i is not None else None for i in asked]


def _log_ids(store: dict, n: int) -> list:
    ids = list(store.get("log_ids") or [])
    return ids[-n:] if len(ids) >= n else [None] * (n - len(ids)) + ids


def build_app(retriever: Retriever, settings=None, query_log=None):
    """The Blocks app over one retriever (not launched); `settings` may name an optional answer writer,
    `query_log` (index.querylog.QueryLog) records every question asked through the page and the API."""
    import gradio as gr

    from app.ui_usage import feedback_row, usage_tab
    from index.querylog import entry_of_answer, entry_of_result, is_session, new_session
    from index.writer import WriterConfig, write

    writer = WriterConfig.from_settings(settings) if settings is not None else None
    source = os.path.basename(str(settings.source)) if settings is not None and settings.source else ""

    def record(entry, session: str | None = None) -> int | None:
        return query_log.record(entry, session) if query_log is not None else None

    cards = retriever.cards
    by_id = {c.id: c for c in cards}
    titles = chapter_titles(cards)
    ministries = sorted({m.name for c in cards for m in c.ministries if m.name != "関係府省庁"})
    import app.ui_reports as ui_reports
    from app.web_guard import UPLOAD_LIMITS

    # this server's own report folder, one per process: a second app built in the same process keeps the first's,
    # which the running server already allows Gradio to serve (a new root would make its downloads "not allowed")
    if ui_reports.OUTPUT_ROOT is None:
        ui_reports.use_output_root(settings.cache_dir if settings is not None else None)
    # delete_cache: Gradio's copies of uploads and report downloads go once the upload budget stops counting them
    # (15 minutes; checked every 2 minutes): a burst of uploads is held that long at most
    keep = int(UPLOAD_LIMITS["window_seconds"])
    with gr.Blocks(title="Seisaku Search", analytics_enabled=False, delete_cache=(120, keep)) as demo:
        gr.Markdown(f"## Seisaku Search — 施策集 {len(cards)} 件に日本語・英語で質問")
        # the REST API's own page (Swagger UI, served by this server: it works offline); relative, so a proxy's
        # prefix is kept
        gr.HTML("<a href='api/docs' target='_blank' rel='noopener'>REST API の説明 (/api/docs)</a>",
                elem_id="api-link")
        saved = gr.BrowserState({"messages": [], "history": []}, storage_key="seisaku-chat")
        with gr.Row(elem_id="layout"):
            with gr.Column(scale=1, min_width=240, elem_id="filters"):
                gr.Markdown("**絞り込み**（質問とレポートに適用）")
                f_min = gr.Dropdown(ministries, multiselect=True, label="府省庁")
                f_lead = gr.Checkbox(label="主担当（◎）のみ", interactive=False, info=LEAD_FIRST_NOTE)
                f_ch = gr.Dropdown([(t, ch) for ch, t in titles.items()], multiselect=True, label="章")
                f_art = gr.Dropdown(list(ARTICLE_COLUMNS), multiselect=True, label="条（官民データ活用推進基本法）")
                f_guide = gr.Dropdown(list(GUIDE_COLUMNS), multiselect=True, label="手引")
                f_k = gr.Slider(1, 30, value=10, step=1, label="表示する件数")
                f_mode = gr.Radio([("組み合わせ（推奨）", "hybrid"), ("語句一致", "bm25"), ("意味の近さ", "dense")],
                                  value="hybrid", label="検索方式")
            with gr.Column(scale=3, elem_id="main"):
                with gr.Tab("質問"):
                    chat = gr.Chatbot(label="回答", show_label=False, height=560, elem_id="chat", autoscroll=False, placeholder=EMPTY_CHAT,
                                      sanitize_html=True, buttons=["copy"],
                                      feedback_options=("Like", "Dislike") if query_log is not None else None)
                    box = gr.Textbox(label="質問", placeholder="質問を入力して Enter（変換中の Enter では送信しません）",
                                     elem_id="question", max_length=MAX_QUESTION_CHARS)
                    with gr.Row():
                        send = gr.Button("送信", variant="primary", elem_id="send")
                        clear = gr.Button("会話をクリア", elem_id="clear")
                    with gr.Row(elem_id="examples"):  # under the box: the box stays on a phone's first screen
                        examples = [gr.Button(q, size="sm", variant="secondary", min_width=120) for q in EXAMPLES]
                    feedback_row(chat, saved, query_log)  # 👍/👎 and a comment (app/ui_usage.py)
                    chat_card = gr.HTML("", elem_id="chat-card")  # the card a 施策番号 link in an answer opens
                detail, on_open = cards_tab(cards, render_card, titles)  # 施策一覧 (app/ui_cards.py)
                report_tabs(retriever, settings, (f_min, f_lead, f_ch))  # レポート, 重複・類似 (app/ui_reports.py)
                roadmap_tab(retriever)  # 工程表 (app/ui_roadmap.py)
                usage_tab(query_log)  # 利用状況 (app/ui_usage.py)
        build_report_api(retriever)
        open_box, open_button = open_card_box()
        known_ids = frozenset(by_id)

        def show(a: Answer, written=None) -> str:
            return link_card_ids(render_answer(a, written), known_ids)

        filters = [f_min, f_lead, f_ch, f_art, f_guide, f_k, f_mode]

        def on_ask(question, store, m, lead, ch, art, guide, k, mode):
            store = store if isinstance(store, dict) else {}
            messages = list(store.get("messages") or [])
            log_ids = _log_ids(store, len(messages))
            question = (question or "").strip()
            if not question:
                yield messages, "", store
                return
            conv = Conversation.from_list(store.get("history"))
            f = make_filters(m, lead, ch, art, guide)
            # this browser's session: issued with its first answer, kept with the chat (a reload keeps it)
            session = store.get("session") if is_session(store.get("session")) else new_session()
            t0 = time.perf_counter()
            a = explain(retriever, ask(retriever, question, conv, filters=f, top_k=int(k), mode=mode), f, int(k), mode)
            row = record(entry_of_answer(a, (time.perf_counter() - t0) * 1000, f, "web", source), session)
            messages += [{"role": "user", "content": plain_text(question)},
                         {"role": "assistant", "content": show(a)}]
            log_ids += [None, row]
            store = _kept(messages, log_ids, a.conversation.to_list(), session)
            # the chat's 👍/👎 are drawn again from the log: a new message otherwise clears the ones already given
            rated = shown_ratings(store, messages, query_log)
            yield gr.update(value=messages, feedback_value=rated), "", store
            if writer is not None and a.answers:
                for w in write(writer, question, [h.card for h in a.answers + a.related][:8]):
                    messages[-1] = {"role": "assistant", "content": show(a, w)}
                    if w.done:
                        store = _kept(messages, log_ids, a.conversation.to_list(), session)
                    yield gr.update(value=messages, feedback_value=rated), "", store

        def on_clear():
            return gr.update(value=[], feedback_value=[]), "", {"messages": [], "log_ids": [], "history": []}

        def on_load(store):
            store = store if isinstance(store, dict) else {}
            messages = store.get("messages") or []
            if query_log is None or not messages:
                return messages
            return gr.update(value=messages, feedback_value=shown_ratings(store, messages, query_log))

        def on_ministry(m):
            if m:
                return gr.update(interactive=True, info="選んだ府省庁が ◎ の施策だけにします")
            return gr.update(interactive=False, value=False, info=LEAD_FIRST_NOTE)

        inputs = [box, saved, *filters]
        for trigger in (box.submit, send.click):
            trigger(on_ask, inputs, [chat, box, saved], api_visibility="private", show_progress="minimal").then(
                None, None, None, js=SCROLL_TO_ANSWER_JS, api_visibility="private")
        clear.click(on_clear, None, [chat, box, saved], api_visibility="private")
        chat.clear(on_clear, None, [chat, box, saved], api_visibility="private")  # the chat's own trash icon
        demo.load(on_load, [saved], [chat], api_visibility="private")
        f_min.change(on_ministry, [f_min], [f_lead], api_visibility="private")
        open_button.click(on_open, [open_box], [detail, chat_card], js=OPEN_CARD_JS, api_visibility="private",
                          show_progress="hidden")
        for button in examples:
            button.click(lambda q: q, [button], [box], api_visibility="private").then(
                on_ask, inputs, [chat, box, saved], api_visibility="private", show_progress="minimal").then(
                None, None, None, js=SCROLL_TO_ANSWER_JS, api_visibility="private")

        def ask_api(question: str, history: list | None = None, filters: dict | None = None, top_k: int = 10,
                    mode: str = "hybrid") -> tuple[str, dict]:
            """Answer a question in a conversation: returns the answer as HTML and the results as JSON (the shape of
            `seisaku search --json`, plus "answer" and the "history" to send with the next question)."""
            try:
                k, mode = check_search_args(top_k, mode)
                if not isinstance(question, str) or not question.strip():
                    raise ValueError("question に質問の文を指定してください")
                if history is not None and not isinstance(history, list):
                    raise ValueError("history は前回の応答の history（リスト）を指定してください")
                f = filters_from_json(filters)
                check_filter_values(f, retriever.cards)
                t0 = time.perf_counter()
                a = explain(retriever, ask(retriever, question, Conversation.from_list(history), filters=f, top_k=k,
                                           mode=mode), f, k, mode)
            except Exception as e:  # noqa: BLE001 - every failure is one log line and one message
                raise _api_error("/ask", e) from None
            record(entry_of_answer(a, (time.perf_counter() - t0) * 1000, f, "api", source))
            return render_answer(a), a.to_dict()

        def search_api(query: str, filters: dict | None = None, top_k: int = 10, mode: str = "hybrid") -> dict:
            """Search the cards: the JSON of `seisaku search --json` for one query."""
            try:
                k, mode = check_search_args(top_k, mode)
                if not isinstance(query, str) or not query.strip():
                    raise ValueError("query に検索する文を指定してください")
                f = filters_from_json(filters)
                check_filter_values(f, retriever.cards)
                t0 = time.perf_counter()
                res: SearchResult = search_question(retriever, query[:2000], top_k=k, filters=f, mode=mode)
            except Exception as e:  # noqa: BLE001
                raise _api_error("/search", e) from None
            record(entry_of_result(res, query, (time.perf_counter() - t0) * 1000, f, "api", source))
            return res.to_dict()

        gr.api(ask_api, api_name="ask")
        gr.api(search_api, api_name="search")
    return demo


class PortInUse(OSError):
    """The port the app should listen on is taken."""


def check_port(host: str, port: int) -> None:
    """Raise PortInUse (one clear line) when host:port cannot be bound, before Gradio tries and prints a traceback."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a closed server's TIME_WAIT is free
        try:
            s.bind((host, port))
        except OSError:
            raise PortInUse(f"ポート {port}（{host}）は使用中です。--port で別のポートを指定してください"
                            f"（例: seisaku serve --port {port + 1}）") from None


def trim_heap_every(seconds: float) -> threading.Thread | None:
    """Hand freed heap back to the system every few seconds (glibc only). Dropped sessions' page configs and report
    buffers are freed but glibc keeps the pages: a server under mixed load grew ~3 MB a round more without this."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc: its allocator returns memory its own way
        return None
    # at most 2 malloc arenas: glibc gives each new worker thread an arena of its own (up to 8 per core), and a soak
    # of 2,000 questions over 16 clients stepped up ~55 MB when one more was made late in the run (issue 22)
    M_ARENA_MAX = -8
    libc.mallopt(M_ARENA_MAX, 2)

    def loop() -> None:
        while True:
            time.sleep(seconds)
            trim(0)

    t = threading.Thread(target=loop, name="seisaku-heap-trim", daemon=True)
    t.start()
    return t


def launch(retriever: Retriever, host: str = "127.0.0.1", port: int = 7860, block: bool = True, settings=None,
           query_log=None):
    """Serve the app, with the REST API at /api; binds to the loopback interface unless told otherwise. The question
    log is `query_log`, else the settings' (cache_dir/querylog.sqlite3 unless Settings.log is off)."""
    from app.rest import mount_rest
    from index.querylog import open_log

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    check_port(host, port)
    if query_log is None and settings is not None:
        query_log = open_log(settings)
    demo = build_app(retriever, settings, query_log)
    demo.queue(default_concurrency_limit=2)  # two searches at a time: the engine already uses every core
    trim_heap_every(15.0)  # before launch: with block=True it returns only when the server stops
    from app.web_guard import one_line_errors

    one_line_errors()  # a call Gradio cannot decode is one log line, not a traceback
    try:
        with signals_held():  # one that comes while Gradio starts is acted on here, where the server is closed
            _launch(demo, host, port, settings)
        source = os.path.basename(str(settings.source)) if settings is not None and settings.source else ""
        # Gradio serves "/" from here on, so /api answers a moment later: /api/health is the readiness probe
        mount_rest(demo.server_app, retriever, query_log, source)
        if query_log is not None:
            log.info("question log: %s (SEISAKU_LOG=0 turns it off)", query_log.path)
        if block:
            demo.block_thread()
    except BaseException:
        # SIGTERM or Ctrl-C before block_thread's own handler: the server's thread would outlive the main one and
        # keep the port (CI, 2026-12-05: a server stopped during its start-up was still serving 6 minutes later)
        demo.close()
        raise
    return demo


@contextlib.contextmanager
def signals_held(signums: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)):
    """Hold SIGINT and SIGTERM while the block runs and deliver the first that came once it is left. Raised inside
    Gradio's launch, such a signal left the server thread it had just started serving where nothing could close it
    (launch had not yet recorded it, so Blocks.close did nothing). Off the main thread (no handlers there) a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    before = {n: signal.signal(n, lambda num, _frame: came.append(num)) for n in signums}
    try:
        yield
    finally:
        for n, handler in before.items():
            signal.signal(n, handler)
        if came:
            signal.raise_signal(came[0])  # to its own handler again: the CLI's raises Terminated, SIGINT's
            # KeyboardInterrupt


def _launch(demo, host: str, port: int, settings) -> None:
    """Gradio's launch with this app's settings (returns once the server answers; the caller blocks)."""
    import gradio as gr
    from starlette.middleware import Middleware

    from app.ui_reports import output_root
    from app.web_guard import UploadBudget

    demo.launch(server_name=host, server_port=port, max_file_size=MAX_UPLOAD_BYTES, head=IME_GUARD + COPY_PLAIN_JS + CARDS_JS,
                css=CSS, i18n=gr.I18n(en=JAPANESE_WIDGETS),
                app_kwargs={"middleware": [Middleware(UploadBudget)]},  # uploads bounded in total, not only each
                # the report folder lives under the cache dir (~/.cache/seisaku by default), outside the temp dir
                # Gradio serves from by default: without this, downloads failed with "Cannot move … to the cache"
                allowed_paths=[str(output_root())],
                prevent_thread_lock=True, show_error=True, footer_links=[], quiet=True,
                max_threads=8,  # a bounded pool: every worker thread keeps its own engine and BLAS buffers
                state_session_capacity=max(1, settings.web_sessions if settings else 256))
