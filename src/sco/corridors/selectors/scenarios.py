"""Scenarios a viewer may see, and the min-cost flow of a scenario's demand (kept per network revision)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

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


def _flow_words(exc: flows.FlowError) -> str:
    words: dict[str, Any] = {
        "negative": _("a demand must be zero or more"),
        "same": _("origin and destination are the same"),
        "no_route": _("no route joins these hubs"),
        "capacity": _("the demand cannot be carried within the capacities"),
    }
    return str(words[exc.code]) if exc.code in words else _("the solver stopped: %(why)s") % {"why": exc.what}


def _capacity_short(g: Graph, demands: list[dict[str, Any]], exc: flows.CapacityShort, where: str) -> FlowInfeasible:
    """What falls short and where: each demand left short (by its place in the list), and the edges that are full
    when the network carries all it can."""
    full = list(dict.fromkeys(g.edges[int(g.arc_edge[a])].id for a in exc.saturated))
    shown_full = ", ".join(full[:5]) if full else "—"
    errors: dict[str, list[str]] = {}
    for i, short, tonnes in exc.short:
        d = demands[i]
        errors[f"demands[{i + 1}]"] = [
            _(
                "the network carries %(carried)s of the %(tonnes)s t a year from %(origin)s to %(destination)s; "
                "full: %(full)s"
            )
            % {
                "carried": f"{tonnes - short:,.0f}",
                "tonnes": f"{tonnes:,.0f}",
                "origin": d["origin"],
                "destination": d["destination"],
                "full": shown_full,
            }
        ]
    pairs = "; ".join(f"{demands[i]['origin']} -> {demands[i]['destination']}" for i, _s, _t in exc.short) or where
    return FlowInfeasible(
        what=_("the demand cannot be carried within the capacities (full: %(full)s)") % {"full": shown_full},
        where=pairs,
        field_errors=errors,
    )


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
    except flows.CapacityShort as exc:
        raise _capacity_short(g, demands, exc, where) from exc
    except flows.FlowError as exc:
        raise FlowInfeasible(what=_flow_words(exc), where=exc.where or where) from exc
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


def changes_for(edits: list[dict[str, Any]], projects: Iterable[Project]) -> list[tuple[Edit, str]]:
    """A scenario's changes to the network, each with where it comes from ("scenario" or "project:<id>"): its own
    edits, then those of the projects it takes in."""
    own = [(Edit(str(e["kind"]), str(e["edge"]), float(e["value"])), "scenario") for e in edits]
    linked = ProjectEdit.objects.filter(project__in=list(projects)).select_related("edge").order_by("project_id", "pk")
    return [*own, *((Edit(e.kind, e.edge.code, e.value), f"project:{e.project_id}") for e in linked)]


def edits_for(edits: list[dict[str, Any]], projects: Iterable[Project]) -> tuple[Edit, ...]:
    return tuple(edit for edit, _from in changes_for(edits, projects))


def scenario_changes(scenario: Scenario, *, viewer: Viewer) -> list[tuple[Edit, str]]:
    """The changes a scenario makes, as ``viewer`` may see them: a project taken in that the viewer may not see (a
    draft of the author's state, say) is left out of the run for them, so neither its id nor its edits show."""
    if not scenario.pk:
        return []
    return changes_for(list(scenario.edits or []), projects_seen(scenario=scenario, viewer=viewer))


def scenario_edits(scenario: Scenario, *, viewer: Viewer) -> tuple[Edit, ...]:
    return tuple(edit for edit, _from in scenario_changes(scenario, viewer=viewer))


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


def scenario_run(*, scenario: Scenario, viewer: Viewer, params: routing.Params | None = None) -> dict[str, Any]:
    """The scenario run on the network as it is (the baseline) and with its changes (as ``viewer`` may see them), and
    what moved between them: the flows, the bottlenecks with their shadow prices, the cost and the demand left
    uncarried."""
    sourced = scenario_changes(scenario, viewer=viewer)
    changes = tuple(edit for edit, _from in sourced)
    baseline = flow_compute(scenario=scenario, params=params)
    changed = flow_compute(scenario=scenario, params=params, edits=changes) if changes else baseline
    return {
        "edits": [{"edge": e.edge_id, "kind": e.kind, "value": e.value, "from": origin} for e, origin in sourced],
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


def project_ids_seen(*, scenarios: Iterable[Scenario], viewer: Viewer) -> dict[int, list[int]]:
    """For each scenario, the ids of the projects it takes in that the viewer may see (one query for all)."""
    from sco.projects.models import Project

    through = Scenario.projects.through
    rows = (
        through.objects.filter(
            scenario_id__in=[s.pk for s in scenarios], project_id__in=Project.objects.visible_to(viewer).values("pk")
        )
        .order_by("scenario_id", "project_id")
        .values_list("scenario_id", "project_id")
    )
    seen: dict[int, list[int]] = {}
    for scenario_id, project_id in rows:
        seen.setdefault(scenario_id, []).append(project_id)
    return seen


def projects_seen(*, scenario: Scenario, viewer: Viewer) -> list[Project]:
    """The projects a scenario takes in that the viewer may see (the others are not named)."""
    from sco.projects.models import Project

    return list(Project.objects.visible_to(viewer).filter(corridor_scenarios=scenario).order_by("title_en", "pk"))
