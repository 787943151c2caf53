"""`sco infosec_key create|list|revoke`: a CERT's machine keys for TAXII clients (the key is printed once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sco.core.errors import ScoError
from sco.core.models import User
from sco.infosec import access, services
from sco.infosec.models import ApiKey, Collection


class Command(BaseCommand):
    help = "Create, list or revoke a CERT's TAXII API keys."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("--user", required=True, help="the CERT analyst the key acts for")
        parser.add_argument("--collections", default="", help="collection aliases, comma-separated (create)")
        parser.add_argument("--write", action="store_true", help="the key may post objects (create)")
        parser.add_argument("--days", type=int, default=services.KEY_DAYS)
        parser.add_argument("--name", default="taxii client")
        parser.add_argument("--prefix", help="the key to revoke (its prefix)")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError("no such user")
        cert = access.cert_of(user)
        if cert is None:
            raise CommandError("this user acts for no CERT today")
        try:
            if opts["action"] == "create":
                aliases = [a.strip() for a in opts["collections"].split(",") if a.strip()]
                collections = list(Collection.objects.filter(alias__in=aliases))
                if len(collections) != len(aliases):
                    raise CommandError("unknown collection alias")
                key, token = services.key_create(
                    actor=None,  # the server's operator, for the analyst named
                    holder=user,
                    cert=cert,
                    name=opts["name"],
                    collections=collections,
                    may_write=opts["write"],
                    days=opts["days"],
                )
                self.stdout.write(f"{token}\n(shown once; expires {key.expires_at:%Y-%m-%d})\n")
            elif opts["action"] == "list":
                for key in ApiKey.objects.filter(cert=cert).prefetch_related("collections"):
                    state = "revoked" if key.revoked_at else f"expires {key.expires_at:%Y-%m-%d}"
                    scope = ",".join(c.alias for c in key.collections.all())
                    self.stdout.write(f"{key.prefix}  {key.name}  {scope}  {'rw' if key.may_write else 'r'}  {state}\n")
            else:
                key_row = ApiKey.objects.filter(cert=cert, prefix=opts["prefix"] or "").first()
                if key_row is None:
                    raise CommandError("no such key for this CERT")
                services.key_revoke(actor=None, key=key_row)
                self.stdout.write(f"revoked {key_row.prefix}\n")
        except ScoError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.field_errors.items())
            raise CommandError(f"{exc.message} {details}".strip()) from exc
