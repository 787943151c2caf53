"""The network as rows and as a compiled array graph, kept per process and per network revision.

Every request that routes or solves a flow reads the stored revision number in one cheap query (a bare SQL row,
no ORM) and rebuilds its compiled graph only when that number moved, so several processes and servers stay
coherent with no message between them. What is built from the graph (the compact graph per weight vector, route
answers, time distributions) lives in the same per-revision cache and goes with it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import connection

from sco.corridors import network, routing
from sco.corridors.errors import EdgeNotFound
from sco.corridors.models import Edge, NetworkRevision, Node
from sco.corridors.network import EdgeRow, Edit, Graph, NodeRow

_REVISION_SQL = f"SELECT number FROM {NetworkRevision._meta.db_table} WHERE id = 1"  # noqa: S608  our own table


def revision() -> int:
    """The stored network revision (0 before the first write): one row by primary key."""
    with connection.cursor() as cursor:
        cursor.execute(_REVISION_SQL)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


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


class Memo:
    """A bounded map, oldest out first: answers computed from one revision's graph."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        return self._items.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class Compiled:
    """One network revision as this process holds it."""

    revision: int = -1
    nodes: list[NodeRow] = field(default_factory=list)
    edges: list[EdgeRow] = field(default_factory=list)
    graphs: dict[tuple[Edit, ...], Graph] = field(default_factory=dict)
    csrs: Memo = field(default_factory=lambda: Memo(256))
    answers: Memo = field(default_factory=lambda: Memo(2048))
    times: Memo = field(default_factory=lambda: Memo(4096))
    weights: Memo = field(default_factory=lambda: Memo(256))


_cache = Compiled()
_lock = threading.Lock()


def loaded() -> Compiled:
    """The network for the stored revision: one query when nothing changed, a rebuild when it did."""
    global _cache
    current = revision()
    if current != _cache.revision:
        with _lock:
            if current != _cache.revision:
                nodes, edges = network_rows(include_planned=True)
                _cache = Compiled(revision=current, nodes=nodes, edges=edges)
    return _cache


def forget_cache() -> None:
    global _cache
    _cache = Compiled()


def graph(edits: tuple[Edit, ...] = (), cache: Compiled | None = None) -> Graph:
    cache = cache or loaded()
    found = cache.graphs.get(edits)
    if found is None:
        found = network.compile_graph(cache.nodes, network.apply_edits(cache.edges, edits))
        cache.graphs[edits] = found
    return found


def nodes_by_id() -> dict[str, NodeRow]:
    return {n.id: n for n in loaded().nodes}


def weight(cache: Compiled, g: Graph, edits: tuple[Edit, ...], params: routing.Params) -> npt.NDArray[np.float64]:
    key = (edits, tuple(params.as_dict().values()))
    found: npt.NDArray[np.float64] | None = cache.weights.get(key)
    if found is None:
        found = routing.generalised_cost(g, params)
        cache.weights.put(key, found)
    return found


def csr(
    cache: Compiled, g: Graph, edits: tuple[Edit, ...], corridor: str, params: routing.Params
) -> tuple[routing.Csr, npt.NDArray[np.float64]]:
    w = weight(cache, g, edits, params)
    key = (edits, corridor, tuple(params.as_dict().values()))
    found: routing.Csr | None = cache.csrs.get(key)
    if found is None:
        active = g.corridor_mask[corridor] if corridor else None
        found = routing.build_csr(g.n_nodes, g.tail, g.head, w, active)
        cache.csrs.put(key, found)
    return found, w


def time_quantiles(cache: Compiled, g: Graph, edits: tuple[Edit, ...], arcs: list[int]) -> tuple[float, float]:
    """Door-to-door hours, median and 95th percentile, of a path (seeded simulation, kept per revision)."""
    key = (edits, tuple(arcs))
    found: tuple[float, float] | None = cache.times.get(key)
    if found is None:
        found = routing.time_quantiles(g, arcs)
        cache.times.put(key, found)
    return found


def edge_get(*, code: str) -> Edge:
    """One edge by its id, with its ends; an unknown id is a 404."""
    found = Edge.objects.select_related("source", "target").filter(code=code).first()
    if found is None:
        raise EdgeNotFound(code=code)
    return found
