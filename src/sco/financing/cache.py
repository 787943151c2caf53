"""A cache of the pipeline dashboard and of institutions' portfolios as each viewer sees them.

Keyed by a generation number held in the shared cache (a file cache by default, Redis with REDIS_URL): every
financing write replaces it once its transaction commits, so nothing a reader computed before the commit is served
afterwards (a view is only ever kept under the generation its reader read before computing it, and the generation a
reader reads after the commit is new). Replacing it at once as well would add nothing: a reader between that and the
commit computes without the write under a generation the commit replaces again. A project's own changes (its
stage, visibility, hosts, invitations) are the projects part's writes: they reach the maintained totals through the
model signals (``financing.signals``), which bump the generation too; entries also expire after ``TIMEOUT`` seconds.
Anonymous views are shared by every visitor. A signed-in person's view is kept under a key made of who they are and
the mandates they hold at the moment of the request (``viewer_key``): a view is only ever served to the person it was
computed for, and a granted or ended mandate changes the key, so it never serves what the new mandates would hide.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import cache
from django.db import transaction

from sco.core.users import Viewer, signed_in

GENERATION_KEY = "financing:generation"
TIMEOUT = 60
WAIT = 60  # seconds a request waits for another one computing the same view (longer than a computation takes)
LOCK_TIMEOUT = 90  # a computing request that died releases its claim after this
T = TypeVar("T")
# The benchmark measures the pages as computed after every write by starting a server with this set to "off".
ENABLED = os.environ.get("SCO_FINANCING_CACHE", "on") != "off"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return int(value)


def _bump() -> None:
    # A new value, not an increment: the file cache's incr is a read then a write (two writers committing at once
    # could both write the same number, and a view computed between them would outlive the second write), and the
    # read costs as much again.
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def changed() -> None:
    """Called by every financing write service, inside its transaction (or at once outside one)."""
    transaction.on_commit(_bump)


def viewer_key(viewer: Viewer) -> str:
    """Who is asking, with the facts that decide what they may see of financing: the projects (through the states
    they act for, or the Secretariat) and the internal figures (through the institutions they act for)."""
    from sco.members import permissions as members

    if not signed_in(viewer):
        return "anonymous"
    pk = getattr(viewer, "pk", None)
    if members.is_secretariat(viewer):
        return f"u{pk}:secretariat"
    states = ",".join(str(i) for i in sorted(members.state_ids_acted_for(viewer)))
    institutions = ",".join(str(i) for i in sorted(members.institution_ids_acted_for(viewer)))
    return f"u{pk}:s{states}:i{institutions}"


def _once(key: str, compute: Callable[[], T]) -> T:
    """The value under ``key``, computed by one request at a time: when many ask for a missing value at once (after
    a write, every client of a dashboard), one computes it and the others wait for it (up to ``WAIT`` seconds, then
    compute it themselves) instead of all running the same aggregate together."""
    if not ENABLED:
        return compute()
    found = cache.get(key)
    if found is not None:
        return cast(T, found)
    lock = f"{key}:computing"
    if cache.add(lock, 1, timeout=LOCK_TIMEOUT):
        try:
            value = compute()
            cache.set(key, value, timeout=TIMEOUT)
            return value
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        found = cache.get(key)
        if found is not None:
            return cast(T, found)
    return compute()


def _said(name: str) -> str:
    """A name may carry what a visitor typed (an institution's code from the URL): hashed, so every key is short and
    plain whatever they typed."""
    return hashlib.sha256(name.encode()).hexdigest()


def per_viewer(viewer: Viewer, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept for this viewer (``viewer_key``) until the next financing write or ``TIMEOUT``."""
    return _once(f"financing:{generation()}:{viewer_key(viewer)}:{_said(name)}", compute)


def anonymous(viewer: Viewer, name: str, compute: Callable[[], T]) -> T:
    if signed_in(viewer):
        return compute()
    return _once(f"financing:{generation()}:{_said(name)}", compute)
