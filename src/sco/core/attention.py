"""The attention panel of a signed-in person's home page ("what waits for you"), kept across requests.

The parts' providers (hooks "attention") ask for open procedures, pending invitations and unanswered questions:
several queries on every home page. Their answer for one person is kept in the shared cache under a version that
every write of what they read replaces (the parts connect `changed` to their models' signals; members' mandate
writes call it too), now and again on commit, so a page never keeps what a write changed. What changes with time
alone (a deadline passing) shows within ``TIMEOUT`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from sco.core.hooks import AttentionItem

VERSION_KEY = "sco:attention:version"
TIMEOUT = 60


def _bump() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def changed(*args: Any, **kwargs: Any) -> None:
    """Something an attention provider reads was written (a signal receiver, or called by a service)."""
    _bump()
    transaction.on_commit(_bump)


def items(user: Any, compute: Callable[[], list[AttentionItem]]) -> list[AttentionItem]:
    version = cache.get_or_set(VERSION_KEY, time.time_ns, None)
    joined = getattr(user, "date_joined", None)
    stamp = joined.timestamp() if joined else ""
    key = f"sco:attention:{version}:{user.pk}:{stamp}:{translation.get_language()}"
    found: list[AttentionItem] | None = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found


def connect(*models: Any) -> None:
    """Replace the version whenever one of these models is saved or deleted (and, for a model's many-to-many
    fields, when their links change)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        uid = f"core.attention.{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=uid + ".save", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=uid + ".delete", weak=False)
        for field in model._meta.many_to_many:
            m2m_changed.connect(changed, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")
