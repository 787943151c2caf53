"""The list, the month grid and the calendar API are kept for everyone who sees the same events
(permissions.audience): a page kept for a viewer who sees restricted events never reaches one who may not, and a
write of an event, or a mandate granted or ended, shows on the next request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sco.events import services

NEXT = timezone.localdate() + dt.timedelta(days=40)
PAGES = (
    "/events/",
    f"/events/month/?year={NEXT.year}&month={NEXT.month}",
    f"/api/v1/events/calendar/month?year={NEXT.year}&month={NEXT.month}",
    f"/api/v1/events/calendar/week?date={NEXT.isoformat()}",
)


@pytest.fixture
def coming(make_event: Callable[..., Any]) -> Callable[..., Any]:
    """coming(title, is_public=...): an event on NEXT, within every page above."""

    def make(title: str, **changes: Any) -> Any:
        start = dt.datetime.combine(NEXT, dt.time(10))
        return make_event(title_en=title, start_local=start, end_local=start + dt.timedelta(hours=6), **changes)

    return make


def client_of(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def shows(client: Client, title: str) -> list[bool]:
    """On each page, whether the title is there."""
    answers = [client.get(path) for path in PAGES]
    assert all(a.status_code == 200 for a in answers), [a.status_code for a in answers]
    return [title in a.content.decode() for a in answers]


def test_a_page_kept_for_a_delegation_never_reaches_a_viewer_who_may_not_see_restricted_events(
    coming, head_of_delegation, make_user
):
    coming("Open forum")
    coming("Closed meeting", is_public=False)
    delegate = client_of(head_of_delegation("KZ"))
    assert shows(delegate, "Closed meeting") == [True] * len(PAGES)  # kept first for those who see more
    assert shows(client_of(), "Closed meeting") == [False] * len(PAGES)
    assert shows(client_of(make_user("no-mandate")), "Closed meeting") == [False] * len(PAGES)
    assert shows(client_of(), "Open forum") == [True] * len(PAGES)
    assert shows(client_of(head_of_delegation("CN")), "Closed meeting") == [True] * len(PAGES)


def test_an_event_written_shows_at_once(coming, event_data, secretariat):
    event = coming("Open forum")
    anonymous = client_of()
    assert shows(anonymous, "Open forum") == [True] * len(PAGES)
    start = dt.datetime.combine(NEXT, dt.time(10))
    services.event_update(
        actor=secretariat,
        event=event,
        data=event_data(
            title_en="Open forum", start_local=start, end_local=start + dt.timedelta(hours=6), is_public=False
        ),
    )
    assert shows(anonymous, "Open forum") == [False] * len(PAGES)
    coming("Second forum")
    assert shows(anonymous, "Second forum") == [True] * len(PAGES)


def test_a_granted_and_an_ended_mandate_show_at_once(coming, make_user, secretariat, grant_since_yesterday):
    from sco.members import services as members

    coming("Closed meeting", is_public=False)
    person = make_user("newcomer")
    client = client_of(person)
    assert shows(client, "Closed meeting") == [False] * len(PAGES)
    mandate = grant_since_yesterday(person)
    assert shows(client, "Closed meeting") == [True] * len(PAGES)
    members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert shows(client, "Closed meeting") == [False] * len(PAGES)


def test_only_the_button_to_create_follows_the_person(coming, head_of_delegation, make_user):
    coming("Open forum")
    assert (
        'href="/events/new/"'
        in client_of(head_of_delegation("KZ"))
        .get("/events/")
        .content.decode()
        .split('<div class="ev-head">')[1]
        .split("</div>")[0]
    )
    assert (
        'href="/events/new/"'
        not in client_of().get("/events/").content.decode().split('<div class="ev-head">')[1].split("</div>")[0]
    )


def test_the_kept_pages_are_read_with_no_query_of_their_own(coming, django_assert_max_num_queries):
    coming("Open forum")
    anonymous = client_of()
    shows(anonymous, "Open forum")
    with django_assert_max_num_queries(0):
        shows(anonymous, "Open forum")
