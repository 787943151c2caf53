"""The signed-in person's row, and an API token's, kept in the shared cache between requests: every signed-in page
needs the user, every API call with a token the token and its user, and reading them from the database cost each
request a query (0.4 to 0.9 ms of CPU, as much as the rest of a kept page). Every save or delete of a user or a
token replaces its version, now and again on commit, so a deactivated account, a changed password, a new name or a
revoked token takes effect on the next request, in every process; an update that bypasses save() must call
``forget_user``. An entry is kept under the version it was read at: a read that raced a write stores what it read
under a version no later request asks for.

The kept row is the same as the database's, password hash included (Django checks the session against it); the
shared cache already holds the sessions themselves, which are worth more to an intruder than an Argon2 hash. A
token's row holds only the token's SHA-256, as the database does."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from sco.core import fragments

if TYPE_CHECKING:
    from sco.core.models import ApiToken, User

TIMEOUT = 3600


def _kept(kind: str, ident: Any, read: Callable[[], Any]) -> Any:
    """``read()`` kept under the version of ``kind:ident`` (core.fragments' versions, which ``_forget`` replaces)."""
    name = f"{kind}:{ident}"
    key = f"sco:{name}:{fragments.version(name)}"
    found = cache.get(key)
    if found is None:
        found = read()
        if found is not None:
            cache.set(key, found, TIMEOUT)
    return found


def _forget(kind: str, ident: Any) -> None:
    fragments.changed(f"{kind}:{ident}")  # now and again on commit


def forget_user(user_id: Any) -> None:
    _forget("user", user_id)


def user(user_id: Any) -> User | None:
    """The user with this id, kept; None if there is none."""
    from sco.core.models import User

    return cast("User | None", _kept("user", user_id, lambda: User.objects.filter(pk=user_id).first()))


def token(prefix: str) -> ApiToken | None:
    """The unrevoked API token with this prefix, kept, with its user from the user's own kept row (so a deactivated
    account is refused at once); None if there is none."""
    from sco.core.models import ApiToken

    def read() -> ApiToken | None:
        return ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).first()

    found = cast("ApiToken | None", _kept("token", prefix, read))
    if found is None:
        return None
    owner = user(found.user_id)
    if owner is None:
        return None
    found.user = owner
    return found


def token_used(prefix: str) -> None:
    """The token's row was written (its last use, at most once a minute): read it again next time."""
    _forget("token", prefix)


def forget_saved_user(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save and post_delete receiver for the user model."""
    forget_user(instance.pk)


def forget_saved_token(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save and post_delete receiver for API tokens (a revocation, a deleted user's tokens)."""
    _forget("token", instance.prefix)


class KeptUserMixin:
    """An authentication backend's get_user through the shared cache."""

    def get_user(self, user_id: Any) -> Any:
        found = user(user_id)
        if found is None:
            return None
        return found if self.user_can_authenticate(found) else None  # type: ignore[attr-defined]


class KeptModelBackend(KeptUserMixin, ModelBackend):
    """Django's ModelBackend, with the signed-in user's row kept between requests."""
