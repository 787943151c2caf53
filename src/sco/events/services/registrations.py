"""Registration: places, the waiting list, the organiser's decisions, invitations."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sco.core import audit
from sco.core.models import User
from sco.core.users import Actor
from sco.events import allocation, timezones
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
from sco.events.models import Event, Invitation, Registration
from sco.events.permissions import ensure_may_manage_event
from sco.members.models import State
from sco.members.permissions import MayNotActForState, ensure_signed_in, states_acted_for


def places_held(event: Event) -> int:
    return event.registrations.filter(status__in=[s.value for s in allocation.HOLDS_PLACE]).count()


def promote_waiting(event: Event) -> list[Registration]:
    """Give freed places to the waiting list, first come first served (after allocation.to_promote)."""
    waiting = list(
        event.registrations.select_for_update().filter(status=allocation.Status.WAITLISTED).order_by("queued_at", "pk")
    )
    chosen = allocation.to_promote(capacity=event.capacity, held=places_held(event), waiting=waiting)
    new_status = allocation.promoted_status(needs_approval=event.needs_approval)
    for registration in chosen:
        registration.status = new_status
        registration.save(update_fields=["status"])
    return chosen


@transaction.atomic
def registration_create(
    *,
    actor: Actor,
    event: Event,
    full_name: str = "",
    function: str = "",
    delegation: State | None = None,
    now: datetime | None = None,
) -> Registration:
    person = ensure_signed_in(actor)
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
            is_invited=Invitation.objects.filter(event=event, user=person).exists(),
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
    name = (full_name or str(person)).strip()
    if not name:
        raise EventInvalid(field_errors={"full_name": [str(_("Give the name for the badge."))]})
    existing = Registration.objects.select_for_update().filter(event=event, user=person).first()
    if existing is not None and existing.status != allocation.Status.WITHDRAWN:
        raise AlreadyRegistered()
    try:
        status = allocation.status_on_register(
            capacity=event.capacity,
            held=places_held(event),
            needs_approval=event.needs_approval,
            waitlist=event.keeps_waitlist,
        )
    except allocation.CapacityFull as exc:
        raise RegistrationFull() from exc
    registration = existing or Registration(event=event, user=person)
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


def _move(*, actor: Actor, registration: Registration, new: allocation.Status, action: str) -> Registration:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    old = allocation.Status(registration.status)
    try:
        allocation.check_transition(old, new, capacity=event.capacity, held=places_held(event))
    except allocation.CapacityFull as exc:
        raise NoPlaceFree() from exc
    except allocation.TransitionRefused as exc:
        raise RegistrationStepRefused(status=registration.get_status_display()) from exc
    registration.status = new
    registration.decided_by, registration.decided_at = ensure_signed_in(actor), timezone.now()
    registration.save(update_fields=["status", "decided_by", "decided_at"])
    promoted = promote_waiting(event) if old in allocation.HOLDS_PLACE and new not in allocation.HOLDS_PLACE else []
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
def registration_decide(*, actor: Actor, registration: Registration, approve: bool) -> Registration:
    ensure_may_manage_event(actor, registration.event)
    new = allocation.Status.APPROVED if approve else allocation.Status.DECLINED
    return _move(actor=actor, registration=registration, new=new, action="event.registration_decided")


@transaction.atomic
def registration_withdraw(*, actor: Actor, registration: Registration) -> Registration:
    if registration.user_id != ensure_signed_in(actor).pk:
        ensure_may_manage_event(actor, registration.event)
    return _move(
        actor=actor, registration=registration, new=allocation.Status.WITHDRAWN, action="event.registration_withdrawn"
    )


@transaction.atomic
def invitation_add(*, actor: Actor, event: Event, user: User) -> Invitation:
    ensure_may_manage_event(actor, event)
    invitation, _created = Invitation.objects.get_or_create(event=event, user=user)
    audit.record(actor=actor, action="event.invited", target=invitation, after={"event": event.pk, "user": user.pk})
    return invitation
