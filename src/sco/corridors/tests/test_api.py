"""The JSON door: routes, the network in and out, scenarios and flows, project edits."""

from __future__ import annotations

from typing import Any

import pytest

from sco.corridors.models import Edge, RouteQuery

pytestmark = pytest.mark.usefixtures("corridor_network")


def test_a_route_gives_time_as_a_distribution_cost_co2_and_sources(api: Any) -> None:
    r = api.get_json("/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=MC&alternatives=4")
    assert r.status_code == 200
    best = r.json()["best"]
    assert best["days_p50"] < best["days_p95"]
    assert best["cost_usd_per_teu"] > 0 and best["co2_kg_per_teu"] > 0
    assert all(leg["source"] and leg["confidence"] in ("sourced", "estimate") for leg in best["legs"])
    alternatives = r.json()["alternatives"]
    assert alternatives[0]["pareto"] and 1 <= len(alternatives) <= 4


def test_a_route_costs_one_query_the_network_revision(api: Any, django_assert_num_queries: Any) -> None:
    """The compiled graph stays in the process for its revision: a route reads the revision number and nothing
    else, whether the route is new (computed) or asked before (its answer kept)."""
    api.get_json("/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG")
    with django_assert_num_queries(1) as ctx:
        r = api.get_json("/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=NR")
    assert r.status_code == 200
    assert "corridors_networkrevision" in ctx.captured_queries[0]["sql"]
    with django_assert_num_queries(1):
        again = api.get_json("/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=NR")
    assert again.json() == r.json()


def test_a_network_change_is_seen_by_the_next_route(api: Any, secretariat: Any) -> None:
    """Another process (here: the service) raises the revision; the kept answer is not served after it."""
    from sco.corridors import services

    path = "/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=NR"
    before = api.get_json(path).json()
    edge = before["best"]["legs"][3]["edge"]
    services.edge_update(actor=secretariat, code=edge, changes={"time_h_mean": 500.0, "time_h_p95": 600.0})
    after = api.get_json(path).json()
    assert after["revision"] > before["revision"]
    assert after["best"]["days_mean"] != before["best"]["days_mean"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("origin=CN_XIAN&destination=DE_DUISBURG&corridor=NS", None),
        ("origin=CN_XIAN&destination=ATLANTIS", "destination"),
        ("origin=CN_XIAN&destination=DE_DUISBURG&value_of_time_usd_per_teu_h=-4", "value_of_time_usd_per_teu_h"),
        ("origin=CN_XIAN&destination=DE_DUISBURG&corridor=XX", "corridor"),
    ],
)
def test_a_bad_route_request_is_a_clear_problem_not_a_500(api: Any, query: str, field: str | None) -> None:
    r = api.get_json(f"/api/v1/corridors/route?{query}")
    assert r.status_code in (404, 422), r.content
    body = r.json()
    assert r["Content-Type"].startswith("application/problem+json")
    if field:
        assert field in body.get("errors", {}) or field in str(body)
    else:
        assert body["code"] == "corridor_no_route" and "CN_XIAN" in body["detail"]


def test_a_saved_route_keeps_its_parameters(api: Any, make_user: Any) -> None:
    api.as_user(make_user("analyst"))
    r = api.post_json(
        "/api/v1/corridors/routes",
        {
            "origin": "CN_XIAN",
            "destination": "DE_DUISBURG",
            "corridor": "NR",
            "params": {"carbon_price_usd_per_t_co2": 100},
        },
    )
    assert r.status_code == 201, r.content
    saved = RouteQuery.objects.get()
    assert saved.params["carbon_price_usd_per_t_co2"] == 100 and saved.result["best"]["days_p50"] > 0
    assert api.get_json("/api/v1/corridors/routes").json()[0]["id"] == saved.pk


def test_the_network_exports_and_reimports_as_geojson(api: Any, secretariat: Any) -> None:
    geo = api.get_json("/api/v1/corridors/network.geojson").json()
    assert len([f for f in geo["features"] if f["geometry"]["type"] == "LineString"]) == Edge.objects.count()
    assert api.get_json("/api/v1/corridors/network/edges.csv").content.startswith(b"id,from,to,mode")
    api.as_user(secretariat)
    r = api.post_json("/api/v1/corridors/network/import", {"format": "geojson", "geojson": geo})
    assert r.status_code == 200, r.content
    geo["features"][-1]["properties"]["mode"] = "zeppelin"
    r = api.post_json("/api/v1/corridors/network/import", {"format": "geojson", "geojson": geo})
    assert r.status_code == 422
    assert any("zeppelin" in " ".join(v) for v in r.json()["errors"].values())


def test_an_edge_edit_by_another_state_is_403(api: Any, head_of_delegation: Any) -> None:
    api.as_user(head_of_delegation("CN"))
    r = api.patch_json("/api/v1/corridors/edges/BY_BREST>PL_MALASZEWICZE", {"changes": {"time_h_mean": 1}})
    assert r.status_code == 403 and r.json()["code"] == "corridor_not_your_state"
    r = api.patch_json("/api/v1/corridors/edges/CN_ALASHANKOU>KZ_DOSTYK", {"changes": {"time_h_mean": 60}})
    assert r.status_code == 200


def test_a_scenario_flow_through_the_api(api: Any) -> None:
    scenarios = api.get_json("/api/v1/corridors/scenarios").json()
    assert [s["key"] for s in scenarios] == ["2021", "2024", "2030"]
    flow = api.get_json("/api/v1/corridors/scenarios/2030/flow").json()
    assert flow["bottlenecks"][0]["edge"] == "KZ_AKTAU_SEA>AZ_ALAT_SEA"
    assert api.get_json("/api/v1/corridors/scenarios/nope/flow").status_code == 404
