"""The main pages, anonymous and signed in, load in Chromium without a single Content-Security-Policy violation.

The pages are found, not listed: every link of the home page and of each part's index (the new parts included as soon
as they are mounted), so a page that brings back an inline script or style fails here."""

import io
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGES = 30
SKIP = ("/logout", "/admin", "/static/", "/media/", ".csv", ".ics", ".json", ".pdf", ".xml", "/feed", "/export")


@pytest.fixture
def strict_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page that obeys the CSP (the shared `page` fixture bypasses it for Playwright's own helpers)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _login(page: Any, username: str) -> None:
    from sco.conftest import DEMO_PASSWORD

    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]:not(.small)")
    page.wait_for_url(lambda url: "/login/" not in url)


def _watch(page):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(f"{page.url}: {msg.text}") if "Content Security Policy" in msg.text else None,
    )
    return violations


def _links(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    found = []
    for href in hrefs:
        url = urlparse(href)
        if f"{url.scheme}://{url.netloc}" != base or any(s in url.path for s in SKIP):
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def _visit_all(page, base: str) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    queue = ["/", "/api/v1/docs"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if len(seen) <= 8:  # the home page and the parts' indexes: follow their links one level down
            queue.extend(link for link in _links(page, base) if link not in seen)
    return seen


def test_the_main_pages_load_without_a_csp_violation(strict_page, live_server, settings):
    page = strict_page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo", stdout=io.StringIO())
    violations = _watch(page)
    anonymous = _visit_all(page, live_server.url)
    _login(page, "hod-kz")
    signed_in = _visit_all(page, live_server.url)
    assert len(anonymous) > 10 and len(signed_in) > 10
    assert violations == []
    # the watch itself works: an inline style slipped into the page is reported
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>')")
    page.wait_for_timeout(300)
    assert violations, "a CSP violation should have been reported"


def test_a_plotly_chart_draws_under_the_csp_without_a_violation(strict_page):
    page = strict_page
    """Plotly injects its styles inline unless base.html's two stylesheet links are present (they are)."""
    violations = _watch(page)
    page.goto("/")
    page.add_script_tag(url="/static/vendor/plotly/plotly.min.js")
    page.evaluate("() => { const d = document.createElement('div'); d.id = 'chart'; document.body.append(d); }")
    page.evaluate("Plotly.newPlot('chart', [{type: 'bar', x: ['KZ', 'CN'], y: [3, 4]}])")
    page.wait_for_selector("#chart .main-svg")
    page.hover("#chart .main-svg")
    assert violations == []
