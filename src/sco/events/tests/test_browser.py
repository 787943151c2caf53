"""The issue's done-when, in a browser: an event in Astana time with sessions, two delegates (one waits), approval,
the iCalendar feed with the right local times, and the event on the chairmanship overview."""

from datetime import UTC, datetime

import icalendar
import pytest

from sco.events.models import Event, Registration
from sco.members.models import Chairmanship

pytestmark = pytest.mark.browser


def test_an_organiser_runs_an_astana_event_from_creation_to_the_feed_and_the_overview(
    page, login, secretariat, head_of_delegation
):
    head_of_delegation("KZ")
    head_of_delegation("CN")
    chair = Chairmanship.objects.order_by("-start").first()

    login("secretariat")
    page.goto("/events/new/")
    page.fill("input[name=title_en]", "SCO Tourism Conference (browser test)")
    page.fill("input[name=title_ru]", "Туристическая конференция ШОС (тест)")
    page.select_option("select[name=category]", "business_conference")
    page.fill("input[name=start_local]", "2027-07-03T10:00")
    page.fill("input[name=end_local]", "2027-07-03T18:00")
    page.select_option("select[name=time_zone]", "Asia/Almaty")
    page.fill("input[name=venue]", "Palace of Independence")
    page.fill("input[name=city_en]", "Astana")
    page.select_option("select[name=country]", "KZ")
    page.select_option("select[name=organiser_state]", "KZ")
    page.select_option("select[name=chairmanship]", str(chair.pk))
    page.check("input[name=registration_open]")
    page.fill("input[name=capacity]", "1")
    page.click("form.event-form button[type=submit]")
    page.wait_for_url("**/events/*/")
    event = Event.objects.get()
    assert event.starts_at == datetime(2027, 7, 3, 5, 0, tzinfo=UTC)
    assert "2027-07-03 10:00" in page.locator("#event-when").inner_text()

    for title, start, end in (("Opening plenary", "10:00", "12:00"), ("Round table", "14:00", "16:00")):
        page.goto(f"/events/{event.pk}/sessions/new/")
        page.fill("input[name=title_en]", title)
        page.fill("input[name=start_local]", f"2027-07-03T{start}")
        page.fill("input[name=end_local]", f"2027-07-03T{end}")
        page.fill("input[name=room]", "Hall A")
        page.fill("textarea[name=speakers]", "Speaker One; KZ; Ministry")
        page.click("form.session-form button[type=submit]")
        page.wait_for_url(f"**/events/{event.pk}/#timetable")
    assert page.locator(".session-row").count() == 2
    assert "2027-07-03 14:00" in page.locator("#timetable").inner_text()

    for code, expected in (("kz", "pending"), ("cn", "waitlisted")):
        page.context.clear_cookies()
        login(f"hod-{code}")
        page.goto(f"/events/{event.pk}/")
        page.click("form.registration-form button[type=submit]")
        page.wait_for_selector(f'#my-registration[data-status="{expected}"]')
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["pending", "waitlisted"]

    page.context.clear_cookies()
    login("secretariat")
    page.goto(f"/events/{event.pk}/participants/")
    kz_row = page.locator('tr[data-status="pending"]')
    kz_row.locator("button.approve").click()
    page.wait_for_selector('tr[data-status="approved"]')
    # The one place is taken: the organiser gives a second place, and the waiting delegate moves up.
    page.goto(f"/events/{event.pk}/edit/")
    page.fill("input[name=capacity]", "2")
    page.click("form.event-form button[type=submit]")
    page.wait_for_url(f"**/events/{event.pk}/")
    page.goto(f"/events/{event.pk}/participants/")
    page.locator('tr[data-status="pending"] button.approve').click()
    page.wait_for_function("document.querySelectorAll('tr[data-status=\"approved\"]').length === 2")
    assert list(Registration.objects.values_list("status", flat=True)) == ["approved", "approved"]

    response = page.request.get(f"/events/feed.ics?chairmanship={chair.pk}")
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.body())
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    main = starts["SCO Tourism Conference (browser test)"]
    assert main.replace(tzinfo=None) == datetime(2027, 7, 3, 10, 0)
    assert main.utcoffset().total_seconds() == 5 * 3600
    round_table = starts["Round table (SCO Tourism Conference (browser test))"]
    assert round_table.replace(tzinfo=None) == datetime(2027, 7, 3, 14, 0)
    assert round_table.astimezone(UTC) == datetime(2027, 7, 3, 9, 0, tzinfo=UTC)

    page.goto(f"/events/programme/{chair.pk}/")
    assert "SCO Tourism Conference (browser test)" in page.content()
    assert page.locator("svg.events-chart").count() == 3
