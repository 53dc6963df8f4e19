"""(issue 18) In a real browser: a conversation followed turn by turn, and the copy button of an answer copies plain
text with the 施策番号, not the answer's HTML. Skipped (and said so) without Playwright or Chromium, like
tests/test_browser.py, whose fixtures these tests share."""

import re
import time

from test_browser import SHOTS, app_url, bot_messages, browser, page, send  # noqa: F401 - shared fixtures


def copy_last_answer(pg) -> str:
    """Click the copy button of the last answer and read back what the clipboard got."""
    bot_messages(pg).last.hover()
    pg.locator("#chat button[aria-label*='opy'], #chat button[aria-label*='コピー']").last.click()
    time.sleep(0.3)
    return pg.evaluate("navigator.clipboard.readText()")


def test_the_copy_button_copies_plain_text_with_the_measure_number(browser, app_url):  # noqa: F811
    ctx = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900},
                              permissions=["clipboard-read", "clipboard-write"])
    pg = ctx.new_page()
    pg.goto(app_url)
    pg.locator("#question textarea").wait_for()
    try:
        send(pg, "テレワークを推進する施策は？")
        text = copy_last_answer(pg)
        assert "[04-03]" in text and "テレワーク" in text
        assert "<div" not in text and "class=" not in text and "<p>" not in text
        send(pg, "被災者支援に関する施策を全部教えて")
        send(pg, "それぞれの担当は？")
        table = copy_last_answer(pg)
        assert "| 施策番号 |" in table and "| 03-19 |" in table and "<td>" not in table
        # each ministry once, the lead marked; the column names a phone shows in each cell are not copied
        assert "| 03-19 | 被災者台帳管理 | ◎内閣府、◎内閣官房 |" in table and "担当府省庁（◎ 主担当）：" not in table
        pg.screenshot(path=str(SHOTS / "copy-plain-text.png"), full_page=True)
    finally:
        ctx.close()


def test_a_conversation_drops_the_subject_and_picks_from_the_list(page):  # noqa: F811
    send(page, "ドローンの施策は？")
    who = send(page, "担当は？")
    assert "04-02" in who and "内閣官房" in who
    listing = send(page, "被災者支援に関する施策を全部教えて")
    shown = list(dict.fromkeys(re.findall(r"\[(\d\d-\d\d)\]", listing)))  # the answers, in the order given
    assert "03-19" in shown and "03-21" in shown
    second = send(page, "2つ目の概要")
    assert f"[{shown[1]}]" in second and "の課題・取組概要" in second
    past = send(page, "9番目は？")
    assert "9 番目の施策はありません" in past
    page.screenshot(path=str(SHOTS / "conversation-ellipsis-ordinal.png"), full_page=True)
