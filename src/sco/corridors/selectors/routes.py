"""Routes on the compiled graph: the best by generalised cost with its time distribution, and the k-shortest paths
with their Pareto set. An answer is kept per network revision (routes are deterministic: the simulation is
seeded), so a route asked again costs a dictionary look-up."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import numpy.typing as npt

from sco.corridors import network, routing
from sco.corridors.errors import NodeNotFound, NoRoute, RouteInvalid
from sco.corridors.network import Edit, Graph
from sco.corridors.selectors.graphs import Compiled, csr, graph, loaded, time_quantiles


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


def _summary(
    cache: Compiled,
    g: Graph,
    edits: tuple[Edit, ...],
    arcs: list[int],
    params: routing.Params,
    weight: npt.NDArray[np.float64],
) -> dict[str, Any]:
    quantiles = time_quantiles(cache, g, edits, arcs)
    s = routing.summarise(g, arcs, params, weight=weight, quantiles=quantiles)
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


def _answer(
    *,
    origin: str,
    destination: str,
    corridor: str,
    params: routing.Params,
    edits: tuple[Edit, ...],
    alternatives: int,
) -> bytes:
    cache = loaded()
    key = (origin, destination, corridor, tuple(params.as_dict().values()), edits, alternatives)
    found: bytes | None = cache.answers.get(key)
    if found is not None:
        return found
    g = graph(edits, cache)
    for name, code in (("origin", origin), ("destination", destination)):
        if code not in g.index:
            raise NodeNotFound(code=code, field_errors={name: [f"unknown hub {code!r}"]})
    if corridor and corridor not in network.CORRIDORS:
        raise RouteInvalid(field_errors={"corridor": [f"one of {', '.join(network.CORRIDORS)}"]})
    if origin == destination:
        raise RouteInvalid(field_errors={"destination": ["origin and destination are the same"]})
    compact, weight = csr(cache, g, edits, corridor, params)
    arcs = routing.shortest_path(compact, g.index[origin], g.index[destination])
    if arcs is None:
        raise NoRoute(origin=origin, destination=destination, by=f" ({corridor})" if corridor else "")
    result: dict[str, Any] = {
        "origin": origin,
        "destination": destination,
        "corridor": corridor,
        "params": params.as_dict(),
        "revision": cache.revision,
        "best": _summary(cache, g, edits, arcs, params, weight),
    }
    if alternatives:
        active = g.corridor_mask[corridor] if corridor else None
        paths = routing.k_shortest_paths(g, weight, g.index[origin], g.index[destination], alternatives, active)
        options = [_summary(cache, g, edits, p, params, weight) for p in paths]
        front = routing.pareto([(o["days_mean"], o["cost_usd_per_teu"], o["co2_kg_per_teu"]) for o in options])
        for i, option in enumerate(options):
            option["pareto"] = i in front
        result["alternatives"] = options
    found = json.dumps(result, ensure_ascii=False).encode()
    cache.answers.put(key, found)
    return found


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
    k-shortest paths with the Pareto set over time, cost and CO2 among them. A fresh copy: the caller may change
    it."""
    encoded = _answer(
        origin=origin,
        destination=destination,
        corridor=corridor,
        params=params or routing.Params(),
        edits=edits,
        alternatives=alternatives,
    )
    copied: dict[str, Any] = json.loads(encoded)
    return copied


def route_json(
    *,
    origin: str,
    destination: str,
    corridor: str = "",
    params: routing.Params | None = None,
    alternatives: int = 0,
) -> bytes:
    """The same answer as ``route``, already encoded as JSON: what the API sends."""
    return _answer(
        origin=origin,
        destination=destination,
        corridor=corridor,
        params=params or routing.Params(),
        edits=(),
        alternatives=alternatives,
    )
