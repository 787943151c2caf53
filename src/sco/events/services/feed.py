"""The stored iCalendar blocks of an event, rebuilt by every service that changes what a feed shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sco.core.i18n import LANG_SUFFIXES
from sco.core.links import absolute_url
from sco.events import ical
from sco.events.models import Event, EventFeedEntry, Precision, Session


def _ical_item(event: Event, sessions: Sequence[Session], suffix: str) -> ical.IcalEvent:
    def text(obj: Any, name: str) -> str:
        return next(
            (getattr(obj, f"{name}_{s}") for s in (suffix, "en", "ru", "zh") if getattr(obj, f"{name}_{s}")), ""
        )

    location = ", ".join(p for p in (event.venue, text(event, "city"), text(event.country, "name")) if p)
    timed = event.precision == Precision.TIME
    return ical.IcalEvent(
        uid=ical.event_uid(event.pk),
        start=event.starts_at,
        end=event.ends_at,
        zone=event.time_zone,
        summary=text(event, "title"),
        description=text(event, "description"),
        location=location,
        url=absolute_url(f"/events/{event.pk}/"),  # RFC 5545 3.8.4.6: a URI, not a path
        categories=(event.category,),
        sequence=event.sequence,
        last_modified=event.updated_at.replace(microsecond=0),
        cancelled=event.cancelled,
        all_day=not timed,
        sessions=tuple(
            ical.IcalEvent(
                uid=ical.session_uid(event.pk, s.pk),
                start=s.starts_at,
                end=s.ends_at,
                zone=event.time_zone,
                summary=f"{text(s, 'title')} ({text(event, 'title')})",
                location=", ".join(p for p in (s.room, location) if p),
                sequence=event.sequence,
                last_modified=event.updated_at.replace(microsecond=0),
                cancelled=event.cancelled,
            )
            for s in sessions
        )
        if timed
        else (),
    )


def feed_entry_refresh(event: Event) -> None:
    """Rebuild the stored VEVENT blocks of one event (called by every service that changes what a feed shows)."""
    event = Event.objects.select_related("country").get(pk=event.pk)
    sessions = list(event.sessions.all())
    blocks = {
        f"vevent_{suffix}": ical.vevent_block(_ical_item(event, sessions, suffix)).decode() for suffix in LANG_SUFFIXES
    }
    EventFeedEntry.objects.update_or_create(event=event, defaults=blocks)
