"""Write the public projects as an OC4IDS 0.9 project package (JSON) or CSV: `sco projects_export --format csv`."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sco.projects import oc4ids, open_data


class Command(BaseCommand):
    help = "Export the public investment projects as an OC4IDS project package (JSON) or as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="Where the platform is served.")
        parser.add_argument("--output", "-o", default="-", help="A file, or - for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        data = open_data.oc4ids_package(base_url=options["base_url"].rstrip("/"), published=timezone.now())
        out = sys.stdout if options["output"] == "-" else open(options["output"], "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            if options["format"] == "json":
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.write("\n")
            else:
                oc4ids.write_csv(data, out)
        finally:
            if out is not sys.stdout:
                out.close()
