"""The page as an analyst uses it, in a real browser (fixtures of test_browser: Debian's chromium via Playwright,
skipped, or failed under SEISAKU_REQUIRE_BROWSER=1, without it): a 施策番号 in an answer opens the card, the card list
sorts by a header click, finds a card by its reading and by its KPI status, filters by lead ministry, and a 👎 with a
comment reaches the question log."""

import time
from pathlib import Path

from index.card_table import CardTable
from index.querylog import FILE_NAME, QueryLog
from test_browser import SHOTS, app_url, browser, page, send  # noqa: F401  (fixtures)


def cards_shown(page) -> list[list[str]]:
    return page.evaluate("""() => [...document.querySelectorAll('#cards-table tbody tr[data-card]')]
                                    .map(r => [...r.cells].map(c => c.innerText.trim()))""")


def test_a_card_number_in_an_answer_opens_the_card(page):
    send(page, "テレワークを推進する施策は？")
    page.locator("#chat a.cite", has_text="[04-03]").first.click()
    page.wait_for_function("document.querySelector('#chat-card') && "
                           "document.querySelector('#chat-card').innerText.includes('KPI(効果)')", timeout=20_000)
    text = page.locator("#chat-card").inner_text()
    assert "[04-03] テレワークの普及" in text and "◎内閣官房" in text
    page.screenshot(path=str(SHOTS / "card-link.png"), full_page=True)


def test_the_card_list_sorts_by_a_header_click(page, cards):
    page.get_by_role("tab", name="施策一覧").click()
    page.locator("#cards-table").wait_for()
    before = cards_shown(page)
    assert len(before) == len(cards) and [r[0] for r in before] == sorted(r[0] for r in before)
    header = page.locator("#cards-table th", has_text="主担当")
    header.click()
    leads = [r[3] for r in cards_shown(page)]
    runs = [lead for i, lead in enumerate(leads) if i == 0 or leads[i - 1] != lead]
    assert len(runs) == len(set(leads)) and leads != [r[3] for r in before]  # sorted: each lead in one run
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()  # again: the other way round
    again = [r[3] for r in cards_shown(page)]
    assert header.get_attribute("aria-sort") == "descending" and again[0] == leads[-1] and again[-1] == leads[0]
    page.locator("#cards-table th", has_text="施策番号").click()
    assert [r[0] for r in cards_shown(page)] == sorted(c.id for c in cards)
    page.screenshot(path=str(SHOTS / "cards-sorted.png"))


def test_the_card_list_finds_by_reading_and_kpi_status_and_filters_by_lead(page, cards):
    table = CardTable.of(cards.cards)
    page.get_by_role("tab", name="施策一覧").click()
    page.locator("#find textarea").fill("えんかく")
    expected = {table.rows[i][0] for i in table.select("遠隔")}
    page.wait_for_function(f"document.querySelectorAll('#cards-table tbody tr[data-card]').length === {len(expected)}",
                           timeout=20_000)
    assert {r[0] for r in cards_shown(page)} == expected and "03-14" in expected
    assert f"64 件中 {len(expected)} 件" in page.locator("#cards-count").inner_text()
    page.screenshot(path=str(SHOTS / "cards-reading.png"))
    set_up = sum(r[4] == "設定済" for r in table.rows)
    page.locator("#find textarea").fill("設定済")
    page.wait_for_function(f"document.querySelectorAll('#cards-table tbody tr[data-card]').length === {set_up}",
                           timeout=20_000)
    page.locator("#find textarea").fill("")
    page.locator("#cards-lead input").click()
    page.keyboard.type("国土交通省")
    page.keyboard.press("Enter")
    led = [c.id for c in cards if "国土交通省" in c.lead_ministries]
    page.wait_for_function(f"document.querySelectorAll('#cards-table tbody tr[data-card]').length === {len(led)}",
                           timeout=20_000)
    assert [r[0] for r in cards_shown(page)] == led
    page.locator("#cards-table tbody tr[data-card]").first.click()  # a row opens the whole card
    page.wait_for_function("document.querySelector('#detail').innerText.includes('KPI(効果)')", timeout=20_000)
    assert f"[{led[0]}]" in page.locator("#detail").inner_text()


def test_a_thumbs_down_and_its_comment_reach_the_question_log(page, web_settings):
    question = f"遠隔医療を進める施策は？（評価のテスト {time.time():.0f}）"
    send(page, question)
    # Gradio's thumbs, labelled in the browser's language
    page.locator("#chat button[aria-label='Dislike'], #chat button[aria-label='よくないね']").last.click()
    page.locator("#feedback-comment textarea").wait_for(timeout=20_000)
    page.locator("#feedback-comment textarea").fill("オンライン診療の施策も知りたい")
    page.locator("#feedback-send").click()
    page.wait_for_function("document.querySelector('#feedback-note').innerText.includes('コメントを記録しました')",
                           timeout=20_000)
    rows = [e for e in QueryLog(Path(web_settings.cache_dir) / FILE_NAME).entries() if e.question == question]
    assert len(rows) == 1 and (rows[0].feedback, rows[0].comment, rows[0].via) == ("down", "オンライン診療の施策も知りたい",
                                                                                  "web")
    page.screenshot(path=str(SHOTS / "feedback.png"))
    page.get_by_role("tab", name="利用状況").click()
    page.locator("#usage-refresh").click()
    page.wait_for_function("document.querySelector('#usage').innerText.includes('オンライン診療の施策も知りたい')",
                           timeout=30_000)


def test_an_example_question_is_asked_by_a_click(page):
    page.locator("#examples button", has_text="04-03の担当府省庁は？").click()
    page.wait_for_function("document.querySelectorAll(\"#chat [data-testid='bot'] .direct\").length > 0",
                           timeout=60_000)
    time.sleep(0.3)
    assert "04-03の担当府省庁は？" in page.locator("#chat [data-testid='user']").last.inner_text()
    assert "◎内閣官房" in page.locator("#chat [data-testid='bot']").last.inner_text()
