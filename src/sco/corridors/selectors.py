"""Reads: the network (as rows and as a compiled graph kept per process and per network revision), routes, flows
for a scenario, scenarios visible to a viewer, and what a project's edits change."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet

from sco.corridors import flows, network, routing
from sco.corridors.errors import FlowInfeasible, NodeNotFound, NoRoute, RouteInvalid, ScenarioNotFound
from sco.corridors.models import Edge, NetworkRevision, Node, Scenario
from sco.corridors.network import EdgeRow, Edit, Graph, NodeRow

# What a tonne that the network cannot carry costs in a scenario that allows it [E]: high enough that the solver
# carries every tonne it can by any route before leaving one behind.
UNSERVED_PENALTY_USD_PER_T = 10_000.0
SIMULATION_SAMPLES = 4000


def revision() -> int:
    return int(NetworkRevision.objects.filter(pk=1).values_list("number", flat=True).first() or 0)


def _edge_row(edge: Edge) -> EdgeRow:
    return EdgeRow(
        id=edge.code,
        source=edge.source.code,
        target=edge.target.code,
        mode=edge.mode,
        km=edge.km,
        time_h_mean=edge.time_h_mean,
        time_h_p95=edge.time_h_p95,
        cost_usd_per_teu=edge.cost_usd_per_teu,
        cost_usd_per_t=edge.cost_usd_per_t,
        capacity_t_per_year=edge.capacity_t_per_year,
        co2_g_per_tkm=edge.co2_g_per_tkm,
        two_way=edge.two_way,
        planned=edge.planned,
        corridors=tuple(edge.corridors.split()),
        source_text=edge.source_text,
        confidence=edge.confidence,
        note=edge.note,
    )


def _node_row(node: Node) -> NodeRow:
    return NodeRow(
        id=node.code,
        name_en=node.name_en,
        name_ru=node.name_ru,
        name_zh=node.name_zh,
        country=node.country,
        kind=node.kind,
        lon=node.lon,
        lat=node.lat,
        gauge=node.gauge,
        note=node.note,
    )


def network_rows(*, include_planned: bool = True) -> tuple[list[NodeRow], list[EdgeRow]]:
    nodes = [_node_row(n) for n in Node.objects.order_by("code")]
    qs = Edge.objects.select_related("source", "target").order_by("code")
    if not include_planned:
        qs = qs.filter(planned=False)
    return nodes, [_edge_row(e) for e in qs]


@dataclass
class _Cache:
    revision: int = -1
    nodes: list[NodeRow] = field(default_factory=list)
    edges: list[EdgeRow] = field(default_factory=list)
    graphs: dict[tuple[Edit, ...], Graph] = field(default_factory=dict)
    csrs: dict[tuple[Any, ...], routing.Csr] = field(default_factory=dict)


_cache = _Cache()
_lock = threading.Lock()


def _loaded() -> _Cache:
    """The network for the stored revision: one query when nothing changed, a rebuild when it did."""
    global _cache
    current = revision()
    if current != _cache.revision:
        nodes, edges = network_rows(include_planned=True)
        with _lock:
            _cache = _Cache(revision=current, nodes=nodes, edges=edges)
    return _cache


def forget_cache() -> None:
    global _cache
    _cache = _Cache()


def graph(edits: tuple[Edit, ...] = (), cache: _Cache | None = None) -> Graph:
    cache = cache or _loaded()
    found = cache.graphs.get(edits)
    if found is None:
        found = network.compile_graph(cache.nodes, network.apply_edits(cache.edges, edits))
        cache.graphs[edits] = found
    return found


def nodes_by_id() -> dict[str, NodeRow]:
    return {n.id: n for n in _loaded().nodes}


def params_from(data: dict[str, Any]) -> routing.Params:
    defaults = routing.Params()
    values: dict[str, float] = {}
    errors: dict[str, list[str]] = {}
    for name, default in defaults.as_dict().items():
        raw = data.get(name)
        if raw in (None, ""):
            values[name] = default
            continue
        try:
            value = float(raw)
        except (TypeError, ValueError):
            errors[name] = ["a number"]
            continue
        if not math.isfinite(value) or value < 0 or value > 1e6:
            errors[name] = ["a number from 0 to 1,000,000"]
        elif name == "tonnes_per_teu" and value == 0:
            errors[name] = ["more than 0"]
        else:
            values[name] = value
    if errors:
        raise RouteInvalid(field_errors=errors)
    return routing.Params(**values)


def _csr(
    cache: _Cache, g: Graph, edits: tuple[Edit, ...], corridor: str, params: routing.Params
) -> tuple[routing.Csr, np.ndarray]:
    weight = routing.generalised_cost(g, params)
    key = (edits, corridor, tuple(params.as_dict().values()))
    found = cache.csrs.get(key)
    if found is None:
        active = g.corridor_mask[corridor] if corridor else None
        found = routing.build_csr(g.n_nodes, g.tail, g.head, weight, active)
        if len(cache.csrs) > 256:
            cache.csrs.clear()
        cache.csrs[key] = found
    return found, weight


def _legs(g: Graph, arcs: list[int], params: routing.Params) -> list[dict[str, Any]]:
    co2 = routing.arc_co2_kg_per_teu(g, params)
    legs = []
    for a in arcs:
        edge = g.edges[int(g.arc_edge[a])]
        legs.append(
            {
                "edge": edge.id,
                "from": g.node_ids[int(g.tail[a])],
                "to": g.node_ids[int(g.head[a])],
                "mode": edge.mode,
                "km": float(g.km[a]),
                "hours_mean": float(g.t_mean[a]),
                "hours_p95": float(g.t_p95[a]),
                "cost_usd_per_teu": float(g.cost_teu[a]),
                "co2_kg_per_teu": round(float(co2[a]), 1),
                "capacity_t_per_year": None if math.isinf(g.capacity[a]) else float(g.capacity[a]),
                "source": edge.source_text,
                "confidence": edge.confidence,
            }
        )
    return legs


def _summary(g: Graph, arcs: list[int], params: routing.Params, weight: np.ndarray) -> dict[str, Any]:
    s = routing.summarise(g, arcs, params, weight=weight)
    capacities = g.capacity[arcs]
    narrow = int(arcs[int(np.argmin(capacities))]) if len(arcs) and np.isfinite(capacities).any() else None
    return {
        "km": round(s.km),
        "days_mean": round(s.days_mean, 1),
        "days_p50": round(s.days_p50, 1),
        "days_p95": round(s.days_p95, 1),
        "cost_usd_per_teu": round(s.cost_usd_per_teu),
        "co2_kg_per_teu": round(s.co2_kg_per_teu),
        "generalised_cost_usd_per_teu": round(s.generalised_cost),
        "capacity_t_per_year": None if narrow is None else float(g.capacity[narrow]),
        "capacity_mt_per_year": None if narrow is None else round(float(g.capacity[narrow]) / 1e6, 1),
        "narrowest_edge": None if narrow is None else g.edges[int(g.arc_edge[narrow])].id,
        "estimates": sum(1 for a in arcs if g.edges[int(g.arc_edge[a])].confidence == "estimate"),
        "legs": _legs(g, arcs, params),
    }


def route(
    *,
    origin: str,
    destination: str,
    corridor: str = "",
    params: routing.Params | None = None,
    edits: tuple[Edit, ...] = (),
    alternatives: int = 0,
) -> dict[str, Any]:
    """The best route by generalised cost, its door-to-door time distribution, and (with ``alternatives``) the
    k-shortest paths with the Pareto set over time, cost and CO2 among them."""
    params = params or routing.Params()
    cache = _loaded()
    g = graph(edits, cache)
    for name, code in (("origin", origin), ("destination", destination)):
        if code not in g.index:
            raise NodeNotFound(code=code, field_errors={name: [f"unknown hub {code!r}"]})
    if corridor and corridor not in network.CORRIDORS:
        raise RouteInvalid(field_errors={"corridor": [f"one of {', '.join(network.CORRIDORS)}"]})
    if origin == destination:
        raise RouteInvalid(field_errors={"destination": ["origin and destination are the same"]})
    csr, weight = _csr(cache, g, edits, corridor, params)
    arcs = routing.shortest_path(csr, g.index[origin], g.index[destination])
    if arcs is None:
        raise NoRoute(origin=origin, destination=destination, by=f" ({corridor})" if corridor else "")
    result: dict[str, Any] = {
        "origin": origin,
        "destination": destination,
        "corridor": corridor,
        "params": params.as_dict(),
        "revision": cache.revision,
        "best": _summary(g, arcs, params, weight),
    }
    if alternatives:
        active = g.corridor_mask[corridor] if corridor else None
        paths = routing.k_shortest_paths(g, weight, g.index[origin], g.index[destination], alternatives, active)
        options = [_summary(g, p, params, weight) for p in paths]
        front = routing.pareto([(o["days_mean"], o["cost_usd_per_teu"], o["co2_kg_per_teu"]) for o in options])
        for i, option in enumerate(options):
            option["pareto"] = i in front
        result["alternatives"] = options
    return result


def _demands(g: Graph, scenario: Scenario) -> list[flows.Demand]:
    out = []
    for d in scenario.demands:
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


def flow_compute(
    *, scenario: Scenario, edits: tuple[Edit, ...] = (), params: routing.Params | None = None
) -> dict[str, Any]:
    params = params or routing.Params()
    cache = _loaded()
    g = graph(edits, cache)
    try:
        res = flows.solve(
            g,
            _demands(g, scenario),
            value_of_time_usd_per_t_h=params.value_of_time_usd_per_teu_h / params.tonnes_per_teu,
            carbon_price_usd_per_t_co2=params.carbon_price_usd_per_t_co2,
            unserved_penalty=UNSERVED_PENALTY_USD_PER_T if scenario.allow_unserved else None,
        )
    except flows.FlowError as exc:
        raise FlowInfeasible(what=exc.what, where=exc.where or scenario.key) from exc
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
        for d, u in zip(scenario.demands, res.unserved, strict=False)
        if u > 0.5
    ]
    return {
        "scenario": scenario.key,
        "year": scenario.year,
        "confidence": scenario.confidence,
        "source": scenario.source,
        "revision": cache.revision,
        "objective_usd": round(res.objective),
        "arcs": arcs,
        "bottlenecks": bottlenecks,
        "unserved": unserved,
    }


def scenarios_visible(viewer: Any) -> QuerySet[Scenario]:
    qs = Scenario.objects.all()
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        return qs.filter(Q(shared=True) | Q(author=viewer))
    return qs.filter(shared=True)


def scenario_list(*, viewer: Any) -> QuerySet[Scenario]:
    return scenarios_visible(viewer).order_by("year", "key")


def scenario_get(*, viewer: Any, key: str) -> Scenario:
    found = scenarios_visible(viewer).filter(key=key).first()
    if found is None:
        raise ScenarioNotFound()
    return found
