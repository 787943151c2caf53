"""`sco infosec_pull NAME --url API_ROOT --collection ID --into ALIAS --key-env VAR`: pull a collection from another
instance (register the source on first use; later runs resume from where the last one stopped)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sco.infosec import federation, services
from sco.infosec.models import Collection, PullSource
from sco.infosec.tlp import Tlp


class Command(BaseCommand):
    help = "Pull a TAXII 2.1 collection from another instance, resuming where the last pull stopped."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name")
        parser.add_argument("--url", help="the remote API root, e.g. https://cert.example/taxii2/sco/")
        parser.add_argument("--collection", help="the remote collection id")
        parser.add_argument("--into", help="the local collection alias (made, GREEN at most, if missing)")
        parser.add_argument("--key-env", default="SCO_INFOSEC_PULL_KEY", help="environment variable with the key")
        parser.add_argument("--max-pages", type=int, default=None)
        parser.add_argument("--per-page", type=int, default=federation.PAGE)

    def handle(self, *args: Any, **opts: Any) -> None:
        source = PullSource.objects.filter(name=opts["name"]).first()
        if source is None:
            if not (opts["url"] and opts["collection"] and opts["into"]):
                raise CommandError("a new source needs --url, --collection and --into")
            into = Collection.objects.filter(alias=opts["into"]).first() or services.collection_create(
                actor=None, alias=opts["into"], title_en=f"Pulled from {opts['url']}", max_tlp=Tlp.GREEN
            )
            source = PullSource.objects.create(
                name=opts["name"],
                api_root_url=opts["url"],
                remote_collection=opts["collection"],
                into=into,
                key_env=opts["key_env"],
            )
        try:
            result = federation.pull(source=source, max_pages=opts["max_pages"], per_page=opts["per_page"])
        except Exception as exc:
            raise CommandError(f"pull failed: {exc}") from exc
        self.stdout.write(
            f"{source.name}: {result.pages} page(s), {result.stored} stored or already here, {result.skipped} skipped"
            f" ({'up to date' if result.finished else 'more to pull'})\n"
        )
