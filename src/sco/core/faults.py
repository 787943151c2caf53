"""When the database (or Redis) is away: every page and API call answers 503 at once, and the platform recovers.

A database that cannot be reached (refused, timed out, dropped mid-request) raises Django's ``OperationalError`` or
``InterfaceError``. Wherever it is raised (a view, a middleware reading the session, the API's token check) the
answer is 503 with ``Retry-After``: problem+json on the API, a plain page elsewhere, rendered without touching the
database. Nothing is half written, because every write service runs in one transaction, which PostgreSQL rolls back
when the connection goes. Recovery needs nothing: Django drops a connection that failed at the end of the request
and checks a kept one before reusing it (``CONN_HEALTH_CHECKS``), so the first request after the database returns
opens a fresh one. ``PG_CONNECT_TIMEOUT`` bounds how long a request waits for a database that does not answer.
Redis (the shared cache and session cache when REDIS_URL is set) refusing or timing out is answered the same way.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

from sco.core import problems

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
API_PREFIX = "/api/"


def _unavailable_types() -> tuple[type[BaseException], ...]:
    """The database's errors, and Redis's (the shared cache and the session cache) when Redis is installed."""
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover  redis comes with celery[redis]
        return (OperationalError, InterfaceError)
    return (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


UNAVAILABLE = _unavailable_types()


def is_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE)


def unavailable(request: HttpRequest, exc: BaseException | None = None) -> HttpResponse:
    """The 503 answer: problem+json for the API, a page that needs no database for everything else."""
    logger.warning("database unavailable on %s %s: %s", request.method, request.path, exc)
    title = _("Service unavailable")
    detail = _("The platform's database or cache cannot be reached just now. Try again in a moment.")
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        response = problems.problem_response(status=503, code="service_unavailable", title=title, detail=detail)
    else:
        response = HttpResponse(render_to_string("503.html", {"title": title, "detail": detail}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers a page view that lost its database with 503 (the innermost middleware, so it sees the view's error)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return unavailable(request, exception) if is_unavailable(exception) else None


def server_error(request: HttpRequest) -> HttpResponse:
    """`handler500`: an error outside any view (a middleware reading the session or a token) that is the database
    going away is a 503 too; anything else is Django's own 500."""
    exc = sys.exc_info()[1]
    if is_unavailable(exc):
        return unavailable(request, exc)
    return defaults.server_error(request)
