"""Who may change the network: the Secretariat everything; a delegation the nodes and edges of its own states
(an edge belongs to the states of both its ends, so either side of a border crossing may edit it)."""

from __future__ import annotations

from typing import Any

from sco.members import permissions as members_permissions


def codes_acted_for(user: Any) -> set[str]:
    return {s.code for s in members_permissions.states_acted_for(user)}


def may_edit_countries(user: Any, countries: set[str]) -> bool:
    if members_permissions.is_secretariat(user):
        return True
    return bool(codes_acted_for(user) & countries)


def may_edit_project_links(user: Any, project: Any) -> bool:
    return members_permissions.is_secretariat(user) or members_permissions.may_act_for(user, project.sponsor_state)
