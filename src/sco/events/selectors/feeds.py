"""iCalendar feeds: stored VEVENT blocks assembled in one query after the viewer's scope."""

from __future__ import annotations

from datetime import datetime

from sco.core.i18n import lang_suffix
from sco.core.models import User
from sco.core.users import Viewer
from sco.events import ical
from sco.events.models import Event, Precision
from sco.events.permissions import Scope, scope_for
from sco.events.selectors.events import NO_FILTERS, EventFilters, _visible
from sco.events.selectors.registrations import LIVE

# A feed holds at most this many events (the newest by start): calendar clients poll feeds often.
FEED_LIMIT = 2000


def _assemble(rows: list[tuple[str, datetime, datetime, str, str | None]], name: str) -> bytes:
    blocks = [block.encode() for (_z, _s, _e, _p, block) in rows if block]
    spans = [(zone, start, end) for (zone, start, end, precision, block) in rows if block and precision == "time"]
    return ical.assemble_calendar(blocks, ical.zone_uses(spans), name=name)


def feed_ical(
    *,
    viewer: Viewer,
    filters: EventFilters = NO_FILTERS,
    language: str = "en",
    name: str = "SCO events",
    scope: Scope | None = None,
) -> bytes:
    """An iCalendar feed of the events the viewer may see under the filters: one query after the scope.

    Events whose month alone is known are left out: a calendar entry needs at least a day.
    """
    column = f"feed_entry__vevent_{lang_suffix(language)}"
    scope = scope or scope_for(viewer)
    rows = list(
        Event.objects.filter(_visible(scope) & filters.as_q())
        .exclude(precision=Precision.MONTH)
        .order_by("-starts_at", "-pk")
        .values_list("time_zone", "starts_at", "ends_at", "precision", column)[:FEED_LIMIT]
    )
    return _assemble(rows, name)


def feed_ical_for_user(*, user: User, language: str = "en", name: str = "SCO events") -> bytes:
    """The feed of one person's live registrations (pending, approved, waiting)."""
    column = f"feed_entry__vevent_{lang_suffix(language)}"
    rows = list(
        Event.objects.filter(registrations__user_id=user.pk, registrations__status__in=LIVE)
        .exclude(precision=Precision.MONTH)
        .order_by("-starts_at", "-pk")
        .values_list("time_zone", "starts_at", "ends_at", "precision", column)[:FEED_LIMIT]
    )
    return _assemble(rows, name)


def feed_ical_of_event(*, event: Event, language: str = "en") -> bytes:
    """One event's feed (the caller has fetched the event through ``event_get``)."""
    column = f"feed_entry__vevent_{lang_suffix(language)}"
    rows = list(Event.objects.filter(pk=event.pk).values_list("time_zone", "starts_at", "ends_at", "precision", column))
    return _assemble(rows, event.title)
