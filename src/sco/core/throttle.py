"""Sign-in throttling (django-axes): per account and per address, with a page that says why and until when, and an
audit entry for every lock-out. The settings are in settings.py (AXES_*)."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sco.core import audit


class ThrottledBackend(AxesStandaloneBackend):
    """Axes' backend, minus its refusal of a request-less authenticate() (the test client's login, the CLI): with no
    request there is no address to throttle by and nobody at a login form. Every login form passes its request."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> Any:  # fmt: skip
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """429 with the login page's look, saying why sign-in is paused and when it opens again."""
    until = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "until": until, "title": ""}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def on_locked_out(sender: Any, request: HttpRequest, username: str, ip_address: str, **kwargs: Any) -> None:
    with transaction.atomic():
        audit.record(
            actor=None,
            action="login.locked_out",
            after={
                "username": (username or "")[:150],
                "ip_address": ip_address,
                "path": request.path if request is not None else "",
                "failures": settings.AXES_FAILURE_LIMIT,
            },
        )
