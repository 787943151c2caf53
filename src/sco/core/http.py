"""Typed requests for views and the API (django-stubs does not know our middlewares)."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sco.core.models import User


class ScoRequest(HttpRequest):
    user: User | AnonymousUser
    htmx: HtmxDetails


class SignedInRequest(HttpRequest):
    """For views behind login_required."""

    user: User
    htmx: HtmxDetails


def actor(request: HttpRequest) -> User:
    """The person asking, for a service that asks its own permission question (which refuses anonymous visitors)."""
    return request.user  # type: ignore[return-value]
