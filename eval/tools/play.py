"""play.py URL OUTDIR WIDTH -q "q1" "q2" …   |   play.py URL OUTDIR WIDTH conv.jsonl cid …
Types each question into the chat in headless Chromium, waits for its answer, prints the answer text and saves a
full-page screenshot after each turn (OUTDIR/<tag>-<n>.png)."""
import json, sys
from pathlib import Path
from playwright.sync_api import sync_playwright
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.test_browser import ARGS, CHROMIUM, LAST_ANSWER_JS

url, out, width = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
rest = sys.argv[4:]
convs = []
if rest[0] == "-q":
    convs.append(("q", rest[1:]))
else:
    wanted = set(rest[1:])
    for line in open(rest[0], encoding="utf-8"):
        c = json.loads(line)
        if c["cid"] in wanted:
            convs.append((c["cid"], [t["q"] for t in c["turns"]]))
with sync_playwright() as p:
    b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    for tag, qs in convs:
        ctx = b.new_context(locale="ja-JP", viewport={"width": width, "height": 900})
        pg = ctx.new_page(); pg.goto(url); pg.locator("#question textarea").wait_for()
        pg.wait_for_timeout(2500)
        for i, q in enumerate(qs):
            n = pg.locator("#chat [data-testid='bot'] .direct").count()
            box = pg.locator("#question textarea"); box.click(); pg.keyboard.type(q); pg.keyboard.press("Enter")
            text = pg.wait_for_function(LAST_ANSWER_JS, arg=n, polling="raf", timeout=90_000).json_value()
            print(f"=== {tag} #{i} Q: {q}\n{text[:900]}\n")
            pg.screenshot(path=str(out / f"{tag}-{width}-{i}.png"), full_page=True)
        ctx.close()
    b.close()
