"""Two caches of rendered pages.

The project list: what anonymous visitors see of it (the rendered list and the API page), keyed by a
generation number held in the cache (``django.core.cache``: a file cache by default, Redis when REDIS_URL is set).

Every write to a project, a participation or a state bumps the generation twice: at once (so the writer's own next
read misses) and again when the transaction commits (so nothing a concurrent reader cached before the commit is
ever served afterwards). Old entries are never read again and expire on their own.

A signed-in person's list (the rendered list and the API page) is kept for their audience (``sco.projects.audience``:
the Secretariat, the people who act for one same set of states, or the person alone when they created a project their
audience does not see) through ``sco.core.fragments``, under the version ``audience.LIST`` that every write of a
project, a participation, an invitation or a state replaces, and keyed by the version of the permission facts (every
mandate, membership or chairmanship write), the day and the time zone. Nothing cached contains a CSRF token or a
person's name. With several server processes, set REDIS_URL so that every process reads the same generation.

The project page: the parts of it that are the same for everyone who may see the project (the facts, attachments,
versions, discussion, appraisal and the decision's table of positions), keyed by the project's ``revision`` and
``updated_at`` as read from its row, so the key changes in the same transaction as the data. ``touch`` raises the
revision; every write to what those parts show calls it (signals below, and the decisions part's ``on_changed``
hook). A reader that reads the row before a write commits and the parts after it stores newer parts under the older
key, never older parts under the newer one. The parts hold no CSRF token and nothing that depends on the viewer; the
page's forms and the Secretariat's view of hidden comments are rendered for each request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from sco.core.users import signed_in

GENERATION_KEY = "projects:generation"
T = TypeVar("T")
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
    """An anonymous visitor's view is shared by every anonymous visitor (a signed-in one by an audience:
    ``for_audience``)."""
    return not signed_in(viewer)


def key(kind: str, query: str) -> str:
    """The cache key of one fragment for anonymous visitors: kind, generation, language, today, query string."""
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    return f"projects:{kind}:anon:{generation()}:{get_language()}:{timezone.localdate().isoformat()}:{digest}"


def for_audience(viewer: Any, kind: str, query: str, compute: Callable[[], T]) -> T:
    """A signed-in viewer's list (``kind``: the page, its HTMX results, the API page), shared by their audience."""
    from sco.core import fragments
    from sco.members.permissions import facts_version
    from sco.projects.audience import LIST, sharing_key

    said = [kind, sharing_key(viewer), facts_version(), timezone.localdate().isoformat()]
    said += [timezone.get_current_timezone_name(), query]
    # No user: the entry is the audience's, never one person's (fragments.cached would key it by the person).
    return fragments.cached(LIST, None, compute, extra="|".join(said), timeout=TIMEOUT)


# Raised whenever what the cached parts hold changes shape, so a new release never reads an old one's parts.
PAGE_FORMAT = 3


def page_key(project: Any, variant: str = "") -> str:
    """The key of a project page's shared parts: project, revision, last save, generation, day, language, zone."""
    stamp = project.updated_at.timestamp() if project.updated_at else 0
    zone = timezone.get_current_timezone_name()
    at = f"{project.pk}:{project.revision}:{stamp}:{generation()}"
    today = timezone.localdate().isoformat()  # the members offered for mention are those of the day
    return f"projects:page{PAGE_FORMAT}:{at}:{today}:{get_language()}:{zone}:{variant}"


def rendered(key: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A bundle of rendered parts (HTML strings, and plain values beside them) from the cache, or built and kept.
    A bundle whose ``valid_until`` has come (an open decision's deadline, when its outcome changes) is built again."""
    bundle = cache.get(key)
    if bundle is None or (bundle["valid_until"] is not None and timezone.now() >= bundle["valid_until"]):
        bundle = build()
        cache.set(key, bundle, TIMEOUT)
    return {name: mark_safe(value) if isinstance(value, str) else value for name, value in bundle.items()}


def touch(project_id: int | None) -> None:
    """The project page's shared parts are stale: raise the project's revision (inside the writer's transaction)."""
    from django.db.models import F

    from sco.projects.models import Project

    if project_id is not None:
        Project.objects.filter(pk=project_id).update(revision=F("revision") + 1)


def on_part_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Signal receiver for saves and deletes of a project's comments, versions, appraisal and attachments."""
    if kwargs.get("raw"):
        return
    touch(getattr(instance, "project_id", None))


def on_project_save(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A save may name only some fields (then ``updated_at`` is not written): the revision says it changed."""
    if kwargs.get("raw") or kwargs.get("created"):
        return
    touch(instance.pk)


def on_m2m_change(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    """A comment's mentions or a project's goals changed."""
    from sco.projects.models import Project

    if action.startswith("post_"):
        touch(instance.pk if isinstance(instance, Project) else getattr(instance, "project_id", None))


def on_change(sender: Any, **kwargs: Any) -> None:
    """Signal receiver for saves and deletes of what the list shows."""
    if kwargs.get("raw"):  # fixtures being loaded
        return
    bump()


def connect() -> None:
    from django.db.models import Model
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from sco.members.models import State
    from sco.projects.models import (
        Appraisal,
        Attachment,
        Comment,
        Invitation,
        Participation,
        Project,
        ProjectVersion,
    )

    for model in (Project, Participation, State):
        post_save.connect(on_change, sender=model, dispatch_uid=f"projects-cache-{model.__name__}-save")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"projects-cache-{model.__name__}-delete")
    # Invitations: a pending one lets its state see a participants-only project, so it is among those the page
    # names as deciding.
    parts: tuple[type[Model], ...] = (Comment, ProjectVersion, Appraisal, Attachment, Participation, Invitation)
    for part in parts:
        post_save.connect(on_part_change, sender=part, dispatch_uid=f"projects-page-{part.__name__}-save")
        post_delete.connect(on_part_change, sender=part, dispatch_uid=f"projects-page-{part.__name__}-delete")
    post_save.connect(on_project_save, sender=Project, dispatch_uid="projects-page-Project-save")
    for through in (Comment.mentions.through, Project.goals.through):
        m2m_changed.connect(on_m2m_change, sender=through, dispatch_uid=f"projects-page-{through.__name__}")
