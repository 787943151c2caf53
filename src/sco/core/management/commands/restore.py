from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sco.core import backups


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `sco backup` (stop the web servers and workers first). "
        "Run `sco audit verify` after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="yes, replace everything in the database")

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        if not options["yes"]:
            raise CommandError("a restore replaces everything in the database: say --yes")
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            backups.restore(path)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"database restored from {path}"))
