"""The web app in a real browser (Debian's chromium driven by Playwright): a question typed and answered, an IME
composition plus Enter that does not send, a follow-up, markup in a question kept as text, the chat kept across a
reload, the card browser, and a 400 px wide screen. Screenshots go to test-output/browser/ ($SEISAKU_TEST_OUTPUT).

Without Playwright or /usr/bin/chromium these tests are skipped (and said so at the end of the run); with
SEISAKU_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead, so CI never passes without them.
"""

import os
import re
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(os.environ.get("SEISAKU_TEST_OUTPUT", Path(__file__).resolve().parent.parent / "test-output")) / "browser"
NOT_RUN = "browser tests not run"
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is missing (apt-get install -y chromium fonts-noto-cjk)"
    return ""


@pytest.fixture(scope="module")
def app_url(request):
    missing = _missing()
    if missing:
        if os.environ.get("SEISAKU_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{NOT_RUN}: {missing}")
        pytest.skip(f"{NOT_RUN}: {missing}")
    return request.getfixturevalue("web_app")[1]


@pytest.fixture(scope="module")
def browser(app_url):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh Japanese browser profile (its own localStorage) on the app."""
    ctx = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.goto(app_url)
    pg.locator("#question textarea").wait_for()
    yield pg
    ctx.close()


def bot_messages(page):
    return page.locator("#chat [data-testid='bot']")


# The last answer's text, once the chat holds more than `n` direct answers and the last bubble is one and reads the
# same on two animation frames in a row: checked and read in the page in one step, never after a fixed pause (the
# chat is re-rendered while an answer lands; a read after a pause once found the bubble empty under load).
LAST_ANSWER_JS = """n => {
  const bots = document.querySelectorAll("#chat [data-testid='bot']");
  const last = bots[bots.length - 1];
  const ready = document.querySelectorAll("#chat [data-testid='bot'] .direct").length > n && last
                && last.querySelector('.direct') && last.innerText.trim();
  const text = ready ? last.innerText : null;
  const same = text !== null && window.__lastAnswerText === text;
  window.__lastAnswerText = text;
  return same ? text : null;
}"""


def app_ready(page) -> None:
    """The app mounted and its load event answered (handlers bound, a saved chat restored): network idle, or, where
    the page keeps a connection open past 5 s, its widgets rendered, which the app does only once mounted."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator("#question textarea").wait_for()
    try:
        page.wait_for_load_state("networkidle", timeout=5_000)
    except PlaywrightTimeout:
        page.locator("#examples button").first.wait_for(timeout=30_000)
        page.wait_for_function("document.readyState === 'complete'")


def send(page, question: str, count_before: int | None = None):
    """Type a question, press Enter, wait for its answer; returns the last answer's text."""
    n = bot_messages(page).count() if count_before is None else count_before
    box = page.locator("#question textarea")
    box.click()
    page.keyboard.type(question)
    page.keyboard.press("Enter")
    return page.wait_for_function(LAST_ANSWER_JS, arg=n, polling="raf", timeout=60_000).json_value()


def test_a_typed_question_gets_a_direct_answer_and_the_card_at_the_top(page):
    text = send(page, "テレワークを推進する施策は？")
    assert "[04-03] テレワークの普及" in text and "確からしさ" in text
    count = int(re.search(r"該当 (\d+) 件", text).group(1))
    assert 1 <= count < 10  # answers counted, not the ten cards shown
    assert page.locator("#chat .card", has_text="テレワークの普及").count() >= 1
    # the top of the answer is in view, not its end
    chat = page.locator("#chat").bounding_box()
    direct = page.locator("#chat .direct").last.bounding_box()
    assert chat["y"] <= direct["y"] < chat["y"] + chat["height"]
    page.screenshot(path=str(SHOTS / "answer.png"))


def test_enter_during_an_ime_composition_does_not_send(page, app_url, browser):
    box = page.locator("#question textarea")
    box.click()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "えんかく", "selectionStart": 4, "selectionEnd": 4})
    page.keyboard.press("Enter")
    # what Chrome and Safari send when Enter confirms a conversion: a keypress while composing, and an Enter
    # right after compositionend
    page.evaluate("""() => {
      const box = document.querySelector('#question textarea');
      box.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
      for (const type of ['keydown', 'keypress'])
        box.dispatchEvent(new KeyboardEvent(type, {key: 'Enter', isComposing: true, bubbles: true, cancelable: true}));
      box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '遠隔'}));
      box.dispatchEvent(new KeyboardEvent('keypress', {key: 'Enter', bubbles: true, cancelable: true}));
    }""")
    time.sleep(2)
    assert bot_messages(page).count() == 0 and "えんかく" in box.input_value()
    page.screenshot(path=str(SHOTS / "ime-not-sent.png"))
    cdp.send("Input.insertText", {"text": "遠隔医療"})  # the conversion confirmed …
    box.evaluate("e => e.blur()")  # … and the composition closed, as the IME does once it is confirmed
    # typed and sent as a person does (as send() does): with fill() straight after the blur, Enter sent nothing in
    # two of three full CI runs of 29791b9 (never alone), as if the page had not yet read the filled box
    box.fill("")
    box.click()
    page.keyboard.type("遠隔医療を進める施策は？")
    page.keyboard.press("Enter")
    page.wait_for_selector("#chat [data-testid='bot'] .direct", timeout=60_000)
    assert bot_messages(page).count() == 1

    # the control: without the guard the same keypress sends, so the test above can fail
    ctx = browser.new_context(locale="ja-JP")
    bare = ctx.new_page()

    def strip_guard(route):
        resp = route.fetch()
        body = resp.text().replace('document.addEventListener(\\"keypress\\", guard, true);', "")
        route.fulfill(response=resp, body=body)

    bare.route(app_url, strip_guard)
    bare.goto(app_url)
    app_ready(bare)  # the app's handlers bound before the keypress is dispatched
    bare.locator("#question textarea").fill("えんかく")
    bare.evaluate("""() => document.querySelector('#question textarea').dispatchEvent(
        new KeyboardEvent('keypress', {key: 'Enter', isComposing: true, bubbles: true, cancelable: true}))""")
    bare.wait_for_selector("#chat [data-testid='bot'] .direct", timeout=60_000)
    ctx.close()


def test_a_follow_up_is_answered_from_the_previous_card(page):
    send(page, "テレワークを推進する施策は？")
    text = send(page, "それの担当府省庁は？")
    assert "[04-03]" in text and "◎内閣官房" in text and "直前の回答" in text
    text = send(page, "国土交通省が主担当の施策のKPIを一覧で")
    assert page.locator("#chat table.fields").last.locator("tr").count() == 6  # header + 5 cards
    page.screenshot(path=str(SHOTS / "follow-up.png"), full_page=True)


def test_html_and_markdown_in_a_question_stay_text(page):
    # quotes, & and # are shown as typed too (an apostrophe once came out as &#x27;: the entity's # was backslashed)
    question = "<b>太字</b> **強調** [click](javascript:alert(1)) <img src=x onerror=alert(1)> What's \"this\" & #1 &amp;"
    send(page, question)
    bubble = page.locator("#chat [data-testid='user']").last
    assert bubble.inner_text().strip() == question
    assert bubble.locator("b, strong, a, img").count() == 0
    page.screenshot(path=str(SHOTS / "markup-as-text.png"))


def test_the_chat_survives_a_reload_and_clear_resets_it(page):
    send(page, "テレワークを推進する施策は？")
    page.reload()
    page.wait_for_selector("#chat [data-testid='bot'] .direct", timeout=30_000)
    assert "テレワークの普及" in bot_messages(page).last.inner_text()
    text = send(page, "それのKPIは？", count_before=1)  # the conversation state came back too
    assert "[04-03]" in text and "KPI(進捗)" in text
    page.locator("#clear").click()
    page.wait_for_function("document.querySelectorAll(\"#chat [data-testid='bot']\").length === 0")
    page.reload()
    page.locator("#question textarea").wait_for()
    app_ready(page)  # the saved chat, had it been kept, is restored by then
    assert bot_messages(page).count() == 0
    text = send(page, "それのKPIは？", count_before=0)
    assert "直前の回答" not in text  # nothing to refer to any more


def test_the_card_browser_finds_and_shows_a_whole_card(page):
    page.get_by_role("tab", name="施策一覧").click()
    page.locator("#find textarea").fill("テレワーク")
    cell = page.locator("#cards").get_by_text("テレワークの普及", exact=True).locator("visible=true").first
    cell.wait_for()
    cell.click()
    page.wait_for_function("document.querySelector('#detail').innerText.includes('KPI(効果)')")
    detail = page.locator("#detail").inner_text()
    assert "[04-03]" in detail and "◎内閣官房" in detail and "sesakushu_2021.tsv" in detail
    page.screenshot(path=str(SHOTS / "card-browser.png"), full_page=True)


def test_lead_only_waits_for_a_ministry(page):
    lead = page.get_by_label("主担当（◎）のみ")
    assert lead.is_disabled()
    page.get_by_label("府省庁").click()
    page.keyboard.type("総務省")
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('#filters input[type=checkbox]').disabled", timeout=10_000)
    text = send(page, "国土交通省の施策は？")
    assert "食い違います" in text  # the question's ministry against the chosen filter is said


def test_a_400px_screen_puts_the_chat_first(browser, app_url):
    ctx = browser.new_context(locale="ja-JP", viewport={"width": 400, "height": 860})
    pg = ctx.new_page()
    pg.goto(app_url)
    box = pg.locator("#question textarea")
    box.wait_for()
    assert box.bounding_box()["y"] < pg.locator("#filters").bounding_box()["y"]
    assert box.bounding_box()["y"] < 860  # the question box is on the first screen
    send(pg, "テレワークを推進する施策は？")
    pg.screenshot(path=str(SHOTS / "narrow-400px.png"))
    ctx.close()
