"""Min-cost flow on HiGHS: the same cost as networkx's network simplex, duals on saturated arcs, and infeasible
demand named."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sco.corridors import flows


def _diamond() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # 0 -> 1 -> 3 is cheap but narrow; 0 -> 2 -> 3 is dear and wide.
    tail = np.array([0, 1, 0, 2])
    head = np.array([1, 3, 2, 3])
    cost = np.array([1.0, 1.0, 4.0, 4.0])
    cap = np.array([5.0, np.inf, 100.0, 100.0])
    return tail, head, cost, cap


def test_the_cheap_arc_saturates_and_its_shadow_price_is_the_saving() -> None:
    tail, head, cost, cap = _diamond()
    res = flows.min_cost_flow(4, tail, head, cost, cap, [flows.Demand(0, 3, 8)])
    assert res.flow.tolist() == [5, 5, 3, 3]
    assert res.saturated.tolist() == [True, False, False, False]
    assert res.shadow_price[0] == pytest.approx(6.0)  # one more unit on the cheap path saves 8 - 2
    assert res.bottlenecks() == [0]


def test_several_origins_share_the_capacity_and_give_the_same_duals() -> None:
    tail, head, cost, cap = _diamond()
    tail = np.append(tail, 4)
    head = np.append(head, 0)
    cost = np.append(cost, 0.5)
    cap = np.append(cap, np.inf)
    res = flows.min_cost_flow(5, tail, head, cost, cap, [flows.Demand(0, 3, 4), flows.Demand(4, 3, 4)])
    assert res.flow[0] == pytest.approx(5)
    assert res.shadow_price[0] == pytest.approx(6.0)


def test_the_cost_equals_networkx_network_simplex() -> None:
    rng = np.random.default_rng(11)
    n, m = 25, 120
    tail, head = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = tail != head
    tail, head = tail[keep], head[keep]
    cost = rng.integers(1, 20, tail.shape[0]).astype(float)
    cap = rng.integers(5, 30, tail.shape[0]).astype(float)
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(n))
    for t, h, c, u in zip(tail, head, cost, cap, strict=True):
        g.add_edge(int(t), int(h), weight=int(c), capacity=int(u))
    demands = [flows.Demand(0, 7, 10), flows.Demand(0, 12, 6)]
    g.nodes[0]["demand"] = -16
    g.nodes[7]["demand"] = 10
    g.nodes[12]["demand"] = 6
    expected, _ = nx.network_simplex(g)
    res = flows.min_cost_flow(n, tail, head, cost, cap, demands)
    assert res.objective == pytest.approx(expected)


def test_demand_beyond_capacity_is_infeasible_unless_it_may_stay_uncarried() -> None:
    tail, head, cost, cap = _diamond()
    cap = np.array([5.0, 5.0, 1.0, 1.0])
    with pytest.raises(flows.FlowError, match="cannot be carried") as caught:
        flows.min_cost_flow(4, tail, head, cost, cap, [flows.Demand(0, 3, 8)])
    assert caught.value.code == "capacity"
    res = flows.min_cost_flow(4, tail, head, cost, cap, [flows.Demand(0, 3, 8)], unserved_penalty=1000)
    assert res.unserved.tolist() == [2.0]
    assert set(res.bottlenecks()) == {0, 1, 2, 3} or res.saturated.sum() >= 2


def test_an_infeasible_flow_names_the_demand_left_short_and_the_full_arcs() -> None:
    from sco.corridors.network import compile_graph
    from sco.corridors.tests.test_network import _edge, _nodes

    g = compile_graph(_nodes(), [_edge("A>B", "A", "B", two_way=False), _edge("B>C", "B", "C", two_way=False)])
    capacity = float(g.capacity[0])
    demands = [flows.Demand(0, 1, 1.0), flows.Demand(0, 2, capacity + 7.0)]
    with pytest.raises(flows.CapacityShort) as caught:
        flows.solve(g, demands, value_of_time_usd_per_t_h=1.0, carbon_price_usd_per_t_co2=0.0)
    assert round(sum(short for _i, short, _asked in caught.value.short)) == 8
    assert all(short <= asked for _i, short, asked in caught.value.short)
    full = {g.edges[int(g.arc_edge[a])].id for a in caught.value.saturated}
    assert "A>B" in full


def test_a_demand_kept_to_arcs_that_do_not_reach_is_named() -> None:
    from sco.corridors.network import compile_graph
    from sco.corridors.tests.test_network import _edge, _nodes

    g = compile_graph(_nodes(), [_edge("A>B", "A", "B", two_way=False), _edge("B>C", "B", "C", two_way=False)])
    with pytest.raises(flows.FlowError) as caught:
        flows.solve(g, [flows.Demand(2, 0, 5)], value_of_time_usd_per_t_h=1.0, carbon_price_usd_per_t_co2=0.0)
    assert caught.value.where == "C -> A" and "no route" in caught.value.what
