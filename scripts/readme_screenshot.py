"""Take docs/screenshot.png from a running demo (`make demo`): the leader's dashboard of the district plan.

    .venv/bin/python scripts/readme_screenshot.py [http://127.0.0.1:8000]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshot.png"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{BASE}/login/")
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill("taizhang-demo-2024")
    page.get_by_role("button", name="登录").click()
    page.goto(f"{BASE}/dashboard/")
    page.wait_for_selector("canvas")
    page.wait_for_timeout(1500)  # ECharts animates its first draw
    page.screenshot(path=str(OUT), full_page=False)
    browser.close()
print(OUT)
