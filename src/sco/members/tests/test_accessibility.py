"""axe-core (bundled in axe-playwright-python) finds no serious or critical accessibility violation on our pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/login/",
    "/members/",
    "/members/states/KZ/",
    "/members/chairmanships/",
    "/members/bodies/",
    "/account/tokens/",
    "/account/notifications/",
    "/decisions/",
    "/projects/",
    "/projects/new/",
    "/documents/",
    "/documents/dashboard/",
]


def serious_violations(page):
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa"], "resultTypes": ["violations"]})
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_pages_have_no_serious_accessibility_violations(page, login, head_of_delegation, language):
    head_of_delegation("KZ")
    login("hod-kz")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    for path in PAGES:
        page.goto(path)
        assert serious_violations(page) == [], path
