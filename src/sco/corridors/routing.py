"""Routes on the array graph: generalised cost, shortest path (SciPy csgraph), k-shortest paths (Yen) and their
Pareto set over time, cost and CO2, and door-to-door time as a distribution (seeded simulation)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from sco.corridors.network import Graph

# csgraph reads a stored zero as "no arc" in some paths; a tiny floor keeps free arcs usable.
_FLOOR = 1e-9
_Z95 = 1.6448536269514722


@dataclass(frozen=True)
class Params:
    """Generalised cost per TEU = money + value of time x hours + reliability weight x value of time x (p95 - mean)
    + carbon price x CO2. Defaults are model estimates: the value of time follows EDB (2024) "one day of delivery is
    about 0.8 % of the goods' value" with an assumed US$50,000 of goods per TEU; 10 t per TEU is assumed."""

    value_of_time_usd_per_teu_h: float = 0.008 * 50_000 / 24
    reliability_weight: float = 0.5
    carbon_price_usd_per_t_co2: float = 50.0
    tonnes_per_teu: float = 10.0

    def as_dict(self) -> dict[str, float]:
        return {
            "value_of_time_usd_per_teu_h": self.value_of_time_usd_per_teu_h,
            "reliability_weight": self.reliability_weight,
            "carbon_price_usd_per_t_co2": self.carbon_price_usd_per_t_co2,
            "tonnes_per_teu": self.tonnes_per_teu,
        }


def arc_co2_kg_per_teu(graph: Graph, params: Params) -> np.ndarray:
    return np.asarray(graph.co2 * graph.km * params.tonnes_per_teu / 1000.0, dtype=np.float64)


def generalised_cost(graph: Graph, params: Params) -> np.ndarray:
    vot = params.value_of_time_usd_per_teu_h
    carbon = arc_co2_kg_per_teu(graph, params) / 1000.0 * params.carbon_price_usd_per_t_co2
    spread = np.maximum(graph.t_p95 - graph.t_mean, 0.0)
    total = graph.cost_teu + vot * graph.t_mean + params.reliability_weight * vot * spread + carbon
    return np.asarray(total, dtype=np.float64)


@dataclass
class Csr:
    """One compact graph for a weight vector: parallel arcs reduced to the cheapest; ``arc`` maps each stored
    entry back to its arc."""

    matrix: csr_matrix
    arc: np.ndarray
    _reverse: Csr | None = None
    _typical: float | None = None

    def typical(self) -> float:
        """A typical arc's weight (the median), computed once: where a bidirectional search starts."""
        if self._typical is None:
            self._typical = float(np.median(self.matrix.data)) if self.matrix.data.size else 1.0
        return self._typical

    def reverse(self) -> Csr:
        """The same arcs turned round (for the backward half of a bidirectional search), built once."""
        if self._reverse is None:
            n = self.matrix.shape[0]
            tails = np.repeat(np.arange(n), np.diff(self.matrix.indptr))
            heads = self.matrix.indices
            order = np.lexsort((tails, heads))
            indptr = np.zeros(n + 1, dtype=np.int32)
            np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
            matrix = csr_matrix((self.matrix.data[order], tails[order].astype(np.int32), indptr), shape=(n, n))
            self._reverse = Csr(matrix, self.arc[order])
        return self._reverse


def build_csr(n: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray, active: np.ndarray | None = None) -> Csr:
    arcs = np.arange(tail.shape[0]) if active is None else np.flatnonzero(active)
    order = np.lexsort((weight[arcs], head[arcs], tail[arcs]))
    arcs = arcs[order]
    t, h = tail[arcs], head[arcs]
    keep = np.ones(arcs.shape[0], dtype=bool)
    keep[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
    arcs, t, h = arcs[keep], t[keep], h[keep]
    # int32 indices, as csgraph works in: otherwise every search converts (copies) the whole graph first.
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(t, minlength=n), out=indptr[1:])
    data = np.maximum(weight[arcs], _FLOOR).astype(np.float64)
    return Csr(csr_matrix((data, h.astype(np.int32), indptr), shape=(n, n)), arcs)


def _arc_between(csr: Csr, u: int, v: int) -> int:
    start, end = csr.matrix.indptr[u], csr.matrix.indptr[u + 1]
    pos = start + int(np.searchsorted(csr.matrix.indices[start:end], v))
    return int(csr.arc[pos])


def shortest_path(csr: Csr, source: int, target: int) -> list[int] | None:
    """The arcs of the cheapest path, or None when the target cannot be reached."""
    dist, pred = dijkstra(csr.matrix, directed=True, indices=source, return_predecessors=True)
    if not math.isfinite(dist[target]):
        return None
    nodes = [target]
    while nodes[-1] != source:
        nodes.append(int(pred[nodes[-1]]))
    nodes.reverse()
    return [_arc_between(csr, u, v) for u, v in itertools.pairwise(nodes)]


def _arcs_from(matrix: csr_matrix, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``matrix`` of every arc leaving ``nodes``, and each one's tail."""
    starts = matrix.indptr[nodes]
    counts = matrix.indptr[nodes + 1] - starts
    total = int(counts.sum())
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return np.arange(total) + offsets, np.repeat(nodes, counts)


def bidirectional_path(csr: Csr, source: int, target: int) -> list[int] | None:
    """Point-to-point: two csgraph searches, from the source and (on the reversed arcs) from the target, each cut
    at radius r, r doubling until an arc (u, v) with d_s(u) + w + d_t(v) <= 2r joins the balls. Then that sum is
    the shortest distance: on a shortest path of length D <= 2r, the arc leaving the last node within r of the
    source enters a node within r of the target. Each search stops at its radius, so only two small balls are
    explored instead of the whole graph."""
    if source == target:
        return []
    back = csr.reverse()
    data = csr.matrix.data
    # Start small (a typical arc); the first arc that joins the two balls then gives the radius that is enough.
    radius = csr.typical()
    while True:
        ds, ps = dijkstra(csr.matrix, directed=True, indices=source, return_predecessors=True, limit=radius)
        dt, pt = dijkstra(back.matrix, directed=True, indices=target, return_predecessors=True, limit=radius)
        inside = np.flatnonzero(np.isfinite(ds))
        positions, tails = _arcs_from(csr.matrix, inside)
        heads = csr.matrix.indices[positions]
        if np.isfinite(ds[heads]).all():  # the search from the source reached everything it can: ds is exact
            return None if not np.isfinite(ds[target]) else _walk(csr, ps, source, target)
        back_positions, _ = _arcs_from(back.matrix, np.flatnonzero(np.isfinite(dt)))
        if np.isfinite(dt[back.matrix.indices[back_positions]]).all():
            if not np.isfinite(dt[source]):
                return None
            nodes = [source]
            while nodes[-1] != target:
                nodes.append(int(pt[nodes[-1]]))
            return [_arc_between(csr, x, y) for x, y in itertools.pairwise(nodes)]
        total = ds[tails] + data[positions] + dt[heads]
        best = int(np.argmin(total)) if total.size else -1
        if best >= 0 and total[best] <= 2 * radius:
            break
        # A joining arc bounds the distance from above: half of it is a radius that is sure to be enough.
        radius = float(total[best]) / 2 if best >= 0 and np.isfinite(total[best]) else radius * 2
    u, v = int(tails[best]), int(heads[best])
    forward = [u]
    while forward[-1] != source:
        forward.append(int(ps[forward[-1]]))
    forward.reverse()
    backward = [v]
    while backward[-1] != target:
        backward.append(int(pt[backward[-1]]))
    nodes = forward + backward
    return [_arc_between(csr, a, b) for a, b in itertools.pairwise(nodes)]


def _walk(csr: Csr, pred: np.ndarray, source: int, target: int) -> list[int]:
    nodes = [target]
    while nodes[-1] != source:
        nodes.append(int(pred[nodes[-1]]))
    nodes.reverse()
    return [_arc_between(csr, a, b) for a, b in itertools.pairwise(nodes)]


def k_shortest_paths(
    graph: Graph, weight: np.ndarray, source: int, target: int, k: int, active: np.ndarray | None = None
) -> list[list[int]]:
    """Yen's algorithm over csgraph: up to ``k`` loopless paths in order of cost."""
    base = np.ones(graph.n_arcs, dtype=bool) if active is None else active.copy()
    first = shortest_path(build_csr(graph.n_nodes, graph.tail, graph.head, weight, base), source, target)
    if first is None:
        return []
    found: list[list[int]] = [first]
    candidates: list[tuple[float, list[int]]] = []
    while len(found) < k:
        previous = found[-1]
        prev_nodes = [source] + [int(graph.head[a]) for a in previous]
        for i in range(len(previous)):
            spur = prev_nodes[i]
            root = previous[:i]
            mask = base.copy()
            for path in found:
                if path[:i] == root and len(path) > i:
                    mask[path[i]] = False
            for node in prev_nodes[:i]:
                mask[graph.tail == node] = False
                mask[graph.head == node] = False
            rest = shortest_path(build_csr(graph.n_nodes, graph.tail, graph.head, weight, mask), spur, target)
            if rest is None:
                continue
            path = root + rest
            if path not in found and all(path != c[1] for c in candidates):
                candidates.append((float(weight[path].sum()), path))
        if not candidates:
            break
        candidates.sort(key=lambda c: c[0])
        found.append(candidates.pop(0)[1])
    return found


def pareto(points: list[tuple[float, float, float]]) -> list[int]:
    """Indices of the points no other point beats on all three (time, cost, CO2) while being better on one."""
    keep = []
    for i, p in enumerate(points):
        dominated = any(
            all(q[j] <= p[j] for j in range(3)) and any(q[j] < p[j] for j in range(3))
            for m, q in enumerate(points)
            if m != i
        )
        if not dominated:
            keep.append(i)
    return keep


def lognormal_sigma(mean: np.ndarray, p95: np.ndarray) -> np.ndarray:
    """The log-normal spread whose mean and 95th percentile are the arc's: ln(p95/mean) = z s - s^2/2, the smaller
    root; ratios past what a log-normal can hold are capped."""
    ratio = np.where(mean > 0, np.maximum(p95, mean) / np.where(mean > 0, mean, 1.0), 1.0)
    c = np.minimum(np.log(ratio), _Z95**2 / 2 - 1e-9)
    return _Z95 - np.sqrt(_Z95**2 - 2 * c)


def simulate_time(graph: Graph, arcs: list[int], *, samples: int = 4000, seed: int = 20240704) -> np.ndarray:
    """Door-to-door hours for ``samples`` seeded draws, each arc log-normal with its mean and p95, independent."""
    if not arcs:
        return np.zeros(samples)
    mean = graph.t_mean[arcs]
    sigma = lognormal_sigma(mean, graph.t_p95[arcs])
    mu = np.log(np.maximum(mean, 1e-12)) - sigma**2 / 2
    rng = np.random.default_rng(seed)
    draws = rng.standard_normal((samples, len(arcs)))
    hours = np.exp(mu + sigma * draws)
    hours[:, mean <= 0] = 0.0
    return np.asarray(hours.sum(axis=1))


@dataclass(frozen=True)
class RouteSummary:
    arcs: list[int]
    km: float
    hours_mean: float
    hours_p50: float
    hours_p95: float
    cost_usd_per_teu: float
    co2_kg_per_teu: float
    generalised_cost: float

    @property
    def days_mean(self) -> float:
        return self.hours_mean / 24

    @property
    def days_p50(self) -> float:
        return self.hours_p50 / 24

    @property
    def days_p95(self) -> float:
        return self.hours_p95 / 24


def time_quantiles(graph: Graph, arcs: list[int]) -> tuple[float, float]:
    """Door-to-door hours of a path, median and 95th percentile of the seeded simulation."""
    if not arcs:
        return 0.0, 0.0
    p50, p95 = np.percentile(simulate_time(graph, arcs), [50, 95])
    return float(p50), float(p95)


def summarise(
    graph: Graph,
    arcs: list[int],
    params: Params,
    *,
    weight: np.ndarray | None = None,
    quantiles: tuple[float, float] | None = None,
) -> RouteSummary:
    weight = generalised_cost(graph, params) if weight is None else weight
    p50, p95 = time_quantiles(graph, arcs) if quantiles is None else quantiles
    return RouteSummary(
        arcs=list(arcs),
        km=float(graph.km[arcs].sum()),
        hours_mean=float(graph.t_mean[arcs].sum()),
        hours_p50=float(p50),
        hours_p95=float(p95),
        cost_usd_per_teu=float(graph.cost_teu[arcs].sum()),
        co2_kg_per_teu=float(arc_co2_kg_per_teu(graph, params)[arcs].sum()),
        generalised_cost=float(weight[arcs].sum()),
    )
