"""What every events service shares: field errors and the words for a local time that does not work."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sco.core.errors import NotAuthenticated
from sco.core.models import User
from sco.core.users import Actor
from sco.events import timezones
from sco.members.permissions import ensure_signed_in


def add_error(errors: dict[str, list[str]], name: str, message: Any) -> None:
    errors.setdefault(name, []).append(str(message))


def time_errors(errors: dict[str, list[str]], name: str, exc: timezones.LocalTimeError) -> None:
    if isinstance(exc, timezones.UnknownTimeZone):
        add_error(errors, "time_zone", _("“%(zone)s” is not a time zone in the IANA database.") % {"zone": exc.zone})
    elif isinstance(exc, timezones.NonexistentLocalTime):
        add_error(errors, name, _("%(time)s does not exist in %(zone)s: the clocks skipped it.") % _fmt(exc))
    elif isinstance(exc, timezones.AmbiguousLocalTime):
        add_error(
            errors, name, _("%(time)s happened twice in %(zone)s: the clocks went back. Pick another time.") % _fmt(exc)
        )


def _fmt(exc: timezones.LocalTimeError) -> dict[str, str]:
    return {"time": exc.local.strftime("%Y-%m-%d %H:%M") if exc.local else "", "zone": exc.zone}


def acting_person(actor: Actor) -> User:
    """The signed-in person behind ``actor`` (401 for anyone else), as the project's user model: what a write
    stores as its author."""
    ensure_signed_in(actor)
    if not isinstance(actor, User):
        raise NotAuthenticated()
    return actor
