"""Import ledger entries from a CSV: `sco financing_import_ledger FILE --user FINANCIER`.

Columns: project, institution (code), tranche (id), kind, value_date (YYYY-MM-DD), currency, amount; optional note,
flag_excess. Every row goes through the same service as the pages and the API, as the given financier, in one
transaction: one bad row and nothing is stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sco.financing import services
from sco.financing.management.commands._csvimport import actor, read_rows, run


class Command(BaseCommand):
    help = "Import ledger entries (CSV) for the institution the given financier acts for."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--user", required=True, help="The financier the entries are recorded as.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = read_rows(options["path"], services.LEDGER_COLUMNS)
        user = actor(options["user"])
        entries = run(
            rows,
            lambda progress: services.ledger_import(actor=user, rows=rows, progress=progress),
            desc="ledger",
            quiet=options["quiet"],
        )
        self.stdout.write(f"{len(entries)} ledger entries recorded from {options['path']}")
