"""Registration places: who gets one, who waits, who is promoted when a place frees. No Django import.

Rules (after Indico's registration forms: a limit, moderation, a waiting list):
- a registration holds a place while it is ``pending`` (awaiting the organiser) or ``approved``;
- when every place is held, a new registration goes on the waiting list;
- when places free (a withdrawal, a decline, a larger capacity), the waiting list is served first come, first served;
- a promoted registration still needs the organiser's approval when the form asks for approval;
- the organiser may approve a waiting registration only when a place is free: capacity is a promise to the venue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TypeVar


class Status(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"


class Audience(StrEnum):
    """Who may register for an event."""

    DELEGATIONS = "delegations"
    PUBLIC = "public"
    INVITED = "invited"


HOLDS_PLACE = frozenset({Status.PENDING, Status.APPROVED})

# Which moves each status allows; a move not listed is refused.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PENDING: frozenset({Status.APPROVED, Status.DECLINED, Status.WITHDRAWN}),
    Status.WAITLISTED: frozenset({Status.PENDING, Status.APPROVED, Status.DECLINED, Status.WITHDRAWN}),
    Status.APPROVED: frozenset({Status.DECLINED, Status.WITHDRAWN}),
    Status.DECLINED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


class AllocationError(ValueError):
    code = "registration_invalid"


class CapacityFull(AllocationError):
    code = "registration_capacity_full"


class RegistrationClosed(AllocationError):
    code = "registration_closed"


class TransitionRefused(AllocationError):
    code = "registration_transition_refused"


class NotEligible(AllocationError):
    code = "registration_not_eligible"


def free_places(*, capacity: int | None, held: int) -> int | None:
    """Places still free; ``None`` means no limit."""
    if capacity is None:
        return None
    return max(capacity - held, 0)


def status_on_register(*, capacity: int | None, held: int, needs_approval: bool, waitlist: bool = True) -> Status:
    """The status a new registration starts in. Raises ``CapacityFull`` when no place is free and no list is kept."""
    free = free_places(capacity=capacity, held=held)
    if free is None or free > 0:
        return Status.PENDING if needs_approval else Status.APPROVED
    if not waitlist:
        raise CapacityFull("no place is free and the form keeps no waiting list")
    return Status.WAITLISTED


T = TypeVar("T")


def to_promote(*, capacity: int | None, held: int, waiting: Sequence[T]) -> list[T]:
    """Which waiting registrations get the freed places. ``waiting`` must be in arrival order."""
    free = free_places(capacity=capacity, held=held)
    if free is None:
        return list(waiting)
    return list(waiting[:free])


def promoted_status(*, needs_approval: bool) -> Status:
    return Status.PENDING if needs_approval else Status.APPROVED


def check_transition(old: Status, new: Status, *, capacity: int | None = None, held: int = 0) -> None:
    """Refuse a move the rules do not allow; a waiting registration takes a place only if one is free."""
    if new not in TRANSITIONS[old]:
        raise TransitionRefused(f"{old} -> {new}")
    if old not in HOLDS_PLACE and new in HOLDS_PLACE:
        free = free_places(capacity=capacity, held=held)
        if free is not None and free <= 0:
            raise CapacityFull("no place is free")


def check_window(*, now: datetime, opens_at: datetime | None, closes_at: datetime | None) -> None:
    """Refuse a registration before the form opens or after its deadline."""
    if opens_at is not None and now < opens_at:
        raise RegistrationClosed("registration has not opened")
    if closes_at is not None and now >= closes_at:
        raise RegistrationClosed("the registration deadline has passed")


def check_eligible(audience: Audience, *, is_authenticated: bool, has_delegation: bool, is_invited: bool) -> None:
    """Who may register: any signed-in person (public), members of a delegation, or those invited."""
    if not is_authenticated:
        raise NotEligible("sign in to register")
    if audience is Audience.DELEGATIONS and not has_delegation:
        raise NotEligible("only delegations may register")
    if audience is Audience.INVITED and not is_invited:
        raise NotEligible("registration is by invitation")
