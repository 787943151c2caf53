"""Who may see and who may run an event: small named predicates over members.permissions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sco.core.errors import NotPermitted
from sco.core.users import Viewer, active, signed_in
from sco.members.models import State
from sco.members.permissions import (
    ensure_signed_in,
    is_chair,
    is_secretariat,
    may_act_for,
    sees_member_only,
    state_ids_acted_for,
)


@dataclass(frozen=True)
class Scope:
    """What one viewer may see, worked out once per request (a fixed handful of queries)."""

    user_id: int | None
    secretariat: bool
    chair: bool
    state_ids: frozenset[int]
    # Restricted events are the member states' business: members.permissions.sees_member_only answers who sees them.
    sees_restricted: bool = False


ANONYMOUS = Scope(user_id=None, secretariat=False, chair=False, state_ids=frozenset())


def scope_for(user: Viewer) -> Scope:
    if user is None or not active(user):
        return ANONYMOUS
    return Scope(
        user_id=user.pk,
        secretariat=is_secretariat(user),
        chair=is_chair(user),
        state_ids=frozenset(state_ids_acted_for(user)),
        sees_restricted=sees_member_only(user),
    )


def audience(user: Viewer) -> str:
    """Which events this viewer may see, as a key for what is kept across requests (core.fragments): the only
    question `selectors._visible` asks is whether they see restricted events, so two viewers with the same answer
    see the same events, and a page kept for one may be given to the other."""
    return "restricted" if user is not None and sees_member_only(user) else "public"


def may_organise_for(user: Viewer, state: State | None) -> bool:
    """The Secretariat and the chair organise any event; a delegation organises its own state's events."""
    if is_secretariat(user) or is_chair(user):
        return True
    return state is not None and may_act_for(user, state)


def ensure_may_organise_for(user: Viewer, state: State | None) -> None:
    ensure_signed_in(user)
    if not may_organise_for(user, state):
        raise NotPermitted()


def may_manage_event(user: Viewer, event: Any) -> bool:
    if not signed_in(user):
        return False
    return may_organise_for(user, event.organiser_state)


def ensure_may_manage_event(user: Viewer, event: Any) -> None:
    ensure_may_organise_for(user, event.organiser_state)


def scope_manages(scope: Scope, event: Any) -> bool:
    """The same answer as ``may_manage_event`` from a worked-out scope, without queries."""
    if scope.user_id is None:
        return False
    return scope.secretariat or scope.chair or (event.organiser_state_id in scope.state_ids)
