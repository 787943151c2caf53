"""The corridor network as plain rows and as a compact array graph (no Django here).

Rows come from the database, a CSV file or a GeoJSON file; ``validate`` says what is wrong and where, and
``compile_graph`` turns valid rows (after a project's edits) into numpy arrays that routing and flows work on.
A two-way edge gives two arcs with the same figures; each arc has its own capacity (one direction's capacity).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

MODES = ("rail", "road", "ferry", "sea", "dwell")
NODE_KINDS = ("hub", "junction", "border", "gauge", "port")
CONFIDENCE = ("sourced", "estimate")
CORRIDORS = ("MC", "NR", "NS")  # Middle Corridor, Northern route, North-South
EDIT_KINDS = ("capacity_factor", "time_minus_h", "cost_minus_usd_per_teu", "new_edge")


@dataclass(frozen=True)
class NodeRow:
    id: str
    name_en: str
    country: str
    kind: str
    lon: float
    lat: float
    name_ru: str = ""
    name_zh: str = ""
    gauge: int = 0
    note: str = ""


@dataclass(frozen=True)
class EdgeRow:
    id: str
    source: str
    target: str
    mode: str
    km: float
    time_h_mean: float
    time_h_p95: float
    cost_usd_per_teu: float
    cost_usd_per_t: float
    capacity_t_per_year: float | None
    co2_g_per_tkm: float
    two_way: bool = True
    planned: bool = False
    corridors: tuple[str, ...] = ()
    source_text: str = ""
    confidence: str = "estimate"
    note: str = ""


@dataclass(frozen=True)
class Edit:
    """A project's change to one edge: capacity x k, time -h, cost -c per TEU, or a planned edge brought in."""

    kind: str
    edge_id: str
    value: float = 0.0


# The largest value each kind of edit takes: a factor beyond x100 or a cut of 10,000 hours or US$ is a typing slip.
EDIT_MAX_FACTOR = 100.0
EDIT_MAX_MINUS = 10_000.0


def edit_problems(kind: str, value: Any, planned: bool | None) -> tuple[float, dict[str, str]]:
    """The value as a number and what is wrong with an edit: a stable code by field (the services say it in words);
    ``planned`` is None when the edge is unknown. Codes: unknown_edge, unknown_kind, not_a_number, factor_range,
    minus_range, not_planned."""
    errors: dict[str, str] = {}
    if planned is None:
        errors["edge"] = "unknown_edge"
    if kind not in EDIT_KINDS:
        errors["kind"] = "unknown_kind"
    if isinstance(value, bool):
        return 0.0, {**errors, "value": "not_a_number"}
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return 0.0, {**errors, "value": "not_a_number"}
    if not math.isfinite(number):
        errors["value"] = "not_a_number"
    elif kind == "capacity_factor" and not (0 < number <= EDIT_MAX_FACTOR):
        errors["value"] = "factor_range"
    elif kind in ("time_minus_h", "cost_minus_usd_per_teu") and not (0 <= number < EDIT_MAX_MINUS):
        errors["value"] = "minus_range"
    if kind == "new_edge" and planned is False:
        errors["kind"] = "not_planned"
    return number, errors


@dataclass(frozen=True)
class Problem:
    where: str
    what: str


def _number(value: float) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def validate(nodes: Sequence[NodeRow], edges: Sequence[EdgeRow]) -> list[Problem]:
    """Every problem in a network, each naming the row it is in. An empty list means the network can be used."""
    problems: list[Problem] = []
    seen_nodes: set[str] = set()
    for node in nodes:
        where = f"node {node.id or '?'}"
        if not node.id:
            problems.append(Problem(where, "the id is empty"))
        if node.id in seen_nodes:
            problems.append(Problem(where, "the id appears twice"))
        seen_nodes.add(node.id)
        if node.kind not in NODE_KINDS:
            problems.append(Problem(where, f"unknown kind {node.kind!r} (one of {', '.join(NODE_KINDS)})"))
        if len(node.country) != 2:
            problems.append(Problem(where, "the country must be an ISO 3166-1 alpha-2 code"))
        if not (_number(node.lon) and _number(node.lat) and -180 <= node.lon <= 180 and -90 <= node.lat <= 90):
            problems.append(Problem(where, "longitude and latitude must be degrees"))
    seen_edges: set[str] = set()
    for edge in edges:
        where = f"edge {edge.id or '?'}"
        if not edge.id:
            problems.append(Problem(where, "the id is empty"))
        if edge.id in seen_edges:
            problems.append(Problem(where, "the id appears twice"))
        seen_edges.add(edge.id)
        for end in (edge.source, edge.target):
            if end not in seen_nodes:
                problems.append(Problem(where, f"dangling edge: node {end!r} does not exist"))
        if edge.source == edge.target:
            problems.append(Problem(where, "the edge starts and ends at the same node"))
        if edge.mode not in MODES:
            problems.append(Problem(where, f"unknown mode {edge.mode!r} (one of {', '.join(MODES)})"))
        if edge.confidence not in CONFIDENCE:
            problems.append(Problem(where, "confidence must be 'sourced' or 'estimate'"))
        for name in ("km", "time_h_mean", "time_h_p95", "cost_usd_per_teu", "cost_usd_per_t", "co2_g_per_tkm"):
            value = getattr(edge, name)
            if not _number(value) or value < 0:
                problems.append(Problem(where, f"{name} must be a number of zero or more"))
        cap = edge.capacity_t_per_year
        if cap is not None and (not _number(cap) or cap < 0):
            problems.append(Problem(where, "capacity_t_per_year must be zero or more (empty: unlimited)"))
        if _number(edge.time_h_mean) and _number(edge.time_h_p95) and edge.time_h_p95 < edge.time_h_mean:
            problems.append(Problem(where, "time_h_p95 is below time_h_mean"))
        unknown = [c for c in edge.corridors if c not in CORRIDORS]
        if unknown:
            problems.append(Problem(where, f"unknown corridor {unknown[0]!r} (one of {', '.join(CORRIDORS)})"))
        if not edge.source_text.strip():
            problems.append(Problem(where, "every figure needs its source"))
    if not problems:
        problems.extend(_zero_cost_cycles(edges))
    return problems


def _free(edge: EdgeRow) -> bool:
    return edge.time_h_mean == 0 and edge.cost_usd_per_teu == 0 and edge.cost_usd_per_t == 0 and edge.km == 0


def _zero_cost_cycles(edges: Sequence[EdgeRow]) -> list[Problem]:
    """A cycle of edges that cost nothing (no time, no money, no distance) makes routes and flows ill-defined."""
    adjacency: dict[str, list[tuple[str, str]]] = {}
    for edge in edges:
        if _free(edge):
            adjacency.setdefault(edge.source, []).append((edge.target, edge.id))
            if edge.two_way:
                adjacency.setdefault(edge.target, []).append((edge.source, edge.id))
    colour: dict[str, int] = {}
    for start in adjacency:
        if colour.get(start):
            continue
        stack: list[tuple[str, Iterable[tuple[str, str]]]] = [(start, iter(adjacency.get(start, [])))]
        colour[start] = 1
        while stack:
            node, children = stack[-1]
            for child, edge_id in children:
                if colour.get(child) == 1:
                    return [Problem(f"edge {edge_id}", "closes a cycle of zero cost (no time, money or distance)")]
                if not colour.get(child):
                    colour[child] = 1
                    stack.append((child, iter(adjacency.get(child, []))))
                    break
            else:
                colour[node] = 2
                stack.pop()
    return []


def apply_edits(edges: Sequence[EdgeRow], edits: Iterable[Edit]) -> list[EdgeRow]:
    """The edges as a project changes them. Planned edges take part only when an edit brings them in."""
    by_id = {e.id: e for e in edges}
    brought_in: set[str] = set()
    for edit in edits:
        edge = by_id.get(edit.edge_id)
        if edge is None:
            continue
        if edit.kind == "capacity_factor" and edge.capacity_t_per_year is not None:
            edge = replace(edge, capacity_t_per_year=edge.capacity_t_per_year * edit.value)
        elif edit.kind == "time_minus_h":
            mean = max(edge.time_h_mean - edit.value, 0.1)
            edge = replace(edge, time_h_mean=mean, time_h_p95=max(edge.time_h_p95 - edit.value, mean))
        elif edit.kind == "cost_minus_usd_per_teu":
            teu = max(edge.cost_usd_per_teu - edit.value, 0.0)
            ratio = teu / edge.cost_usd_per_teu if edge.cost_usd_per_teu else 1.0
            edge = replace(edge, cost_usd_per_teu=teu, cost_usd_per_t=edge.cost_usd_per_t * ratio)
        elif edit.kind == "new_edge":
            brought_in.add(edge.id)
        by_id[edge.id] = edge
    return [e for e in by_id.values() if not e.planned or e.id in brought_in]


@dataclass
class Graph:
    """Arcs as parallel numpy arrays; ``arc_edge[i]`` is the index of the edge row arc ``i`` comes from."""

    node_ids: list[str]
    index: dict[str, int]
    edges: list[EdgeRow]
    tail: np.ndarray
    head: np.ndarray
    arc_edge: np.ndarray
    km: np.ndarray
    t_mean: np.ndarray
    t_p95: np.ndarray
    cost_teu: np.ndarray
    cost_t: np.ndarray
    capacity: np.ndarray  # tonnes a year; inf when unlimited
    co2: np.ndarray  # g per tonne-km
    corridor_mask: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        return len(self.node_ids)

    @property
    def n_arcs(self) -> int:
        return int(self.tail.shape[0])

    def arc_label(self, arc: int) -> str:
        edge = self.edges[int(self.arc_edge[arc])]
        forward = self.node_ids[int(self.tail[arc])] == edge.source
        return edge.id if forward else f"{edge.id} (reverse)"


def compile_graph(nodes: Sequence[NodeRow], edges: Sequence[EdgeRow]) -> Graph:
    node_ids = [n.id for n in nodes]
    index = {nid: i for i, nid in enumerate(node_ids)}
    rows: list[tuple[int, int, int]] = []
    for k, edge in enumerate(edges):
        rows.append((index[edge.source], index[edge.target], k))
        if edge.two_way:
            rows.append((index[edge.target], index[edge.source], k))
    arr = np.array(rows, dtype=np.int64).reshape(-1, 3)
    arc_edge = arr[:, 2]

    def column(name: str) -> np.ndarray:
        return np.array([float(getattr(edges[k], name)) for k in arc_edge], dtype=np.float64)

    capacity = np.array(
        [math.inf if edges[k].capacity_t_per_year is None else float(edges[k].capacity_t_per_year) for k in arc_edge]
    )
    masks = {c: np.array([c in edges[k].corridors for k in arc_edge], dtype=bool) for c in CORRIDORS}
    return Graph(
        node_ids=node_ids,
        index=index,
        edges=list(edges),
        tail=arr[:, 0].copy(),
        head=arr[:, 1].copy(),
        arc_edge=arc_edge.copy(),
        km=column("km"),
        t_mean=column("time_h_mean"),
        t_p95=column("time_h_p95"),
        cost_teu=column("cost_usd_per_teu"),
        cost_t=column("cost_usd_per_t"),
        capacity=capacity,
        co2=column("co2_g_per_tkm"),
        corridor_mask=masks,
    )


def as_dict(row: Any) -> dict[str, Any]:
    return {f: getattr(row, f) for f in row.__dataclass_fields__}
