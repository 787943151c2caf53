"""What every signed-in page shares is kept across requests (issue #16): the header (core.header) and the person's
user row (core.kept_users). Nothing of one request or one person may reach another: each page carries its own CSRF
token and its own address, and a write of the user (deactivated, renamed, a new notice) shows on the next page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(head_of_delegation: Callable[[str], Any]) -> Any:
    return head_of_delegation("IN")


def _token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, "no CSRF field"
    return found.group(1)


def test_a_signed_in_page_reads_no_user_row_once_kept(client: Client, delegate: Any) -> None:
    client.force_login(delegate)
    client.get("/projects/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/projects/").status_code == 200
    assert not [q for q in ctx.captured_queries if '"core_user"' in q["sql"]]


def test_a_deactivated_account_is_signed_out_on_its_next_page(
    client: Client, delegate: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(delegate)
    assert delegate.username in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        delegate.is_active = False
        delegate.save()
    page = client.get("/").content.decode()
    assert delegate.username not in page and "/login/?next=/" in page


def test_a_new_name_and_a_new_notice_show_in_the_header_at_once(
    client: Client, delegate: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from sco.core.notifications import notify

    client.force_login(delegate)
    page = client.get("/projects/").content.decode()
    assert 'class="badge"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        delegate.display_name = "Renamed Delegate"
        delegate.save()
        notify(recipients=[delegate], about=None, kind="test", render=lambda: "One", dedupe_key="t:1")
    page = client.get("/projects/").content.decode()
    assert "Renamed Delegate" in page and '<span class="badge">1</span>' in page


def test_the_language_a_person_chose_is_theirs_on_the_next_request(client: Client, delegate: Any) -> None:
    from sco.core.models import User

    client.force_login(delegate)
    client.get("/")
    client.post("/language/", {"language": "ru", "next": "/"})
    assert User.objects.get(pk=delegate.pk).language == "ru"
    assert client.get("/api/v1/me").json()["language"] == "ru"  # the kept user row was forgotten


def test_each_page_carries_its_own_token_and_address_though_the_header_is_kept(delegate: Any) -> None:
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(delegate)
    second.force_login(delegate)  # the same person in another session: the same kept header
    path = "/projects/?q=%3Cscript%3E&size=20"
    one = first.get(path).content.decode()
    two = second.get(path).content.decode()
    assert _token(one) != _token(two)
    assert 'name="next" value="/projects/?q=%3Cscript%3E&amp;size=20"' in two
    assert "<script>" not in two
    for client, page in ((first, one), (second, two)):
        answer = client.post("/language/", {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(page)})
        assert answer.status_code == 302
    refused = second.post("/language/", {"language": "en", "next": "/", "csrfmiddlewaretoken": "x" * 64})
    assert refused.status_code == 403


def test_an_anonymous_visitor_is_sent_back_to_the_page_they_were_on(client: Client) -> None:
    client.get("/documents/")
    page = client.get("/events/").content.decode()
    assert "/login/?next=/events/" in page and 'aria-current="page">Events<' in page
    assert "/login/?next=/documents/" not in page


def test_an_api_token_is_read_once_and_refused_at_once_when_revoked_or_its_user_deactivated(
    api: Any, make_user: Callable[..., Any], django_capture_on_commit_callbacks: Any
) -> None:
    from sco.core import services
    from sco.core.models import ApiToken

    alice, bob = make_user("alice"), make_user("bob")
    api.as_user(alice)
    assert api.get_json("/api/v1/me").status_code == 200  # stamps its first use, which is read again once
    assert api.get_json("/api/v1/me").status_code == 200  # reads the token and alice, and keeps them
    with CaptureQueriesContext(connection) as ctx:
        assert api.get_json("/api/v1/me").json()["username"] == "alice"
    assert not [q for q in ctx.captured_queries if "core_apitoken" in q["sql"] or '"core_user"' in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        alice.is_active = False
        alice.save()
    assert api.get_json("/api/v1/me").status_code == 401
    api.as_user(bob)
    assert api.get_json("/api/v1/me").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.token_revoke(actor=bob, token_id=ApiToken.objects.get(user=bob).pk)
    assert api.get_json("/api/v1/me").status_code == 401
