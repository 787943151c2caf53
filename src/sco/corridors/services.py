"""Every write to the corridor network, its scenarios, route queries and project edits: permission first, then
validation, then one transaction with its audit entry and a new network revision where the network changed."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import F

from sco.core import audit
from sco.corridors import network, permissions, selectors
from sco.corridors.errors import (
    EdgeNotFound,
    EditInvalid,
    MayNotEditProject,
    NetworkInvalid,
    NodeNotFound,
    NotScenarioAuthor,
    NotYourState,
    ScenarioInvalid,
    ScenarioTaken,
)
from sco.corridors.models import Edge, NetworkRevision, Node, ProjectEdit, RouteQuery, Scenario
from sco.corridors.network import EdgeRow, NodeRow, Problem
from sco.members import permissions as members_permissions
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
    *, actor: Any, nodes: list[NodeRow], edges: list[EdgeRow], problems: list[Problem] | None = None
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


def _ensure_may_edit(actor: Any, countries: set[str], code: str) -> None:
    members_permissions.ensure_signed_in(actor)
    if not permissions.may_edit_countries(actor, countries):
        raise NotYourState(countries=", ".join(sorted(countries)), code=code)


@transaction.atomic
def edge_update(*, actor: Any, code: str, changes: dict[str, Any]) -> Edge:
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
def node_update(*, actor: Any, code: str, changes: dict[str, Any]) -> Node:
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


def _behalf(actor: Any, countries: set[str]) -> Any:
    if members_permissions.is_secretariat(actor):
        return "secretariat"
    for state in members_permissions.states_acted_for(actor):
        if state.code in countries:
            return state
    return ""


KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def _clean_demands(demands: Any) -> list[dict[str, Any]]:
    if not isinstance(demands, list) or not demands:
        raise ScenarioInvalid(field_errors={"demands": ["give at least one demand: origin, destination, tonnes"]})
    known = set(Node.objects.values_list("code", flat=True))
    errors: dict[str, list[str]] = {}
    cleaned = []
    for i, d in enumerate(demands, start=1):
        where = f"demands[{i}]"
        if not isinstance(d, dict):
            errors.setdefault(where, []).append("each demand is an object")
            continue
        origin, destination = str(d.get("origin", "")), str(d.get("destination", ""))
        corridor = str(d.get("corridor") or "")
        for name, value in (("origin", origin), ("destination", destination)):
            if value not in known:
                errors.setdefault(where, []).append(f"{name}: unknown hub {value!r}")
        if corridor and corridor not in network.CORRIDORS:
            errors.setdefault(where, []).append(f"corridor: unknown {corridor!r}")
        try:
            tonnes = float(d.get("tonnes"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            tonnes = -1.0
        if not tonnes >= 0 or tonnes == float("inf"):
            errors.setdefault(where, []).append("tonnes must be a number of zero or more")
        if origin == destination:
            errors.setdefault(where, []).append("origin and destination are the same")
        cleaned.append(
            {
                "origin": origin,
                "destination": destination,
                "tonnes": tonnes,
                "corridor": corridor,
                "note": str(d.get("note", "")),
            }
        )
    if errors:
        raise ScenarioInvalid(field_errors=errors)
    return cleaned


@transaction.atomic
def scenario_create(
    *,
    actor: Any,
    key: str,
    year: int,
    name_en: str,
    demands: Any,
    name_ru: str = "",
    name_zh: str = "",
    source: str = "",
    confidence: str = "estimate",
    allow_unserved: bool = False,
    shared: bool = False,
) -> Scenario:
    """A new scenario, private to its author unless ``shared``. A scenario whose demand the network cannot carry
    is refused (unless it asks to show the uncarried part), and nothing is stored."""
    if actor is not None:
        members_permissions.ensure_signed_in(actor)
    errors: dict[str, list[str]] = {}
    if not KEY_RE.match(key or ""):
        errors["key"] = ["lower-case letters, digits and hyphens"]
    if not (1990 <= int(year or 0) <= 2100):
        errors["year"] = ["a year between 1990 and 2100"]
    if not (name_en or "").strip():
        errors["name_en"] = ["a name is needed"]
    if confidence not in network.CONFIDENCE:
        errors["confidence"] = ["sourced or estimate"]
    if errors:
        raise ScenarioInvalid(field_errors=errors)
    cleaned = _clean_demands(demands)
    if Scenario.objects.filter(key=key).exists():
        raise ScenarioTaken()
    scenario = Scenario(
        key=key,
        year=year,
        name_en=name_en.strip(),
        name_ru=name_ru,
        name_zh=name_zh,
        demands=cleaned,
        source=source,
        confidence=confidence,
        allow_unserved=allow_unserved,
        author=actor,
        shared=shared,
    )
    selectors.flow_compute(scenario=scenario)  # raises FlowInfeasible before anything is stored
    scenario.save()
    audit.record(actor=actor, action="corridors.scenario.created", target=scenario, after={"key": key, "year": year})
    return scenario


@transaction.atomic
def scenario_share(*, actor: Any, key: str) -> Scenario:
    scenario = selectors.scenario_get(viewer=actor, key=key)
    if scenario.author_id != getattr(actor, "pk", None):
        raise NotScenarioAuthor()
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    scenario.shared = True
    scenario.save(update_fields=["shared"])
    touch_linked_projects()
    audit.record(actor=actor, action="corridors.scenario.shared", target=scenario)
    return scenario


@transaction.atomic
def route_query_save(
    *, actor: Any, origin: str, destination: str, corridor: str = "", params: dict[str, float] | None = None
) -> RouteQuery:
    members_permissions.ensure_signed_in(actor)
    chosen = selectors.params_from(params or {})
    result = selectors.route(origin=origin, destination=destination, corridor=corridor, params=chosen)
    query = RouteQuery.objects.create(
        origin=origin,
        destination=destination,
        corridor=corridor,
        params=chosen.as_dict(),
        result=result,
        revision=selectors.revision(),
        author=actor,
    )
    audit.record(actor=actor, action="corridors.route.saved", target=query)
    return query


@transaction.atomic
def project_edit_add(
    *, actor: Any, project: Any, edge_code: str, kind: str, value: float, note: str = ""
) -> ProjectEdit:
    members_permissions.ensure_signed_in(actor)
    if not permissions.may_edit_project_links(actor, project):
        raise MayNotEditProject()
    edge = Edge.objects.filter(code=edge_code).first()
    errors: dict[str, list[str]] = {}
    if edge is None:
        errors["edge"] = [f"unknown edge {edge_code!r}"]
    if kind not in network.EDIT_KINDS:
        errors["kind"] = [f"one of {', '.join(network.EDIT_KINDS)}"]
    try:
        value = float(value)
    except (TypeError, ValueError):
        errors["value"] = ["a number"]
        value = 0.0
    if kind == "capacity_factor" and not (0 < value <= 100):
        errors["value"] = ["a factor above 0 and at most 100"]
    if kind in ("time_minus_h", "cost_minus_usd_per_teu") and not (0 <= value < 10_000):
        errors["value"] = ["zero or more"]
    if kind == "new_edge" and edge is not None and not edge.planned:
        errors["kind"] = ["only a planned edge can be brought in as a new edge"]
    if errors:
        raise EditInvalid(field_errors=errors)
    assert edge is not None
    edit, _ = ProjectEdit.objects.update_or_create(
        project=project, edge=edge, kind=kind, defaults={"value": value, "note": note, "created_by": actor}
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
def project_edit_remove(*, actor: Any, project: Any, edit_id: int) -> None:
    members_permissions.ensure_signed_in(actor)
    if not permissions.may_edit_project_links(actor, project):
        raise MayNotEditProject()
    edit = ProjectEdit.objects.filter(project=project, pk=edit_id).select_related("edge").first()
    if edit is None:
        raise EditInvalid(field_errors={"edit": ["no such edit on this project"]})
    audit.record(
        actor=actor,
        action="corridors.project_edit.removed",
        target=edit,
        on_behalf_of=project.sponsor_state,
        before={"edge": edit.edge.code, "kind": edit.kind, "value": edit.value},
    )
    edit.delete()
    project_cache.touch(project.pk)
