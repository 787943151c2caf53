"""Who may see and do what in financing: small named predicates over members.permissions."""

from __future__ import annotations

from typing import Any

from sco.members import permissions as members
from sco.members.models import Mandate


def institution_ids_acted_for(user: Any) -> set[int]:
    """The institutions ``user`` acts for today as a financier (through members' mandate facts)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    on = members.today()
    rows = (
        Mandate.objects.current(on)
        .filter(user=user, institution__isnull=False)
        .values_list("institution_id", flat=True)
    )
    return {pk for pk in rows if pk is not None}


def sees_internal_of(user: Any) -> set[int] | None:
    """Institutions whose internal figures ``user`` may see; None means all of them (the Secretariat)."""
    if user is not None and getattr(user, "is_authenticated", False) and members.is_secretariat(user):
        return None
    return institution_ids_acted_for(user)


def may_propose_plan(user: Any, project: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return members.is_secretariat(user) or members.may_act_for(user, project.sponsor_state)
