"""Import exchange rates from a CSV (date, base, quote, rate): `sco financing_import_rates FILE --source S --user U`.
One bad row and the whole file is rejected, naming the row and the reason."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sco.financing import services
from sco.financing.management.commands._csvimport import actor, read_rows, run


class Command(BaseCommand):
    help = "Import a dated exchange-rate table (CSV: date, base, quote, rate) with its source."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--source", required=True, help="Where the rates were published (publisher, URL, date).")
        parser.add_argument("--user", default="secretariat", help="The Secretariat account the import is made as.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = read_rows(options["path"], ("date", "base", "quote", "rate"))
        user = actor(options["user"])
        batch = run(
            rows,
            lambda progress: services.rates_import(
                actor=user, rows=rows, source=options["source"], file_name=options["path"], progress=progress
            ),
            desc="rates",
            quiet=options["quiet"],
        )
        self.stdout.write(f"{batch.row_count} new rates imported from {options['path']} (source: {batch.source})")
