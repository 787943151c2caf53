"""Every main page fits a phone 390 px wide: nothing makes the page scroll sideways (a wide table scrolls in its
own box)."""

import io

import pytest
from django.core.management import call_command

from sco.core.tests.main_pages import main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_main_page_fits_390_px(browser, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo", stdout=io.StringIO())
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("input[name=username]", "secretariat")
    page.fill("input[name=password]", "sco-demo-2026")
    page.click("form button[type=submit]:not(.small)")
    page.wait_for_url(lambda url: "/login/" not in url)
    too_wide = {}
    for path in main_pages():
        response = page.goto(path)
        assert response is not None and response.status < 400, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
    context.close()
    assert too_wide == {}, too_wide
