from datetime import datetime

import pytest
from django.test import Client

from sco.conftest import DEMO_PASSWORD
from sco.events import services
from sco.events.models import Event, Registration

pytestmark = pytest.mark.django_db

FUTURE = {"start_local": datetime(2027, 7, 3, 10, 0), "end_local": datetime(2027, 7, 3, 18, 0)}


def client_for(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_every_page_renders_in_each_language(make_event, secretariat, language):
    event = make_event(**FUTURE)
    services.session_add(
        actor=secretariat,
        event=event,
        data=services.SessionData(
            title_en="Plenary", start_local=datetime(2027, 7, 3, 10, 0), end_local=datetime(2027, 7, 3, 12, 0)
        ),
    )
    client = client_for(secretariat)
    client.cookies["django_language"] = language
    for url in [
        "/events/",
        "/events/?past=1",
        "/events/month/?year=2027&month=7",
        "/events/week/?date=2027-07-03",
        f"/events/{event.pk}/",
        f"/events/{event.pk}/participants/",
        f"/events/{event.pk}/edit/",
        f"/events/{event.pk}/sessions/new/",
        f"/events/{event.pk}/outcomes/",
        "/events/new/",
        f"/events/programme/{event.chairmanship_id}/",
        "/events/delegation/",
        "/",
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, (url, response.status_code)
    expected = {"en": "Timetable", "ru": "Расписание", "zh-hans": "日程"}[language]
    page = client.get(f"/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected in page
    assert "2027-07-03 10:00" in page and "Asia/Almaty" in page and "UTC+05:00" in page


def test_the_month_page_shows_the_event_on_its_local_day(make_event):
    event = make_event(**FUTURE)
    page = Client().get("/events/month/?year=2027&month=7").content.decode()
    assert f"/events/{event.pk}/" in page and "10:00" in page


def test_creating_an_event_through_the_form_stores_it_in_utc(secretariat, organisation):
    client = client_for(secretariat)
    response = client.post(
        "/events/new/",
        {
            "title_en": "Form event",
            "category": "forum",
            "format": "in_person",
            "is_public": "on",
            "precision": "time",
            "start_local": "2027-07-03T10:00",
            "end_local": "2027-07-03T12:00",
            "time_zone": "Asia/Almaty",
            "city_en": "Astana",
            "country": "KZ",
            "audience": "delegations",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.starts_at.hour == 5


def test_a_form_with_a_bad_time_shows_the_error_and_stores_nothing(secretariat, organisation):
    client = client_for(secretariat)
    response = client.post(
        "/events/new/",
        {
            "title_en": "Form event",
            "category": "forum",
            "format": "in_person",
            "precision": "time",
            "start_local": "2027-07-03T10:00",
            "end_local": "2027-07-03T09:00",
            "time_zone": "Asia/Almaty",
            "city_en": "Astana",
            "country": "KZ",
            "audience": "delegations",
        },
    )
    assert response.status_code == 422
    assert "The end must come after the start." in response.content.decode()
    assert not Event.objects.exists()


def test_registering_with_htmx_swaps_the_panel_and_errors_come_back_as_422(make_event, head_of_delegation):
    event = make_event(**FUTURE)
    client = client_for(head_of_delegation("KZ"))
    response = client.post(f"/events/{event.pk}/register/", {"full_name": "A. Delegate"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-status="pending"' in response.content.decode()
    again = client.post(f"/events/{event.pk}/register/", {}, HTTP_HX_REQUEST="true")
    assert again.status_code == 422 and "already registered" in again.content.decode()
    assert Registration.objects.count() == 1


def test_an_organiser_approves_with_htmx_and_downloads_badges(make_event, head_of_delegation, secretariat):
    event = make_event(**FUTURE)
    registration = services.registration_create(actor=head_of_delegation("KZ"), event=event, full_name="A. Delegate")
    client = client_for(secretariat)
    response = client.post(f"/events/registrations/{registration.pk}/decide/", {"approve": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-status="approved"' in response.content.decode()
    csv = client.get(f"/events/{event.pk}/badges.csv")
    assert csv["Content-Type"].startswith("text/csv") and "A. Delegate" in csv.content.decode()
    assert client_for(head_of_delegation("CN")).get(f"/events/{event.pk}/badges.csv").status_code == 404


def test_feeds_are_served_as_text_calendar(make_event, head_of_delegation):
    event = make_event(**FUTURE)
    assert Client().get("/events/feed.ics").content.startswith(b"BEGIN:VCALENDAR")
    assert Client().get(f"/events/{event.pk}.ics")["Content-Type"].startswith("text/calendar")
    hod = head_of_delegation("KZ")
    services.registration_create(actor=hod, event=event)
    page = client_for(hod).get("/events/delegation/").content.decode()
    token = page.split("my.ics?token=")[1].split('"')[0]
    feed = Client().get(f"/events/my.ics?token={token}")
    assert b"SCO Digital Forum (test)" in feed.content
    assert Client().get("/events/my.ics?token=forged").status_code == 404


def test_the_home_page_shows_coming_events(make_event):
    make_event(**FUTURE)
    assert "SCO Digital Forum (test)" in Client().get("/").content.decode()


def test_editing_an_event_with_known_days_only_keeps_its_days(secretariat, event_data):
    event = services.event_create(
        actor=secretariat,
        data=event_data(
            precision="day", start_local=datetime(2027, 5, 22, 0, 0), end_local=datetime(2027, 5, 25, 0, 0)
        ),
    )
    client = client_for(secretariat)
    form = client.get(f"/events/{event.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and v is not False}
    data.update(
        {
            "country": "KZ",
            "organiser_state": "KZ",
            "chairmanship": event.chairmanship_id,
            "registration_open": "on",
            "needs_approval": "on",
            "keeps_waitlist": "on",
            "is_public": "on",
        }
    )
    response = client.post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "22 May 2027" in page and "25 May 2027" in page and "26 May" not in page


def test_an_organiser_removes_a_session_and_the_feed_forgets_it(make_event, secretariat, head_of_delegation):
    event = make_event(**FUTURE)
    session = services.session_add(
        actor=secretariat,
        event=event,
        data=services.SessionData(
            title_en="Plenary", start_local=datetime(2027, 7, 3, 10, 0), end_local=datetime(2027, 7, 3, 12, 0)
        ),
    )
    # Kazakhstan organises this event; China's delegation may not touch its timetable.
    refused = client_for(head_of_delegation("CN")).post(f"/events/{event.pk}/sessions/{session.pk}/remove/")
    assert refused.status_code == 404
    response = client_for(secretariat).post(f"/events/{event.pk}/sessions/{session.pk}/remove/")
    assert response.status_code == 302
    assert not event.sessions.exists()
    assert b"Plenary" not in Client().get(f"/events/{event.pk}.ics").content


def test_the_state_filter_takes_a_code_in_any_case_and_refuses_an_unknown_one(make_event):
    from sco.members.models import State

    make_event(title_en="Astana meeting", organiser_state=State.objects.get(code="KZ"), **FUTURE)
    client = Client()
    found = client.get("/events/?state=kz")
    assert found.status_code == 200
    assert b"Astana meeting" in found.content
    assert b"Astana meeting" not in client.get("/events/?state=CN").content
    refused = client.get("/events/?state=ZZ")
    assert refused.status_code == 422
    assert b"Unknown state: ZZ" in refused.content


def test_the_home_page_keeps_its_coming_events_panel_and_a_new_event_shows_at_once(make_event):
    client = Client()
    make_event(title_en="First meeting", **FUTURE)
    assert "First meeting" in client.get("/").content.decode()
    make_event(
        title_en="Second meeting", start_local=datetime(2027, 7, 4, 10, 0), end_local=datetime(2027, 7, 4, 18, 0)
    )
    html = client.get("/").content.decode()
    assert "First meeting" in html and "Second meeting" in html


def test_the_month_grid_is_kept_and_a_new_or_changed_event_shows_at_once(make_event, secretariat):
    client = Client()
    make_event(title_en="First meeting", **FUTURE)
    month = "/events/month/?year=2027&month=7"
    assert "First meeting" in client.get(month).content.decode()
    second = make_event(
        title_en="Second meeting", start_local=datetime(2027, 7, 4, 10, 0), end_local=datetime(2027, 7, 4, 18, 0)
    )
    html = client.get(month).content.decode()
    assert "First meeting" in html and "Second meeting" in html
    Event.objects.filter(pk=second.pk).get().delete()
    assert "Second meeting" not in client.get(month).content.decode()
    assert client.get("/events/month/?year=2027&month=7&state=ZZ").status_code == 422
