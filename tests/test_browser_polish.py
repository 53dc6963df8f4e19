"""In a real browser, on a machine with no way out: the REST API's page (/api/docs) draws its operations from files this
server serves, and the page links to it. Skipped (and said so) without Playwright or Chromium, like tests/test_browser.py,
whose fixtures these tests share."""

from urllib.parse import urlparse

from test_browser import SHOTS, app_url, browser, page  # noqa: F401 - shared fixtures


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
