from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sco.core.errors import ScoError
from sco.trade import services


class Command(BaseCommand):
    help = (
        "Import a trade file (UN Comtrade CSV, CEPII BACI CSV or IMF DOTS long CSV) whole or not at all, "
        "or the shipped IMF DOTS figures (--shipped). Importing the same file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="the CSV file")
        parser.add_argument("--shipped", action="store_true", help="import the IMF DOTS figures shipped in data/")
        parser.add_argument("--dataset", help="dataset code (default: by layout: imf-dots, un-comtrade, cepii-baci)")
        parser.add_argument("--year", type=int, action="append", help="refuse rows of any other year (repeatable)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["shipped"]:
            path, dataset = services.SHIPPED_FILE, "imf-dots"
        elif options["file"]:
            path, dataset = Path(options["file"]), options["dataset"]
        else:
            raise CommandError("name a file, or --shipped")
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        bar = tqdm(unit=" rows", unit_scale=True, disable=options["no_progress"], desc=path.name)
        try:
            result = services.trade_import(
                actor=None, path=path, dataset=dataset, years=set(options["year"] or []) or None, progress=bar.update
            )
        except ScoError as e:
            raise CommandError(e.message) from None
        finally:
            bar.close()
        r = result.record
        if result.created:
            self.stdout.write(
                f"imported {r.rows} rows ({r.skipped} skipped) into {r.dataset.code}, {r.year_min}-{r.year_max}"
            )
        else:
            self.stdout.write(f"already imported on {r.imported_at:%Y-%m-%d %H:%M} (same file): nothing changed")
