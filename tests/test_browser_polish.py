"""In a real browser: on a machine with no way out, the REST API's page (/api/docs) draws its operations from files
this server serves, and the page links to it; the 👍/👎 given stay shown after another question, a reload and not after
会話をクリア. Skipped (and said so) without Playwright or Chromium, like tests/test_browser.py, whose fixtures these
tests share."""

from urllib.parse import urlparse

from test_browser import SHOTS, app_url, browser, page, send  # noqa: F401 - shared fixtures


def _offline(ctx, url: str) -> list[str]:
    """Refuse every request that leaves this server, as a machine without the internet would; returns their URLs."""
    here = urlparse(url).netloc
    refused: list[str] = []

    def route(r):
        if urlparse(r.request.url).netloc == here or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    return refused


def test_the_api_page_works_offline_and_is_linked_from_the_app(browser, app_url):  # noqa: F811
    ctx = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    refused = _offline(ctx, app_url)
    try:
        docs = ctx.new_page()
        docs.goto(app_url + "api/docs")
        docs.locator(".opblock").first.wait_for(timeout=20_000)  # before: a blank page (its script from a CDN)
        paths = docs.locator(".opblock-summary-path").all_inner_texts()
        assert {"/search", "/ask", "/feedback", "/health"} <= {p.strip().replace("\u200b", "") for p in paths}
        assert refused == []  # the page asked nothing of the internet
        docs.screenshot(path=str(SHOTS / "api-docs-offline.png"))
        pg = ctx.new_page()
        pg.goto(app_url)
        with ctx.expect_page() as opened:  # the app's link opens it in a tab of its own
            pg.locator("#api-link a").click()
        assert urlparse(opened.value.url).path == "/api/docs"
    finally:
        ctx.close()


# The rating each answer shows, in order: "up", "down" or None, read from the chat's thumb buttons (a given rating
# turns its button's label into Liked / Disliked)
RATINGS_JS = """() => {
  const out = [];
  for (const b of document.querySelectorAll('#chat button[aria-label]')) {
    const l = b.getAttribute('aria-label');
    if (l === 'Liked') out[out.length - 1] = 'up';
    else if (l === 'Disliked') out.push('down');
    else if (l === 'よくないね' || l === 'Dislike') out.push(null);
  }
  return out;
}"""


def _rate(pg, n: int, label: str) -> None:
    """Click 👍 (いいね) or 👎 (よくないね) under the n-th answer (none rated with that button before it) and wait
    until the server has written it."""
    pg.locator("#chat [data-testid='bot']").nth(n).hover()
    pg.locator(f"#chat button[aria-label='{label}']").nth(n).click()
    said = {"いいね": "👍 を記録しました", "よくないね": "👎 を記録しました"}[label]
    pg.wait_for_function(f"document.querySelector('#feedback-note').innerText.includes('{said}')", timeout=20_000)


def test_ratings_stay_shown_after_another_question_and_a_reload(page, web_settings):  # noqa: F811
    from pathlib import Path

    from index.querylog import FILE_NAME, QueryLog

    send(page, "テレワークを推進する施策は？")
    _rate(page, 0, "いいね")
    send(page, "ドローンの施策は？")
    _rate(page, 1, "よくないね")
    send(page, "遠隔医療の施策は？")
    assert page.evaluate(RATINGS_JS) == ["up", "down", None]  # before: the first 👍 was gone after the next answer
    page.reload()
    page.wait_for_function("document.querySelectorAll(\"#chat [data-testid='bot']\").length >= 3", timeout=30_000)
    page.wait_for_function(f"JSON.stringify(({RATINGS_JS})()) === '[\"up\",\"down\",null]'", timeout=20_000)
    page.locator("#chat button[aria-label='Liked']").scroll_into_view_if_needed()
    page.locator("#chat").screenshot(path=str(SHOTS / "ratings-after-reload.png"))
    rows = {e.question: e.feedback for e in QueryLog(Path(web_settings.cache_dir) / FILE_NAME).entries()}
    assert (rows["テレワークを推進する施策は？"], rows["ドローンの施策は？"], rows["遠隔医療の施策は？"]) == ("up", "down", None)
    page.locator("#clear").click()
    page.wait_for_function("document.querySelectorAll(\"#chat [data-testid='bot']\").length === 0")
    send(page, "テレワークを推進する施策は？", 0)
    assert page.evaluate(RATINGS_JS) == [None]  # a fresh chat shows no rating of the old one
