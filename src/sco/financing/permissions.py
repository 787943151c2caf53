"""Who may see and do what in financing: small named predicates over members.permissions."""

from __future__ import annotations

from sco.core.users import Viewer, signed_in
from sco.members import permissions as members
from sco.projects.models import Project


def sees_internal_of(user: Viewer) -> set[int] | None:
    """Institutions whose internal figures ``user`` may see; None means all of them (the Secretariat)."""
    if signed_in(user) and members.is_secretariat(user):
        return None
    return members.institution_ids_acted_for(user)


def may_propose_plan(user: Viewer, project: Project) -> bool:
    if not signed_in(user):
        return False
    return members.is_secretariat(user) or members.may_act_for(user, project.sponsor_state)
