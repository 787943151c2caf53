"""The programme of an event: sessions and their speakers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sco.core import audit
from sco.core.users import Actor
from sco.events import timezones
from sco.events.errors import EventInvalid
from sco.events.models import Event, Session, Speaker
from sco.events.permissions import ensure_may_manage_event
from sco.events.services.common import add_error, time_errors
from sco.events.services.feed import feed_entry_refresh
from sco.members.models import State


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


@transaction.atomic
def session_add(*, actor: Actor, event: Event, data: SessionData) -> Session:
    ensure_may_manage_event(actor, event)
    errors: dict[str, list[str]] = {}
    if not data.title_en.strip():
        add_error(errors, "title_en", _("Give the session an English title."))
    start = end = None
    try:
        start = timezones.local_to_utc(data.start_local, event.time_zone)
    except timezones.LocalTimeError as exc:
        time_errors(errors, "start", exc)
    try:
        end = timezones.local_to_utc(data.end_local, event.time_zone)
    except timezones.LocalTimeError as exc:
        time_errors(errors, "end", exc)
    if start and end and end <= start:
        add_error(errors, "end", _("The end must come after the start."))
    elif start and end and (start < event.starts_at or end > event.ends_at):
        add_error(errors, "start", _("A session must fall within the event's own dates and times."))
    if any(not s.name.strip() for s in data.speakers):
        add_error(errors, "speakers", _("Every speaker needs a name."))
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
def session_remove(*, actor: Actor, session: Session) -> None:
    event = session.event
    ensure_may_manage_event(actor, event)
    before = audit.snapshot(session)
    audit.record(actor=actor, action="event.session_removed", target=session, before=before)
    session.delete()
    feed_entry_refresh(event)
