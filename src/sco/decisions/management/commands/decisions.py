from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sco.decisions import services


class Command(BaseCommand):
    help = (
        "Jobs for decision procedures; run them every minute (cron or a worker). "
        "close-due: store the outcome of every procedure whose deadline has passed. "
        "remind: tell the states that have not spoken when a procedure closes within a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", choices=["close-due", "remind"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["job"] == "close-due":
            closed = services.decisions_close_due()
            for decision in closed:
                self.stdout.write(f"#{decision.pk} {decision.status}: {decision.title_en}")
            self.stdout.write(self.style.SUCCESS(f"{len(closed)} closed"))
        else:
            self.stdout.write(self.style.SUCCESS(f"{services.decisions_remind()} reminders sent"))
