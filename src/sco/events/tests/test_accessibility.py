"""axe-core (bundled in axe-playwright-python) finds no serious or critical WCAG 2 A/AA violation on the events pages,
in each language, as the organiser sees them (with a session, a registration, an outcome and a follow-up item)."""

from datetime import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from sco.events import services
from sco.members.models import State

pytestmark = pytest.mark.browser

FUTURE = {"start_local": datetime(2027, 7, 3, 10, 0), "end_local": datetime(2027, 7, 3, 18, 0)}


def serious_violations(page):
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa"], "resultTypes": ["violations"]})
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def busy_event(make_event, secretariat, head_of_delegation):
    head_of_delegation("KZ")
    delegate = head_of_delegation("CN")
    event = make_event(**FUTURE, capacity=5)
    services.session_add(
        actor=secretariat,
        event=event,
        data=services.SessionData(
            title_en="Opening plenary",
            start_local=datetime(2027, 7, 3, 10, 0),
            end_local=datetime(2027, 7, 3, 12, 0),
            room="Hall A",
            speakers=[services.SpeakerData(name="Speaker One", delegation=State.objects.get(code="KZ"))],
        ),
    )
    services.registration_create(
        actor=delegate, event=event, full_name="A. Delegate", delegation=State.objects.get(code="CN")
    )
    link = services.outcome_link_add(
        actor=secretariat, event=event, kind="document", label_en="Joint communiqué", url="https://example.org/c"
    )
    item = services.follow_up_add(actor=secretariat, event=event, text_en="Send the report to the Secretariat")
    return event, link, item


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_events_pages_have_no_serious_accessibility_violations(page, login, busy_event, language):
    event, link, item = busy_event
    login("hod-kz")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.url}])
    for path in [
        "/events/?past=1",
        "/events/month/?year=2027&month=7",
        "/events/week/?date=2027-07-03",
        f"/events/programme/{event.chairmanship_id}/",
        f"/events/{event.pk}/",
        f"/events/{event.pk}/participants/",
        f"/events/{event.pk}/outcomes/",
        f"/events/{event.pk}/outcomes/{link.pk}/edit/",
        f"/events/{event.pk}/follow-ups/{item.pk}/edit/",
        f"/events/{event.pk}/sessions/new/",
        f"/events/{event.pk}/edit/",
        "/events/delegation/",
        "/events/new/",
    ]:
        page.goto(path)
        assert serious_violations(page) == [], path


def test_the_month_grid_becomes_a_list_on_a_narrow_screen(page, busy_event):
    event, _link, _item = busy_event
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/events/month/?year=2027&month=7")
    # Only the days with events (or today) are shown, each with its weekday written out.
    shown = page.locator("table.ev-month td:visible")
    assert shown.count() == 1
    assert "3" in shown.first.inner_text() and event.title_en in shown.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_organiser_marks_a_follow_up_done_in_place_with_htmx(page, login, busy_event):
    event, _link, item = busy_event
    login("hod-kz")
    page.goto(f"/events/{event.pk}/")
    page.locator(f'li[data-follow-up="{item.pk}"] button.follow-up-done').click()
    page.wait_for_selector(f'li[data-follow-up="{item.pk}"][data-done="1"]')
    assert page.url.endswith(f"/events/{event.pk}/")  # swapped in place, no navigation
    item.refresh_from_db()
    assert item.done


def test_no_events_page_scrolls_sideways_on_a_phone(page, login, busy_event):
    event, _link, _item = busy_event
    login("hod-kz")
    page.set_viewport_size({"width": 375, "height": 800})
    for path in [
        "/events/?past=1",
        "/events/week/?date=2027-07-03",
        f"/events/programme/{event.chairmanship_id}/",
        f"/events/{event.pk}/",
        f"/events/{event.pk}/participants/",
        f"/events/{event.pk}/outcomes/",
        "/events/new/",
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
