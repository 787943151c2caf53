"""Registration through the API: registering, invitations, decisions, badges, clashes."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Status

from sco.core.models import User
from sco.events import selectors, services
from sco.events.api.common import registration_out, router
from sco.events.badges import badge_csv_response
from sco.events.errors import EventInvalid
from sco.events.permissions import ensure_may_manage_event
from sco.events.schemas import ClashOut, DecisionIn, InvitationIn, InvitationOut, RegistrationIn, RegistrationOut
from sco.members.permissions import ensure_signed_in
from sco.members.selectors import state_get, state_get_or_none


@router.get("/{event_id}/registrations", response=list[RegistrationOut])
def list_registrations(request: HttpRequest, event_id: int) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    return [registration_out(r) for r in selectors.registrations_of(viewer=request.user, event=event)]


@router.post("/{event_id}/registrations", response={201: RegistrationOut})
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    ensure_signed_in(request.user)  # who asks comes before what is asked
    delegation = state_get_or_none(code=payload.delegation, field="delegation")
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


@router.get("/delegations/{code}/clashes", response=list[ClashOut])
def clashes(request: HttpRequest, code: str) -> Any:
    state = state_get(code=code)  # a code in the path that names no state is a 404
    return [
        {"first": registration_out(c.first), "second": registration_out(c.second)}
        for c in selectors.delegation_clashes(viewer=request.user, state=state)
    ]
