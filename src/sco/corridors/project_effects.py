"""What a project's edits of the network change: the corridor before and after, for the project page, the API and
the command line (reads, built on the network selectors)."""

from __future__ import annotations

from typing import Any

from sco.core.users import Viewer, signed_in
from sco.corridors import routing
from sco.corridors.errors import FlowInfeasible, NodeNotFound, NoRoute
from sco.corridors.models import ProjectEdit
from sco.corridors.network import Edit, Graph
from sco.corridors.selectors import flow_compute, graph, route, scenario_list
from sco.members import permissions as members_permissions


def project_edits(project: Any) -> list[ProjectEdit]:
    return list(ProjectEdit.objects.filter(project=project).select_related("edge").order_by("pk"))


def edits_of(edits: list[ProjectEdit]) -> tuple[Edit, ...]:
    return tuple(Edit(e.kind, e.edge.code, e.value) for e in edits)


# The corridor comparisons a project page shows: China to Europe both ways round the Caspian.
COMPARED_ROUTES = (("CN_XIAN", "DE_DUISBURG", "MC"), ("CN_XIAN", "DE_DUISBURG", "NR"))


def project_comparison(*, project: Any, viewer: Viewer) -> dict[str, Any]:
    """Before and after a project's edits: the compared routes, and for each shared scenario the bottlenecks, with
    the time savings valued as an economic benefit (hours saved x value of time x tonnes, a model estimate)."""
    edits = project_edits(project)
    after_edits = edits_of(edits)
    params = routing.Params()
    routes = []
    for origin, destination, corridor in COMPARED_ROUTES:
        try:
            before = route(origin=origin, destination=destination, corridor=corridor, params=params)["best"]
            after = route(origin=origin, destination=destination, corridor=corridor, params=params, edits=after_edits)[
                "best"
            ]
        except (NoRoute, NodeNotFound):
            continue
        for summary in (before, after):
            summary.pop("legs", None)
        routes.append(
            {"origin": origin, "destination": destination, "corridor": corridor, "before": before, "after": after}
        )
    edited_edges = {e.edge.code for e in edits}
    years = []
    g_before, g_after = graph(), graph(after_edits)
    for scenario in scenario_list(viewer=viewer).filter(shared=True):
        try:
            before = flow_compute(scenario=scenario, params=params)
            after = flow_compute(scenario=scenario, params=params, edits=after_edits)
        except FlowInfeasible:
            continue
        benefit = _time_benefit(g_before, g_after, after, edited_edges, params)
        years.append(
            {
                "scenario": scenario,
                "before": before["bottlenecks"],
                "after": after["bottlenecks"],
                "removed": sorted(
                    {b["edge"] for b in before["bottlenecks"]} - {b["edge"] for b in after["bottlenecks"]}
                ),
                "added": sorted({b["edge"] for b in after["bottlenecks"]} - {b["edge"] for b in before["bottlenecks"]}),
                "unserved_before": sum(u["tonnes"] for u in before["unserved"]),
                "unserved_after": sum(u["tonnes"] for u in after["unserved"]),
                "benefit_usd": benefit,
            }
        )
    return {"edits": edits, "routes": routes, "years": years, "params": params.as_dict()}


def _time_benefit(
    g_before: Graph, g_after: Graph, flow_after: dict[str, Any], edges: set[str], params: routing.Params
) -> float:
    """Hours saved on each edited edge x tonnes carried on it after the project x value of time per tonne-hour."""
    vot_t = params.value_of_time_usd_per_teu_h / params.tonnes_per_teu
    hours_before = {e.id: e.time_h_mean for e in g_before.edges}
    saved = {e.id: hours_before.get(e.id, e.time_h_mean) - e.time_h_mean for e in g_after.edges if e.id in edges}
    total = 0.0
    for arc in flow_after["arcs"]:
        if arc["edge"] in saved:
            total += max(saved[arc["edge"]], 0.0) * arc["tonnes"] * vot_t
    return round(total)


def projects_linked(edge_code: str) -> list[int]:
    return list(ProjectEdit.objects.filter(edge__code=edge_code).values_list("project_id", flat=True))


def may_edit_links(viewer: Viewer, project: Any) -> bool:
    from sco.corridors.permissions import may_edit_project_links

    return signed_in(viewer) and may_edit_project_links(viewer, project)


def editable_countries(viewer: Viewer) -> set[str] | None:
    """None: every country (the Secretariat)."""
    if members_permissions.is_secretariat(viewer):
        return None
    from sco.corridors.permissions import codes_acted_for

    return codes_acted_for(viewer)
