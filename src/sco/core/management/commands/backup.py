from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sco.core import backups


class Command(BaseCommand):
    help = "Write the whole database to FILE: SQLite's online backup, or pg_dump's custom format on PostgreSQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        try:
            written = backups.backup(path)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"database written to {written} ({written.stat().st_size} bytes)"))
