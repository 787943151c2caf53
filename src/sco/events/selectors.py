"""Every read on events, scoped to the viewer: a restricted event a viewer may not see is "not found"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from sco.core import hooks
from sco.core.i18n import lang_suffix
from sco.events import grid, ical, overlap, timezones
from sco.events.allocation import HOLDS_PLACE, Status
from sco.events.errors import EventInvalid, EventNotFound, RegistrationNotFound
from sco.events.models import MAX_EVENT_SPAN, Event, FollowUp, OutcomeLink, Precision, Registration, Session
from sco.events.permissions import Scope, scope_for, scope_manages
from sco.members.models import Body, Chairmanship, State

# A feed holds at most this many events (the newest by start): calendar clients poll feeds often.
FEED_LIMIT = 2000
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
LIVE = [Status.PENDING.value, Status.APPROVED.value, Status.WAITLISTED.value]


@dataclass(frozen=True)
class EventFilters:
    category: str = ""
    state: str = ""  # organiser state's ISO code
    body: str = ""  # organising body's code
    chairmanship: int | None = None
    year: int | None = None

    def as_q(self) -> Q:
        q = Q()
        if self.category:
            q &= Q(category=self.category)
        if self.state:
            q &= Q(organiser_state__code=self.state.upper())
        if self.body:
            q &= Q(organiser_body__code=self.body)
        if self.chairmanship:
            q &= Q(chairmanship_id=self.chairmanship)
        if self.year:
            q &= Q(starts_at__lt=datetime(self.year + 1, 1, 1, tzinfo=UTC) + grid.ZONE_PAD)
            q &= Q(ends_at__gt=datetime(self.year, 1, 1, tzinfo=UTC) - grid.ZONE_PAD)
        return q

    def as_params(self) -> dict[str, str]:
        params = {
            "category": self.category,
            "state": self.state,
            "body": self.body,
            "chairmanship": str(self.chairmanship or ""),
            "year": str(self.year or ""),
        }
        return {k: v for k, v in params.items() if v}


def _visible(scope: Scope) -> Q:
    return Q() if scope.sees_restricted else Q(is_public=True)


def event_list(*, viewer: Any, filters: EventFilters = EventFilters(), scope: Scope | None = None) -> QuerySet[Event]:
    scope = scope or scope_for(viewer)
    return (
        Event.objects.filter(_visible(scope) & filters.as_q())
        .select_related("country", "organiser_state", "organiser_body", "chairmanship__state")
        .order_by("starts_at", "pk")
    )


def event_get(*, viewer: Any, event_id: int, scope: Scope | None = None) -> Event:
    scope = scope or scope_for(viewer)
    event = (
        Event.objects.filter(_visible(scope), pk=event_id)
        .select_related("country", "organiser_state", "organiser_body", "chairmanship__state")
        .first()
    )
    if event is None:
        raise EventNotFound()
    return event


def outcome_link_get(*, viewer: Any, event_id: int, link_id: int) -> OutcomeLink:
    """One outcome link of an event the viewer may see ("not found" otherwise)."""
    event = event_get(viewer=viewer, event_id=event_id)
    link = OutcomeLink.objects.filter(event=event, pk=link_id).first()
    if link is None:
        raise EventNotFound()
    link.event = event
    return link


def follow_up_get(*, viewer: Any, event_id: int, item_id: int) -> FollowUp:
    """One follow-up item of an event the viewer may see ("not found" otherwise)."""
    event = event_get(viewer=viewer, event_id=event_id)
    item = FollowUp.objects.filter(event=event, pk=item_id).select_related("owner_state").first()
    if item is None:
        raise EventNotFound()
    item.event = event
    return item


def state_by_code(code: str) -> State | None:
    return State.objects.filter(code=code.strip().upper()[:2]).first()


def events_upcoming(*, viewer: Any, limit: int = 5, now: datetime | None = None) -> list[Event]:
    """The next events the viewer may see, for the home page."""
    now = now or timezone.now()
    return list(
        event_list(viewer=viewer)
        .filter(ends_at__gt=now, cancelled=False)
        .select_related(None)
        .select_related("country")[: max(1, min(limit, 50))]
    )


def sessions_of(event: Event) -> list[Session]:
    return list(event.sessions.prefetch_related("speakers__delegation").order_by("starts_at", "pk"))


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

    event: Any  # an Event, or a CalendarEntry in calendar views
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


def localize(event: Any) -> LocalEvent:
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


def _window(viewer: Any, filters: EventFilters, first: date, last: date, scope: Scope | None) -> list[LocalEvent]:
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
    *, viewer: Any, year: int, month: int, filters: EventFilters = EventFilters(), scope: Scope | None = None
) -> CalendarView:
    """The month grid with each event on every venue-local day it touches: one query after the viewer's scope."""
    weeks = grid.month_weeks(year, month)
    days = [d for week in weeks for d in week]
    events = _window(viewer, filters, days[0], days[-1], scope)
    return _view(days, weeks, events)


def calendar_week(*, viewer: Any, day: date, filters: EventFilters = EventFilters()) -> CalendarView:
    days = grid.week_days(day)
    events = _window(viewer, filters, days[0], days[-1], None)
    return _view(days, [days], events)


def _view(days: list[date], weeks: list[list[date]], events: list[LocalEvent]) -> CalendarView:
    dated = [e for e in events if e.event.precision != Precision.MONTH]
    placed = grid.place([grid.Placed(i, e.first_day, e.last_day) for i, e in enumerate(dated)], days)
    by_day = {d: [dated[i] for i in keys] for d, keys in placed.items()}
    return CalendarView(days, weeks, by_day, events, [e for e in events if e.event.precision == Precision.MONTH])


def _assemble(rows: list[tuple[str, datetime, datetime, str, str | None]], name: str) -> bytes:
    blocks = [block.encode() for (_z, _s, _e, _p, block) in rows if block]
    spans = [(zone, start, end) for (zone, start, end, precision, block) in rows if block and precision == "time"]
    return ical.assemble_calendar(blocks, ical.zone_uses(spans), name=name)


def feed_ical(
    *,
    viewer: Any,
    filters: EventFilters = EventFilters(),
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


def feed_ical_for_user(*, user: Any, language: str = "en", name: str = "SCO events") -> bytes:
    """The feed of one person's live registrations (pending, approved, waiting)."""
    column = f"feed_entry__vevent_{lang_suffix(language)}"
    rows = list(
        Event.objects.filter(registrations__user=user, registrations__status__in=LIVE)
        .exclude(precision=Precision.MONTH)
        .order_by("-starts_at", "-pk")
        .values_list("time_zone", "starts_at", "ends_at", "precision", column)[:FEED_LIMIT]
    )
    return _assemble(rows, name)


def registration_get(*, viewer: Any, registration_id: int) -> Registration:
    """A registration its own person or the event's organisers may see."""
    registration = (
        Registration.objects.select_related("event__organiser_state", "delegation", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise RegistrationNotFound()
    scope = scope_for(viewer)
    own = registration.user_id == scope.user_id or registration.delegation_id in scope.state_ids
    if not own and not scope_manages(scope, registration.event):
        raise RegistrationNotFound()
    return registration


def registrations_of(*, viewer: Any, event: Event, scope: Scope | None = None) -> list[Registration]:
    """Organisers see every registration; a delegation sees its own; anyone sees their own."""
    scope = scope or scope_for(viewer)
    rows = event.registrations.select_related("delegation", "user").order_by("delegation__name_en", "queued_at", "pk")
    if not scope_manages(scope, event):
        rows = rows.filter(Q(delegation_id__in=scope.state_ids) | Q(user_id=scope.user_id))
    return list(rows)


def participants_by_delegation(*, viewer: Any, event: Event) -> list[tuple[State | None, list[Registration]]]:
    groups: dict[int | None, tuple[State | None, list[Registration]]] = {}
    for registration in registrations_of(viewer=viewer, event=event):
        key = registration.delegation_id
        groups.setdefault(key, (registration.delegation, []))[1].append(registration)
    return list(groups.values())


def my_registration(*, viewer: Any, event: Event) -> Registration | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return event.registrations.filter(user=viewer).first()


def registration_counts(event: Event) -> dict[str, int]:
    counts = Counter(event.registrations.values_list("status", flat=True))
    held = sum(counts[s.value] for s in HOLDS_PLACE)
    return {"held": held, "waiting": counts[Status.WAITLISTED.value], **{k: counts[k] for k in counts}}


def badge_rows(*, viewer: Any, event: Event) -> list[list[str]]:
    """Approved participants, for badges. Organisers only (the caller asks ``may_manage_event`` first)."""
    rows = (
        event.registrations.filter(status=Status.APPROVED)
        .select_related("delegation")
        .order_by("delegation__name_en", "full_name", "pk")
    )
    return [
        [
            str(r.pk),
            r.full_name,
            r.function,
            r.delegation.code if r.delegation else "",
            r.delegation.name_en if r.delegation else "",
        ]
        for r in rows
    ]


@dataclass(frozen=True)
class Clash:
    first: Registration
    second: Registration


def delegation_clashes(*, viewer: Any, state: State) -> list[Clash]:
    """Pairs of the delegation's live registrations at events whose times overlap."""
    scope = scope_for(viewer)
    if state.pk not in scope.state_ids and not scope.secretariat:
        return []
    regs = list(
        Registration.objects.filter(delegation=state, status__in=LIVE, event__cancelled=False)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    by_pk = {r.pk: r for r in regs}
    items = [overlap.Timed(r.pk, r.event.starts_at, r.event.ends_at) for r in regs]
    return [
        Clash(by_pk[a], by_pk[b]) for a, b in overlap.overlapping_pairs(items) if by_pk[a].event_id != by_pk[b].event_id
    ]


@dataclass
class Overview:
    chairmanship: Chairmanship
    total: int
    by_category: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    by_city: list[tuple[str, int]]
    events: list[LocalEvent]


def programme_overview(*, viewer: Any, chairmanship_id: int, language: str = "en") -> Overview:
    chairmanship = Chairmanship.objects.select_related("state").filter(pk=chairmanship_id).first()
    if chairmanship is None:
        raise EventNotFound()
    events = [localize(e) for e in event_list(viewer=viewer, filters=EventFilters(chairmanship=chairmanship_id))]
    suffix = lang_suffix(language)
    by_category = Counter(le.event.category for le in events)
    by_month = Counter(f"{le.first_day:%Y-%m}" for le in events)
    by_city = Counter(getattr(le.event, f"city_{suffix}") or le.event.city_en for le in events)
    return Overview(
        chairmanship=chairmanship,
        total=len(events),
        by_category=by_category.most_common(),
        by_month=sorted(by_month.items()),
        by_city=by_city.most_common(),
        events=events,
    )


def chairmanship_list() -> list[Chairmanship]:
    return list(Chairmanship.objects.select_related("state").order_by("-start"))


def refs_resolve(
    *,
    country: str,
    organiser_state: str | None = None,
    organiser_body: str | None = None,
    chairmanship: int | None = None,
) -> dict[str, Any]:
    """Turn the codes a door receives into rows; unknown codes are field errors (nothing is stored)."""
    codes = {c.upper() for c in (country, organiser_state) if c}
    states = {s.code: s for s in State.objects.filter(code__in=codes)}
    errors: dict[str, list[str]] = {}
    found: dict[str, Any] = {"country": states.get((country or "").upper())}
    if found["country"] is None:
        errors["country"] = [gettext("Unknown code.")]
    found["organiser_state"] = states.get(organiser_state.upper()) if organiser_state else None
    if organiser_state and found["organiser_state"] is None:
        errors["organiser_state"] = [gettext("Unknown code.")]
    found["organiser_body"] = Body.objects.filter(code=organiser_body).first() if organiser_body else None
    if organiser_body and found["organiser_body"] is None:
        errors["organiser_body"] = [gettext("Unknown code.")]
    found["chairmanship"] = Chairmanship.objects.filter(pk=chairmanship).first() if chairmanship else None
    if chairmanship and found["chairmanship"] is None:
        errors["chairmanship"] = [gettext("Unknown code.")]
    if errors:
        raise EventInvalid(field_errors=errors)
    return found


def localize_session(session: Session, zone: str) -> tuple[datetime, datetime]:
    return timezones.utc_to_local(session.starts_at, zone), timezones.utc_to_local(session.ends_at, zone)


def feed_ical_of_event(*, event: Event, language: str = "en") -> bytes:
    """One event's feed (the caller has fetched the event through ``event_get``)."""
    column = f"feed_entry__vevent_{lang_suffix(language)}"
    rows = list(Event.objects.filter(pk=event.pk).values_list("time_zone", "starts_at", "ends_at", "precision", column))
    return _assemble(rows, event.title)


def chairmanship_with_events(*, viewer: Any, preferred: Chairmanship | None) -> Chairmanship | None:
    visible = event_list(viewer=viewer).filter(chairmanship__isnull=False)
    if preferred is not None and visible.filter(chairmanship=preferred).exists():
        return preferred
    latest = visible.filter(starts_at__lte=timezone.now()).order_by("-starts_at").first()
    if latest is not None:
        return latest.chairmanship
    return preferred or Chairmanship.objects.order_by("-start").first()


@dataclass(frozen=True)
class Outcome:
    link: OutcomeLink
    url: str


def outcomes_of(event: Event) -> list[Outcome]:
    """The event's outcome links, each pointed at its record when the part holding it answers.

    The seam with the documents and projects parts: a part that holds such records registers
    ``hooks.register("events_outcome_target")`` with ``fn(*, kind, target_id) -> str | None`` (the record's URL).
    With no such part installed, or no answer, the link keeps the URL and label stored with it.
    """
    resolvers = hooks.get("events_outcome_target")
    found: list[Outcome] = []
    for link in event.outcome_links.all():
        url = link.url
        if link.target_id:
            url = next((u for fn in resolvers if (u := fn(kind=link.kind, target_id=link.target_id))), url)
        found.append(Outcome(link, url))
    return found
