import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from sco.core.api import signed_in
from sco.core.errors import InvalidInput, NotFound, NotPermitted
from sco.core.models import User
from sco.members import permissions, selectors, services
from sco.members.models import Body, Chairmanship, Institution, Mandate, State
from sco.members.schemas import (
    BodyOut,
    ChairmanshipOut,
    InstitutionOut,
    MandateEndIn,
    MandateIn,
    MandateOut,
    StateOut,
    SummitOut,
)

router = Router(tags=["members"])


def _names(obj: Any, field: str = "name") -> dict[str, str]:
    return {s: getattr(obj, f"{field}_{s}") for s in ("en", "ru", "zh")}


def _state_out(state: State, on: dt.date) -> dict[str, Any]:
    status = selectors.status_on(state, on)
    return {
        "code": state.code,
        "iso3": state.iso3,
        "name": state.name,
        "names": _names(state),
        "status": status.status if status else None,
        "statuses": [
            {"status": s.status, "start": s.start, "end": s.end, "source": s.source} for s in state.statuses.all()
        ],
        "source": state.source,
    }


@router.get("/states", response=list[StateOut], summary="States: members, observers, dialogue partners")
@paginate
def list_states(request: HttpRequest, status: str | None = None, on: dt.date | None = None) -> Any:
    """`status` filters by the status held on `on` (today by default): member, observer or dialogue_partner."""
    on = on or permissions.today()
    return [_state_out(s, on) for s in selectors.state_list(status=status, on=on)]


@router.get("/states/{code}", response=StateOut, summary="One state, with its status history")
def get_state(request: HttpRequest, code: str, on: dt.date | None = None) -> Any:
    return _state_out(selectors.state_get(code=code), on or permissions.today())


@router.get("/bodies", response=list[BodyOut], summary="Bodies of the Organisation")
@paginate
def list_bodies(request: HttpRequest) -> Any:
    return [_body_out(b) for b in selectors.body_list()]


def _body_out(body: Body) -> dict[str, Any]:
    return {
        "code": body.code,
        "kind": body.kind,
        "abbreviation": body.abbreviation,
        "name": body.name,
        "names": _names(body),
        "seat": body.seat,
        "source": body.source,
    }


@router.get("/bodies/{code}", response=BodyOut, summary="One body")
def get_body(request: HttpRequest, code: str) -> Any:
    return _body_out(selectors.body_get(code=code))


def _chair_out(chair: Chairmanship, current: Chairmanship | None) -> dict[str, Any]:
    return {
        "state": chair.state.code,
        "state_name": chair.state.name,
        "start": chair.start,
        "end": chair.end,
        "current": current is not None and chair.pk == current.pk,
        "source": chair.source,
    }


@router.get("/chairmanships", response=list[ChairmanshipOut], summary="The rotating chairmanship, oldest first")
@paginate
def list_chairmanships(request: HttpRequest) -> Any:
    current = selectors.chairmanship_current()
    return [_chair_out(c, current) for c in selectors.chairmanship_list()]


@router.get("/chairmanships/current", response=ChairmanshipOut, summary="The chairmanship on a date (today)")
def current_chairmanship(request: HttpRequest, on: dt.date | None = None) -> Any:
    chair = selectors.chairmanship_current(on)
    if chair is None:
        raise NotFound()
    return _chair_out(chair, chair)


@router.get("/summits", response=list[SummitOut], summary="Meetings of the Council of Heads of State")
@paginate
def list_summits(request: HttpRequest) -> Any:
    return [
        {
            "number": s.number,
            "city": s.city,
            "host": s.host.code,
            "start": s.start,
            "end": s.end,
            "online": s.online,
            "outcome": s.outcome,
            "source": s.source,
        }
        for s in selectors.summit_list()
    ]


@router.get("/institutions", response=list[InstitutionOut], summary="Financing institutions and national CERTs")
@paginate
def list_institutions(request: HttpRequest) -> Any:
    return [
        {
            "code": i.code,
            "kind": i.kind,
            "name": i.name,
            "state": i.state.code if i.state else None,
            "status_note": i.status_note,
            "source": i.source,
        }
        for i in selectors.institution_list()
    ]


def _mandate_out(m: Mandate) -> dict[str, Any]:
    return {
        "id": m.pk,
        "username": m.user.username,
        "display_name": str(m.user),
        "role": m.role,
        "state": m.state.code if m.state else None,
        "bodies": [b.code for b in m.bodies.all()],
        "institution": m.institution.code if m.institution else None,
        "start": m.start,
        "end": m.end,
    }


@router.get("/delegations", response=list[MandateOut], summary="Who acts for whom (signed-in users only)")
@paginate
def list_delegations(request: HttpRequest, state: str | None = None, current: bool = True) -> Any:
    viewer = signed_in(request)
    state_obj = selectors.state_get_or_none(code=state, field="state")
    on = permissions.today() if current else None
    return [_mandate_out(m) for m in selectors.mandate_list(viewer=viewer, state=state_obj, on=on)]


@router.post("/delegations", response={201: MandateOut}, summary="Grant a mandate")
def grant_mandate(request: HttpRequest, payload: MandateIn) -> Any:
    actor = signed_in(request)
    if not permissions.may_grant_some_mandate(actor):
        raise NotPermitted()  # before the username is looked up: a refusal must not tell which usernames exist
    errors: dict[str, list[str]] = {}
    user = User.objects.filter(username=payload.username, is_active=True).first()
    if user is None:
        errors["username"] = [str(InvalidInput.message_template)]
    try:
        state = selectors.state_get_or_none(code=payload.state, field="state")
    except InvalidInput as exc:  # gathered with the other fields' errors, answered together below
        state = None
        errors.update(exc.field_errors)
    bodies = list(Body.objects.filter(code__in=payload.bodies))
    if len(bodies) != len(set(payload.bodies)):
        errors["bodies"] = [str(NotFound.message_template)]
    institution = Institution.objects.filter(code=payload.institution).first() if payload.institution else None
    if payload.institution and institution is None:
        errors["institution"] = [str(NotFound.message_template)]
    if errors:
        raise InvalidInput(field_errors=errors)
    assert user is not None  # refused above when missing
    mandate = services.mandate_grant(
        actor=actor,
        user=user,
        role=payload.role,
        state=state,
        bodies=bodies,
        institution=institution,
        start=payload.start,
        end=payload.end,
    )
    return Status(201, _mandate_out(mandate))


@router.post("/delegations/{mandate_id}/end", response=MandateOut, summary="End a mandate")
def end_mandate(request: HttpRequest, mandate_id: int, payload: MandateEndIn) -> Any:
    actor = signed_in(request)
    mandate = selectors.mandate_list(viewer=actor).filter(pk=mandate_id).first()
    if mandate is None:
        raise NotFound()
    return _mandate_out(services.mandate_end(actor=actor, mandate=mandate, end=payload.end))
