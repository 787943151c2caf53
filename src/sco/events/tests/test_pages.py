"""The look of the pages where a test can see it: the sub-navigation, the month grid, labelled filters, dates per
language."""

from datetime import date, datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from sco.events.templatetags.events_tags import longday, monthyear, shortday

pytestmark = pytest.mark.django_db


def test_the_month_grid_has_seven_columns_marks_today_and_names_the_weekdays_in_the_language(organisation):
    today = timezone.localdate()
    page = (
        Client()
        .get(f"/events/month/?year={today.year}&month={today.month}", HTTP_ACCEPT_LANGUAGE="ru")
        .content.decode()
    )
    assert page.count('<th scope="col">') == 7
    assert "ev-today" in page and f'data-date="{today:%Y-%m-%d}"' in page
    assert "Понедельник" in page and 'aria-current="page">Месяц<' in page


def test_the_filter_form_labels_every_field(organisation):
    page = Client().get("/events/").content.decode()
    for name in ("category", "state", "body", "chairmanship", "year"):
        assert f'<label for="f-{name}">' in page and f'id="f-{name}"' in page
    assert 'class="filters card"' in page


def test_the_event_page_shows_the_zone_badges_and_sections(make_event):
    event = make_event(start_local=datetime(2027, 7, 3, 10, 0), end_local=datetime(2027, 7, 3, 18, 0), is_public=False)
    page = Client().get(f"/events/{event.pk}/")
    assert page.status_code == 404  # restricted: the public does not see it
    event = make_event(start_local=datetime(2027, 7, 3, 10, 0), end_local=datetime(2027, 7, 3, 18, 0))
    page = Client().get(f"/events/{event.pk}/").content.decode()
    assert '<span class="badge">Forum</span>' in page and '<span class="badge ok">Public</span>' in page
    assert "<code>Asia/Almaty</code>" in page
    for anchor in ('id="timetable"', 'id="registration"', 'id="outcomes"'):
        assert anchor in page


@pytest.mark.parametrize(
    ("language", "long", "short", "month"),
    [
        ("en", "3 July 2024", "3 Jul 2024", "July 2024"),
        ("ru", "3 июля 2024", "3 июля 2024", "Июль 2024"),
        ("zh-hans", "2024年7月3日", "2024年7月3日", "2024年7月"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(language, long, short, month):
    with translation.override(language):
        day = date(2024, 7, 3)
        assert (longday(day), shortday(day), monthyear(day)) == (long, short, month)


@pytest.mark.django_db
def test_a_crowded_day_shows_six_events_and_links_to_the_rest_at_a_fixed_cost(
    make_event, client, django_assert_max_num_queries
):
    """A month of many events renders as many chips as a quiet one: the rest of a day is a link to its week."""
    for i in range(9):
        make_event(title_en=f"Crowded day meeting {i}")
    with django_assert_max_num_queries(12):
        html = client.get("/events/month/?year=2024&month=7").content.decode()
    assert html.count('title="Crowded day meeting') == 6
    assert "3 more" in html and "/events/week/?date=2024-07-03" in html
    week = client.get("/events/week/?date=2024-07-03").content.decode()
    assert week.count("Crowded day meeting") >= 9


@pytest.mark.django_db
def test_a_busy_week_shows_twelve_events_a_day_and_its_day_view_lists_the_rest_page_by_page(
    make_event, client, monkeypatch
):
    """A week of hundreds of events renders as many lines as a list of fifty: each day shows WEEK_MOST and counts
    the rest, which the day's own view lists DAY_PAGE at a time; an event the visitor may not see is never
    counted."""
    from sco.events.views import calendars

    monkeypatch.setattr(calendars, "DAY_PAGE", 10)
    for i in range(15):
        make_event(title_en=f"Busy day meeting {i:02d}")
    make_event(title_en="Busy day closed meeting", is_public=False)
    week = client.get("/events/week/?date=2024-07-03").content.decode()
    assert week.count("Busy day meeting") == 12 and "Busy day closed" not in week
    assert "3 more" in week and "?date=2024-07-03&amp;day=2024-07-03" in week
    first = client.get("/events/week/?date=2024-07-03&day=2024-07-03").content.decode()
    second = client.get("/events/week/?date=2024-07-03&day=2024-07-03&page=2").content.decode()
    assert "15 events on this day" in first and "Page 1 of 2" in first
    assert first.count("Busy day meeting") == 10 and second.count("Busy day meeting") == 5
    assert "Busy day closed" not in first + second
    assert client.get("/events/week/?date=2024-07-03&day=2024-08-01").status_code == 404
    assert client.get("/events/week/?date=2024-07-03&day=soon").status_code == 404
