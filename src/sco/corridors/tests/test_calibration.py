"""Calibration: each published figure from the research note (shared/research/corridor-anchors.md), its source,
and what the model gives, within the stated range. The model runs on the shipped network (data/*.csv) with the
default parameters; a failure here means the data or the model moved away from the published figures.

Figures the model does not reproduce are listed at the end of this module, with the reason."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

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
    # Note: per the Kazakh government (jjtv.kz, 2023) the 38-53 days were China to the Black Sea ports, not to
    # Germany; the model's Xi'an - Poti time matches the 2023 figure instead (test_ktz_2023_... below).


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


def _programme() -> dict[str, Any]:
    programme: dict[str, Any] = json.loads((dataio.DATA_DIR / "kz_programme.json").read_text())
    return programme


KZ_SECTION = [
    "CN_ALASHANKOU>KZ_DOSTYK",
    "KZ_DOSTYK>KZ_MOYYNTY",
    "KZ_MOYYNTY>KZ_ZHEZKAZGAN",
    "KZ_ZHEZKAZGAN>KZ_BEYNEU",
    "KZ_BEYNEU>KZ_AKTAU",
    "KZ_AKTAU>KZ_AKTAU_SEA",
]


def test_ktz_2023_china_to_the_black_sea_ports_in_about_23_days() -> None:
    """The 38-53 days of the ministry's statement were China to the Black Sea ports before the 2023 measures; by mid
    2023 the government and KTZ gave 'almost 23 days'. The model's dwell times are the CPMM's 2023 averages, so its
    Xi'an - Poti time is compared with the 2023 figure."""
    mc = _route(_graph(), "CN_XIAN", "GE_POTI", "MC")
    check(
        Anchor(
            "China to the Black Sea ports by the Middle Corridor: 'almost 23 days' in 2023 (53 before), "
            "+/-15 % (tolerance [E])",
            "KTZ, H1 2023 (silkwaytv.kz); Kazakh government meeting, 2023 (jjtv.kz)",
            23 * 0.85,
            23 * 1.15,
        ),
        mc.days_p50,
    )  # model: 23.7 (mean 25.3)


def test_the_kazakh_programme_as_an_all_projects_scenario() -> None:
    """Every announced measure of the Kazakh programme with a published figure, as edits (data/kz_programme.json,
    each with its source; the measures without a usable figure are listed there with the reason). Published targets:
    Middle Corridor 14-18 days (China to the Black Sea ports, jjtv.kz; 'by 2027', Minister Karabayev via menafn
    1107445223) and the Kazakhstan section 12 -> 5 days (inform.kz). What the model gives with these edits is pinned
    here; the targets stay in NOT_REPRODUCED (see the reason there)."""
    programme = _programme()
    for edit in programme["edits"]:
        assert edit["source"] and edit["confidence"] in network.CONFIDENCE and edit["measure"], edit
        assert not network.edit_problems(edit["kind"], edit["value"], False)[1], edit
    assert all(m["why"] and m["source"] for m in programme["not_modelled"])
    edits = tuple(Edit(e["kind"], e["edge"], e["value"]) for e in programme["edits"])
    before, after = _graph(), _graph(edits)

    def section_days(g: Graph) -> float:
        return float(sum(g.t_mean[_arcs_of(g, e)[0]] for e in KZ_SECTION)) / 24

    assert section_days(after) == pytest.approx(11.9, abs=0.1)  # from 12.4: only Dostyk - Moyynty's 11.7 h
    to_poti = _route(after, "CN_XIAN", "GE_POTI", "MC")
    assert to_poti.days_p50 == pytest.approx(23.2, abs=0.2)  # from 23.7
    assert to_poti.days_p50 < _route(before, "CN_XIAN", "GE_POTI", "MC").days_p50
    # the 2030 demand: the Caspian crossing carries more with the programme than without it
    caspian = "KZ_AKTAU_SEA>AZ_ALAT_SEA"
    carried = [sum(_flow(g, "2030")[0].flow[a] for a in _arcs_of(g, caspian)) for g in (before, after)]
    assert carried[1] > carried[0]
    assert {"Kazakh ministry: 14-18 days", "Kazakh ministry: Kazakhstan section 12 -> 5 days"} <= {
        key.split(" once")[0] for key in NOT_REPRODUCED
    }


def test_a_block_train_dwell_at_dostyk_alone_does_not_give_dhls_six_to_eight_days() -> None:
    """DHL's 6-8 days from the Chinese to the Polish border is a block train's time. With Dostyk's station
    processing of a container train (4 h 15 min, Dostyk station director, silkroadnews.org 2016-07-22) in place of
    the CPMM's 69.7 h average shipment, the model still gives ~11.8 days: the running legs carry average-shipment
    times and Brest keeps 36 h (trains wait 2-3 days at Malaszewicze - Brest: railtech.com 2018-03-29)."""
    g = _graph((Edit("time_minus_h", "CN_ALASHANKOU>KZ_DOSTYK", 69.7 - 4.25),))
    days = _route(g, "CN_ALASHANKOU", "PL_MALASZEWICZE", "NR").days_mean
    assert days == pytest.approx(11.8, abs=0.2)
    assert days > 8


# Figures the model does not reproduce, and why:
NOT_REPRODUCED = {
    "DHL Jan 2024: Chinese border to Polish border via KZ/RU/BY 6-8 days": (
        "the model gives ~14.5 days (mean, Alashankou to Malaszewicze). Its times are an average shipment's: the "
        "CPMM's 69.7 h at Dostyk, and running legs at ~20 km/h including delays (e.g. Petukhovo - Moscow 2,150 km "
        "in 110 h). A block train's class would need block-train figures for every part; only two were found: "
        "Dostyk's station processing of a container train (4 h 15 min, silkroadnews.org 2016), which alone brings "
        "the model to ~11.8 days (test above), and Dostyk - Moyynty's service speed (800 km a day, inform.kz). "
        "Applying 800 km a day to the Russian and Belarusian sections would be an extrapolation [E], and Brest is no "
        "faster for block trains (2-3 days' wait, railtech.com 2018). Not modelled."
    ),
    "Kazakh ministry: 14-18 days once the programme is done (China to the Black Sea ports); WB: halve travel time "
    "by 2030": (
        "with every announced measure that has a published figure (data/kz_programme.json) the model gives 23.2 "
        "days Xi'an - Poti (23.7 without). The 53 -> 23 days of 2022-23 came from operational measures (through "
        "rates, coordination, fewer hold-ups at Dostyk and Aktau: jjtv.kz, silkwaytv.kz) with no published cut per "
        "crossing or port; the infrastructure measures with figures act on capacity (Dostyk - Moyynty x5, Aktau and "
        "Kuryk 21 -> 32 Mt, TITR 6 -> 10 Mt) and on one edge's time. Reaching 14-18 days would need dwell cuts at "
        "Dostyk, Aktau, Alat and Poti that nobody has published: not invented here."
    ),
    "Kazakh ministry: Kazakhstan section 12 -> 5 days": (
        "the model's section (Dostyk crossing to leaving Aktau port) goes 12.4 -> 11.9 days with the programme's "
        "edits: 69.7 h at Dostyk and 96 h at Aktau are CPMM averages and [E], and the published 12 -> 6 -> 5 days "
        "(jjtv.kz, 2023) comes with no split by crossing, port or line; Moyynty - Kyzylzhar, the one new line on "
        "the route, has no published time saving."
    ),
}
