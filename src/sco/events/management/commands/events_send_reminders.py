from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sco.events.services import reminders_send


class Command(BaseCommand):
    help = "Remind approved participants of events that start soon. Safe to run again: each is reminded once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="remind of events starting within this many hours")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send(hours_before=options["hours"])
        self.stdout.write(f"{sent} reminder(s) sent")
