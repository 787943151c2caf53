"""sco search_reindex: rebuild the full-text index of every part (after a bulk load that bypassed the services)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from sco.core import hooks, search


class Command(BaseCommand):
    help = "Rebuild the full-text index of every part's records."

    def handle(self, *args: Any, **options: Any) -> None:
        for provide in hooks.get("search_reindex"):
            kind, rows = provide()
            with transaction.atomic():
                count = search.index_many(kind, rows)
            self.stdout.write(f"{kind}: {count} records indexed")
