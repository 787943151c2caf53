"""Reading and writing the network as CSV (nodes.csv + edges.csv) and as one GeoJSON FeatureCollection.

Parsing never raises on bad content: it returns the rows it could read and a list of problems, each naming the
file, the line or feature, and what is wrong, so a door can show them all at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sco.core import csvsafe
from sco.corridors.network import EdgeRow, NodeRow, Problem

DATA_DIR = Path(__file__).resolve().parent / "data"
NODE_FIELDS = ["id", "name_en", "name_ru", "name_zh", "country", "kind", "lon", "lat", "gauge", "note"]
EDGE_FIELDS = [
    "id",
    "from",
    "to",
    "mode",
    "km",
    "time_h_mean",
    "time_h_p95",
    "cost_usd_per_teu",
    "cost_usd_per_t",
    "capacity_t_per_year",
    "co2_g_per_tkm",
    "two_way",
    "planned",
    "corridors",
    "source",
    "confidence",
    "note",
]


def _float(value: Any, name: str, where: str, problems: list[Problem]) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        problems.append(Problem(where, f"{name} is not a number: {value!r}"))
        return 0.0


def _bool(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "y"}


def node_from_mapping(data: dict[str, Any], where: str, problems: list[Problem]) -> NodeRow:
    gauge = str(data.get("gauge") or "0").strip() or "0"
    return NodeRow(
        id=str(data.get("id") or "").strip(),
        name_en=str(data.get("name_en") or "").strip(),
        name_ru=str(data.get("name_ru") or "").strip(),
        name_zh=str(data.get("name_zh") or "").strip(),
        country=str(data.get("country") or "").strip().upper(),
        kind=str(data.get("kind") or "").strip(),
        lon=_float(data.get("lon"), "lon", where, problems),
        lat=_float(data.get("lat"), "lat", where, problems),
        gauge=int(_float(gauge, "gauge", where, problems)),
        note=str(data.get("note") or ""),
    )


def edge_from_mapping(data: dict[str, Any], where: str, problems: list[Problem]) -> EdgeRow:
    cap_raw = data.get("capacity_t_per_year")
    capacity = None if cap_raw in (None, "") else _float(cap_raw, "capacity_t_per_year", where, problems)
    corridors = data.get("corridors") or ""
    tags = tuple(corridors) if isinstance(corridors, list) else tuple(str(corridors).split())
    return EdgeRow(
        id=str(data.get("id") or "").strip(),
        source=str(data.get("from") or "").strip(),
        target=str(data.get("to") or "").strip(),
        mode=str(data.get("mode") or "").strip(),
        km=_float(data.get("km"), "km", where, problems),
        time_h_mean=_float(data.get("time_h_mean"), "time_h_mean", where, problems),
        time_h_p95=_float(data.get("time_h_p95"), "time_h_p95", where, problems),
        cost_usd_per_teu=_float(data.get("cost_usd_per_teu"), "cost_usd_per_teu", where, problems),
        cost_usd_per_t=_float(data.get("cost_usd_per_t"), "cost_usd_per_t", where, problems),
        capacity_t_per_year=capacity,
        co2_g_per_tkm=_float(data.get("co2_g_per_tkm"), "co2_g_per_tkm", where, problems),
        two_way=_bool(data.get("two_way", "1")),
        planned=_bool(data.get("planned", "0")),
        corridors=tags,
        source_text=str(data.get("source") or ""),
        confidence=str(data.get("confidence") or "").strip(),
        note=str(data.get("note") or ""),
    )


def read_csv(nodes_text: str, edges_text: str) -> tuple[list[NodeRow], list[EdgeRow], list[Problem]]:
    problems: list[Problem] = []
    nodes, edges = [], []
    for number, row in enumerate(csv.DictReader(io.StringIO(nodes_text)), start=2):
        nodes.append(node_from_mapping(row, f"nodes.csv line {number} ({row.get('id') or '?'})", problems))
    for number, row in enumerate(csv.DictReader(io.StringIO(edges_text)), start=2):
        edges.append(edge_from_mapping(row, f"edges.csv line {number} ({row.get('id') or '?'})", problems))
    return nodes, edges, problems


def read_geojson(text: str) -> tuple[list[NodeRow], list[EdgeRow], list[Problem]]:
    problems: list[Problem] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [], [Problem("GeoJSON", f"not valid JSON: {exc}")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], [], [Problem("GeoJSON", "expected a FeatureCollection")]
    nodes, edges = [], []
    for number, feature in enumerate(data.get("features") or [], start=1):
        props = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry") or {}
        where = f"feature {number} ({props.get('id') or '?'})"
        if geometry.get("type") == "Point":
            coords = geometry.get("coordinates") or [None, None]
            props.setdefault("lon", coords[0])
            props.setdefault("lat", coords[1] if len(coords) > 1 else None)
            nodes.append(node_from_mapping(props, where, problems))
        elif geometry.get("type") == "LineString":
            edges.append(edge_from_mapping(props, where, problems))
        else:
            problems.append(Problem(where, "geometry must be a Point (node) or a LineString (edge)"))
    return nodes, edges, problems


def node_record(node: NodeRow) -> dict[str, Any]:
    return {f: getattr(node, f) for f in NODE_FIELDS}


def edge_record(edge: EdgeRow) -> dict[str, Any]:
    return {
        "id": edge.id,
        "from": edge.source,
        "to": edge.target,
        "mode": edge.mode,
        "km": edge.km,
        "time_h_mean": edge.time_h_mean,
        "time_h_p95": edge.time_h_p95,
        "cost_usd_per_teu": edge.cost_usd_per_teu,
        "cost_usd_per_t": edge.cost_usd_per_t,
        "capacity_t_per_year": "" if edge.capacity_t_per_year is None else edge.capacity_t_per_year,
        "co2_g_per_tkm": edge.co2_g_per_tkm,
        "two_way": 1 if edge.two_way else 0,
        "planned": 1 if edge.planned else 0,
        "corridors": " ".join(edge.corridors),
        "source": edge.source_text,
        "confidence": edge.confidence,
        "note": edge.note,
    }


def write_csv(nodes: Sequence[NodeRow], edges: Sequence[EdgeRow]) -> tuple[str, str]:
    """The network as two CSV texts; every cell goes through core.csvsafe (no spreadsheet formula gets out)."""
    out_nodes, out_edges = io.StringIO(), io.StringIO()
    for out, fields, records in (
        (out_nodes, NODE_FIELDS, (node_record(n) for n in nodes)),
        (out_edges, EDGE_FIELDS, (edge_record(e) for e in edges)),
    ):
        writer = csvsafe.writer(out, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows([record.get(name, "") for name in fields] for record in records)
    return out_nodes.getvalue(), out_edges.getvalue()


def to_geojson(nodes: Sequence[NodeRow], edges: Sequence[EdgeRow]) -> dict[str, Any]:
    where = {n.id: (n.lon, n.lat) for n in nodes}
    features: list[dict[str, Any]] = []
    for n in nodes:
        props = {k: v for k, v in node_record(n).items() if k not in ("lon", "lat")}
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [n.lon, n.lat]}, "properties": props}
        )
    for e in edges:
        props = edge_record(e)
        props["corridors"] = list(e.corridors)
        line = [list(where.get(e.source, (0, 0))), list(where.get(e.target, (0, 0)))]
        features.append(
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": line}, "properties": props}
        )
    return {"type": "FeatureCollection", "features": features}


def shipped() -> tuple[list[NodeRow], list[EdgeRow], list[Problem]]:
    """The network that ships with the platform (data/nodes.csv, data/edges.csv)."""
    return read_csv(
        (DATA_DIR / "nodes.csv").read_text(encoding="utf-8"), (DATA_DIR / "edges.csv").read_text(encoding="utf-8")
    )
