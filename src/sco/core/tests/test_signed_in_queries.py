"""Signed-in pages read the viewer's facts from the cache (issue #16): the unread count and the newest notices, the
mandates panel, the organisation's panel and the member states, each read afresh after a write that changes it.
The query counts of the main signed-in pages are pinned (a warm cache, as a person's second page finds it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _queries(client: Client, path: str, capture: Any) -> int:
    client.get(path)  # fills the caches
    with capture() as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)


@pytest.fixture
def capture() -> Any:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    return lambda: CaptureQueriesContext(connection)


@pytest.fixture
def delegate(head_of_delegation: Callable[[str], Any]) -> Any:
    return head_of_delegation("IN")


def test_the_unread_count_is_read_from_the_cache_until_a_notice_is_written(
    delegate: Any, django_assert_num_queries: Any
) -> None:
    from sco.core import services
    from sco.core.models import User
    from sco.core.notifications import notify, settle
    from sco.core.selectors import unread_count, unread_latest

    def fresh() -> User:  # a new request loads a new user object
        return User.objects.get(pk=delegate.pk)

    assert unread_count(viewer=fresh()) == 0
    viewer = fresh()
    with django_assert_num_queries(0):
        assert unread_count(viewer=viewer) == 0
    notify(recipients=[delegate], about=None, kind="test", render=lambda: "One", dedupe_key="t:1")
    notify(recipients=[delegate], about=None, kind="test", render=lambda: "Two", dedupe_key="t:2")
    assert unread_count(viewer=fresh()) == 2
    assert [n.text for n in unread_latest(viewer=fresh())] == ["Two", "One"]
    viewer = fresh()
    with django_assert_num_queries(0):
        assert unread_count(viewer=viewer) == 2 and len(unread_latest(viewer=viewer)) == 2
    settle(kinds=["test"], dedupe_key_prefix="t:2")
    assert unread_count(viewer=fresh()) == 1
    services.notifications_mark_read(actor=fresh())
    assert unread_count(viewer=fresh()) == 0 and unread_latest(viewer=fresh()) == []


def _request(user: Any = None) -> Any:
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def test_the_mandates_panel_is_kept_and_follows_a_new_mandate(delegate: Any, django_assert_num_queries: Any) -> None:
    import datetime as dt

    from sco.members import home
    from sco.members.models import Mandate, State

    panel = home.my_mandates(_request(delegate)) or ""
    assert "India" in panel and "Kazakhstan" not in panel
    with django_assert_num_queries(0):
        assert home.my_mandates(_request(delegate)) == panel
    Mandate.objects.create(
        user=delegate, role="head_of_delegation", state=State.objects.get(code="KZ"), start=dt.date(2024, 7, 4)
    )
    assert "Kazakhstan" in (home.my_mandates(_request(delegate)) or "")


def test_the_organisation_panel_is_kept_and_follows_a_new_summit(
    organisation: None, django_assert_num_queries: Any
) -> None:
    import datetime as dt

    from sco.members import home
    from sco.members.models import State, Summit

    first = home.organisation_today(_request())
    with django_assert_num_queries(0):
        assert home.organisation_today(_request()) == first
    last = Summit.objects.order_by("-number").first()
    start = last.start + dt.timedelta(days=1) if last else dt.date(2000, 1, 2)
    Summit.objects.create(
        number=(last.number + 1) if last else 1,
        city_en="Testgrad",
        host=State.objects.get(code="KZ"),
        start=start,
        end=start + dt.timedelta(days=1),
    )
    assert "Testgrad" in home.organisation_today(_request())


# Measured on the test fixtures with a warm cache; the bench prints the same pages' counts on its data sets.
HOME_SIGNED_IN = 13


def test_the_signed_in_home_page_reads_few_queries(client: Client, delegate: Any, capture: Any) -> None:
    client.force_login(delegate)
    assert _queries(client, "/", capture) <= HOME_SIGNED_IN


def test_the_decisions_api_reads_few_queries_anonymously(api: Any, capture: Any) -> None:
    api.get_json("/api/v1/decisions/")
    with capture() as ctx:
        assert api.get_json("/api/v1/decisions/").status_code == 200
    assert len(ctx.captured_queries) == 0  # the serialised page, kept for every anonymous reader (decisions/cache.py)
