"""Events the viewer may see: the list, one event, its sessions, the codes a door receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict, TypeVar

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from sco.core.errors import InvalidInput
from sco.core.users import Viewer
from sco.events import grid, timezones
from sco.events.errors import EventInvalid, EventNotFound
from sco.events.models import Event, Session
from sco.events.permissions import Scope, scope_for
from sco.members.models import Body, Chairmanship, State
from sco.members.selectors import body_get, state_get, state_get_or_none

T = TypeVar("T")


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


# The default of every filters parameter: no filter at all.
NO_FILTERS = EventFilters()


def _visible(scope: Scope) -> Q:
    return Q() if scope.sees_restricted else Q(is_public=True)


def event_list(*, viewer: Viewer, filters: EventFilters = NO_FILTERS, scope: Scope | None = None) -> QuerySet[Event]:
    scope = scope or scope_for(viewer)
    return (
        Event.objects.filter(_visible(scope) & filters.as_q())
        .select_related("country", "organiser_state", "organiser_body", "chairmanship__state")
        .order_by("starts_at", "pk")
    )


def event_get(*, viewer: Viewer, event_id: int, scope: Scope | None = None) -> Event:
    scope = scope or scope_for(viewer)
    event = (
        Event.objects.filter(_visible(scope), pk=event_id)
        .select_related("country", "organiser_state", "organiser_body", "chairmanship__state")
        .first()
    )
    if event is None:
        raise EventNotFound()
    return event


def session_get(*, event: Event, session_id: int) -> Session:
    """One session of an event (the caller has fetched the event through ``event_get``)."""
    session = event.sessions.filter(pk=session_id).first()
    if session is None:
        raise EventNotFound()
    return session


def events_upcoming(*, viewer: Viewer, limit: int = 5, now: datetime | None = None) -> list[Event]:
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


def chairmanship_list() -> list[Chairmanship]:
    return list(Chairmanship.objects.select_related("state").order_by("-start"))


class EventRefs(TypedDict):
    """The rows an event refers to, resolved from the codes a door receives."""

    country: State
    organiser_state: State | None
    organiser_body: Body | None
    chairmanship: Chairmanship | None


def refs_resolve(
    *,
    country: str,
    organiser_state: str | None = None,
    organiser_body: str | None = None,
    chairmanship: int | None = None,
) -> EventRefs:
    """Turn the codes a door receives into rows; every unknown code is a field error naming its field (nothing is
    stored), all of them at once."""
    errors: dict[str, list[str]] = {}

    def resolve(lookup: Callable[[], T]) -> T | None:
        try:
            return lookup()
        except InvalidInput as exc:
            errors.update({name: [str(m) for m in messages] for name, messages in exc.field_errors.items()})
            return None

    found_country = resolve(lambda: state_get(code=country, field="country"))
    found_state = resolve(lambda: state_get_or_none(code=organiser_state, field="organiser_state"))
    found_body = resolve(lambda: body_get(code=organiser_body, field="organiser_body")) if organiser_body else None
    found_chair = Chairmanship.objects.filter(pk=chairmanship).first() if chairmanship else None
    if chairmanship and found_chair is None:
        errors["chairmanship"] = [gettext("Unknown code.")]
    if errors or found_country is None:
        raise EventInvalid(field_errors=errors)
    return EventRefs(
        country=found_country, organiser_state=found_state, organiser_body=found_body, chairmanship=found_chair
    )


def localize_session(session: Session, zone: str) -> tuple[datetime, datetime]:
    return timezones.utc_to_local(session.starts_at, zone), timezones.utc_to_local(session.ends_at, zone)


def chairmanship_with_events(*, viewer: Viewer, preferred: Chairmanship | None) -> Chairmanship | None:
    visible = event_list(viewer=viewer).filter(chairmanship__isnull=False)
    if preferred is not None and visible.filter(chairmanship=preferred).exists():
        return preferred
    latest = visible.filter(starts_at__lte=timezone.now()).order_by("-starts_at").first()
    if latest is not None:
        return latest.chairmanship
    return preferred or Chairmanship.objects.order_by("-start").first()
