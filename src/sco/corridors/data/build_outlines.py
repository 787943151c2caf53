"""Builds outlines.json (country outlines for the offline map) from Natural Earth 1:110m admin-0 countries as
packaged in world-atlas 2.0.2 (TopoJSON). Run once: python build_outlines.py PATH/countries-110m.json.

Natural Earth is in the public domain; the packaging (world-atlas) is ISC-licensed. Only the countries whose
outline reaches into the map's box are kept, and coordinates are rounded to 0.01 degree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

BOX = (-12.0, 0.0, 150.0, 78.0)  # lon min, lat min, lon max, lat max: Europe to East Asia


def decode(topology: dict[str, Any]) -> dict[str, list[list[tuple[float, float]]]]:
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(points if not out else points[1:])
        return out

    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        polygons = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(p[0]) for p in polygons if p]  # outer rings only: holes are not drawn
        shapes[f"{geom.get('id', '')}|{name}"] = rings
    return shapes


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text())
    out = []
    for key, rings in decode(topology).items():
        kept = [r for r in rings if any(BOX[0] <= x <= BOX[2] and BOX[1] <= y <= BOX[3] for x, y in r)]
        if not kept:
            continue
        iso, name = key.split("|", 1)
        out.append({"id": iso, "name": name, "rings": [[[round(x, 2), round(y, 2)] for x, y in r] for r in kept]})
    target = Path(__file__).with_name("outlines.json")
    target.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False))
    print(f"{len(out)} countries, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
