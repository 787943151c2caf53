"""Events on a calendar: venue-local days, month and week grids, a chairmanship's programme."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sco.core.i18n import lang_suffix
from sco.core.users import Viewer
from sco.events import grid, timezones
from sco.events.errors import EventNotFound
from sco.events.models import MAX_EVENT_SPAN, Event, Precision
from sco.events.permissions import Scope
from sco.events.selectors.events import NO_FILTERS, EventFilters, event_list
from sco.members.models import Chairmanship

CALENDAR_FIELDS = (
    "id",
    "title_en",
    "title_ru",
    "title_zh",
    "category",
    "starts_at",
    "ends_at",
    "time_zone",
    "precision",
    "city_en",
    "city_ru",
    "city_zh",
    "cancelled",
    "is_public",
)


@dataclass(frozen=True)
class CalendarEntry:
    """What a calendar cell shows of an event, in the active language."""

    pk: int
    title: str
    city: str
    category: str
    precision: str
    cancelled: bool
    is_public: bool
    starts_at: datetime
    ends_at: datetime
    time_zone: str

    @classmethod
    def from_row(cls, row: tuple[Any, ...], order: tuple[int, int, int]) -> CalendarEntry:
        (pk, t_en, t_ru, t_zh, category, starts_at, ends_at, zone, precision, c_en, c_ru, c_zh, cancelled,
         public) = row  # fmt: skip
        titles, cities = (t_en, t_ru, t_zh), (c_en, c_ru, c_zh)
        title = next((titles[i] for i in order if titles[i]), "")
        city = next((cities[i] for i in order if cities[i]), "")
        return cls(pk, title, city, category, precision, cancelled, public, starts_at, ends_at, zone)


@dataclass
class LocalEvent:
    """An event with its venue-local times worked out, for pages."""

    event: Event | CalendarEntry  # a CalendarEntry in calendar views
    start: datetime
    end: datetime
    first_day: date
    last_day: date

    @property
    def known_hours(self) -> bool:
        return self.event.precision == Precision.TIME

    @property
    def offset_label(self) -> str:
        """The venue's offset from UTC at the start, e.g. "UTC+05:00"."""
        raw = self.start.strftime("%z")
        return f"UTC{raw[:3]}:{raw[3:]}" if raw else "UTC"


def localize(event: Event | CalendarEntry) -> LocalEvent:
    start = timezones.utc_to_local(event.starts_at, event.time_zone)
    end = timezones.utc_to_local(event.ends_at, event.time_zone)
    return LocalEvent(event, start, end, start.date(), grid.local_last_day(end.replace(tzinfo=None)))


@dataclass
class CalendarView:
    days: list[date]
    weeks: list[list[date]]
    by_day: dict[date, list[LocalEvent]] = field(default_factory=dict)
    events: list[LocalEvent] = field(default_factory=list)
    # Events whose month alone is known: listed beside the grid, not spread over every day of their month.
    undated: list[LocalEvent] = field(default_factory=list)

    def cells(self, *, most: int = 6) -> list[list[CalendarCell]]:
        """The grid's weeks of cells, each showing at most `most` events and counting the rest: a month of a
        thousand events renders as many chips as a quiet one (the rest are a link to the day's week view)."""
        return [
            [CalendarCell(day, items[:most], max(0, len(items) - most)) for day in week for items in [self.by_day[day]]]
            for week in self.weeks
        ]


@dataclass(frozen=True)
class CalendarCell:
    day: date
    items: list[LocalEvent]
    more: int


def _window(viewer: Viewer, filters: EventFilters, first: date, last: date, scope: Scope | None) -> list[LocalEvent]:
    lo, hi = grid.utc_window(first, last)
    # Only what a calendar cell shows, as plain rows: a month of a thousand events must not build models.
    rows = (
        event_list(viewer=viewer, filters=filters, scope=scope)
        .filter(starts_at__lt=hi, starts_at__gte=lo - MAX_EVENT_SPAN, ends_at__gt=lo)
        .select_related(None)
        .values_list(*CALENDAR_FIELDS)
    )
    order = {"en": (0, 1, 2), "ru": (1, 0, 2), "zh": (2, 0, 1)}[lang_suffix()]
    local = [localize(CalendarEntry.from_row(row, order)) for row in rows]
    return [le for le in local if le.first_day <= last and le.last_day >= first]


def calendar_month(
    *, viewer: Viewer, year: int, month: int, filters: EventFilters = NO_FILTERS, scope: Scope | None = None
) -> CalendarView:
    """The month grid with each event on every venue-local day it touches: one query after the viewer's scope."""
    weeks = grid.month_weeks(year, month)
    days = [d for week in weeks for d in week]
    events = _window(viewer, filters, days[0], days[-1], scope)
    return _view(days, weeks, events)


def calendar_week(*, viewer: Viewer, day: date, filters: EventFilters = NO_FILTERS) -> CalendarView:
    days = grid.week_days(day)
    events = _window(viewer, filters, days[0], days[-1], None)
    return _view(days, [days], events)


def _view(days: list[date], weeks: list[list[date]], events: list[LocalEvent]) -> CalendarView:
    dated = [e for e in events if e.event.precision != Precision.MONTH]
    placed = grid.place([grid.Placed(i, e.first_day, e.last_day) for i, e in enumerate(dated)], days)
    by_day = {d: [dated[i] for i in keys] for d, keys in placed.items()}
    return CalendarView(days, weeks, by_day, events, [e for e in events if e.event.precision == Precision.MONTH])


@dataclass
class Overview:
    chairmanship: Chairmanship
    total: int
    by_category: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    by_city: list[tuple[str, int]]
    events: list[LocalEvent]


def programme_overview(*, viewer: Viewer, chairmanship_id: int, language: str = "en") -> Overview:
    chairmanship = Chairmanship.objects.select_related("state").filter(pk=chairmanship_id).first()
    if chairmanship is None:
        raise EventNotFound()
    rows = list(event_list(viewer=viewer, filters=EventFilters(chairmanship=chairmanship_id)))
    events = [localize(e) for e in rows]
    suffix = lang_suffix(language)
    by_category = Counter(le.event.category for le in events)
    by_month = Counter(f"{le.first_day:%Y-%m}" for le in events)
    by_city = Counter(str(getattr(e, f"city_{suffix}") or e.city_en) for e in rows)
    return Overview(
        chairmanship=chairmanship,
        total=len(events),
        by_category=by_category.most_common(),
        by_month=sorted(by_month.items()),
        by_city=by_city.most_common(),
        events=events,
    )
