"""shot_html.py HTML OUTDIR: full-page screenshots of a report HTML at 1400 and 400 px in headless Chromium."""
import sys
from pathlib import Path
from playwright.sync_api import sync_playwright
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.test_browser import ARGS, CHROMIUM
html, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
with sync_playwright() as p:
    b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    for w in (1400, 400):
        pg = b.new_page(viewport={"width": w, "height": 900}); pg.goto(html.as_uri()); pg.wait_for_timeout(800)
        pg.screenshot(path=str(out / f"report-{w}.png"), full_page=True); pg.close()
    b.close()
