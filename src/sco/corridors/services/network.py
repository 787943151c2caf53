"""Writes to the network itself: a file imported, an edge or a node changed. Permission first (the Secretariat, or
a delegation of a state at either end), then validation of the whole network as it would be, then one transaction
with its audit entry and a new network revision (which every process's compiled graph follows)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F

from sco.core import audit
from sco.core.users import Actor
from sco.corridors import network, permissions, selectors
from sco.corridors.errors import EdgeNotFound, NetworkInvalid, NodeNotFound, NotYourState
from sco.corridors.models import Edge, NetworkRevision, Node, ProjectEdit
from sco.corridors.network import EdgeRow, NodeRow, Problem
from sco.members import permissions as members_permissions
from sco.members.models import State

if TYPE_CHECKING:
    pass
from sco.projects import cache as project_cache

EDGE_FIELDS = (
    "mode",
    "km",
    "time_h_mean",
    "time_h_p95",
    "cost_usd_per_teu",
    "cost_usd_per_t",
    "capacity_t_per_year",
    "co2_g_per_tkm",
    "two_way",
    "planned",
    "corridors",
    "source_text",
    "confidence",
    "note",
)
NODE_FIELDS = ("name_en", "name_ru", "name_zh", "kind", "lon", "lat", "gauge", "note")


def _bump_revision() -> int:
    NetworkRevision.objects.get_or_create(pk=1)
    NetworkRevision.objects.filter(pk=1).update(number=F("number") + 1)
    touch_linked_projects()
    return int(NetworkRevision.objects.values_list("number", flat=True).get(pk=1))


def touch_linked_projects() -> None:
    """The corridor section of every linked project's page is cached under the project's revision (views.py):
    raise it for each project whose comparison may have changed."""
    for project_id in ProjectEdit.objects.values_list("project_id", flat=True).distinct():
        project_cache.touch(project_id)


def _refuse(problems: list[Problem]) -> None:
    if problems:
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(p.where, []).append(p.what)
        raise NetworkInvalid(field_errors=errors)


def _edge_values(row: EdgeRow) -> dict[str, Any]:
    values = {f: getattr(row, f) for f in EDGE_FIELDS}
    values["corridors"] = " ".join(row.corridors)
    return values


@transaction.atomic
def network_import(
    *, actor: Actor, nodes: list[NodeRow], edges: list[EdgeRow], problems: list[Problem] | None = None
) -> dict[str, int]:
    """Adds or updates every node and edge in the file (by id); nothing is deleted. ``actor`` None is the system
    (the demo loader and the command line, run by whoever holds the machine); a person must be the Secretariat."""
    if actor is not None:
        members_permissions.ensure_secretariat(actor)
    current_nodes, current_edges = selectors.network_rows(include_planned=True)
    merged_nodes = {n.id: n for n in current_nodes} | {n.id: n for n in nodes}
    merged_edges = {e.id: e for e in current_edges} | {e.id: e for e in edges}
    _refuse(list(problems or []) or network.validate(list(merged_nodes.values()), list(merged_edges.values())))
    # Bulk writes: a network file has hundreds of rows, and one query per row would make an import slow.
    existing_nodes = {n.code: n for n in Node.objects.filter(code__in=[n.id for n in nodes])}
    new_nodes, changed_nodes = [], []
    for node_row in nodes:
        values = {**{f: getattr(node_row, f) for f in NODE_FIELDS}, "country": node_row.country}
        node = existing_nodes.get(node_row.id)
        if node is None:
            new_nodes.append(Node(code=node_row.id, **values))
        else:
            for name, value in values.items():
                setattr(node, name, value)
            changed_nodes.append(node)
    Node.objects.bulk_create(new_nodes)
    Node.objects.bulk_update(changed_nodes, [*NODE_FIELDS, "country"])
    ends = {e.source for e in edges} | {e.target for e in edges}
    stored = {n.code: n for n in Node.objects.filter(code__in=ends)}
    existing_edges = {e.code: e for e in Edge.objects.filter(code__in=[e.id for e in edges])}
    new_edges, changed_edges = [], []
    for row in edges:
        values = {**_edge_values(row), "source": stored[row.source], "target": stored[row.target]}
        edge = existing_edges.get(row.id)
        if edge is None:
            new_edges.append(Edge(code=row.id, **values))
        else:
            for name, value in values.items():
                setattr(edge, name, value)
            changed_edges.append(edge)
    Edge.objects.bulk_create(new_edges)
    Edge.objects.bulk_update(changed_edges, [*EDGE_FIELDS, "source", "target"])
    revision = _bump_revision()
    audit.record(
        actor=actor,
        action="corridors.network.imported",
        after={"nodes": len(nodes), "edges": len(edges), "revision": revision},
    )
    return {"nodes": len(nodes), "edges": len(edges), "revision": revision}


def _ensure_may_edit(actor: Actor, countries: set[str], code: str) -> None:
    members_permissions.ensure_signed_in(actor)
    if not permissions.may_edit_countries(actor, countries):
        raise NotYourState(countries=", ".join(sorted(countries)), code=code)


@transaction.atomic
def edge_update(*, actor: Actor, code: str, changes: dict[str, Any]) -> Edge:
    edge = Edge.objects.select_related("source", "target").filter(code=code).first()
    if edge is None:
        raise EdgeNotFound(code=code)
    _ensure_may_edit(actor, edge.countries, code)
    unknown = sorted(set(changes) - set(EDGE_FIELDS))
    if unknown:
        raise NetworkInvalid(field_errors={name: ["this field cannot be changed here"] for name in unknown})
    edge = Edge.objects.select_for_update().select_related("source", "target").get(pk=edge.pk)
    nodes, edges = selectors.network_rows(include_planned=True)
    current = next(e for e in edges if e.id == code)
    values = dict(changes)
    if "corridors" in values and isinstance(values["corridors"], str):
        values["corridors"] = tuple(values["corridors"].split())
    try:
        changed = replace(current, **values)
    except TypeError as exc:
        raise NetworkInvalid(field_errors={code: [str(exc)]}) from exc
    _refuse(network.validate(nodes, [changed if e.id == code else e for e in edges]))
    before = audit.snapshot(edge, list(EDGE_FIELDS))
    for name, value in _edge_values(changed).items():
        setattr(edge, name, value)
    edge.save()
    _bump_revision()
    audit.record(
        actor=actor,
        action="corridors.edge.changed",
        target=edge,
        on_behalf_of=_behalf(actor, edge.countries),
        before=before,
        after=audit.snapshot(edge, list(EDGE_FIELDS)),
    )
    return edge


@transaction.atomic
def node_update(*, actor: Actor, code: str, changes: dict[str, Any]) -> Node:
    node = Node.objects.filter(code=code).first()
    if node is None:
        raise NodeNotFound(code=code)
    _ensure_may_edit(actor, {node.country}, code)
    unknown = sorted(set(changes) - set(NODE_FIELDS))
    if unknown:
        raise NetworkInvalid(field_errors={name: ["this field cannot be changed here"] for name in unknown})
    node = Node.objects.select_for_update().get(pk=node.pk)
    nodes, edges = selectors.network_rows(include_planned=True)
    current = next(n for n in nodes if n.id == code)
    try:
        changed = replace(current, **changes)
    except TypeError as exc:
        raise NetworkInvalid(field_errors={code: [str(exc)]}) from exc
    _refuse(network.validate([changed if n.id == code else n for n in nodes], edges))
    before = audit.snapshot(node, list(NODE_FIELDS))
    for name in NODE_FIELDS:
        setattr(node, name, getattr(changed, name))
    node.save()
    _bump_revision()
    audit.record(
        actor=actor,
        action="corridors.node.changed",
        target=node,
        on_behalf_of=_behalf(actor, {node.country}),
        before=before,
        after=audit.snapshot(node, list(NODE_FIELDS)),
    )
    return node


def _behalf(actor: Actor, countries: set[str]) -> State | str:
    if members_permissions.is_secretariat(actor):
        return "secretariat"
    for state in members_permissions.states_acted_for(actor):
        if state.code in countries:
            return state
    return ""
