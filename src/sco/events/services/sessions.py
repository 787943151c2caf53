"""The programme of an event: sessions and their speakers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from sco.core import audit
from sco.core.users import Actor
from sco.events import rules
from sco.events.errors import EventInvalid
from sco.events.models import Event, Session, Speaker
from sco.events.permissions import ensure_may_manage_event
from sco.events.services.common import problem_errors
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
    check = rules.check_session(
        title_en=data.title_en,
        start_local=data.start_local,
        end_local=data.end_local,
        zone=event.time_zone,
        event_start=event.starts_at,
        event_end=event.ends_at,
        speaker_names=[s.name for s in data.speakers],
    )
    if check.problems or check.start is None or check.end is None:
        raise EventInvalid(field_errors=problem_errors(check.problems))
    start, end = check.start, check.end
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
