"""PostgreSQL read replicas: reads go to a replica only where an answer a moment old is safe.

`DATABASE_REPLICA_URLS` makes the aliases `replica0`, `replica1`, ... (settings); this router then sends a read to one
of them only inside `replica_reads()`, which `ReplicaReadsMiddleware` opens for a request that:

- reads (GET, HEAD, OPTIONS): every write, and every permission check made for a write, reads the primary;
- carries no `Authorization` header: an API client with a token reads its own writes, and sends no cookie to say so;
- comes from a browser that has not written in the last `SCO_REPLICA_PIN_SECONDS` (a cookie set by any write, the
  login too), so a person always sees what they just did.

Inside a transaction every read goes to the primary as well (`select_for_update`, `get_or_create` and the reads of a
write service see that service's own writes). Migrations run on the primary only; the replicas follow it by streaming
replication. Outside a request (the CLI, Celery jobs) everything reads the primary.
"""

from __future__ import annotations

import contextlib
import contextvars
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "sco_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("sco_replica_reads", default=False)


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Reads in this block may be answered by a replica (a moment behind the primary)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


@contextlib.contextmanager
def primary_reads() -> Iterator[None]:
    """Reads in this block go to the primary even inside `replica_reads()`."""
    token = _replica_reads.set(False)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        replicas = settings.DATABASE_REPLICAS
        if not replicas or not _replica_reads.get() or transaction.get_connection("default").in_atomic_block:
            return "default"
        return random.choice(replicas)  # noqa: S311  spreading load, not a secret

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same database

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"


class ReplicaReadsMiddleware:
    """Opens `replica_reads()` for the requests described above, and pins a browser that writes to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            pin = settings.SCO_REPLICA_PIN_SECONDS
            response.set_cookie(PIN_COOKIE, str(int(time.time()) + pin), max_age=pin, httponly=True, samesite="Lax")
            return response
        if "HTTP_AUTHORIZATION" in request.META or _pinned(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)


def _pinned(request: HttpRequest) -> bool:
    try:
        return int(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False
