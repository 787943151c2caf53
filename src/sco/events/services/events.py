"""Creating and changing an event: its times at the venue, its place, its registration window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from sco.core import audit
from sco.core.users import Actor
from sco.events import rules
from sco.events.errors import EventInvalid
from sco.events.models import MAX_EVENT_SPAN, AudienceChoice, Category, Event, Format, Precision
from sco.events.permissions import ensure_may_manage_event, ensure_may_organise_for
from sco.events.services.common import problem_errors
from sco.events.services.feed import feed_entry_refresh
from sco.events.services.notices import notify_event_changed
from sco.events.services.registrations import promote_waiting
from sco.members.models import Body, Chairmanship, State
from sco.members.permissions import ensure_signed_in

# What a participant is told about when it changes.
WATCHED_FIELDS = ("starts_at", "ends_at", "time_zone", "venue", "city_en", "country_id", "cancelled")


@dataclass
class EventData:
    """An event as a person enters it: local wall-clock times at the venue, and the venue's zone."""

    title_en: str
    category: str
    start_local: datetime  # naive, at the venue; for precision "day" only its date counts
    end_local: datetime  # naive; for precision "day" the last day (inclusive)
    time_zone: str
    city_en: str
    country: State
    title_ru: str = ""
    title_zh: str = ""
    description_en: str = ""
    description_ru: str = ""
    description_zh: str = ""
    format: str = "in_person"
    is_public: bool = True
    cancelled: bool = False
    precision: str = Precision.TIME
    venue: str = ""
    city_ru: str = ""
    city_zh: str = ""
    organiser_state: State | None = None
    organiser_body: Body | None = None
    chairmanship: Chairmanship | None = None
    registration_open: bool = False
    audience: str = "delegations"
    capacity: int | None = None
    needs_approval: bool = True
    keeps_waitlist: bool = True
    registration_opens_local: datetime | None = None
    registration_closes_local: datetime | None = None
    report_en: str = ""
    report_ru: str = ""
    report_zh: str = ""
    note_en: str = ""
    source: str = ""


CHOICES = rules.Choices(
    categories=frozenset(Category.values),
    formats=frozenset(Format.values),
    precisions=frozenset(Precision.values),
    audiences=frozenset(AudienceChoice.values),
)


def _validate(data: EventData) -> tuple[datetime, datetime, datetime | None, datetime | None]:
    """The rules of sco.events.rules, with their problems raised as field errors before anything is written."""
    check = rules.check_event(
        rules.EventInput(
            title_en=data.title_en,
            city_en=data.city_en,
            category=data.category,
            format=data.format,
            precision=data.precision,
            audience=data.audience,
            capacity=data.capacity,
            start_local=data.start_local,
            end_local=data.end_local,
            time_zone=data.time_zone,
            registration_opens_local=data.registration_opens_local,
            registration_closes_local=data.registration_closes_local,
        ),
        choices=CHOICES,
        max_span=MAX_EVENT_SPAN,
    )
    if check.problems or check.start is None or check.end is None:
        raise EventInvalid(field_errors=problem_errors(check.problems))
    return check.start, check.end, check.opens, check.closes


def _apply(
    event: Event, data: EventData, start: datetime, end: datetime, opens: datetime | None, closes: datetime | None
) -> None:
    for name in (
        "title_en",
        "title_ru",
        "title_zh",
        "description_en",
        "description_ru",
        "description_zh",
        "category",
        "format",
        "is_public",
        "cancelled",
        "precision",
        "time_zone",
        "venue",
        "city_en",
        "city_ru",
        "city_zh",
        "country",
        "organiser_state",
        "organiser_body",
        "chairmanship",
        "registration_open",
        "audience",
        "capacity",
        "needs_approval",
        "keeps_waitlist",
        "report_en",
        "report_ru",
        "report_zh",
        "note_en",
        "source",
    ):
        value = getattr(data, name)
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    event.starts_at, event.ends_at = start, end
    event.registration_opens_at, event.registration_closes_at = opens, closes


@transaction.atomic
def event_create(*, actor: Actor, data: EventData) -> Event:
    ensure_may_organise_for(actor, data.organiser_state)
    start, end, opens, closes = _validate(data)
    event = Event(created_by=ensure_signed_in(actor))
    _apply(event, data, start, end, opens, closes)
    event.save()
    feed_entry_refresh(event)
    audit.record(
        actor=actor,
        action="event.created",
        target=event,
        on_behalf_of=data.organiser_state or "",
        after=audit.snapshot(event),
    )
    return event


@transaction.atomic
def event_update(*, actor: Actor, event: Event, data: EventData) -> Event:
    ensure_may_manage_event(actor, event)
    if data.organiser_state != event.organiser_state:
        ensure_may_organise_for(actor, data.organiser_state)
    start, end, opens, closes = _validate(data)
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = audit.snapshot(event)
    _apply(event, data, start, end, opens, closes)
    changed = [name for name in WATCHED_FIELDS if before.get(name) != audit.snapshot(event, [name])[name]]
    if changed:
        event.sequence += 1
    event.save()
    promote_waiting(event)
    feed_entry_refresh(event)
    audit.record(
        actor=actor,
        action="event.updated",
        target=event,
        on_behalf_of=event.organiser_state or "",
        before=before,
        after=audit.snapshot(event),
    )
    if changed:
        event_id, sequence = event.pk, event.sequence
        transaction.on_commit(lambda: notify_event_changed(event_id=event_id, sequence=sequence))
    return event
