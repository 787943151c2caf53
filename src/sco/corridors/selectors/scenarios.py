"""Scenarios a viewer may see, and the min-cost flow of a scenario's demand (kept per network revision)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from sco.core.users import Viewer, signed_in
from sco.corridors import flows, routing
from sco.corridors.errors import FlowInfeasible, ScenarioNotFound
from sco.corridors.models import ProjectEdit, Scenario
from sco.corridors.network import Edit, Graph

if TYPE_CHECKING:
    from sco.projects.models import Project
from sco.corridors.selectors.graphs import graph, loaded

# What a tonne that the network cannot carry costs in a scenario that allows it [E]: high enough that the solver
# carries every tonne it can by any route before leaving one behind.
UNSERVED_PENALTY_USD_PER_T = 10_000.0


def _demands(g: Graph, demands: list[dict[str, Any]]) -> list[flows.Demand]:
    out = []
    for d in demands:
        if d["origin"] not in g.index or d["destination"] not in g.index:
            raise FlowInfeasible(what="unknown hub", where=f"{d['origin']} -> {d['destination']}")
        corridor = d.get("corridor") or ""
        out.append(
            flows.Demand(
                g.index[d["origin"]],
                g.index[d["destination"]],
                float(d["tonnes"]),
                g.corridor_mask[corridor] if corridor else None,
                corridor,
            )
        )
    return out


def _solve(
    g: Graph, demands: list[dict[str, Any]], allow_unserved: bool, params: routing.Params, where: str
) -> dict[str, Any]:
    try:
        res = flows.solve(
            g,
            _demands(g, demands),
            value_of_time_usd_per_t_h=params.value_of_time_usd_per_teu_h / params.tonnes_per_teu,
            carbon_price_usd_per_t_co2=params.carbon_price_usd_per_t_co2,
            unserved_penalty=UNSERVED_PENALTY_USD_PER_T if allow_unserved else None,
        )
    except flows.FlowError as exc:
        raise FlowInfeasible(what=exc.what, where=exc.where or where) from exc
    arcs = []
    for a in range(g.n_arcs):
        if res.flow[a] <= 0.5 and not res.saturated[a]:
            continue
        cap = None if math.isinf(g.capacity[a]) else float(g.capacity[a])
        arcs.append(
            {
                "edge": g.edges[int(g.arc_edge[a])].id,
                "from": g.node_ids[int(g.tail[a])],
                "to": g.node_ids[int(g.head[a])],
                "tonnes": round(float(res.flow[a])),
                "capacity_t_per_year": cap,
                "utilisation": None if not cap else round(float(res.flow[a]) / cap, 3),
                "shadow_price_usd_per_t": round(float(res.shadow_price[a]), 2),
                "saturated": bool(res.saturated[a]),
            }
        )
    bottlenecks = [
        {
            "edge": g.edges[int(g.arc_edge[a])].id,
            "from": g.node_ids[int(g.tail[a])],
            "to": g.node_ids[int(g.head[a])],
            "tonnes": round(float(res.flow[a])),
            "shadow_price_usd_per_t": round(float(res.shadow_price[a]), 2),
        }
        for a in res.bottlenecks()
    ]
    unserved = [
        {"origin": d["origin"], "destination": d["destination"], "tonnes": round(float(u))}
        for d, u in zip(demands, res.unserved, strict=False)
        if u > 0.5
    ]
    return {"objective_usd": round(res.objective), "arcs": arcs, "bottlenecks": bottlenecks, "unserved": unserved}


def flow_compute(
    *, scenario: Scenario, edits: tuple[Edit, ...] = (), params: routing.Params | None = None
) -> dict[str, Any]:
    """The min-cost flow of the scenario's demand on the network (after ``edits``): the flow on each arc, the
    saturated arcs with their shadow prices (the bottlenecks, dearest first), and the demand left uncarried."""
    params = params or routing.Params()
    cache = loaded()
    demands: list[dict[str, Any]] = list(scenario.demands)
    key = (
        "flow",
        json.dumps(demands, sort_keys=True),
        scenario.allow_unserved,
        edits,
        tuple(params.as_dict().values()),
    )
    encoded: bytes | None = cache.answers.get(key)
    if encoded is None:
        g = graph(edits, cache)
        encoded = json.dumps(_solve(g, demands, scenario.allow_unserved, params, scenario.key)).encode()
        cache.answers.put(key, encoded)
    solved: dict[str, Any] = json.loads(encoded)
    return {
        "scenario": scenario.key,
        "year": scenario.year,
        "confidence": scenario.confidence,
        "source": scenario.source,
        "revision": cache.revision,
        **solved,
    }


def edits_for(edits: list[dict[str, Any]], projects: Iterable[Project]) -> tuple[Edit, ...]:
    """A scenario's changes to the network: its own edits, then those of the projects it takes in."""
    own = [Edit(str(e["kind"]), str(e["edge"]), float(e["value"])) for e in edits]
    linked = ProjectEdit.objects.filter(project__in=list(projects)).select_related("edge").order_by("project_id", "pk")
    return (*own, *(Edit(e.kind, e.edge.code, e.value) for e in linked))


def scenario_edits(scenario: Scenario) -> tuple[Edit, ...]:
    return edits_for(list(scenario.edits or []), scenario.projects.all()) if scenario.pk else ()


def _compared(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    was = {b["edge"] for b in before["bottlenecks"]}
    now = {b["edge"] for b in after["bottlenecks"]}
    return {
        "objective_before_usd": before["objective_usd"],
        "objective_after_usd": after["objective_usd"],
        "objective_change_usd": after["objective_usd"] - before["objective_usd"],
        "removed": sorted(was - now),
        "added": sorted(now - was),
        "kept": sorted(was & now),
        "unserved_before": sum(u["tonnes"] for u in before["unserved"]),
        "unserved_after": sum(u["tonnes"] for u in after["unserved"]),
    }


def scenario_run(*, scenario: Scenario, params: routing.Params | None = None) -> dict[str, Any]:
    """The scenario run on the network as it is (the baseline) and with its changes, and what moved between them:
    the flows, the bottlenecks with their shadow prices, the cost and the demand left uncarried."""
    changes = scenario_edits(scenario)
    baseline = flow_compute(scenario=scenario, params=params)
    changed = flow_compute(scenario=scenario, params=params, edits=changes) if changes else baseline
    return {
        "edits": [{"edge": e.edge_id, "kind": e.kind, "value": e.value} for e in changes],
        "baseline": baseline,
        "flow": changed,
        "comparison": _compared(baseline, changed),
    }


def scenarios_visible(viewer: Viewer) -> QuerySet[Scenario]:
    """Shared scenarios, and a signed-in viewer's own."""
    qs = Scenario.objects.all()
    if signed_in(viewer):
        return qs.filter(Q(shared=True) | Q(author=viewer))
    return qs.filter(shared=True)


def scenario_list(*, viewer: Viewer) -> QuerySet[Scenario]:
    return scenarios_visible(viewer).order_by("year", "key")


def scenario_get(*, viewer: Viewer, key: str) -> Scenario:
    found = scenarios_visible(viewer).filter(key=key).first()
    if found is None:
        raise ScenarioNotFound()
    return found


def linkable_projects(*, viewer: Viewer) -> QuerySet[Project]:
    """Projects a scenario may take in: those the viewer may see that are linked to the network by an edit."""
    from sco.projects.models import Project

    linked = ProjectEdit.objects.values("project_id")
    return Project.objects.visible_to(viewer).filter(pk__in=linked).order_by("title_en", "pk")


def projects_seen(*, scenario: Scenario, viewer: Viewer) -> list[Project]:
    """The projects a scenario takes in that the viewer may see (the others are not named)."""
    from sco.projects.models import Project

    return list(Project.objects.visible_to(viewer).filter(corridor_scenarios=scenario).order_by("title_en", "pk"))
