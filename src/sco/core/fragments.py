"""Parts of pages kept across requests in the shared cache (Redis in production, shared by every worker).

A fragment is named; its version is replaced by every write of what it rests on (the parts connect `changed` to
their models' signals, or call it from a service), now and again on commit, so a page never keeps what a write
changed. What changes with time alone (an event that has begun, a deadline that has passed) shows within the
fragment's timeout. Each entry is kept for one viewer (or for every anonymous visitor) and one language; a part whose
fragment follows a person's mandates passes their version in ``extra``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils import translation

from sco.core.users import signed_in

T = TypeVar("T")


def _version_key(name: str) -> str:
    return f"sco:fragment:{name}:version"


def _bump(name: str) -> None:
    cache.set(_version_key(name), time.time_ns(), None)


def changed(name: str, *args: Any, **kwargs: Any) -> None:
    """What the fragment ``name`` rests on was written (call it, or connect it as a signal receiver)."""
    _bump(name)
    transaction.on_commit(partial(_bump, name))


def version(name: str) -> int:
    """The current version of what ``name`` rests on (made on first use); ``changed`` replaces it."""
    return cast(int, cache.get_or_set(_version_key(name), time.time_ns, None))


def viewer_stamp(user: Any) -> str:
    """Who a kept fragment is for: every anonymous visitor alike; a person by id and when the account was made (a
    new account never meets an old one's entries)."""
    if not signed_in(user):
        return "anonymous"
    joined = getattr(user, "date_joined", None)
    return f"{user.pk}:{joined.timestamp() if joined else ''}"


def cached(name: str, user: Any, compute: Callable[[], T], *, extra: str = "", timeout: int = 60) -> T:
    current = version(name)
    said = f"{viewer_stamp(user)}:{translation.get_language()}:{extra}"  # may carry a visitor's query: hashed
    key = f"sco:fragment:{name}:{current}:{hashlib.sha256(said.encode()).hexdigest()}"
    return cast(T, cache.get_or_set(key, compute, timeout))  # compute never answers None


# name -> (version, value): what ``local`` keeps in this process.
_LOCAL: dict[str, tuple[int, Any]] = {}


def local(name: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept in this process's memory under the fragment's version: for small data read on every
    request of a hot path (the institutions' rows, a few dozen) that the shared cache would unpickle each time. The
    shared version is still read on every call, so a write in any process is seen on the next request; the value
    must be read only (it is shared by the process's threads)."""
    current = version(name)
    found = _LOCAL.get(name)
    if found is not None and found[0] == current:
        return cast(T, found[1])
    value = compute()
    _LOCAL[name] = (current, value)
    return value


def connect(name: str, *models: Any) -> None:
    """Replace the fragment's version whenever one of these models is saved or deleted, or the links of one of its
    many-to-many fields change."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    receiver = partial(changed, name)
    for model in models:
        uid = f"core.fragments.{name}.{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ".save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ".delete", weak=False)
        for field in model._meta.many_to_many:
            m2m_changed.connect(receiver, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")


# A kept part never holds a CSRF token (a new session's secret would refuse an old one): a part with a form is
# rendered with a random mark as its ``csrf_token`` (what {% csrf_token %} prints), and each response puts its own
# token where the mark is.
def csrf_mark() -> str:
    return secrets.token_hex(16)


def request_token(request: Any) -> str:
    """This response's CSRF token, masked once and used by every kept part of it (each masking draws 64 random
    characters; a page with a kept header, body and panel asked for three)."""
    token = getattr(request, "_sco_csrf_token", None)
    if token is None:
        token = get_token(request)
        setattr(request, "_sco_csrf_token", token)  # noqa: B010  kept on this request alone
    return str(token)


def with_csrf(html: str, mark: str, request: Any) -> str:
    """``html`` kept with ``mark`` (no mark: no form), with this request's CSRF token in place of the mark."""
    return html.replace(mark, request_token(request)) if mark else html
