"""What every documents page view shares: the one sequence of a form posted from a document's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from sco.core import doors

T = TypeVar("T")


def act(
    request: HttpRequest,
    form: forms.Form | None,
    action: Callable[[dict[str, Any]], T],
    *,
    success: Callable[[T], str],
    message: str | Callable[[T], str],
    page: Callable[[int], HttpResponse],
    inline: bool = True,
) -> HttpResponse:
    """A form posted from a document's page (or a button without a form): validate, call the service, and on
    success say so and go back to the page (`success(result)` names where).

    On a refusal the page is rendered again (`page(status)`) with the status of the refusal (422 for input the
    service or the form refused, the refusal's own otherwise): the field errors stand on the bound form the page
    shows (`inline`), what has no field of its own is said above the page. A form the page does not show bound
    (one form drawn for many rows) has all its errors said above the page (`inline=False`)."""
    done = doors.attempt(form, action)
    if done.ok:
        text = message(done.result) if callable(message) else message  # type: ignore[arg-type]
        if text:
            messages.success(request, text)
        return HttpResponseRedirect(success(done.result))  # type: ignore[arg-type]
    if form is None:
        messages.error(request, done.message)
    else:
        said = form.errors.values() if not inline else [form.non_field_errors()]
        for errs in said:
            for error in errs:
                messages.error(request, str(error))
    return page(done.status)
