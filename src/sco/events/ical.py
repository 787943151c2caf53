"""iCalendar (RFC 5545) feeds of events, built with the ``icalendar`` package. No Django import.

Each event is written in its venue's own time zone (``DTSTART;TZID=Asia/Almaty:...``) with a VTIMEZONE for every
zone used, so a calendar client shows the right local time whatever its own zone. The UID is stable for the life
of an event and SEQUENCE grows each time its time or place changes, so clients update rather than duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

import icalendar

from sco.events.grid import local_last_day
from sco.events.timezones import zone_get

PRODID = "-//SCO Cooperation Platform//Events//EN"
UID_DOMAIN = "events.sco-platform.invalid"


@dataclass(frozen=True)
class IcalEvent:
    uid: str
    start: datetime  # aware, UTC
    end: datetime  # aware, UTC
    zone: str  # IANA name of the venue's zone
    summary: str
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    last_modified: datetime | None = None
    cancelled: bool = False
    # Dates known, hours not: written as a floating all-day event (VALUE=DATE) over the venue-local dates.
    all_day: bool = False
    sessions: tuple[IcalEvent, ...] = field(default=())


def event_uid(event_id: int) -> str:
    """A UID that never changes for an event (RFC 5545 3.8.4.7: globally unique and persistent)."""
    return f"event-{event_id}@{UID_DOMAIN}"


def session_uid(event_id: int, session_id: int) -> str:
    return f"event-{event_id}-session-{session_id}@{UID_DOMAIN}"


@lru_cache(maxsize=64)
def _vtimezone(zone: str, first_year: int, last_year: int) -> icalendar.Timezone:
    # Transitions only for the years the feed covers (a year each side): far smaller than 1970-2038 and the same
    # local times. Cached, since a zone's rules do not change while the process runs.
    return icalendar.Timezone.from_tzinfo(
        zone_get(zone), tzid=zone, first_date=date(first_year - 1, 1, 1), last_date=date(last_year + 1, 12, 31)
    )


def _vevent(item: IcalEvent, stamp: datetime) -> icalendar.Event:
    tz = zone_get(item.zone)
    vevent = icalendar.Event()
    vevent.add("uid", item.uid)
    vevent.add("dtstamp", (item.last_modified or stamp).astimezone(UTC))
    if item.all_day:
        first = item.start.astimezone(tz).date()
        last = local_last_day(item.end.astimezone(tz).replace(tzinfo=None))
        vevent.add("dtstart", first)
        vevent.add("dtend", max(last, first) + timedelta(days=1))
    else:
        vevent.add("dtstart", item.start.astimezone(tz))
        vevent.add("dtend", item.end.astimezone(tz))
    vevent.add("sequence", item.sequence)
    vevent.add("summary", item.summary)
    if item.description:
        vevent.add("description", item.description)
    if item.location:
        vevent.add("location", item.location)
    if item.url:
        vevent.add("url", item.url)
    if item.categories:
        vevent.add("categories", list(item.categories))
    if item.last_modified is not None:
        vevent.add("last-modified", item.last_modified.astimezone(UTC))
    vevent.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    return vevent


def vevent_block(item: IcalEvent, *, now: datetime | None = None) -> bytes:
    """One event's VEVENT (and its sessions' VEVENTs) as folded content lines.

    Services store this block when an event changes, so a feed of a thousand events joins stored blocks rather
    than rebuilding each one (building costs about 0.25 ms an event with the icalendar package).
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    return b"".join(_vevent(one, stamp).to_ical() for one in (item, *item.sessions))


@dataclass(frozen=True)
class ZoneUse:
    """A zone and the years a feed uses it in, for its VTIMEZONE."""

    zone: str
    first_year: int
    last_year: int


def zone_uses(spans: Iterable[tuple[str, datetime, datetime]]) -> list[ZoneUse]:
    years: dict[str, list[int]] = {}
    for zone, start, end in spans:
        span = years.setdefault(zone, [start.year, end.year])
        span[0] = min(span[0], start.year)
        span[1] = max(span[1], end.year)
    return [ZoneUse(zone, lo, hi) for zone, (lo, hi) in sorted(years.items())]


_END = b"END:VCALENDAR\r\n"


def assemble_calendar(blocks: Iterable[bytes], zones: Iterable[ZoneUse], *, name: str) -> bytes:
    """A VCALENDAR from stored VEVENT blocks and one VTIMEZONE per zone the blocks use."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for use in zones:
        cal.add_component(_vtimezone(use.zone, use.first_year, use.last_year))
    head = cal.to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)] + b"".join(blocks) + _END


def build_calendar(items: Iterable[IcalEvent], *, name: str, now: datetime | None = None) -> bytes:
    """A whole VCALENDAR: every event (and its sessions, as events of their own) and one VTIMEZONE per zone used."""
    listed = list(items)
    spans = [(one.zone, one.start, one.end) for item in listed for one in (item, *item.sessions) if not one.all_day]
    blocks = [vevent_block(item, now=now) for item in listed]
    return assemble_calendar(blocks, zone_uses(spans), name=name)
