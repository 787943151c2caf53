"""Calibration: each published figure from the research note (shared/research/corridor-anchors.md), its source,
and what the model gives, within the stated range. The model runs on the shipped network (data/*.csv) with the
default parameters; a failure here means the data or the model moved away from the published figures.

Figures the model does not reproduce are listed at the end of this module, with the reason."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sco.corridors import dataio, demo, flows, network, routing
from sco.corridors.network import Edit, Graph


@dataclass(frozen=True)
class Anchor:
    figure: str
    source: str
    low: float
    high: float


def _graph(edits: tuple[Edit, ...] = ()) -> Graph:
    nodes, edges, problems = dataio.shipped()
    assert not problems
    return network.compile_graph(nodes, network.apply_edits(edges, edits))


def _route(g: Graph, origin: str, destination: str, corridor: str) -> routing.RouteSummary:
    params = routing.Params()
    weight = routing.generalised_cost(g, params)
    csr = routing.build_csr(g.n_nodes, g.tail, g.head, weight, g.corridor_mask[corridor])
    arcs = routing.shortest_path(csr, g.index[origin], g.index[destination])
    assert arcs is not None
    return routing.summarise(g, arcs, params, weight=weight)


def _flow(g: Graph, year: str) -> tuple[flows.FlowResult, list[dict[str, object]]]:
    scenarios = {s["key"]: s for s in json.loads((dataio.DATA_DIR / "scenarios.json").read_text())}
    demands = scenarios[year]["demands"]
    params = routing.Params()
    result = flows.solve(
        g,
        [
            flows.Demand(
                g.index[d["origin"]],
                g.index[d["destination"]],
                d["tonnes"],
                g.corridor_mask[d["corridor"]] if d["corridor"] else None,
                d["corridor"],
            )
            for d in demands
        ],
        value_of_time_usd_per_t_h=params.value_of_time_usd_per_teu_h / params.tonnes_per_teu,
        carbon_price_usd_per_t_co2=params.carbon_price_usd_per_t_co2,
        unserved_penalty=10_000,
    )
    return result, demands


def _arcs_of(g: Graph, edge_id: str) -> list[int]:
    return [a for a in range(g.n_arcs) if g.edges[int(g.arc_edge[a])].id == edge_id]


def check(anchor: Anchor, model: float) -> None:
    assert anchor.low <= model <= anchor.high, f"{anchor.figure} ({anchor.source}): model gives {model:.2f}"


def test_wb_middle_corridor_takes_about_three_times_the_northern_route() -> None:
    g = _graph()
    mc, nr = _route(g, "CN_XIAN", "DE_DUISBURG", "MC"), _route(g, "CN_XIAN", "DE_DUISBURG", "NR")
    check(
        Anchor(
            "Middle Corridor transit 'three times longer' than the Northern route, +/-30 % (tolerance [E])",
            "World Bank 2023, Middle Trade and Transport Corridor, abstract (hdl 10986/40626)",
            2.1,
            3.9,
        ),
        mc.days_p50 / nr.days_p50,
    )  # model: 39.8 / 18.4 = 2.2


def test_kazakh_ministry_current_door_to_door_days_on_the_middle_corridor() -> None:
    mc = _route(_graph(), "CN_XIAN", "DE_DUISBURG", "MC")
    anchor = Anchor(
        "Middle Corridor end to end today: 38-53 days",
        "Kazakh Minister of Transport, 2023 (en.inform.kz, 'slash transit time ... by threefold')",
        38,
        53,
    )
    check(anchor, mc.days_p50)  # model: 39.8 (mean 41.2)
    check(anchor, mc.days_mean)


def test_dhl_northern_route_terminal_to_terminal_to_germany() -> None:
    nr = _route(_graph(), "CN_XIAN", "DE_DUISBURG", "NR")
    check(
        Anchor(
            "Northern route, terminal to terminal to Germany: 18-20 days",
            "DHL, January 2024, via index1520.com",
            18,
            20,
        ),
        nr.days_p50,
    )  # model: 18.4


def test_kazakh_ministry_kazakhstan_section_days() -> None:
    g = _graph()
    section = ["CN_ALASHANKOU>KZ_DOSTYK", "KZ_DOSTYK>KZ_MOYYNTY", "KZ_MOYYNTY>KZ_ZHEZKAZGAN"]
    section += ["KZ_ZHEZKAZGAN>KZ_BEYNEU", "KZ_BEYNEU>KZ_AKTAU", "KZ_AKTAU>KZ_AKTAU_SEA"]
    days = sum(g.t_mean[_arcs_of(g, e)[0]] for e in section) / 24
    check(
        Anchor(
            "Kazakhstan section of the Middle Corridor: 12 days today, +/-15 % (tolerance [E])",
            "Kazakh Minister of Transport, 2023 (en.inform.kz)",
            12 * 0.85,
            12 * 1.15,
        ),
        days,
    )  # model: 12.4 (Dostyk crossing to leaving Aktau port)


def test_dostyk_moyynty_second_track_cuts_the_section_from_25_to_13_hours() -> None:
    edits = tuple(Edit(kind, demo.DOSTYK_MOYYNTY_EDGE, value) for kind, value, _ in demo.DOSTYK_MOYYNTY_EDITS)
    before, after = _graph(), _graph(edits)
    arc = _arcs_of(before, demo.DOSTYK_MOYYNTY_EDGE)[0]
    check(Anchor("836 km at 800 km a day: ~25 h", "inform.kz a3992304", 25 * 0.9, 25 * 1.1), before.t_mean[arc])
    check(Anchor("836 km at 1,500 km a day: ~13 h", "inform.kz a3992304", 13 * 0.9, 13 * 1.1), after.t_mean[arc])
    check(
        Anchor("capacity 12 -> 60 pairs of trains a day: x5", "el.kz; inform.kz", 5, 5),
        after.capacity[arc] / before.capacity[arc],
    )


def test_cpmm_kazakhstan_rail_border_crossing_time() -> None:
    g = _graph()
    check(
        Anchor(
            "Kazakhstan rail border-crossing time 67.4 h (2022) - 69.7 h (2023); an input, checked here",
            "CAREC CPMM 2022 Table 3.7 and 2023 Table 6.3",
            67.4,
            69.7,
        ),
        float(g.t_mean[_arcs_of(g, "CN_ALASHANKOU>KZ_DOSTYK")[0]]),
    )


def test_northern_route_length_urumqi_to_brest() -> None:
    g = _graph()
    km = _route(g, "CN_URUMQI", "BY_BREST", "NR").km
    check(Anchor("Urumqi - Brest via Dostyk 5,750 km, +/-5 %", "railturkey.org, 2014-10-09", 5462, 6038), km)


def test_trans_caspian_volume_2024_fills_the_ferry_capacity() -> None:
    g = _graph()
    result, _ = _flow(g, "2024")
    tonnes = sum(result.flow[a] for a in _arcs_of(g, "KZ_AKTAU_SEA>AZ_ALAT_SEA"))
    check(Anchor("trans-Caspian 4.5-4.6 Mt in 2024", "gwl.ge (2024 full year)", 4.5e6 * 0.999, 4.6e6), tonnes)


def test_world_bank_2030_trans_caspian_volume_needs_the_caspian_to_grow() -> None:
    """WB: 11 Mt across the Caspian by 2030. Today's ferry capacity (~4.5 Mt) caps it: the crossing is the first
    bottleneck (KTZ 2025: 'crossing the Caspian Sea is the main limiting factor'); with the crossing's capacity
    raised x2.5 (an illustrative edit, not a project) the model carries the 11 Mt."""
    g = _graph()
    result, _demands = _flow(g, "2030")
    caspian = _arcs_of(g, "KZ_AKTAU_SEA>AZ_ALAT_SEA")
    assert result.bottlenecks()[0] in caspian, "the Caspian crossing is the dearest bottleneck"
    carried = sum(result.flow[a] for a in caspian)
    check(Anchor("today's Caspian ferry capacity ~4.5 Mt a year", "porteconomicsmanagement.org", 4.4e6, 4.6e6), carried)
    grown = _graph((Edit("capacity_factor", "KZ_AKTAU_SEA>AZ_ALAT_SEA", 2.5),))
    result, _ = _flow(grown, "2030")
    carried = sum(result.flow[a] for a in _arcs_of(grown, "KZ_AKTAU_SEA>AZ_ALAT_SEA"))
    check(
        Anchor(
            "trans-Caspian 11 Mt by 2030",
            "World Bank 2023 via silkroadbriefing.com 2023-11-27 and trend.az 3831948",
            11e6 * 0.99,
            11e6 * 1.01,
        ),
        carried,
    )


def test_instc_mumbai_to_russia_time_length_and_cost() -> None:
    route = _route(_graph(), "IN_MUMBAI", "RU_MOSCOW", "NS")
    check(
        Anchor("Mumbai - St Petersburg via the INSTC 15-24 days", "EDB 2021 (eabr.org)", 15, 24), route.days_p50
    )  # model: 16.7 to Moscow, about a day short of St Petersburg
    check(
        Anchor("INSTC length ~7,200 km Mumbai - Russia, +/-10 %", "theiranproject.ir; gstimes.in", 6480, 7920),
        route.km,
    )
    check(
        Anchor("dry-run cost US$2,300-3,500 per dry container", "defencejournal.com 2021-12-10", 2300, 3500),
        route.cost_usd_per_teu,
    )


# Figures the model does not reproduce, and why:
NOT_REPRODUCED = {
    "DHL Jan 2024: Chinese border to Polish border via KZ/RU/BY 6-8 days": (
        "the model gives ~14.5 days (mean, Alashankou to Malaszewicze): with the CPMM's 69.7 h at Dostyk and 36 h "
        "at Brest; block trains clear faster than the CPMM's average shipment, and the model has one dwell per crossing"
    ),
    "Kazakh ministry: 14-18 days once the projects are done; WB: halve travel time by 2030": (
        "needs every project's edits (ports, ferries, digital documents); only Dostyk - Moyynty is linked"
    ),
}
