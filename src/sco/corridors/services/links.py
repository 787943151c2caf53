"""Writes that link the network to people's work: a route query saved with its parameters, and a project's edits
of the network (capacity x k, time -h, cost -c, a planned edge brought in)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor, person
from sco.corridors import network, permissions, selectors
from sco.corridors.errors import EditInvalid, MayNotEditProject
from sco.corridors.models import Edge, ProjectEdit, RouteQuery
from sco.members import permissions as members_permissions
from sco.projects import cache as project_cache
from sco.projects.models import Project


def edit_messages(problems: dict[str, str], *, edge: str, kind: str) -> dict[str, list[str]]:
    """The words for ``network.edit_problems``'s codes, by field, in the active language."""
    words: dict[str, Any] = {
        "unknown_edge": _("unknown edge “%(edge)s”"),
        "unknown_kind": _("unknown kind “%(kind)s”: one of %(kinds)s"),
        "not_a_number": _("the value must be a number"),
        "factor_range": _("the value must be a factor above 0 and at most %(max)s"),
        "minus_range": _("the value must be zero or more and under %(max)s"),
        "not_planned": _("only a planned edge can be brought in as a new edge"),
    }
    params = {
        "edge": edge,
        "kind": kind,
        "kinds": ", ".join(network.EDIT_KINDS),
        "max": f"{network.EDIT_MAX_MINUS if problems.get('value') == 'minus_range' else network.EDIT_MAX_FACTOR:.0f}",
    }
    return {name: [str(words[code]) % params] for name, code in problems.items()}


@transaction.atomic
def route_query_save(
    *, actor: Actor, origin: str, destination: str, corridor: str = "", params: dict[str, float] | None = None
) -> RouteQuery:
    members_permissions.ensure_signed_in(actor)
    me = person(actor)
    assert me is not None  # signed in, just asked
    chosen = selectors.params_from(params or {})
    result = selectors.route(origin=origin, destination=destination, corridor=corridor, params=chosen)
    query = RouteQuery.objects.create(
        origin=origin,
        destination=destination,
        corridor=corridor,
        params=chosen.as_dict(),
        result=result,
        revision=selectors.revision(),
        author=me,
    )
    audit.record(actor=actor, action="corridors.route.saved", target=query)
    return query


@transaction.atomic
def project_edit_add(
    *, actor: Actor, project: Project, edge_code: str, kind: str, value: float, note: str = ""
) -> ProjectEdit:
    members_permissions.ensure_signed_in(actor)
    if not permissions.may_edit_project_links(actor, project):
        raise MayNotEditProject()
    edge = Edge.objects.filter(code=edge_code).first()
    value, problems = network.edit_problems(kind, value, None if edge is None else edge.planned)
    errors = edit_messages(problems, edge=edge_code, kind=kind)
    if errors or edge is None:
        raise EditInvalid(field_errors=errors)
    edit, _ = ProjectEdit.objects.update_or_create(
        project=project, edge=edge, kind=kind, defaults={"value": value, "note": note, "created_by": person(actor)}
    )
    project_cache.touch(project.pk)
    audit.record(
        actor=actor,
        action="corridors.project_edit.saved",
        target=edit,
        on_behalf_of=project.sponsor_state,
        after={"project": project.pk, "edge": edge.code, "kind": kind, "value": value},
    )
    return edit


@transaction.atomic
def project_edit_remove(*, actor: Actor, project: Project, edit_id: int) -> None:
    members_permissions.ensure_signed_in(actor)
    if not permissions.may_edit_project_links(actor, project):
        raise MayNotEditProject()
    edit = ProjectEdit.objects.filter(project=project, pk=edit_id).select_related("edge").first()
    if edit is None:
        raise EditInvalid(field_errors={"edit": [_("no such edit on this project")]})
    audit.record(
        actor=actor,
        action="corridors.project_edit.removed",
        target=edit,
        on_behalf_of=project.sponsor_state,
        before={"edge": edit.edge.code, "kind": edit.kind, "value": edit.value},
    )
    edit.delete()
    project_cache.touch(project.pk)
