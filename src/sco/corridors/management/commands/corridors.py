"""The corridors command line: `sco corridors export|import|route|flow|scenarios`.

  sco corridors export --format geojson -o network.geojson      (or --format csv -o DIR: nodes.csv, edges.csv)
  sco corridors import network.geojson                          (or --nodes nodes.csv --edges edges.csv)
  sco corridors route CN_XIAN DE_DUISBURG --corridor MC --alternatives 5
  sco corridors flow 2030 [--project 12]
  sco corridors scenarios

Imports run as the system (whoever holds the machine); every write is audited all the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sco.core.errors import ScoError
from sco.corridors import dataio, project_effects, selectors, services


class Command(BaseCommand):
    help = "Export, import and query the corridor network: routes, flows and scenarios."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the network as GeoJSON or CSV.")
        export.add_argument("--format", choices=["geojson", "csv"], default="geojson")
        export.add_argument("-o", "--output", default="-", help="A file (GeoJSON), a folder (CSV), or - (GeoJSON).")
        imp = sub.add_parser("import", help="Add or update nodes and edges from GeoJSON or CSV.")
        imp.add_argument("geojson", nargs="?", help="A GeoJSON FeatureCollection.")
        imp.add_argument("--nodes", help="nodes.csv")
        imp.add_argument("--edges", help="edges.csv")
        route = sub.add_parser("route", help="The best route between two hubs.")
        route.add_argument("origin")
        route.add_argument("destination")
        route.add_argument("--corridor", default="", choices=["", "MC", "NR", "NS"])
        route.add_argument("--alternatives", type=int, default=0)
        route.add_argument("--value-of-time", type=float, dest="value_of_time_usd_per_teu_h")
        route.add_argument("--carbon-price", type=float, dest="carbon_price_usd_per_t_co2")
        route.add_argument("--reliability-weight", type=float, dest="reliability_weight")
        flow = sub.add_parser("flow", help="The min-cost flow of a shared scenario, with its bottlenecks.")
        flow.add_argument("scenario")
        flow.add_argument("--project", type=int, help="Apply this project's edits first.")
        sub.add_parser("scenarios", help="List the shared scenarios.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except ScoError as exc:
            detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.field_errors.items())
            raise CommandError(f"{exc.message} {detail}".strip()) from exc

    def _json(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))

    def do_export(self, options: dict[str, Any]) -> None:
        nodes, edges = selectors.network_rows()
        if options["format"] == "geojson":
            text = json.dumps(dataio.to_geojson(nodes, edges), ensure_ascii=False)
            if options["output"] == "-":
                self.stdout.write(text)
            else:
                Path(options["output"]).write_text(text, encoding="utf-8")
            return
        if options["output"] == "-":
            raise CommandError("CSV needs a folder: -o DIR")
        folder = Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        nodes_csv, edges_csv = dataio.write_csv(nodes, edges)
        (folder / "nodes.csv").write_text(nodes_csv, encoding="utf-8")
        (folder / "edges.csv").write_text(edges_csv, encoding="utf-8")

    def do_import(self, options: dict[str, Any]) -> None:
        if options["geojson"]:
            text = sys.stdin.read() if options["geojson"] == "-" else Path(options["geojson"]).read_text("utf-8")
            nodes, edges, problems = dataio.read_geojson(text)
        elif options["nodes"] and options["edges"]:
            nodes, edges, problems = dataio.read_csv(
                Path(options["nodes"]).read_text("utf-8"), Path(options["edges"]).read_text("utf-8")
            )
        else:
            raise CommandError("give a GeoJSON file, or --nodes and --edges")
        self._json(services.network_import(actor=None, nodes=nodes, edges=edges, problems=problems))

    def do_route(self, options: dict[str, Any]) -> None:
        names = ("value_of_time_usd_per_teu_h", "carbon_price_usd_per_t_co2", "reliability_weight")
        params = selectors.params_from({k: options[k] for k in names if options.get(k) is not None})
        self._json(
            selectors.route(
                origin=options["origin"],
                destination=options["destination"],
                corridor=options["corridor"],
                params=params,
                alternatives=options["alternatives"],
            )
        )

    def do_flow(self, options: dict[str, Any]) -> None:
        scenario = selectors.scenario_get(viewer=None, key=options["scenario"])
        edits: tuple[Any, ...] = ()
        if options["project"]:
            from sco.projects.selectors import project_get

            edits = project_effects.edits_of(
                project_effects.project_edits(project_get(viewer=None, project_id=options["project"]))
            )
        self._json(selectors.flow_compute(scenario=scenario, edits=edits))

    def do_scenarios(self, options: dict[str, Any]) -> None:
        for s in selectors.scenario_list(viewer=None):
            total = sum(d["tonnes"] for d in s.demands) / 1e6
            self.stdout.write(f"{s.key}\t{s.year}\t{s.confidence}\t{total:.2f} Mt\t{s.name_en}")
