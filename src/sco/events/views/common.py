"""What the events pages share: filters from the query string, local times, an event page's context."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from sco.core.schemas import YEAR_MAX, YEAR_MIN
from sco.core.users import signed_in
from sco.events import selectors
from sco.events.errors import EventNotFound
from sco.events.forms import RegistrationForm
from sco.events.models import Category, Event
from sco.events.permissions import may_manage_event, scope_for
from sco.events.timezones import utc_to_local
from sco.members.models import Body, State
from sco.members.permissions import states_acted_for
from sco.members.selectors import state_get_or_none

FEED_SALT = "sco.events.feed"


def request_filters(request: HttpRequest) -> selectors.EventFilters:
    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    return selectors.EventFilters(
        category=request.GET.get("category", "") if request.GET.get("category") in Category.values else "",
        state=state.code if (state := state_get_or_none(code=request.GET.get("state", "")[:8], field="state")) else "",
        body=request.GET.get("body", "")[:40],
        chairmanship=number("chairmanship"),
        year=year if (year := number("year")) and YEAR_MIN <= year <= YEAR_MAX else None,
    )


def filter_context(request: HttpRequest, filters: selectors.EventFilters) -> dict[str, Any]:
    return {
        "filters": filters,
        "filter_query": "&".join(f"{k}={v}" for k, v in filters.as_params().items()),
        "categories": Category.choices,
        "states": State.objects.order_by("name_en"),
        "bodies": Body.objects.order_by("order", "name_en"),
        "chairmanships": selectors.chairmanship_list(),
    }


def local_text(instant: datetime | None, zone: str) -> str:
    """A stored instant as the venue's wall-clock time, YYYY-MM-DDTHH:MM (empty when there is none)."""
    if instant is None:
        return ""
    return utc_to_local(instant, zone).replace(tzinfo=None).isoformat(timespec="minutes")


def event_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    scope = scope_for(request.user)
    manages = may_manage_event(request.user, event)
    mine = selectors.my_registration(viewer=request.user, event=event)
    states = states_acted_for(request.user) if signed_in(request.user) else []
    return {
        "event": event,
        "local": selectors.localize(event),
        "sessions": [(s, selectors.localize_session(s, event.time_zone)) for s in selectors.sessions_of(event)],
        "manages": manages,
        "mine": mine,
        "counts": selectors.registration_counts(event),
        "deadline_local": local_text(event.registration_closes_at, event.time_zone).replace("T", " "),
        "opens_local": local_text(event.registration_opens_at, event.time_zone).replace("T", " "),
        "not_yet_open": event.registration_opens_at is not None and timezone.now() < event.registration_opens_at,
        "registration_form": RegistrationForm(
            states=states, initial={"full_name": str(request.user)} if signed_in(request.user) else None
        ),
        "outcomes": selectors.outcomes_of(event),
        "follow_ups": list(event.follow_ups.select_related("owner_state")),
        "sees_restricted": scope.sees_restricted,
    }


def managed_event(request: HttpRequest, event_id: int) -> Event:
    """An event the viewer runs; one they may see but not run answers "not found" like one they may not see."""
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    if not may_manage_event(request.user, event):
        raise EventNotFound()
    return event
