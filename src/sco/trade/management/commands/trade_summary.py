from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sco.core.errors import ScoError
from sco.trade import selectors


def _m(value: float | None) -> str:
    return "-" if value is None else f"{value / 1e6:,.2f}"


class Command(BaseCommand):
    help = "Print the dashboard's figures: trade among a member set in a year and one member's partners (US$ million)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dataset", default=selectors.DEFAULT_DATASET)
        parser.add_argument("--year", type=int)
        parser.add_argument("--set", default="year", choices=selectors.MODES)
        parser.add_argument("--members", nargs="*", default=[], help="ISO alpha-3 codes for --set fixed")
        parser.add_argument("--reporter", default=selectors.DEFAULT_REPORTER)

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            reporter = selectors.member_state(code=o["reporter"], field="reporter").iso3
            board = selectors.dashboard(
                dataset=o["dataset"], year=o["year"], mode=o["set"], fixed=o["members"], reporter=reporter
            )
        except ScoError as e:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in e.field_errors.items())
            raise CommandError(f"{e.message} {details}".strip()) from None
        if board.members is None:
            raise CommandError("no figures in this dataset: run trade_import --shipped")
        growth = "-" if board.intra_growth is None else f"{board.intra_growth:+.1f}%"
        self.stdout.write(f"{board.dataset.code} {board.year}, {board.members.label}")
        self.stdout.write(f"source: {board.dataset.source}")
        self.stdout.write(f"trade among the members, US$ million: {_m(board.intra_total)} (growth {growth})")
        if board.reporter:
            self.stdout.write(f"{reporter} with each member, US$ million (exports, imports, total; e = IMF estimate):")
            for r in board.reporter.rows:
                flag = " e" if r.estimated else ""
                self.stdout.write(f"  {r.partner}  {_m(r.exports)}  {_m(r.imports)}  {_m(r.total)}{flag}")
            self.stdout.write(f"  all      {_m(board.reporter.total)}")
