"""A cache of what anonymous visitors see of the project list (the rendered list and the API page), keyed by a
generation number held in the cache (``django.core.cache``: locmem by default, Redis when REDIS_URL is set).

Every write to a project, a participation or a state bumps the generation twice: at once (so the writer's own next
read misses) and again when the transaction commits (so nothing a concurrent reader cached before the commit is
ever served afterwards). Old entries are never read again and expire on their own.

Only anonymous visitors' views are cached: what a signed-in person sees depends on their mandates, which are held
elsewhere, and can include their own drafts. Nothing cached contains a CSRF token or a person's name. With several
server processes, set REDIS_URL so that every process reads the same generation.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "projects:generation"
TIMEOUT = 600  # seconds; an entry's generation makes it stale long before that


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:  # never set, or evicted: start higher than any number served before
        cache.add(GENERATION_KEY, _fresh(), None)
        value = cache.get(GENERATION_KEY)
    return int(value) if value is not None else _fresh()


def _fresh() -> int:
    return int(timezone.now().timestamp() * 1_000_000)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # never set, or evicted
        cache.set(GENERATION_KEY, _fresh(), None)


def bump() -> None:
    """Make every cached list stale, now and again when the current transaction commits."""
    _bump()
    transaction.on_commit(_bump)


def cacheable(viewer: Any) -> bool:
    """Only an anonymous visitor's view is shared; anyone signed in is read afresh."""
    return viewer is None or not getattr(viewer, "is_authenticated", False)


def key(kind: str, query: str) -> str:
    """The cache key of one fragment for anonymous visitors: kind, generation, language, today, query string."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"projects:{kind}:anon:{generation()}:{get_language()}:{timezone.localdate().isoformat()}:{digest}"


def on_change(sender: Any, **kwargs: Any) -> None:
    """Signal receiver for saves and deletes of what the list shows."""
    if kwargs.get("raw"):  # fixtures being loaded
        return
    bump()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from sco.members.models import State
    from sco.projects.models import Participation, Project

    for model in (Project, Participation, State):
        post_save.connect(on_change, sender=model, dispatch_uid=f"projects-cache-{model.__name__}-save")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"projects-cache-{model.__name__}-delete")
