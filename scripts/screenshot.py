"""Takes the README's screenshots from a running `make run` (http://127.0.0.1:8000) with Debian's Chromium.

Usage: uv run python scripts/screenshot.py [base_url]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs"
SHOTS = [("home.png", "/", "en"), ("member-state.png", "/members/states/KZ/", "ru"),
         ("chairmanships.png", "/members/chairmanships/", "zh-hans"), ("projects.png", "/projects/", "en"),
         ("project.png", "/projects/1/", "en"), ("documents.png", "/documents/", "zh-hans"),
         ("programme.png", "/events/programme/", "ru"), ("financing.png", "/financing/", "en"),
         ("corridors.png", "/corridors/", "en"), ("trade.png", "/trade/", "ru")]
# Pages of the information-security exchange, as KZ-CERT's analyst sees them.
CERT_SHOTS = [("infosec.png", "/infosec/", "zh-hans")]

with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(base_url=BASE, viewport={"width": 1280, "height": 860})
    page.goto("/login/")
    page.fill("input[name=username]", "hod-kz")
    page.fill("input[name=password]", "sco-demo-2026")
    page.click("form button[type=submit]:not(.small)")
    for name, path, language in SHOTS:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": BASE}])
        page.goto(path)
        page.screenshot(path=str(OUT / name))
        print(f"wrote docs/{name}")
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", "cert-kz")
    page.fill("input[name=password]", "sco-demo-2026")
    page.click("form button[type=submit]:not(.small)")
    for name, path, language in CERT_SHOTS:
        page.context.add_cookies([{"name": "django_language", "value": language, "url": BASE}])
        page.goto(path)
        page.screenshot(path=str(OUT / name))
        print(f"wrote docs/{name}")
    browser.close()
