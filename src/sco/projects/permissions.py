"""Which lifecycle roles a person holds on a project. Built on members.permissions: one answer to
"may this user act for this state?"."""

from __future__ import annotations

from typing import Any

from sco.core.users import signed_in
from sco.members import permissions as members_permissions
from sco.projects.lifecycle import Role
from sco.projects.models import Project


def is_sponsor(user: Any, project: Project) -> bool:
    """A delegate of the sponsoring state acts for the sponsor."""
    return members_permissions.may_act_for(user, project.sponsor_state)


def roles_on(user: Any, project: Project) -> set[Role]:
    roles: set[Role] = set()
    if not signed_in(user):
        return roles
    if is_sponsor(user, project):
        roles.add(Role.SPONSOR)
    if members_permissions.is_secretariat(user):
        roles.add(Role.SECRETARIAT)
    if members_permissions.is_chair(user):
        roles.add(Role.CHAIR)
    return roles
