"""The door kit: a refusal raised in a page view answers with its own status; the form helper answers 422."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils.html import escape

from sco.core import doors
from sco.core.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, NotPermitted


def _middleware() -> doors.ScoErrorMiddleware:
    return doors.ScoErrorMiddleware(lambda request: HttpResponse())


def _request(path: str = "/projects/1/", *, htmx: bool = False, method: str = "get") -> HttpRequest:
    request = getattr(RequestFactory(), method)(path)
    request.htmx = htmx  # type: ignore[attr-defined]
    request.session = {}  # type: ignore[assignment]
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "status"), [(NotFound(), 404), (NotPermitted(), 403), (Conflict(), 409), (InvalidInput(), 422)]
)
def test_a_refusal_in_a_page_view_answers_with_its_status(error, status):
    response = _middleware().process_exception(_request(), error)
    assert response is not None
    assert response.status_code == status
    assert escape(error.message) in response.content.decode()  # the page escapes the apostrophe


@pytest.mark.django_db
def test_an_htmx_request_gets_the_message_as_a_fragment():
    response = _middleware().process_exception(_request(htmx=True), NotPermitted())
    assert response is not None and response.status_code == 403
    assert "<html" not in response.content.decode()


def test_not_signed_in_on_a_page_goes_to_the_login():
    response = _middleware().process_exception(_request(), NotAuthenticated())
    assert response is not None and response.status_code == 302
    assert "next=/projects/1/" in response["Location"]


def test_api_paths_and_other_exceptions_are_left_alone():
    assert _middleware().process_exception(_request("/api/v1/projects/1"), NotFound()) is None
    assert _middleware().process_exception(_request(), ValueError("x")) is None


class _NameForm(forms.Form):
    name = forms.CharField()


@pytest.mark.django_db
def test_submit_puts_the_service_refusal_on_the_form_with_422(rf):
    request = _request(method="post")
    request.POST = {"name": "x"}  # type: ignore[assignment]

    def refuse(data):
        raise InvalidInput(field_errors={"name": ["Taken."]})

    response = doors.submit(
        request, _NameForm(request.POST), refuse, template="core/error_fragment.html", success=lambda r: "/"
    )
    assert response.status_code == 422


@pytest.mark.django_db
def test_submit_redirects_on_success():
    request = _request(method="post")
    request.POST = {"name": "x"}  # type: ignore[assignment]
    request._messages = type("M", (), {"add": lambda *a, **k: None})()  # type: ignore[attr-defined]
    response = doors.submit(
        request, _NameForm(request.POST), lambda data: data["name"], template="x.html", success=lambda r: f"/done/{r}"
    )
    assert response.status_code == 302 and response["Location"] == "/done/x"


@pytest.mark.postgres_only
@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: SQLite has no JIT")
def test_postgresql_connections_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
