"""Data for the map and the scenario chart, drawn in the browser by Plotly (served from the installed package).
The map is drawn on plain longitude/latitude axes over Natural Earth outlines shipped in data/outlines.json, so it
needs no tile server and no download."""

from __future__ import annotations

import functools
import json
from typing import Any

from django.utils.translation import gettext as _

from sco.core.i18n import localized
from sco.corridors.dataio import DATA_DIR
from sco.corridors.network import Graph, NodeRow


@functools.cache
def _outlines() -> tuple[list[float | None], list[float | None]]:
    lon: list[float | None] = []
    lat: list[float | None] = []
    for country in json.loads((DATA_DIR / "outlines.json").read_text(encoding="utf-8")):
        for ring in country["rings"]:
            lon.extend(p[0] for p in ring)
            lat.extend(p[1] for p in ring)
            lon.append(None)
            lat.append(None)
    return lon, lat


def mode_label(mode: str) -> str:
    return {
        "rail": _("rail"),
        "road": _("road"),
        "ferry": _("ferry"),
        "sea": _("sea"),
        "dwell": _("border, gauge change or port"),
    }.get(mode, mode)


def map_data(
    g: Graph, nodes: dict[str, NodeRow], routes: list[dict[str, Any]], flow: dict[str, Any] | None
) -> dict[str, Any]:
    lon, lat = _outlines()
    by_mode: dict[str, dict[str, Any]] = {}
    for edge in g.edges:
        a, b = nodes.get(edge.source), nodes.get(edge.target)
        if a is None or b is None:
            continue
        trace = by_mode.setdefault(edge.mode, {"lon": [], "lat": [], "name": mode_label(edge.mode), "mode": edge.mode})
        trace["lon"].extend([a.lon, b.lon, None])
        trace["lat"].extend([a.lat, b.lat, None])
    route_traces = []
    for r in routes:
        legs = r["best"]["legs"]
        path = [legs[0]["from"]] + [leg["to"] for leg in legs] if legs else []
        route_traces.append(
            {
                "name": f"{r['label']}: {r['best']['days_p50']} d",
                "lon": [nodes[p].lon for p in path],
                "lat": [nodes[p].lat for p in path],
            }
        )
    bottlenecks = []
    for b in (flow or {}).get("bottlenecks", []):
        a, c = nodes.get(b["from"]), nodes.get(b["to"])
        if a is None or c is None:
            continue
        bottlenecks.append(
            {
                "lon": [a.lon, c.lon],
                "lat": [a.lat, c.lat],
                "text": _("Bottleneck %(edge)s: shadow price US$%(price)s per tonne")
                % {"edge": b["edge"], "price": b["shadow_price_usd_per_t"]},
            }
        )
    return {
        "outlines": {"lon": lon, "lat": lat, "name": _("Country outlines (Natural Earth)")},
        "modes": list(by_mode.values()),
        "nodes": {
            "lon": [n.lon for n in nodes.values()],
            "lat": [n.lat for n in nodes.values()],
            "text": [f"{localized(n, 'name')} ({n.id})" for n in nodes.values()],
            "name": _("Hubs, borders and ports"),
        },
        "routes": route_traces,
        "bottlenecks": bottlenecks,
        "bottleneck_name": _("Bottlenecks (saturated, with a shadow price)"),
        "labels": {"lon": _("longitude"), "lat": _("latitude")},
    }


def scenario_chart(scenarios: list[Any]) -> dict[str, Any]:
    """Demand by corridor and year, in million tonnes."""
    groups = {"MC": _("Middle Corridor"), "NS": _("North-South corridor"), "": _("any route")}
    series = []
    for code, label in groups.items():
        series.append(
            {
                "name": label,
                "x": [f"{s.year} ({s.key})" for s in scenarios],
                "y": [
                    round(sum(d["tonnes"] for d in s.demands if (d.get("corridor") or "") == code) / 1e6, 2)
                    for s in scenarios
                ],
            }
        )
    return {"series": series, "title": _("Demand by scenario (million tonnes a year)")}
