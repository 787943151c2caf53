from sco.corridors import selectors
from sco.corridors.models import Scenario


def test_smoke(corridor_network, client):
    r = selectors.route(origin="CN_XIAN", destination="DE_DUISBURG", corridor="MC", alternatives=5)
    print(r["best"]["days_p50"], [a["pareto"] for a in r["alternatives"]])
    f = selectors.flow_compute(scenario=Scenario.objects.get(key="2030"))
    print(f["bottlenecks"])
    resp = client.get("/corridors/?origin=CN_XIAN&destination=DE_DUISBURG&corridor=MC&corridor=NR")
    assert resp.status_code == 200, resp.content[:2000]
    assert b"Middle Corridor" in resp.content
    resp = client.get("/corridors/edges/")
    assert resp.status_code == 200
    resp = client.get("/api/v1/corridors/route?origin=CN_XIAN&destination=DE_DUISBURG&corridor=NR")
    assert resp.status_code == 200, resp.content
    print(resp.json()["best"]["days_p50"])
    resp = client.get("/api/v1/corridors/network.geojson")
    assert resp.status_code == 200
