"""The validation ladders of an event's and a session's times and fields, as pure rules. No Django import.

A check answers with its problems (a field, a stable code, the values its message needs) and, when there are none,
the UTC instants to store. The services turn each problem into its translated message (services/common.py), raise
before anything is written, and store the instants the check worked out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sco.events import timezones


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: the field it belongs to, a stable code, the values its message names."""

    field: str
    code: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Choices:
    """The values each choice field accepts (the models' choices, handed in so this module needs no Django)."""

    categories: Collection[str]
    formats: Collection[str]
    precisions: Collection[str]
    audiences: Collection[str]


@dataclass(frozen=True)
class EventInput:
    title_en: str
    city_en: str
    category: str
    format: str
    precision: str
    audience: str
    capacity: int | None
    start_local: datetime  # naive, at the venue; with hours unknown only its date counts
    end_local: datetime  # naive; with hours unknown the last day (inclusive)
    time_zone: str
    registration_opens_local: datetime | None = None
    registration_closes_local: datetime | None = None


@dataclass(frozen=True)
class EventCheck:
    """Problems, or (when there are none) the UTC span and registration window to store."""

    problems: tuple[Problem, ...]
    start: datetime | None = None
    end: datetime | None = None
    opens: datetime | None = None
    closes: datetime | None = None


@dataclass(frozen=True)
class SessionCheck:
    problems: tuple[Problem, ...]
    start: datetime | None = None
    end: datetime | None = None


# Precisions whose hours are unknown: the event runs from local midnight of its first day to the midnight after
# its last.
WHOLE_DAYS = ("day", "month")


def time_problem(name: str, exc: timezones.LocalTimeError) -> Problem | None:
    """The problem a local time that does not work makes; an unknown zone belongs to the zone field."""
    if isinstance(exc, timezones.UnknownTimeZone):
        return Problem("time_zone", exc.code, (("zone", exc.zone),))
    if isinstance(exc, timezones.NonexistentLocalTime | timezones.AmbiguousLocalTime):
        shown = exc.local.strftime("%Y-%m-%d %H:%M") if exc.local else ""
        return Problem(name, exc.code, (("time", shown), ("zone", exc.zone)))
    return None


def _to_utc(name: str, local: datetime, zone: str, problems: list[Problem], *, zone_reported: bool) -> datetime | None:
    try:
        return timezones.local_to_utc(local, zone)
    except timezones.LocalTimeError as exc:
        if not (zone_reported and isinstance(exc, timezones.UnknownTimeZone)):
            problem = time_problem(name, exc)
            if problem is not None:
                problems.append(problem)
        return None


def _fields(data: EventInput, choices: Choices) -> list[Problem]:
    problems: list[Problem] = []
    if not data.title_en.strip():
        problems.append(Problem("title_en", "event_title_missing"))
    if not data.city_en.strip():
        problems.append(Problem("city_en", "city_missing"))
    if data.category not in choices.categories:
        problems.append(Problem("category", "category_unknown"))
    if data.format not in choices.formats:
        problems.append(Problem("format", "format_unknown"))
    if data.precision not in choices.precisions:
        problems.append(Problem("precision", "precision_unknown"))
    if data.audience not in choices.audiences:
        problems.append(Problem("audience", "audience_unknown"))
    if data.capacity is not None and data.capacity < 1:
        problems.append(Problem("capacity", "capacity_below_one"))
    return problems


def _span(data: EventInput, max_span: timedelta, problems: list[Problem]) -> tuple[datetime, datetime] | None:
    start_local, end_local = data.start_local, data.end_local
    if data.precision in WHOLE_DAYS:
        start_local = datetime.combine(start_local.date(), time.min)
        end_local = datetime.combine(end_local.date() + timedelta(days=1), time.min)
    start = _to_utc("start", start_local, data.time_zone, problems, zone_reported=False)
    end = _to_utc("end", end_local, data.time_zone, problems, zone_reported=True)
    if start is None or end is None:
        return None
    if end <= start:
        problems.append(Problem("end", "end_not_after_start"))
        return None
    if end - start > max_span:
        problems.append(Problem("end", "event_too_long", (("days", str(max_span.days)),)))
        return None
    return start, end


def check_event(data: EventInput, *, choices: Choices, max_span: timedelta) -> EventCheck:
    """Every rule an event's own fields must keep, in the order a person reads the form."""
    with_offset = [
        Problem(name, "offset_given")
        for name, value in (
            ("start", data.start_local),
            ("end", data.end_local),
            ("registration_opens", data.registration_opens_local),
            ("registration_closes", data.registration_closes_local),
        )
        if value is not None and value.tzinfo is not None
    ]
    if with_offset:
        # Nothing else can be judged of a time given with an offset: the zone would say something else.
        return EventCheck(tuple(with_offset))
    problems = _fields(data, choices)
    span = _span(data, max_span, problems)
    window: dict[str, datetime | None] = {"registration_opens": None, "registration_closes": None}
    for name, value in (
        ("registration_opens", data.registration_opens_local),
        ("registration_closes", data.registration_closes_local),
    ):
        if value is not None:
            window[name] = _to_utc(name, value, data.time_zone, problems, zone_reported=True)
    opens, closes = window["registration_opens"], window["registration_closes"]
    if opens is not None and closes is not None and opens >= closes:
        problems.append(Problem("registration_opens", "registration_window_reversed"))
    if problems or span is None:
        return EventCheck(tuple(problems) or (Problem("start", "times_unchecked"),))
    return EventCheck((), span[0], span[1], opens, closes)


def check_session(
    *,
    title_en: str,
    start_local: datetime,
    end_local: datetime,
    zone: str,
    event_start: datetime,
    event_end: datetime,
    speaker_names: Sequence[str] = (),
) -> SessionCheck:
    """A session has a title, ends after it starts, falls within its event, and names every speaker."""
    problems: list[Problem] = []
    if not title_en.strip():
        problems.append(Problem("title_en", "session_title_missing"))
    start = _to_utc("start", start_local, zone, problems, zone_reported=False)
    end = _to_utc("end", end_local, zone, problems, zone_reported=False)
    if start and end and end <= start:
        problems.append(Problem("end", "end_not_after_start"))
    elif start and end and (start < event_start or end > event_end):
        problems.append(Problem("start", "session_outside_event"))
    if any(not name.strip() for name in speaker_names):
        problems.append(Problem("speakers", "speaker_name_missing"))
    if problems or start is None or end is None:
        return SessionCheck(tuple(problems))
    return SessionCheck((), start, end)
