"""The API's list of procedures, kept across requests as the bytes it answers (core.fragments).

A page is kept for one *visibility class*: what decides which procedures a viewer may see. A procedure is visible
exactly when its subject is, and a subject part's rule may follow the person (a project is seen by its author), so:

- everyone who is not an active signed-in person shares one class (anonymous visitors, deactivated accounts);
- the Secretariat sees every procedure: its members share one class, on the day and under the permission facts'
  version (a mandate granted or ended changes it);
- anyone else is their own class (their id and when the account was made), on the day and under the facts' version.

The fragment's version is replaced by every write of a procedure, a position, its eligible states, a state or a
body, and of each subject model and every model that points at it (what a subject part's visibility rule reads:
a project's participations and invitations), now and on commit. An open procedure's outcome changes when its
deadline passes: a page keeps the soonest closing time of any open procedure, and one read after it renews them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models import Min, Q
from django.utils import timezone

from sco.core import fragments
from sco.core.users import Viewer, active
from sco.members.permissions import facts_version, is_secretariat

LIST = "decisions.list"
TIMEOUT = 300  # seconds; a write renews a page long before that


def viewer_class(viewer: Viewer) -> tuple[Any, str]:
    """(the user to key by, what else decides the viewer's view): everything that decides which procedures they may
    see, and nothing more, so that a page computed for one viewer only ever reaches viewers who see the same."""
    if not active(viewer):
        return None, "public"
    on = timezone.localdate().isoformat()
    if is_secretariat(viewer):
        return None, f"secretariat:{facts_version()}:{on}"
    return viewer, f"person:{facts_version()}:{on}"


def soonest_close(now: dt.datetime) -> dt.datetime | None:
    """When the next open procedure closes (its outcome then changes on read): two probes of small indexes."""
    from sco.decisions.consensus import Status
    from sco.decisions.models import Decision

    open_ = Decision.objects.filter(status=Status.OPEN)
    found = open_.filter(Q(deadline__gt=now)).aggregate(deadline=Min("deadline"))["deadline"]
    early = open_.filter(closed_at__gt=now).aggregate(closed=Min("closed_at"))["closed"]
    return min((t for t in (found, early) if t is not None), default=None)


def kept_page(viewer: Viewer, query: str, compute: Callable[[], bytes]) -> bytes:
    """The answer to `query` for this viewer's class, from the cache while nothing it rests on was written."""
    user, said = viewer_class(viewer)
    extra = f"{said}:{query}"

    def build() -> tuple[bytes, float | None]:
        now = timezone.now()
        until = soonest_close(now)  # read first: a procedure opened meanwhile renews the version anyway
        return compute(), until.timestamp() if until else None

    content, until = fragments.cached(LIST, user, build, extra=extra, timeout=TIMEOUT)
    if until is not None and timezone.now().timestamp() >= until:
        fragments.changed(LIST)  # a procedure has closed: every page that lists it reads differently now
        content, _until = fragments.cached(LIST, user, build, extra=extra, timeout=TIMEOUT)
    return content


def _pointing_at(model: type[models.Model]) -> list[type[models.Model]]:
    """The models that point at `model` (a foreign key, a one-to-one, a many-to-many: `connect` follows the links of
    the latter): what a visibility rule may read besides the row."""
    return [rel.related_model for rel in model._meta.related_objects if isinstance(rel.related_model, type)]


def connect(*models_: type[models.Model]) -> None:
    fragments.connect(LIST, *models_)


def connect_subject(model: type[models.Model], depends_on: Iterable[type[models.Model]] | None = None) -> None:
    """A subject kind's writes renew the kept pages: the model, and what its visibility rule reads (by default
    every model that points at it)."""
    connect(model, *(_pointing_at(model) if depends_on is None else depends_on))
