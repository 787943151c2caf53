"""The command line: export and import round trip, a route, a flow, and a bad file as a clear error."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sco.corridors.models import Edge

pytestmark = pytest.mark.usefixtures("corridor_network")


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):  # the messages are read in English whatever an earlier test left active
        call_command("corridors", *args, stdout=out)
    return out.getvalue()


def test_export_import_route_and_flow(tmp_path: Path) -> None:
    run("export", "--format", "csv", "-o", str(tmp_path))
    assert (tmp_path / "edges.csv").read_text().count("\n") == Edge.objects.count() + 1
    result = json.loads(run("import", "--nodes", str(tmp_path / "nodes.csv"), "--edges", str(tmp_path / "edges.csv")))
    assert result["edges"] == Edge.objects.count()
    route = json.loads(run("route", "CN_XIAN", "DE_DUISBURG", "--corridor", "NR"))
    assert 18 <= route["best"]["days_p50"] <= 20
    flow = json.loads(run("flow", "2030"))
    assert flow["bottlenecks"][0]["edge"] == "KZ_AKTAU_SEA>AZ_ALAT_SEA"
    assert "2024" in run("scenarios")


def test_a_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    bad: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                "properties": {
                    "id": "X>Y",
                    "from": "X",
                    "to": "CN_XIAN",
                    "mode": "rail",
                    "km": 1,
                    "time_h_mean": 1,
                    "time_h_p95": 1,
                    "cost_usd_per_teu": 1,
                    "cost_usd_per_t": 1,
                    "co2_g_per_tkm": 1,
                    "source": "t",
                    "confidence": "estimate",
                },
            }
        ],
    }
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(bad))
    with pytest.raises(CommandError, match="dangling edge"):
        run("import", str(path))
    with pytest.raises(CommandError, match="No route"):
        run("route", "CN_XIAN", "DE_DUISBURG", "--corridor", "NS")
