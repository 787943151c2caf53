"""Month and week grids for the calendar views. No Django import.

Weeks start on Monday (ISO 8601). An event is placed on every local date it touches at its own venue, so a summit
from 3 to 4 July in Astana shows on 3 and 4 July whatever the reader's zone.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

# The widest offsets in use (UTC-12 .. UTC+14): a query window padded by these catches every event whose local date
# falls in the range, whatever its zone.
ZONE_PAD = timedelta(hours=14)


@dataclass(frozen=True)
class Placed(Generic[K]):
    key: K
    first_day: date  # local date of the start at the venue
    last_day: date  # local date of the end at the venue (inclusive)


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday to Sunday) that show a month, with the neighbouring months' days filling the edges."""
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    return _calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def week_days(day: date) -> list[date]:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def month_range(year: int, month: int) -> tuple[date, date]:
    """First and last date of a month."""
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def utc_window(first: date, last: date) -> tuple[datetime, datetime]:
    """A UTC window wide enough to hold every event whose venue-local dates touch ``first``..``last``."""
    start = datetime.combine(first, time.min, tzinfo=UTC) - ZONE_PAD
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC) + ZONE_PAD
    return start, end


def local_last_day(end_local: datetime) -> date:
    """The last local date an event occupies: one ending at midnight does not spill onto the next day."""
    if end_local.time() == time.min:
        return end_local.date() - timedelta(days=1)
    return end_local.date()


def place(items: Iterable[Placed[K]], days: Iterable[date]) -> dict[date, list[K]]:
    """For each day shown, the keys of the items on it, in the order given."""
    shown = list(days)
    by_day: dict[date, list[K]] = {d: [] for d in shown}
    if not shown:
        return by_day
    lo, hi = min(shown), max(shown)
    for item in items:
        day = max(item.first_day, lo)
        last = min(max(item.last_day, item.first_day), hi)
        while day <= last:
            by_day[day].append(item.key)
            day += timedelta(days=1)
    return by_day
