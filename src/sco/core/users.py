"""Who is asking: the one place that says whether a request's user is a signed-in person.

Views, services and selectors take a `Viewer` (anyone, signed in or not, or nobody outside a request) and an
`Actor` (the person who writes). Ask `signed_in(viewer)` or `active(viewer)`; never `getattr(user, ...)` inline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard, Union

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sco.core.models import User

Viewer: TypeAlias = Union["User", "AnonymousUser", None]
Actor: TypeAlias = Union["User", "AnonymousUser", None]


def signed_in(user: object) -> TypeGuard[User]:
    """A person who signed in (or sent a valid token); False for anonymous visitors and for None."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def active(user: object) -> TypeGuard[User]:
    """Signed in and not deactivated: the test every write starts with."""
    return signed_in(user) and bool(getattr(user, "is_active", False))


def person(user: object) -> User | None:
    """The user to record as author, or None for anonymous visitors and background jobs."""
    return user if signed_in(user) else None
