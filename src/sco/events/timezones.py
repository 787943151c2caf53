"""Local wall-clock times at a venue, and their UTC instants.

No Django import: services call these before anything is stored.

Why the zone for Astana is ``Asia/Almaty``: IANA tzdata 2024a (and every later release, including the
``tzdata`` package this project depends on) records that Kazakhstan unified on UTC+5 on 2024-03-01, when
``Asia/Almaty`` (which covers Astana and most of the country) and ``Asia/Qostanay`` moved from +06 to +05.
``Asia/Almaty`` is the zone that zone1970.tab lists for "most of Kazakhstan", Astana included; a test pins both
sides of the change so a tzdata downgrade shows up at once.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# City (English name, lower-case) -> IANA zone. Only cities our events use; a venue may also name its zone itself.
CITY_ZONES: dict[str, str] = {
    "astana": "Asia/Almaty",
    "almaty": "Asia/Almaty",
    "shymkent": "Asia/Almaty",
    "turkistan": "Asia/Almaty",
    "aktau": "Asia/Aqtau",
    "beijing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai",
    "tianjin": "Asia/Shanghai",
    "qingdao": "Asia/Shanghai",
    "moscow": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "new delhi": "Asia/Kolkata",
    "islamabad": "Asia/Karachi",
    "tashkent": "Asia/Tashkent",
    "samarkand": "Asia/Samarkand",
    "bishkek": "Asia/Bishkek",
    "dushanbe": "Asia/Dushanbe",
    "tehran": "Asia/Tehran",
    "minsk": "Europe/Minsk",
}


class LocalTimeError(ValueError):
    """A local time that cannot be turned into one instant. ``code`` is a stable identifier."""

    code = "local_time_invalid"

    def __init__(self, *, local: datetime | None = None, zone: str = "") -> None:
        self.local = local
        self.zone = zone
        super().__init__(f"{self.code}: {local} in {zone}")


class UnknownTimeZone(LocalTimeError):
    code = "time_zone_unknown"


class NonexistentLocalTime(LocalTimeError):
    """The clock skipped this time (a spring-forward gap, or a zone moving its offset forward)."""

    code = "local_time_nonexistent"


class AmbiguousLocalTime(LocalTimeError):
    """The clock showed this time twice (a fall-back fold, or a zone moving its offset back)."""

    code = "local_time_ambiguous"


class EndBeforeStart(ValueError):
    code = "end_before_start"


def zone_get(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone called ``name``; refuses names tzdata does not know (and empty or path-like names)."""
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise zoneinfo.ZoneInfoNotFoundError(name)
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownTimeZone(zone=name) from exc


def zone_for_city(city: str) -> str | None:
    return CITY_ZONES.get(city.strip().lower())


def local_to_utc(local: datetime, zone_name: str) -> datetime:
    """The UTC instant of the naive wall-clock time ``local`` at ``zone_name``.

    Refuses a time the clock never showed there (``NonexistentLocalTime``) and one it showed twice
    (``AmbiguousLocalTime``), instead of guessing as ``datetime.replace(tzinfo=...)`` does: an intergovernmental
    meeting an hour off is worse than a clear error.
    """
    if local.tzinfo is not None:
        raise ValueError("local_to_utc takes a naive wall-clock time")
    zone = zone_get(zone_name)
    first = local.replace(tzinfo=zone, fold=0)
    second = local.replace(tzinfo=zone, fold=1)
    utc_first = first.astimezone(UTC)
    utc_second = second.astimezone(UTC)
    if utc_first == utc_second:
        # Unambiguous, but it may still fall in a gap: a gap time does not survive the round trip.
        if utc_first.astimezone(zone).replace(tzinfo=None) != local:
            raise NonexistentLocalTime(local=local, zone=zone_name)
        return utc_first
    # The two folds differ: either the time is in a gap (neither round-trips) or in a fold (both do).
    round_trips = [u.astimezone(zone).replace(tzinfo=None) == local for u in (utc_first, utc_second)]
    if not any(round_trips):
        raise NonexistentLocalTime(local=local, zone=zone_name)
    raise AmbiguousLocalTime(local=local, zone=zone_name)


def utc_to_local(instant: datetime, zone_name: str) -> datetime:
    """The aware local time at ``zone_name`` of an aware instant."""
    if instant.tzinfo is None:
        raise ValueError("utc_to_local takes an aware datetime")
    return instant.astimezone(zone_get(zone_name))


@dataclass(frozen=True)
class Span:
    """A start and end in UTC, checked to be in order."""

    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


def local_span_to_utc(start: datetime, end: datetime, zone_name: str) -> Span:
    """Both ends converted and checked; the end must come strictly after the start."""
    start_utc = local_to_utc(start, zone_name)
    end_utc = local_to_utc(end, zone_name)
    if end_utc <= start_utc:
        raise EndBeforeStart(f"end {end} is not after start {start}")
    return Span(start_utc, end_utc)
