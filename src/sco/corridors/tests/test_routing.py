"""Routing on csgraph checked against networkx on the same graphs; Yen's paths; the time distribution."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sco.corridors import routing
from sco.corridors.network import Graph


def _random_graph(seed: int, n: int = 30, m: int = 120) -> tuple[Graph, nx.DiGraph]:
    rng = np.random.default_rng(seed)
    tail = rng.integers(0, n, m)
    head = rng.integers(0, n, m)
    keep = tail != head
    tail, head = tail[keep], head[keep]
    w = rng.uniform(1, 10, tail.shape[0]).round(3)
    g = Graph(
        node_ids=[str(i) for i in range(n)],
        index={str(i): i for i in range(n)},
        edges=[],
        tail=tail,
        head=head,
        arc_edge=np.arange(tail.shape[0]),
        km=w,
        t_mean=w,
        t_p95=w * 1.5,
        cost_teu=w,
        cost_t=w / 10,
        capacity=np.full(tail.shape[0], np.inf),
        co2=np.full(tail.shape[0], 22.0),
    )
    d = nx.DiGraph()
    d.add_nodes_from(range(n))
    for t, h, x in zip(tail, head, w, strict=True):
        if not d.has_edge(int(t), int(h)) or d[int(t)][int(h)]["weight"] > x:
            d.add_edge(int(t), int(h), weight=float(x))
    return g, d


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_the_shortest_path_costs_what_networkx_says(seed: int) -> None:
    g, d = _random_graph(seed)
    csr = routing.build_csr(g.n_nodes, g.tail, g.head, g.km)
    for target in (5, 17, 29):
        arcs = routing.shortest_path(csr, 0, target)
        if not nx.has_path(d, 0, target):
            assert arcs is None
            continue
        assert arcs is not None
        assert abs(float(g.km[arcs].sum()) - nx.dijkstra_path_length(d, 0, target)) < 1e-6
        assert int(g.tail[arcs[0]]) == 0 and int(g.head[arcs[-1]]) == target


def test_yen_gives_the_same_path_costs_as_networkx_shortest_simple_paths() -> None:
    g, d = _random_graph(7)
    paths = routing.k_shortest_paths(g, g.km, 0, 29, 6)
    ours = [round(float(g.km[p].sum()), 6) for p in paths]
    theirs = []
    for p in nx.shortest_simple_paths(d, 0, 29, weight="weight"):
        theirs.append(round(sum(d[u][v]["weight"] for u, v in itertools.pairwise(p)), 6))
        if len(theirs) == 6:
            break
    assert ours == theirs
    assert len({tuple(p) for p in paths}) == len(paths)


def test_pareto_keeps_only_points_that_nothing_beats_everywhere() -> None:
    points = [(10, 100, 5), (12, 90, 5), (11, 110, 6), (10, 100, 5.5)]
    assert routing.pareto(points) == [0, 1]


def test_the_simulated_time_matches_each_legs_mean_and_p95() -> None:
    g, _ = _random_graph(3)
    sample = routing.simulate_time(g, [0], samples=200_000)
    assert abs(sample.mean() - g.t_mean[0]) / g.t_mean[0] < 0.01
    assert abs(np.percentile(sample, 95) - g.t_p95[0]) / g.t_p95[0] < 0.02
    again = routing.simulate_time(g, [0], samples=200_000)
    assert np.array_equal(sample, again), "seeded: the same answer every time"


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=29))
def test_the_bidirectional_search_finds_a_shortest_path(seed: int, target: int) -> None:
    g, d = _random_graph(seed)
    csr = routing.build_csr(g.n_nodes, g.tail, g.head, g.km)
    arcs = routing.bidirectional_path(csr, 0, target)
    if not nx.has_path(d, 0, target):
        assert arcs is None
        return
    assert arcs is not None
    assert abs(float(g.km[arcs].sum()) - nx.dijkstra_path_length(d, 0, target)) < 1e-6
    assert int(g.tail[arcs[0]]) == 0 and int(g.head[arcs[-1]]) == target
    assert all(int(g.head[a]) == int(g.tail[b]) for a, b in itertools.pairwise(arcs))
