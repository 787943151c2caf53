"""Rebuild the maintained pipeline and portfolio totals from the projects and the ledger:
`sco financing_rebuild_totals` (after a bulk load that bypassed the services), or `--check` to compare only."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sco.financing.services import totals_rebuild


class Command(BaseCommand):
    help = "Rebuild the maintained financing totals from the ledger, or compare them with it (--check)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Compare only; fail if they differ.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            found = totals_rebuild.differences()
            for line in found[:20]:
                self.stdout.write(line)
            if found:
                raise CommandError(f"{len(found)} maintained totals differ from the ledger")
            self.stdout.write("the maintained totals equal the totals recomputed from the ledger")
            return
        rows = totals_rebuild.rebuild()
        self.stdout.write(f"{rows} total rows rebuilt from the ledger")
