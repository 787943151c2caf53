"""The JSON door of the events part: thin over services and selectors."""

import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Query, Router, Status
from ninja.pagination import paginate

from sco.core import csvsafe
from sco.core.errors import NotAuthenticated
from sco.core.models import User
from sco.core.pagination import ScoPagination
from sco.events import selectors, services
from sco.events.errors import EventInvalid
from sco.events.models import Event, Registration, Session
from sco.events.permissions import ensure_may_manage_event
from sco.events.schemas import (
    CalendarOut,
    ClashOut,
    DecisionIn,
    EventDetailOut,
    EventFiltersIn,
    EventIn,
    EventOut,
    EventOutcomeOut,
    FollowUpIn,
    FollowUpOut,
    FollowUpUpdateIn,
    InvitationIn,
    InvitationOut,
    MonthIn,
    OutcomeIn,
    OutcomeUpdateIn,
    OverviewOut,
    RegistrationIn,
    RegistrationOut,
    SessionIn,
    SessionOut,
    WeekIn,
)
from sco.events.timezones import utc_to_local
from sco.members.models import State

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


def event_data(request: HttpRequest, payload: EventIn) -> services.EventData:
    if not request.user.is_authenticated:
        # Who asks comes before what is asked: the public learns nothing from which codes exist.
        raise NotAuthenticated()
    refs = selectors.refs_resolve(
        country=payload.country,
        organiser_state=payload.organiser_state,
        organiser_body=payload.organiser_body,
        chairmanship=payload.chairmanship,
    )
    values = payload.dict(
        exclude={
            "start",
            "end",
            "registration_opens",
            "registration_closes",
            "country",
            "organiser_state",
            "organiser_body",
            "chairmanship",
        }
    )
    return services.EventData(
        **values,
        **refs,
        start_local=payload.start,
        end_local=payload.end,
        registration_opens_local=payload.registration_opens,
        registration_closes_local=payload.registration_closes,
    )


@router.get("/", response=list[EventOut])
@paginate(ScoPagination)
def list_events(request: HttpRequest, filters: Query[EventFiltersIn]) -> Any:
    return selectors.event_list(viewer=request.user, filters=filters.to_filters())


@router.post("/", response={201: EventDetailOut})
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    event = services.event_create(actor=request.user, data=event_data(request, payload))
    return Status(201, _detail(request, event.pk))


def _detail(request: HttpRequest, event_id: int) -> dict[str, Any]:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    return {
        **event_out(event),
        "sessions": [session_out(s, event.time_zone) for s in selectors.sessions_of(event)],
        "report": event.report,
        "outcomes": [
            {"id": o.link.pk, "kind": o.link.kind, "label": o.link.label, "target_id": o.link.target_id, "url": o.url}
            for o in selectors.outcomes_of(event)
        ],
        "follow_ups": [
            {
                "id": f.pk,
                "text": f.text,
                "owner_state": f.owner_state.code if f.owner_state else None,
                "due": f.due,
                "done": f.done,
            }
            for f in event.follow_ups.select_related("owner_state")
        ],
    }


@router.get("/{event_id}", response=EventDetailOut)
def get_event(request: HttpRequest, event_id: int) -> Any:
    return _detail(request, event_id)


@router.put("/{event_id}", response=EventDetailOut)
def update_event(request: HttpRequest, event_id: int, payload: EventIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    services.event_update(actor=request.user, event=event, data=event_data(request, payload))
    return _detail(request, event_id)


@router.post("/{event_id}/sessions", response={201: SessionOut})
def add_session(request: HttpRequest, event_id: int, payload: SessionIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    codes = {s.delegation.upper() for s in payload.speakers if s.delegation}
    states = {s.code: s for s in State.objects.filter(code__in=codes)}
    data = services.SessionData(
        title_en=payload.title_en,
        title_ru=payload.title_ru,
        title_zh=payload.title_zh,
        start_local=payload.start,
        end_local=payload.end,
        room=payload.room,
        speakers=[
            services.SpeakerData(
                name=s.name, delegation=states.get((s.delegation or "").upper()), affiliation=s.affiliation
            )
            for s in payload.speakers
        ],
    )
    session = services.session_add(actor=request.user, event=event, data=data)
    return Status(201, session_out(session, event.time_zone))


@router.get("/{event_id}/registrations", response=list[RegistrationOut])
def list_registrations(request: HttpRequest, event_id: int) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    return [registration_out(r) for r in selectors.registrations_of(viewer=request.user, event=event)]


@router.post("/{event_id}/registrations", response={201: RegistrationOut})
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    delegation = State.objects.filter(code=payload.delegation.upper()).first() if payload.delegation else None
    registration = services.registration_create(
        actor=request.user, event=event, full_name=payload.full_name, function=payload.function, delegation=delegation
    )
    return Status(201, registration_out(registration))


@router.post("/{event_id}/invitations", response={201: InvitationOut})
def invite(request: HttpRequest, event_id: int, payload: InvitationIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    ensure_may_manage_event(request.user, event)
    user = User.objects.filter(username=payload.username, is_active=True).first()
    if user is None:
        raise EventInvalid(field_errors={"username": [gettext("No active person has this username.")]})
    invitation = services.invitation_add(actor=request.user, event=event, user=user)
    return Status(201, {"event": event.pk, "username": user.username, "id": invitation.pk})


@router.post("/registrations/{registration_id}/decision", response=RegistrationOut)
def decide(request: HttpRequest, registration_id: int, payload: DecisionIn) -> Any:
    registration = selectors.registration_get(viewer=request.user, registration_id=registration_id)
    return registration_out(
        services.registration_decide(actor=request.user, registration=registration, approve=payload.approve)
    )


@router.post("/registrations/{registration_id}/withdraw", response=RegistrationOut)
def withdraw(request: HttpRequest, registration_id: int) -> Any:
    registration = selectors.registration_get(viewer=request.user, registration_id=registration_id)
    return registration_out(services.registration_withdraw(actor=request.user, registration=registration))


@router.get("/{event_id}/badges.csv")
def badges(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    ensure_may_manage_event(request.user, event)
    return badge_csv_response(selectors.badge_rows(viewer=request.user, event=event), event.pk)


def badge_csv_response(rows: list[list[str]], event_id: int) -> HttpResponse:
    buffer = io.StringIO()
    writer = csvsafe.writer(buffer)
    writer.writerow(["registration", "name", "function", "delegation_code", "delegation"])
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="badges-event-{event_id}.csv"'
    return response


@router.post("/{event_id}/outcomes", response={201: EventOutcomeOut})
def add_outcome(request: HttpRequest, event_id: int, payload: OutcomeIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    link = services.outcome_link_add(actor=request.user, event=event, **payload.dict())
    return Status(
        201, {"id": link.pk, "kind": link.kind, "label": link.label, "target_id": link.target_id, "url": link.url}
    )


@router.post("/{event_id}/follow-ups", response={201: FollowUpOut})
def add_follow_up(request: HttpRequest, event_id: int, payload: FollowUpIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    owner = State.objects.filter(code=payload.owner_state.upper()).first() if payload.owner_state else None
    item = services.follow_up_add(
        actor=request.user,
        event=event,
        text_en=payload.text_en,
        text_ru=payload.text_ru,
        text_zh=payload.text_zh,
        owner_state=owner,
        due=payload.due,
    )
    return Status(
        201,
        {
            "id": item.pk,
            "text": item.text,
            "owner_state": owner.code if owner else None,
            "due": item.due,
            "done": item.done,
        },
    )


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


@router.patch("/{event_id}/outcomes/{link_id}", response=EventOutcomeOut)
def update_outcome(request: HttpRequest, event_id: int, link_id: int, payload: OutcomeUpdateIn) -> Any:
    link = selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id)
    changes = {k: v for k, v in payload.dict().items() if v is not None}
    return _outcome_out(services.outcome_link_update(actor=request.user, link=link, **changes))


@router.delete("/{event_id}/outcomes/{link_id}", response={204: None})
def remove_outcome(request: HttpRequest, event_id: int, link_id: int) -> Any:
    link = selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id)
    services.outcome_link_remove(actor=request.user, link=link)
    return Status(204, None)


@router.patch("/{event_id}/follow-ups/{item_id}", response=FollowUpOut)
def update_follow_up(request: HttpRequest, event_id: int, item_id: int, payload: FollowUpUpdateIn) -> Any:
    item = selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id)
    changes: dict[str, Any] = {
        k: getattr(payload, k) for k in ("text_en", "text_ru", "text_zh", "done") if getattr(payload, k) is not None
    }
    if payload.owner_state is not None:
        owner = selectors.state_by_code(payload.owner_state) if payload.owner_state else None
        if payload.owner_state and owner is None:
            raise EventInvalid(field_errors={"owner_state": [gettext("No member state has this code.")]})
        changes["owner_state"] = owner
    if payload.clear_due:
        changes["due"] = None
    elif payload.due is not None:
        changes["due"] = payload.due
    return _follow_up_out(services.follow_up_update(actor=request.user, item=item, **changes))


@router.delete("/{event_id}/follow-ups/{item_id}", response={204: None})
def remove_follow_up(request: HttpRequest, event_id: int, item_id: int) -> Any:
    item = selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id)
    services.follow_up_remove(actor=request.user, item=item)
    return Status(204, None)


def _calendar_out(view: selectors.CalendarView) -> dict[str, Any]:
    return {
        "first": view.days[0],
        "last": view.days[-1],
        "days": [{"date": d, "events": [le.event.pk for le in view.by_day[d]]} for d in view.days],
        "events": [
            {
                "id": le.event.pk,
                "title": le.event.title,
                "category": le.event.category,
                "precision": le.event.precision,
                "cancelled": le.event.cancelled,
                "is_public": le.event.is_public,
                "starts_at": le.event.starts_at,
                "ends_at": le.event.ends_at,
                "time_zone": le.event.time_zone,
                "start_local": le.start.isoformat(),
                "end_local": le.end.isoformat(),
                "city": le.event.city,
            }
            for le in view.events
        ],
    }


@router.get("/calendar/month", response=CalendarOut)
def month(request: HttpRequest, query: Query[MonthIn]) -> Any:
    view = selectors.calendar_month(viewer=request.user, year=query.year, month=query.month, filters=query.to_filters())
    return _calendar_out(view)


@router.get("/calendar/week", response=CalendarOut)
def week(request: HttpRequest, query: Query[WeekIn]) -> Any:
    return _calendar_out(selectors.calendar_week(viewer=request.user, day=query.date, filters=query.to_filters()))


@router.get("/chairmanships/{chairmanship_id}/overview", response=OverviewOut)
def overview(request: HttpRequest, chairmanship_id: int) -> Any:
    data = selectors.programme_overview(
        viewer=request.user, chairmanship_id=chairmanship_id, language=request.LANGUAGE_CODE
    )
    return {
        "chairmanship": data.chairmanship.pk,
        "label": data.chairmanship.label,
        "total": data.total,
        "by_category": [{"key": k, "count": n} for k, n in data.by_category],
        "by_month": [{"key": k, "count": n} for k, n in data.by_month],
        "by_city": [{"key": k, "count": n} for k, n in data.by_city],
    }


@router.get("/delegations/{code}/clashes", response=list[ClashOut])
def clashes(request: HttpRequest, code: str) -> Any:
    state = State.objects.filter(code=code.upper()).first()
    if state is None:
        return []
    return [
        {"first": registration_out(c.first), "second": registration_out(c.second)}
        for c in selectors.delegation_clashes(viewer=request.user, state=state)
    ]
