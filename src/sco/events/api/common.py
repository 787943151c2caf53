"""The events API's router and the shapes its answers share."""

from typing import Any

from ninja import Router

from sco.events.models import Event, Registration, Session
from sco.events.timezones import utc_to_local

router = Router(tags=["events"])


def _local(value: Any, zone: str) -> str:
    return utc_to_local(value, zone).isoformat()


def event_out(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": event.title,
        "title_en": event.title_en,
        "title_ru": event.title_ru,
        "title_zh": event.title_zh,
        "description": event.description,
        "category": event.category,
        "format": event.format,
        "is_public": event.is_public,
        "cancelled": event.cancelled,
        "precision": event.precision,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "start_local": _local(event.starts_at, event.time_zone),
        "end_local": _local(event.ends_at, event.time_zone),
        "venue": event.venue,
        "city": event.city,
        "country": event.country.code,
        "organiser_state": event.organiser_state.code if event.organiser_state else None,
        "organiser_body": event.organiser_body.code if event.organiser_body else None,
        "chairmanship": event.chairmanship_id,
        "sequence": event.sequence,
        "registration_open": event.registration_open,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "audience": event.audience,
        "capacity": event.capacity,
        "source": event.source,
    }


def session_out(session: Session, zone: str) -> dict[str, Any]:
    return {
        "id": session.pk,
        "title": session.title,
        "start_local": _local(session.starts_at, zone),
        "end_local": _local(session.ends_at, zone),
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "speakers": [
            {"name": s.name, "delegation": s.delegation.code if s.delegation else None, "affiliation": s.affiliation}
            for s in session.speakers.all()
        ],
    }


def registration_out(registration: Registration) -> dict[str, Any]:
    return {
        "id": registration.pk,
        "event": registration.event_id,
        "full_name": registration.full_name,
        "function": registration.function,
        "delegation": registration.delegation.code if registration.delegation else None,
        "status": registration.status,
    }


def _outcome_out(link: Any) -> dict[str, Any]:
    return {"id": link.pk, "kind": link.kind, "label": link.label, "target_id": link.target_id, "url": link.url}


def _follow_up_out(item: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "text": item.text,
        "owner_state": item.owner_state.code if item.owner_state else None,
        "due": item.due,
        "done": item.done,
    }
