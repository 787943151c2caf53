"""The door kit: how every page view turns a service's answer into a response.

Two pieces, used by every part (see docs/ARCHITECTURE.md, "The door kit"):

- ``ScoErrorMiddleware``: a ``ScoError`` that escapes a page view becomes a page with the error's status (404, 403,
  409, 422...), the same status the API gives for the same refusal. A view never writes ``except NotFound`` to answer
  404; it lets the selector raise. ``NotAuthenticated`` on a GET sends the visitor to the login page. An HTMX request
  gets the message alone, as a fragment. API paths are not touched: ninja's handler answers problem+json there.
- ``submit``: the one form-handling sequence (bind, validate, call the service, put its refusal on the form, answer
  422 with the re-rendered form or fragment, or redirect on success with an optional message).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import DataError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from sco.core.errors import NotAuthenticated, OutOfRange, ScoError
from sco.core.forms import add_service_errors

API_PREFIX = "/api/"
T = TypeVar("T")


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def error_page(request: HttpRequest, error: ScoError) -> HttpResponse:
    """The page (or HTMX fragment) for a refusal, with the refusal's own status."""
    context = {"error": error, "title": error.title, "message": error.message}
    template = "core/error_fragment.html" if is_htmx(request) else "core/error.html"
    return render(request, template, context, status=error.status)


class ScoErrorMiddleware:
    """Answers a ``ScoError`` raised by a page view with its status, as the API handler does for JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, OverflowError | DataError):
            # a number or date past what the database or the calendar holds: the visitor's input, not our fault
            exception = OutOfRange()
        if not isinstance(exception, ScoError):
            return None
        if isinstance(exception, NotAuthenticated) and request.method == "GET" and not is_htmx(request):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return error_page(request, exception)


def submit(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    *,
    template: str,
    context: Mapping[str, Any] | None = None,
    success: Callable[[T], str],
    message: str | Callable[[T], str] = "",
    aliases: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The one form-submit sequence for a page or an HTMX fragment.

    ``action(cleaned_data)`` calls the service; a ``ScoError`` it raises lands on the form (field errors on their
    fields, through ``aliases`` where the form names a field otherwise), and the form is re-rendered with 422 (the
    project rule: htmx swaps 422 fragments). On success the browser goes to ``success(result)``; ``message`` (a
    string or a function of the result) is shown there. A GET renders the empty form with 200."""
    ctx = {"form": form, **(context or {})}
    if request.method != "POST":
        return render(request, template, ctx)
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ScoError as exc:
            add_service_errors(form, exc, aliases)
        else:
            text = message(result) if callable(message) else message
            if text:
                messages.success(request, text)
            url = success(result)
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return HttpResponseRedirect(url)
    return render(request, template, ctx, status=422)


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What `attempt` did: `ok` with the service's `result`, or not, with the `status` to answer (422 for field
    errors, the refusal's own status otherwise) and the refusal's `message`."""

    ok: bool
    result: T | None = None
    status: int = 200
    message: str = ""
    field_errors: Mapping[str, list[str]] = field(default_factory=dict)

    @property
    def errors(self) -> dict[str, list[str]]:
        """The refusal as a form shows it: the field errors, or the message under "form"."""
        return dict(self.field_errors) if self.field_errors else ({"form": [self.message]} if not self.ok else {})


def attempt(
    form: forms.Form | None, action: Callable[[dict[str, Any]], T], *, aliases: Mapping[str, str] | None = None
) -> Attempt[T]:
    """Validate `form` (when there is one), call `action(cleaned_data)`, and put a refusal on the form.

    A form that does not validate answers 422; a `ScoError` answers its own status (422 for field errors), except
    that an HTMX form re-rendered in place wants 422 to be swapped: the view decides that with `Attempt.status`."""
    if form is not None and not form.is_valid():
        return Attempt(ok=False, status=422)
    try:
        result = action(form.cleaned_data if form is not None else {})
    except ScoError as exc:
        if form is not None:
            add_service_errors(form, exc, aliases)
        return Attempt(ok=False, status=exc.status, message=exc.message, field_errors=exc.field_errors)
    return Attempt(ok=True, result=result)


def act(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    message: str | Callable[[T], str] = "",
    field_errors: bool = False,
) -> Attempt[T]:
    """A button that does one thing and goes back to the page: call `action()`; on success show `message` (a string
    or a function of the result), on a refusal show its message (or, with `field_errors`, each of its field errors:
    for a small form posted from the page). The view redirects either way (or re-renders a fragment, asking
    `Attempt.ok`)."""
    done = attempt(None, lambda _data: action())
    if done.ok:
        text = message(cast(T, done.result)) if callable(message) else message
        if text:
            messages.success(request, text)
    else:
        shown = done.field_errors if field_errors and done.field_errors else {"": [done.message]}
        for errors in shown.values():
            for error in errors:
                messages.error(request, error)
    return done
