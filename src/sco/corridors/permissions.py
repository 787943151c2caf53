"""Who may change the network: the Secretariat everything; a delegation the nodes and edges of its own states
(an edge belongs to the states of both its ends, so either side of a border crossing may edit it). Who may write a
scenario: the Secretariat and the delegates of a state (a scenario stays private to its author until shared)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sco.core.users import Viewer, active
from sco.members import permissions as members_permissions

if TYPE_CHECKING:
    from sco.projects.models import Project


def codes_acted_for(user: Viewer) -> set[str]:
    return {s.code for s in members_permissions.states_acted_for(user)}


def may_edit_countries(user: Viewer, countries: set[str]) -> bool:
    if members_permissions.is_secretariat(user):
        return True
    return bool(codes_acted_for(user) & countries)


def may_edit_project_links(user: Viewer, project: Project) -> bool:
    return members_permissions.is_secretariat(user) or members_permissions.may_act_for(user, project.sponsor_state)


def may_create_scenario(user: Viewer) -> bool:
    """The Secretariat, or a person who acts for a state today."""
    if not active(user):
        return False
    return members_permissions.is_secretariat(user) or bool(members_permissions.state_ids_acted_for(user))
