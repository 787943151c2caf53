"""Registrations: whose the viewer may see, counts, badges, a delegation's clashes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from sco.core.users import Viewer, person
from sco.events import overlap
from sco.events.allocation import HOLDS_PLACE, Status
from sco.events.errors import RegistrationNotFound
from sco.events.models import Event, Registration
from sco.events.permissions import Scope, scope_for, scope_manages
from sco.members.models import State

LIVE = [Status.PENDING.value, Status.APPROVED.value, Status.WAITLISTED.value]


def registration_get(*, viewer: Viewer, registration_id: int) -> Registration:
    """A registration its own person or the event's organisers may see."""
    registration = (
        Registration.objects.select_related("event__organiser_state", "delegation", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        raise RegistrationNotFound()
    scope = scope_for(viewer)
    own = registration.user_id == scope.user_id or registration.delegation_id in scope.state_ids
    if not own and not scope_manages(scope, registration.event):
        raise RegistrationNotFound()
    return registration


def registrations_of(*, viewer: Viewer, event: Event, scope: Scope | None = None) -> list[Registration]:
    """Organisers see every registration; a delegation sees its own; anyone sees their own."""
    scope = scope or scope_for(viewer)
    rows = event.registrations.select_related("delegation", "user").order_by("delegation__name_en", "queued_at", "pk")
    if not scope_manages(scope, event):
        rows = rows.filter(Q(delegation_id__in=scope.state_ids) | Q(user_id=scope.user_id))
    return list(rows)


def participants_by_delegation(*, viewer: Viewer, event: Event) -> list[tuple[State | None, list[Registration]]]:
    groups: dict[int | None, tuple[State | None, list[Registration]]] = {}
    for registration in registrations_of(viewer=viewer, event=event):
        key = registration.delegation_id
        groups.setdefault(key, (registration.delegation, []))[1].append(registration)
    return list(groups.values())


def my_registration(*, viewer: Viewer, event: Event) -> Registration | None:
    who = person(viewer)
    if who is None:
        return None
    return event.registrations.filter(user_id=who.pk).first()


def registration_counts(event: Event) -> dict[str, int]:
    counts = Counter(event.registrations.values_list("status", flat=True))
    held = sum(counts[s.value] for s in HOLDS_PLACE)
    return {"held": held, "waiting": counts[Status.WAITLISTED.value], **{k: counts[k] for k in counts}}


def badge_rows(*, viewer: Viewer, event: Event) -> list[list[str]]:
    """Approved participants, for badges. Organisers only (the caller asks ``may_manage_event`` first)."""
    rows = (
        event.registrations.filter(status=Status.APPROVED)
        .select_related("delegation")
        .order_by("delegation__name_en", "full_name", "pk")
    )
    return [
        [
            str(r.pk),
            r.full_name,
            r.function,
            r.delegation.code if r.delegation else "",
            r.delegation.name_en if r.delegation else "",
        ]
        for r in rows
    ]


@dataclass(frozen=True)
class Clash:
    first: Registration
    second: Registration


def delegation_clashes(*, viewer: Viewer, state: State) -> list[Clash]:
    """Pairs of the delegation's live registrations at events whose times overlap."""
    scope = scope_for(viewer)
    if state.pk not in scope.state_ids and not scope.secretariat:
        return []
    regs = list(
        Registration.objects.filter(delegation=state, status__in=LIVE, event__cancelled=False)
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    by_pk = {r.pk: r for r in regs}
    items = [overlap.Timed(r.pk, r.event.starts_at, r.event.ends_at) for r in regs]
    return [
        Clash(by_pk[a], by_pk[b]) for a, b in overlap.overlapping_pairs(items) if by_pk[a].event_id != by_pk[b].event_id
    ]
