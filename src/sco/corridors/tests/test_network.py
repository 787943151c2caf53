"""The network's rules, without a database: every problem named with where it is."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from sco.corridors import dataio, network
from sco.corridors.network import EdgeRow, Edit, NodeRow


def _nodes() -> list[NodeRow]:
    return [
        NodeRow("A", "A", "KZ", "hub", 70.0, 45.0),
        NodeRow("B", "B", "KZ", "border", 71.0, 45.0),
        NodeRow("C", "C", "CN", "border", 72.0, 45.0),
    ]


def _edge(eid: str, a: str, b: str, **kw: object) -> EdgeRow:
    values: dict[str, object] = {
        "mode": "rail",
        "km": 100.0,
        "time_h_mean": 5.0,
        "time_h_p95": 8.0,
        "cost_usd_per_teu": 30.0,
        "cost_usd_per_t": 3.0,
        "capacity_t_per_year": 1e6,
        "co2_g_per_tkm": 22.0,
        "source_text": "test",
        "confidence": "estimate",
    }
    values.update(kw)
    return EdgeRow(eid, a, b, **values)  # type: ignore[arg-type]


def test_the_shipped_network_is_valid_and_every_edge_names_its_source() -> None:
    nodes, edges, problems = dataio.shipped()
    assert problems == []
    assert network.validate(nodes, edges) == []
    assert all(e.source_text.strip() and e.confidence in ("sourced", "estimate") for e in edges)
    dwell = [e for e in edges if e.mode == "dwell"]
    assert {e.id for e in dwell} >= {"CN_ALASHANKOU>KZ_DOSTYK", "BY_BREST>PL_MALASZEWICZE", "KZ_AKTAU>KZ_AKTAU_SEA"}


def test_a_dangling_edge_is_named() -> None:
    problems = network.validate(_nodes(), [_edge("A>X", "A", "X")])
    assert any(p.where == "edge A>X" and "dangling" in p.what and "'X'" in p.what for p in problems)


def test_a_negative_capacity_and_an_unknown_mode_are_named() -> None:
    problems = network.validate(
        _nodes(), [_edge("A>B", "A", "B", capacity_t_per_year=-5.0), _edge("B>C", "B", "C", mode="hovercraft")]
    )
    assert any(p.where == "edge A>B" and "capacity" in p.what for p in problems)
    assert any(p.where == "edge B>C" and "unknown mode 'hovercraft'" in p.what for p in problems)


def test_a_cycle_of_zero_cost_is_refused() -> None:
    free = {"km": 0.0, "time_h_mean": 0.0, "time_h_p95": 0.0, "cost_usd_per_teu": 0.0, "cost_usd_per_t": 0.0}
    edges = [
        _edge("A>B", "A", "B", two_way=False, **free),
        _edge("B>C", "B", "C", two_way=False, **free),
        _edge("C>A", "C", "A", two_way=False, **free),
    ]
    problems = network.validate(_nodes(), edges)
    assert len(problems) == 1 and "cycle of zero cost" in problems[0].what
    # A free edge that goes nowhere back is fine.
    assert network.validate(_nodes(), edges[:2]) == []


def test_a_csv_with_a_bad_number_names_the_file_and_line() -> None:
    _nodes_read, _edges, problems = dataio.read_csv(
        "id,name_en,country,kind,lon,lat\nA,A,KZ,hub,70,45\n", "id,from,to,mode,km\nA>B,A,B,rail,far\n"
    )
    assert any(p.where == "edges.csv line 2 (A>B)" and "km is not a number" in p.what for p in problems)


def test_edits_change_capacity_time_and_cost_and_bring_in_planned_edges() -> None:
    edges = [_edge("A>B", "A", "B"), _edge("B>C", "B", "C", planned=True)]
    assert [e.id for e in network.apply_edits(edges, [])] == ["A>B"]
    changed = network.apply_edits(
        edges,
        [
            Edit("capacity_factor", "A>B", 5),
            Edit("time_minus_h", "A>B", 2),
            Edit("cost_minus_usd_per_teu", "A>B", 15),
            Edit("new_edge", "B>C"),
        ],
    )
    a_b = changed[0]
    assert a_b.capacity_t_per_year == 5e6 and a_b.time_h_mean == 3.0 and a_b.time_h_p95 == 6.0
    assert a_b.cost_usd_per_teu == 15.0 and a_b.cost_usd_per_t == 1.5
    assert [e.id for e in changed] == ["A>B", "B>C"]


def test_two_way_edges_give_two_arcs_with_their_own_capacity() -> None:
    g = network.compile_graph(_nodes(), [_edge("A>B", "A", "B"), _edge("B>C", "B", "C", two_way=False)])
    assert g.n_arcs == 3
    assert g.arc_label(1) == "A>B (reverse)"
    assert np.all(g.capacity == 1e6)


def test_geojson_round_trip_keeps_every_figure() -> None:
    nodes, edges, _ = dataio.shipped()
    text = __import__("json").dumps(dataio.to_geojson(nodes, edges))
    back_nodes, back_edges, problems = dataio.read_geojson(text)
    assert problems == []
    assert back_nodes == nodes
    assert back_edges == edges
    nodes_csv, edges_csv = dataio.write_csv(nodes, edges)
    assert dataio.read_csv(nodes_csv, edges_csv)[:2] == (nodes, edges)
    assert replace(edges[0], km=1.0) != edges[0]
