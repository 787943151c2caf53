"""Every write on events: one transaction, the permission question first, one audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sco.core import audit
from sco.core.i18n import LANG_SUFFIXES
from sco.core.links import absolute_url
from sco.core.notifications import notify
from sco.events import allocation, ical, timezones
from sco.events.errors import (
    AlreadyRegistered,
    EventInvalid,
    NoPlaceFree,
    NotEligible,
    RegistrationClosed,
    RegistrationDeadlinePassed,
    RegistrationFull,
    RegistrationNotYetOpen,
    RegistrationStepRefused,
)
from sco.events.models import (
    MAX_EVENT_SPAN,
    AudienceChoice,
    Category,
    Event,
    EventFeedEntry,
    FollowUp,
    Format,
    Invitation,
    OutcomeKind,
    OutcomeLink,
    Precision,
    Registration,
    Session,
    Speaker,
)
from sco.events.permissions import ensure_may_manage_event, ensure_may_organise_for
from sco.members.models import Body, Chairmanship, State
from sco.members.permissions import MayNotActForState, ensure_signed_in, states_acted_for

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


@dataclass
class SpeakerData:
    name: str
    delegation: State | None = None
    affiliation: str = ""


@dataclass
class SessionData:
    title_en: str
    start_local: datetime
    end_local: datetime
    title_ru: str = ""
    title_zh: str = ""
    room: str = ""
    speakers: Sequence[SpeakerData] = field(default_factory=tuple)


def _add(errors: dict[str, list[str]], name: str, message: Any) -> None:
    errors.setdefault(name, []).append(str(message))


def _time_errors(errors: dict[str, list[str]], name: str, exc: timezones.LocalTimeError) -> None:
    if isinstance(exc, timezones.UnknownTimeZone):
        _add(errors, "time_zone", _("“%(zone)s” is not a time zone in the IANA database.") % {"zone": exc.zone})
    elif isinstance(exc, timezones.NonexistentLocalTime):
        _add(errors, name, _("%(time)s does not exist in %(zone)s: the clocks skipped it.") % _fmt(exc))
    elif isinstance(exc, timezones.AmbiguousLocalTime):
        _add(
            errors, name, _("%(time)s happened twice in %(zone)s: the clocks went back. Pick another time.") % _fmt(exc)
        )


def _fmt(exc: timezones.LocalTimeError) -> dict[str, str]:
    return {"time": exc.local.strftime("%Y-%m-%d %H:%M") if exc.local else "", "zone": exc.zone}


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
        _time_errors(errors, "start", exc)
    try:
        end = timezones.local_to_utc(end_local, data.time_zone)
    except timezones.LocalTimeError as exc:
        if not isinstance(exc, timezones.UnknownTimeZone):
            _time_errors(errors, "end", exc)
    if start is None or end is None:
        return None
    if end <= start:
        _add(errors, "end", _("The end must come after the start."))
        return None
    if end - start > MAX_EVENT_SPAN:
        _add(errors, "end", _("An event lasts at most %(days)s days.") % {"days": MAX_EVENT_SPAN.days})
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
            _add(errors, name, _("Give the local time at the venue, without a UTC offset."))
    if errors:
        raise EventInvalid(field_errors=errors)
    if not data.title_en.strip():
        _add(errors, "title_en", _("Give the event an English title."))
    if not data.city_en.strip():
        _add(errors, "city_en", _("Name the city."))
    if data.category not in Category.values:
        _add(errors, "category", _("Choose a category from the list."))
    if data.format not in Format.values:
        _add(errors, "format", _("Choose a format from the list."))
    if data.precision not in Precision.values:
        _add(errors, "precision", _("Choose how much of the time is known."))
    if data.audience not in AudienceChoice.values:
        _add(errors, "audience", _("Choose who may register."))
    if data.capacity is not None and data.capacity < 1:
        _add(errors, "capacity", _("An event holds at least one place, or leave the field empty for no limit."))
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
                _time_errors(errors, name, exc)
    opens, closes = window["registration_opens"], window["registration_closes"]
    if opens is not None and closes is not None and opens >= closes:
        _add(errors, "registration_opens", _("Registration must open before its deadline."))
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


def _ical_item(event: Event, sessions: Sequence[Session], suffix: str) -> ical.IcalEvent:
    def text(obj: Any, name: str) -> str:
        return next(
            (getattr(obj, f"{name}_{s}") for s in (suffix, "en", "ru", "zh") if getattr(obj, f"{name}_{s}")), ""
        )

    location = ", ".join(p for p in (event.venue, text(event, "city"), text(event.country, "name")) if p)
    timed = event.precision == Precision.TIME
    return ical.IcalEvent(
        uid=ical.event_uid(event.pk),
        start=event.starts_at,
        end=event.ends_at,
        zone=event.time_zone,
        summary=text(event, "title"),
        description=text(event, "description"),
        location=location,
        url=absolute_url(f"/events/{event.pk}/"),  # RFC 5545 3.8.4.6: a URI, not a path
        categories=(event.category,),
        sequence=event.sequence,
        last_modified=event.updated_at.replace(microsecond=0),
        cancelled=event.cancelled,
        all_day=not timed,
        sessions=tuple(
            ical.IcalEvent(
                uid=ical.session_uid(event.pk, s.pk),
                start=s.starts_at,
                end=s.ends_at,
                zone=event.time_zone,
                summary=f"{text(s, 'title')} ({text(event, 'title')})",
                location=", ".join(p for p in (s.room, location) if p),
                sequence=event.sequence,
                last_modified=event.updated_at.replace(microsecond=0),
                cancelled=event.cancelled,
            )
            for s in sessions
        )
        if timed
        else (),
    )


def feed_entry_refresh(event: Event) -> None:
    """Rebuild the stored VEVENT blocks of one event (called by every service that changes what a feed shows)."""
    event = Event.objects.select_related("country").get(pk=event.pk)
    sessions = list(event.sessions.all())
    blocks = {
        f"vevent_{suffix}": ical.vevent_block(_ical_item(event, sessions, suffix)).decode() for suffix in LANG_SUFFIXES
    }
    EventFeedEntry.objects.update_or_create(event=event, defaults=blocks)


@transaction.atomic
def event_create(*, actor: Any, data: EventData) -> Event:
    ensure_may_organise_for(actor, data.organiser_state)
    start, end, opens, closes = _validate(data)
    event = Event(created_by=actor)
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
def event_update(*, actor: Any, event: Event, data: EventData) -> Event:
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
    _promote(event)
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


@transaction.atomic
def session_add(*, actor: Any, event: Event, data: SessionData) -> Session:
    ensure_may_manage_event(actor, event)
    errors: dict[str, list[str]] = {}
    if not data.title_en.strip():
        _add(errors, "title_en", _("Give the session an English title."))
    start = end = None
    try:
        start = timezones.local_to_utc(data.start_local, event.time_zone)
    except timezones.LocalTimeError as exc:
        _time_errors(errors, "start", exc)
    try:
        end = timezones.local_to_utc(data.end_local, event.time_zone)
    except timezones.LocalTimeError as exc:
        _time_errors(errors, "end", exc)
    if start and end and end <= start:
        _add(errors, "end", _("The end must come after the start."))
    elif start and end and (start < event.starts_at or end > event.ends_at):
        _add(errors, "start", _("A session must fall within the event's own dates and times."))
    if any(not s.name.strip() for s in data.speakers):
        _add(errors, "speakers", _("Every speaker needs a name."))
    if errors or start is None or end is None:
        raise EventInvalid(field_errors=errors)
    session = Session.objects.create(
        event=event,
        title_en=data.title_en.strip(),
        title_ru=data.title_ru.strip(),
        title_zh=data.title_zh.strip(),
        starts_at=start,
        ends_at=end,
        room=data.room.strip(),
    )
    Speaker.objects.bulk_create(
        Speaker(session=session, name=s.name.strip(), delegation=s.delegation, affiliation=s.affiliation.strip())
        for s in data.speakers
    )
    feed_entry_refresh(event)
    audit.record(
        actor=actor,
        action="event.session_added",
        target=session,
        on_behalf_of=event.organiser_state or "",
        after=audit.snapshot(session),
    )
    return session


@transaction.atomic
def session_remove(*, actor: Any, session: Session) -> None:
    event = session.event
    ensure_may_manage_event(actor, event)
    before = audit.snapshot(session)
    audit.record(actor=actor, action="event.session_removed", target=session, before=before)
    session.delete()
    feed_entry_refresh(event)


def _held(event: Event) -> int:
    return event.registrations.filter(status__in=[s.value for s in allocation.HOLDS_PLACE]).count()


def _promote(event: Event) -> list[Registration]:
    """Give freed places to the waiting list, first come first served (after allocation.to_promote)."""
    waiting = list(
        event.registrations.select_for_update().filter(status=allocation.Status.WAITLISTED).order_by("queued_at", "pk")
    )
    chosen = allocation.to_promote(capacity=event.capacity, held=_held(event), waiting=waiting)
    new_status = allocation.promoted_status(needs_approval=event.needs_approval)
    for registration in chosen:
        registration.status = new_status
        registration.save(update_fields=["status"])
    return chosen


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    event: Event,
    full_name: str = "",
    function: str = "",
    delegation: State | None = None,
    now: datetime | None = None,
) -> Registration:
    ensure_signed_in(actor)
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    acting_for = {s.pk: s for s in states_acted_for(actor)}
    if delegation is not None and delegation.pk not in acting_for:
        # the same refusal, with the same status (403), as every other attempt to act for another state
        raise MayNotActForState(state=delegation.name)
    if delegation is None and len(acting_for) == 1:
        delegation = next(iter(acting_for.values()))
    if not event.is_public and not acting_for:
        raise NotEligible()
    try:
        allocation.check_eligible(
            allocation.Audience(event.audience),
            is_authenticated=True,
            has_delegation=delegation is not None,
            is_invited=Invitation.objects.filter(event=event, user=actor).exists(),
        )
    except allocation.NotEligible as exc:
        raise NotEligible() from exc
    if not event.registration_open or event.cancelled or now >= event.ends_at:
        raise RegistrationClosed()
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        opens = timezones.utc_to_local(event.registration_opens_at, event.time_zone)
        raise RegistrationNotYetOpen(opens=f"{opens:%Y-%m-%d %H:%M}", zone=event.time_zone)
    try:
        allocation.check_window(now=now, opens_at=event.registration_opens_at, closes_at=event.registration_closes_at)
    except allocation.RegistrationClosed as exc:
        raise RegistrationDeadlinePassed() from exc
    name = (full_name or str(actor)).strip()
    if not name:
        raise EventInvalid(field_errors={"full_name": [str(_("Give the name for the badge."))]})
    existing = Registration.objects.select_for_update().filter(event=event, user=actor).first()
    if existing is not None and existing.status != allocation.Status.WITHDRAWN:
        raise AlreadyRegistered()
    try:
        status = allocation.status_on_register(
            capacity=event.capacity,
            held=_held(event),
            needs_approval=event.needs_approval,
            waitlist=event.keeps_waitlist,
        )
    except allocation.CapacityFull as exc:
        raise RegistrationFull() from exc
    registration = existing or Registration(event=event, user=actor)
    registration.delegation, registration.full_name, registration.function = delegation, name, function.strip()
    registration.status, registration.queued_at = status, now
    registration.decided_by = registration.decided_at = registration.reminded_sequence = None
    registration.save()
    audit.record(
        actor=actor,
        action="event.registered",
        target=registration,
        on_behalf_of=delegation or "",
        after={"event": event.pk, "status": status, "delegation": delegation.pk if delegation else None},
    )
    return registration


def _move(*, actor: Any, registration: Registration, new: allocation.Status, action: str) -> Registration:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    old = allocation.Status(registration.status)
    try:
        allocation.check_transition(old, new, capacity=event.capacity, held=_held(event))
    except allocation.CapacityFull as exc:
        raise NoPlaceFree() from exc
    except allocation.TransitionRefused as exc:
        raise RegistrationStepRefused(status=registration.get_status_display()) from exc
    registration.status = new
    registration.decided_by, registration.decided_at = actor, timezone.now()
    registration.save(update_fields=["status", "decided_by", "decided_at"])
    promoted = _promote(event) if old in allocation.HOLDS_PLACE and new not in allocation.HOLDS_PLACE else []
    audit.record(
        actor=actor,
        action=action,
        target=registration,
        on_behalf_of=registration.delegation or "",
        before={"status": old.value},
        after={"status": new.value, "promoted": [r.pk for r in promoted]},
    )
    return registration


@transaction.atomic
def registration_decide(*, actor: Any, registration: Registration, approve: bool) -> Registration:
    ensure_may_manage_event(actor, registration.event)
    new = allocation.Status.APPROVED if approve else allocation.Status.DECLINED
    return _move(actor=actor, registration=registration, new=new, action="event.registration_decided")


@transaction.atomic
def registration_withdraw(*, actor: Any, registration: Registration) -> Registration:
    if actor is None or registration.user_id != actor.pk:
        ensure_may_manage_event(actor, registration.event)
    return _move(
        actor=actor, registration=registration, new=allocation.Status.WITHDRAWN, action="event.registration_withdrawn"
    )


@transaction.atomic
def invitation_add(*, actor: Any, event: Event, user: Any) -> Invitation:
    ensure_may_manage_event(actor, event)
    invitation, _created = Invitation.objects.get_or_create(event=event, user=user)
    audit.record(actor=actor, action="event.invited", target=invitation, after={"event": event.pk, "user": user.pk})
    return invitation


@transaction.atomic
def outcome_link_add(
    *,
    actor: Any,
    event: Event,
    kind: str,
    label_en: str,
    label_ru: str = "",
    label_zh: str = "",
    target_id: str = "",
    url: str = "",
) -> OutcomeLink:
    ensure_may_manage_event(actor, event)
    errors = _outcome_errors(kind=kind, label_en=label_en, url=url)
    if errors:
        raise EventInvalid(field_errors=errors)
    link = OutcomeLink.objects.create(
        event=event,
        kind=kind,
        label_en=label_en.strip(),
        label_ru=label_ru.strip(),
        label_zh=label_zh.strip(),
        target_id=target_id.strip(),
        url=url.strip(),
    )
    audit.record(actor=actor, action="event.outcome_linked", target=link, after=audit.snapshot(link))
    return link


@transaction.atomic
def follow_up_add(
    *,
    actor: Any,
    event: Event,
    text_en: str,
    text_ru: str = "",
    text_zh: str = "",
    owner_state: State | None = None,
    due: date | None = None,
) -> FollowUp:
    ensure_may_manage_event(actor, event)
    if not text_en.strip():
        raise EventInvalid(field_errors={"text_en": [str(_("Say in English what is to be done."))]})
    item = FollowUp.objects.create(
        event=event,
        text_en=text_en.strip(),
        text_ru=text_ru.strip(),
        text_zh=text_zh.strip(),
        owner_state=owner_state,
        due=due,
    )
    audit.record(actor=actor, action="event.follow_up_added", target=item, after=audit.snapshot(item))
    return item


def _outcome_errors(*, kind: str, label_en: str, url: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in OutcomeKind.values:
        _add(errors, "kind", _("Choose a document or a project."))
    if not label_en.strip():
        _add(errors, "label_en", _("Give the link an English label."))
    if url and not url.strip().startswith(("https://", "http://", "/")):
        _add(errors, "url", _("A link starts with https://, http:// or /."))
    return errors


@transaction.atomic
def outcome_link_update(*, actor: Any, link: OutcomeLink, **changes: str) -> OutcomeLink:
    """Change an outcome link's kind, labels, record number or URL (only the names given)."""
    ensure_may_manage_event(actor, link.event)
    allowed = {"kind", "label_en", "label_ru", "label_zh", "target_id", "url"}
    unknown = set(changes) - allowed
    if unknown:
        raise EventInvalid(field_errors={name: [str(_("This field cannot be changed."))] for name in sorted(unknown)})
    link = OutcomeLink.objects.select_for_update().get(pk=link.pk)
    merged = {name: changes.get(name, getattr(link, name)) for name in allowed}
    errors = _outcome_errors(kind=merged["kind"], label_en=merged["label_en"], url=merged["url"])
    if errors:
        raise EventInvalid(field_errors=errors)
    before = audit.snapshot(link)
    for name, value in merged.items():
        setattr(link, name, value.strip())
    link.save()
    audit.record(actor=actor, action="event.outcome_updated", target=link, before=before, after=audit.snapshot(link))
    return link


@transaction.atomic
def outcome_link_remove(*, actor: Any, link: OutcomeLink) -> None:
    ensure_may_manage_event(actor, link.event)
    before = audit.snapshot(link)
    audit.record(actor=actor, action="event.outcome_removed", target=link, before=before)
    link.delete()


_UNCHANGED: Any = object()


@transaction.atomic
def follow_up_update(
    *,
    actor: Any,
    item: FollowUp,
    text_en: str | None = None,
    text_ru: str | None = None,
    text_zh: str | None = None,
    owner_state: Any = _UNCHANGED,
    due: Any = _UNCHANGED,
    done: bool | None = None,
) -> FollowUp:
    """Change a follow-up item; ``owner_state`` and ``due`` take None to clear them, and are kept when not given."""
    ensure_may_manage_event(actor, item.event)
    if text_en is not None and not text_en.strip():
        raise EventInvalid(field_errors={"text_en": [str(_("Say in English what is to be done."))]})
    item = FollowUp.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item)
    for name, value in (("text_en", text_en), ("text_ru", text_ru), ("text_zh", text_zh)):
        if value is not None:
            setattr(item, name, value.strip())
    if owner_state is not _UNCHANGED:
        item.owner_state = owner_state
    if due is not _UNCHANGED:
        item.due = due
    if done is not None:
        item.done = done
    item.save()
    action = "event.follow_up_done" if done and not before.get("done") else "event.follow_up_updated"
    audit.record(actor=actor, action=action, target=item, before=before, after=audit.snapshot(item))
    return item


@transaction.atomic
def follow_up_remove(*, actor: Any, item: FollowUp) -> None:
    ensure_may_manage_event(actor, item.event)
    before = audit.snapshot(item)
    audit.record(actor=actor, action="event.follow_up_removed", target=item, before=before)
    item.delete()


def _participants(event_id: int) -> list[Any]:
    live = [allocation.Status.PENDING, allocation.Status.APPROVED, allocation.Status.WAITLISTED]
    return [r.user for r in Registration.objects.filter(event_id=event_id, status__in=live).select_related("user")]


def notify_event_changed(*, event_id: int, sequence: int) -> None:
    """Tell every live registrant that the time or place changed (once per change: the sequence is the key)."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return

    def render() -> str:
        if event.cancelled:
            return str(_("Cancelled: %(title)s") % {"title": event.title})
        local = timezones.utc_to_local(event.starts_at, event.time_zone)
        return str(
            _("Changed: %(title)s now starts %(start)s (%(zone)s) in %(city)s.")
            % {
                "title": event.title,
                "start": local.strftime("%Y-%m-%d %H:%M"),
                "zone": event.time_zone,
                "city": event.city,
            }
        )

    with transaction.atomic():
        notify(
            recipients=_participants(event_id),
            about=event,
            kind="event.changed",
            render=render,
            url=f"/events/{event_id}/",
            dedupe_key=f"event-changed:{event_id}:{sequence}",
        )


def reminders_send(*, now: datetime | None = None, hours_before: int = 24) -> int:
    """Remind approved participants of events starting within ``hours_before`` hours. Safe to run again and again:
    a registration is reminded once per version of its event (``reminded_sequence``)."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=allocation.Status.APPROVED,
            event__cancelled=False,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=hours_before),
        )
        .select_related("event", "user")
        .order_by("pk")
    )
    sent = 0
    for registration in due:
        event = registration.event
        if registration.reminded_sequence == event.sequence:
            continue

        def render(event: Event = event) -> str:
            local = timezones.utc_to_local(event.starts_at, event.time_zone)
            if event.precision != Precision.TIME:
                return str(
                    _("Reminder: %(title)s begins on %(day)s in %(city)s.")
                    % {"title": event.title, "day": local.date().isoformat(), "city": event.city}
                )
            return str(
                _("Reminder: %(title)s begins %(start)s (%(zone)s) in %(city)s.")
                % {
                    "title": event.title,
                    "start": local.strftime("%Y-%m-%d %H:%M"),
                    "zone": event.time_zone,
                    "city": event.city,
                }
            )

        with transaction.atomic():
            notify(
                recipients=[registration.user],
                about=event,
                kind="event.reminder",
                render=render,
                url=f"/events/{event.pk}/",
                dedupe_key=f"event-reminder:{registration.pk}:{event.sequence}",
            )
            Registration.objects.filter(pk=registration.pk).update(reminded_sequence=event.sequence)
            audit.record(
                actor=None, action="event.reminder_sent", target=registration, after={"sequence": event.sequence}
            )
        sent += 1
    return sent
