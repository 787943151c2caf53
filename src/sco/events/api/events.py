"""Events and their sessions through the API."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Status
from ninja.pagination import paginate

from sco.core.errors import NotAuthenticated
from sco.core.pagination import ScoPagination
from sco.core.users import signed_in
from sco.events import selectors, services
from sco.events.api.common import event_out, router, session_out
from sco.events.permissions import ensure_may_manage_event
from sco.events.schemas import EventDetailOut, EventFiltersIn, EventIn, EventOut, SessionIn, SessionOut
from sco.members.selectors import states_get


def event_data(request: HttpRequest, payload: EventIn) -> services.EventData:
    if not signed_in(request.user):
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
    ensure_may_manage_event(request.user, event)  # who asks comes before what is asked
    codes = [s.delegation for s in payload.speakers if s.delegation]
    states = {s.code: s for s in states_get(codes=codes, field="speakers")}
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
