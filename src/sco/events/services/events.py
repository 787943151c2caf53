"""Creating and changing an event: its times at the venue, its place, its registration window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sco.core import audit
from sco.core.users import Actor
from sco.events import timezones
from sco.events.errors import EventInvalid
from sco.events.models import MAX_EVENT_SPAN, AudienceChoice, Category, Event, Format, Precision
from sco.events.permissions import ensure_may_manage_event, ensure_may_organise_for
from sco.events.services.common import acting_person, add_error, time_errors
from sco.events.services.feed import feed_entry_refresh
from sco.events.services.notices import notify_event_changed
from sco.events.services.registrations import promote_waiting
from sco.members.models import Body, Chairmanship, State

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


def _span(data: EventData, errors: dict[str, list[str]]) -> tuple[datetime, datetime] | None:
    """The UTC span of the event; for a known day but unknown hour, local midnight to the midnight after."""
    start_local, end_local = data.start_local, data.end_local
    if data.precision in (Precision.DAY, Precision.MONTH):
        start_local = datetime.combine(start_local.date(), time.min)
        end_local = datetime.combine(end_local.date() + timedelta(days=1), time.min)
    start = end = None
    try:
        start = timezones.local_to_utc(start_local, data.time_zone)
    except timezones.LocalTimeError as exc:
        time_errors(errors, "start", exc)
    try:
        end = timezones.local_to_utc(end_local, data.time_zone)
    except timezones.LocalTimeError as exc:
        if not isinstance(exc, timezones.UnknownTimeZone):
            time_errors(errors, "end", exc)
    if start is None or end is None:
        return None
    if end <= start:
        add_error(errors, "end", _("The end must come after the start."))
        return None
    if end - start > MAX_EVENT_SPAN:
        add_error(errors, "end", _("An event lasts at most %(days)s days.") % {"days": MAX_EVENT_SPAN.days})
        return None
    return start, end


def _validate(data: EventData) -> tuple[datetime, datetime, datetime | None, datetime | None]:
    errors: dict[str, list[str]] = {}
    for name, value in (
        ("start", data.start_local),
        ("end", data.end_local),
        ("registration_opens", data.registration_opens_local),
        ("registration_closes", data.registration_closes_local),
    ):
        if value is not None and value.tzinfo is not None:
            add_error(errors, name, _("Give the local time at the venue, without a UTC offset."))
    if errors:
        raise EventInvalid(field_errors=errors)
    if not data.title_en.strip():
        add_error(errors, "title_en", _("Give the event an English title."))
    if not data.city_en.strip():
        add_error(errors, "city_en", _("Name the city."))
    if data.category not in Category.values:
        add_error(errors, "category", _("Choose a category from the list."))
    if data.format not in Format.values:
        add_error(errors, "format", _("Choose a format from the list."))
    if data.precision not in Precision.values:
        add_error(errors, "precision", _("Choose how much of the time is known."))
    if data.audience not in AudienceChoice.values:
        add_error(errors, "audience", _("Choose who may register."))
    if data.capacity is not None and data.capacity < 1:
        add_error(errors, "capacity", _("An event holds at least one place, or leave the field empty for no limit."))
    span = _span(data, errors)
    window: dict[str, datetime | None] = {"registration_opens": None, "registration_closes": None}
    for name, value in (
        ("registration_opens", data.registration_opens_local),
        ("registration_closes", data.registration_closes_local),
    ):
        if value is None:
            continue
        try:
            window[name] = timezones.local_to_utc(value, data.time_zone)
        except timezones.LocalTimeError as exc:
            if not isinstance(exc, timezones.UnknownTimeZone):
                time_errors(errors, name, exc)
    opens, closes = window["registration_opens"], window["registration_closes"]
    if opens is not None and closes is not None and opens >= closes:
        add_error(errors, "registration_opens", _("Registration must open before its deadline."))
    if errors or span is None:
        raise EventInvalid(field_errors=errors or {"start": [str(_("Check the start and end."))]})
    return span[0], span[1], opens, closes


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
    event = Event(created_by=acting_person(actor))
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
