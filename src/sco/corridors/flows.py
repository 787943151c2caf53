"""Min-cost flow as a linear programme on SciPy's HiGHS, with the duals of the capacity constraints.

Demand is grouped by origin (one commodity per origin), so tonnes leaving Xi'an arrive at Xi'an's destinations
and not at another origin's. With a single commodity the capacities are variable bounds (duals from
``res.upper.marginals``); with several they are shared rows ``sum_k x_k,a <= cap_a`` (``res.ineqlin.marginals``).
A shadow price is what one more tonne a year of capacity on that arc would save, in the objective's units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from sco.corridors.network import Graph

SATURATION = 1 - 1e-6


class FlowError(Exception):
    """Why there is no flow: ``code`` is stable (the callers say it in words), ``what`` its English gist, ``where``
    the hubs it concerns."""

    def __init__(self, what: str, where: str = "", code: str = "solver"):
        self.what, self.where, self.code = what, where, code
        super().__init__(f"{where}: {what}" if where else what)


class CapacityShort(FlowError):
    """The capacities cannot carry the demand: which demands fall short (index, tonnes short, tonnes asked) and the
    arcs that are full when as much as possible is carried, dearest first."""

    def __init__(self, short: list[tuple[int, float, float]], saturated: list[int]):
        self.short, self.saturated = short, saturated
        super().__init__("the demand cannot be carried within the capacities", code="capacity")


@dataclass(frozen=True)
class Demand:
    """Tonnes a year from one node to another; ``allowed`` (a bool per arc) keeps it on one corridor."""

    origin: int
    destination: int
    tonnes: float
    allowed: np.ndarray | None = None
    group: str = ""  # demands with the same origin and group share a commodity


@dataclass
class FlowResult:
    flow: np.ndarray  # tonnes a year on each arc
    shadow_price: np.ndarray  # per tonne of capacity a year, >= 0
    saturated: np.ndarray  # bool per arc
    objective: float
    unserved: np.ndarray  # tonnes a year of each demand that no route could carry

    def bottlenecks(self) -> list[int]:
        """Saturated arcs, dearest first."""
        arcs = np.flatnonzero(self.saturated)
        return [int(a) for a in arcs[np.argsort(-self.shadow_price[arcs], kind="stable")]]


def _incidence(n: int, tail: np.ndarray, head: np.ndarray) -> sparse.csr_matrix:
    m = tail.shape[0]
    rows = np.concatenate([tail, head])
    cols = np.concatenate([np.arange(m), np.arange(m)])
    vals = np.concatenate([np.ones(m), -np.ones(m)])
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, m))


def min_cost_flow(
    n: int,
    tail: np.ndarray,
    head: np.ndarray,
    unit_cost: np.ndarray,
    capacity: np.ndarray,
    demands: Sequence[Demand],
    *,
    unserved_penalty: float | None = None,
    pooled: bool = False,
) -> FlowResult:
    """``pooled``: one commodity for all demands, only the node balances count (what networkx's network simplex
    solves; tonnes may then reach another origin's destination). With ``unserved_penalty`` (per tonne) each demand
    may leave tonnes uncarried at that price instead of being infeasible; without it, demand that the capacities
    cannot carry raises ``FlowError``."""
    m = tail.shape[0]
    if not demands:
        return FlowResult(np.zeros(m), np.zeros(m), np.zeros(m, dtype=bool), 0.0, np.zeros(0))

    def key(d: Demand) -> tuple[int, str]:
        return (-1, "") if pooled else (d.origin, d.group)

    keys: list[tuple[int, str]] = []
    for d in demands:
        if key(d) not in keys:
            keys.append(key(d))
    k = len(keys)
    incidence = _incidence(n, tail, head)
    finite = np.isfinite(capacity)
    blocks, costs, uppers, b_eq = [], [], [], []
    slack_of: list[tuple[int, int]] = []  # (demand index, column)
    column = 0
    for commodity in keys:
        members = [i for i, d in enumerate(demands) if key(d) == commodity]
        supply = np.zeros(n)
        allowed = np.ones(m, dtype=bool)
        for i in members:
            d = demands[i]
            supply[d.origin] += d.tonnes
            supply[d.destination] -= d.tonnes
            if d.allowed is not None:
                allowed = d.allowed
        upper = np.where(allowed, np.where(finite, capacity, np.inf) if k == 1 else np.inf, 0.0)
        block = incidence
        cost = unit_cost
        column += m
        if unserved_penalty is not None:
            rows = np.array([demands[i].origin for i in members] + [demands[i].destination for i in members])
            cols = np.tile(np.arange(len(members)), 2)
            vals = np.concatenate([np.ones(len(members)), -np.ones(len(members))])
            slack = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(members)))
            block = sparse.hstack([incidence, slack], format="csr")
            cost = np.concatenate([unit_cost, np.full(len(members), unserved_penalty)])
            upper = np.concatenate([upper, np.full(len(members), np.inf)])
            slack_of.extend((i, column + j) for j, i in enumerate(members))
            column += len(members)
        blocks.append(block)
        costs.append(cost)
        uppers.append(upper)
        b_eq.append(supply)
    a_eq = sparse.block_diag(blocks, format="csr")
    bounds = np.column_stack([np.zeros(column), np.concatenate(uppers)])
    arc_cols = _arc_columns(blocks, m)
    capped = np.flatnonzero(finite)
    a_ub = None
    if k > 1 and capped.size:
        rows = np.concatenate([np.arange(capped.size)] * k)
        cols = np.concatenate([start + capped for start in arc_cols])
        a_ub = sparse.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(capped.size, column))
    res = linprog(
        np.concatenate(costs),
        A_ub=a_ub,
        b_ub=capacity[capped] if a_ub is not None else None,
        A_eq=a_eq,
        b_eq=np.concatenate(b_eq),
        bounds=bounds,
        # Dual simplex without presolve: on network LPs HiGHS's presolve costs far more than it saves (measured
        # in bench/bench_corridors.py: ~15x on a 30,000-arc graph).
        method="highs-ds",
        options={"presolve": False},
    )
    _check(res)
    x = np.asarray(res.x)
    flow = np.sum([x[start : start + m] for start in arc_cols], axis=0)
    prices = np.zeros(m)
    if k == 1:
        prices = -np.asarray(res.upper.marginals)[arc_cols[0] : arc_cols[0] + m]
    elif a_ub is not None:
        prices[capped] = -np.asarray(res.ineqlin.marginals)
    prices = np.where(np.abs(prices) < 1e-9, 0.0, prices)
    unserved = np.zeros(len(demands))
    for i, col in slack_of:
        unserved[i] += x[col]
    saturated = finite & (capacity > 0) & (flow >= capacity * SATURATION) & (prices > 0)
    return FlowResult(flow, prices, saturated, float(res.fun), unserved)


def _arc_columns(blocks: list[sparse.csr_matrix], m: int) -> list[int]:
    starts, at = [], 0
    for block in blocks:
        starts.append(at)
        at += block.shape[1]
    return starts


def _check(res: object) -> None:
    status = getattr(res, "status", 4)
    if status == 2:
        raise FlowError("the demand cannot be carried within the capacities", code="capacity")
    if status != 0:
        raise FlowError(f"the solver stopped: {getattr(res, 'message', '')}")


def unit_cost_per_tonne(
    graph: Graph, *, value_of_time_usd_per_t_h: float, carbon_price_usd_per_t_co2: float
) -> np.ndarray:
    """Generalised cost per tonne on each arc (tariff + value of time + carbon)."""
    carbon = graph.co2 * graph.km / 1e6 * carbon_price_usd_per_t_co2
    return np.asarray(graph.cost_t + value_of_time_usd_per_t_h * graph.t_mean + carbon, dtype=np.float64)


def solve(
    graph: Graph,
    demands: Sequence[Demand],
    *,
    value_of_time_usd_per_t_h: float,
    carbon_price_usd_per_t_co2: float,
    unserved_penalty: float | None = None,
) -> FlowResult:
    """The min-cost flow of ``demands`` on ``graph``; a pair that no route joins is named before the solver runs."""
    from sco.corridors.routing import build_csr, shortest_path

    for d in demands:
        where = f"{graph.node_ids[d.origin]} -> {graph.node_ids[d.destination]}"
        if not d.tonnes >= 0:
            raise FlowError("demand must be zero or more", where, code="negative")
        if d.origin == d.destination:
            raise FlowError("origin and destination are the same", where, code="same")
        csr = build_csr(graph.n_nodes, graph.tail, graph.head, np.ones(graph.n_arcs), d.allowed)
        if shortest_path(csr, d.origin, d.destination) is None:
            raise FlowError("no route joins these hubs", where, code="no_route")
    cost = unit_cost_per_tonne(
        graph,
        value_of_time_usd_per_t_h=value_of_time_usd_per_t_h,
        carbon_price_usd_per_t_co2=carbon_price_usd_per_t_co2,
    )
    try:
        return min_cost_flow(
            graph.n_nodes, graph.tail, graph.head, cost, graph.capacity, demands, unserved_penalty=unserved_penalty
        )
    except FlowError as exc:
        if exc.code != "capacity" or unserved_penalty is not None:
            raise
    # Say what falls short and where: carry as much as the capacities allow (each uncarried tonne dearer than any
    # route) and name the demands left short and the arcs that are then full.
    relaxed = min_cost_flow(
        graph.n_nodes,
        graph.tail,
        graph.head,
        cost,
        graph.capacity,
        demands,
        unserved_penalty=float(np.sum(np.abs(cost)) + 1.0),
    )
    short = [(i, float(u), float(demands[i].tonnes)) for i, u in enumerate(relaxed.unserved) if u > 0.5]
    raise CapacityShort(short, relaxed.bottlenecks())
