"""A cache of what anonymous visitors see of the pipeline dashboard and of institutions' portfolios.

Keyed by a generation number held in the shared cache (a file cache by default, Redis with REDIS_URL), as the
projects list does: every financing write bumps it at once and again on commit, so nothing a concurrent reader
computed before the commit is served afterwards. A project's own changes (its status or visibility) are the projects
part's writes: entries also expire after ``TIMEOUT`` seconds, which bounds how long such a change can take to show.
Only anonymous views are cached: what a signed-in person sees depends on their mandates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

from sco.core.users import Viewer, signed_in

GENERATION_KEY = "financing:generation"
TIMEOUT = 60
T = TypeVar("T")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def changed() -> None:
    """Called by every financing write service, inside its transaction."""
    _bump()
    transaction.on_commit(_bump)


def anonymous(viewer: Viewer, name: str, compute: Callable[[], T]) -> T:
    if signed_in(viewer):
        return compute()
    key = f"financing:{generation()}:{name}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=TIMEOUT)
    return found
