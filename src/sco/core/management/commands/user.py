from django.core.management.base import BaseCommand, CommandError

from sco.core import services
from sco.core.errors import ScoError


class Command(BaseCommand):
    help = "Create a person's account (the operator of the machine acts here)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("username")
        create.add_argument("--password", required=True)
        create.add_argument("--email", default="")
        create.add_argument("--name", default="")
        create.add_argument("--language", default="en", choices=["en", "ru", "zh-hans"])

    def handle(self, *args: object, **options: object) -> None:
        try:
            user = services.user_create(
                actor=None,
                username=str(options["username"]),
                password=str(options["password"]),
                email=str(options["email"]),
                display_name=str(options["name"]),
                language=str(options["language"]),
            )
        except ScoError as exc:
            raise CommandError(f"{exc.message} {exc.field_errors}") from exc
        self.stdout.write(f"created {user.username}\n")
