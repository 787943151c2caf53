from django.core.management.base import BaseCommand, CommandError

from sco.core import selectors, services
from sco.core.errors import ScoError
from sco.core.models import User


class Command(BaseCommand):
    help = "Personal API tokens: create (shown once), list, revoke."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--user", required=True)
        create.add_argument("--name", required=True)
        create.add_argument("--days", type=int, default=90)
        listing = sub.add_parser("list")
        listing.add_argument("--user", required=True)
        revoke = sub.add_parser("revoke")
        revoke.add_argument("--user", required=True)
        revoke.add_argument("id", type=int)

    def handle(self, *args: object, **options: object) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user {options['user']!r}")
        try:
            if options["action"] == "create":
                row, token = services.token_create(
                    actor=user, user=user, name=str(options["name"]), days=int(options["days"])
                )  # type: ignore[call-overload]
                self.stdout.write(
                    f"token {row.pk} ({row.name}), expires {row.expires_at:%Y-%m-%d}. Keep it now, it is not stored:\n"
                )
                self.stdout.write(token + "\n")
            elif options["action"] == "list":
                for t in selectors.token_list(viewer=user):
                    state = "revoked" if t.revoked_at else f"expires {t.expires_at:%Y-%m-%d}"
                    self.stdout.write(f"{t.pk}\t{t.name}\tsco_{t.prefix}…\t{state}\n")
            else:
                services.token_revoke(actor=user, token_id=int(options["id"]))  # type: ignore[call-overload]
                self.stdout.write("revoked\n")
        except ScoError as exc:
            raise CommandError(f"{exc.message} {exc.field_errors or ''}") from exc
