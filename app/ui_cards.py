"""The 施策一覧 tab and the card links: every card in a table that fits the pane, sorts by a header click, searches
every shown column by spelling or reading (index.card_table), filters by chapter / lead ministry / KPI status with
counts; a 施策番号 in an answer or a row of the table opens that whole card."""

from __future__ import annotations

import re

from index.assist import esc
from index.card_table import COLUMNS, CardTable

__all__ = ["CARDS_JS", "CARDS_CSS", "cards_tab", "table_html", "link_card_ids", "open_card_box"]

# Clicks, caught in the capture phase before Gradio's own handlers: a header sorts the table in the page (no round
# trip: the rows are all there); a card link or a table row puts the card's ID where a hidden button's event reads
# it (its `js` step) and clicks that button, and the server answers with the whole card. (Writing into a hidden
# textbox and dispatching `input` does not reach Gradio 6's textbox.)
CARDS_JS = """
<script>
(() => {
  const text = (row, col) => (row.cells[col] ? row.cells[col].innerText.trim() : "");
  function sortBy(th) {
    const table = th.closest("table"), col = +th.dataset.col;
    const asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    const body = table.tBodies[0];
    [...body.rows].sort((a, b) => text(a, col).localeCompare(text(b, col), "ja", {numeric: true}) * (asc ? 1 : -1))
      .forEach((r) => body.appendChild(r));
  }
  function openCard(id, fromChat) {
    const button = document.querySelector("#open-card-btn");
    if (!button) return;
    window.seisakuCardToOpen = id;
    button.click();
    if (fromChat) setTimeout(() => {
      const panel = document.querySelector("#chat-card");
      if (panel) panel.scrollIntoView({block: "nearest", behavior: "smooth"});
    }, 700);
  }
  document.addEventListener("click", (e) => {
    const th = e.target.closest && e.target.closest("#cards-table th[data-col]");
    if (th) { sortBy(th); return; }
    const link = e.target.closest && e.target.closest("a.cite, #cards-table tbody tr[data-card]");
    if (!link) return;
    e.preventDefault();
    e.stopPropagation();
    const id = link.dataset.card || (link.getAttribute("href") || "").replace("#card-", "");
    if (id) openCard(id, !!link.closest("#chat"));
  }, true);
  document.addEventListener("keydown", (e) => {
    const row = e.target.closest && e.target.closest("#cards-table tbody tr[data-card]");
    if (row && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); openCard(row.dataset.card, false); }
  }, true);
})();
</script>
"""

CARDS_CSS = """
#open-card, #open-card-btn { display: none !important; }
#cards-wrap { max-height: 520px; overflow: auto; border: 1px solid #ddd; border-radius: 6px; }
#cards-table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.9em; }
#cards-table th { position: sticky; top: 0; background: #f3f5f8; cursor: pointer; user-select: none; text-align: left;
  padding: 6px; border-bottom: 1px solid #ccc; white-space: nowrap; }
#cards-table th::after { content: " ↕"; color: #aaa; font-weight: normal; }
#cards-table th[aria-sort=ascending]::after { content: " ▲"; color: #333; }
#cards-table th[aria-sort=descending]::after { content: " ▼"; color: #333; }
#cards-table td { padding: 5px 6px; border-bottom: 1px solid #eee; vertical-align: top; overflow-wrap: anywhere; }
#cards-table tbody tr { cursor: pointer; } #cards-table tbody tr:hover { background: #eef4ff; }
#cards-table col.c-id { width: 6em; } #cards-table col.c-name { width: 38%; } #cards-table col.c-lead { width: 17%; }
#cards-table col.c-kpi { width: 7.2em; }
#cards-count { color: #555; font-size: 0.9em; margin: 4px 0; }
a.cite { color: #0b57d0; text-decoration: underline dotted; cursor: pointer; }
@media (max-width: 700px) {
  #cards-table { font-size: 0.82em; }
  #cards-table col.c-chapter, #cards-table td:nth-child(3), #cards-table th:nth-child(3) { display: none; }
  #cards-table col.c-id { width: 5.4em; } #cards-table col.c-name { width: auto; }
  #cards-table col.c-lead { width: 24%; } #cards-table col.c-kpi { width: 5.2em; }
  #cards-table th { padding: 5px 3px; } #cards-table td { padding: 4px 3px; }
}
"""


def table_html(table: CardTable, selected: list[int]) -> str:
    """The table of the selected cards (escaped), with its row count; a row carries its card ID for the click."""
    head = "".join(f"<th data-col='{i}' scope='col'>{esc(h)}</th>" for i, h in enumerate(COLUMNS))
    cols = "".join(f"<col class='c-{k}'>" for k in ("id", "name", "chapter", "lead", "kpi"))
    body = "".join(f"<tr data-card='{esc(table.rows[i][0])}' tabindex='0'>"
                   + "".join(f"<td>{esc(v)}</td>" for v in table.rows[i]) + "</tr>" for i in selected)
    count = (f"{len(table.rows)} 件中 {len(selected)} 件" if len(selected) != len(table.rows)
             else f"全 {len(table.rows)} 件")
    note = "（見出しをクリックで並べ替え、行をクリックで全文）"
    if not selected:
        body = f"<tr><td colspan='{len(COLUMNS)}'>条件に合う施策はありません。</td></tr>"
    return (f"<div id='cards-count'>{count} {note}</div><div id='cards-wrap'><table id='cards-table'>"
            f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


_CITED = re.compile(r"\[(\d{2}-\d{2})\]")


def link_card_ids(page_html: str, known: set[str] | frozenset[str]) -> str:
    """Every [施策番号] of a known card in rendered (escaped) HTML made a link that opens the card."""
    return _CITED.sub(lambda m: f"<a class='cite' href='#card-{m.group(1)}'>[{m.group(1)}]</a>"
                      if m.group(1) in known else m.group(0), page_html)


#: the `js` step of the hidden button's click: the ID the page's click handler left for it
OPEN_CARD_JS = "(current) => [window.seisakuCardToOpen || current]"


def open_card_box():
    """(hidden ID box, hidden button): clicking the button sends the ID a card link chose (one pair per page)."""
    import gradio as gr

    return (gr.Textbox(elem_id="open-card", container=False, show_label=False),
            gr.Button("open", elem_id="open-card-btn"))


def cards_tab(cards, render_card, titles) -> tuple:
    """The 施策一覧 tab (inside the caller's gr.Tabs); returns (detail, on_open) so that the chat can show a cited
    card too."""
    import gradio as gr

    table = CardTable.of(cards)
    facets = table.facets()
    by_id = {c.id: c for c in cards}
    with gr.Tab("施策一覧", elem_id="cards-tab"):
        find = gr.Textbox(label="施策を探す（表のどの列の語でも。読み「えんかく」や KPI の状態「設定済」でも）",
                          elem_id="find")
        with gr.Row():
            f_ch = gr.Dropdown(facets["chapters"], multiselect=True, label="章", elem_id="cards-chapter", scale=2)
            f_lead = gr.Dropdown(facets["leads"], multiselect=True, label="主担当", elem_id="cards-lead", scale=1)
            f_kpi = gr.Dropdown(facets["kpi"], multiselect=True, label="KPI", elem_id="cards-kpi", scale=1)
        listing = gr.HTML(table_html(table, list(range(len(cards)))), elem_id="cards")
        detail = gr.HTML("<p class='meta'>行を選ぶと施策の全文を表示します。</p>", elem_id="detail")

    def on_filter(text, ch, lead, kpi):
        return table_html(table, table.select(text or "", ch or (), lead or (), kpi or ()))

    for comp in (find, f_ch, f_lead, f_kpi):
        comp.change(on_filter, [find, f_ch, f_lead, f_kpi], [listing], api_visibility="private",
                    show_progress="hidden")

    def on_open(value):
        if isinstance(value, (list, tuple)):  # what the js step hands over, whichever way Gradio passes it on
            value = value[0] if value else ""
        card = by_id.get(str(value or "").strip())
        if card is None:
            return gr.update(), gr.update()
        html = render_card(card, titles)
        return html, html

    return detail, on_open
