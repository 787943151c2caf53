"""Demo data of the trade monitor: the shipped IMF DOTS figures (real, sourced in data/SOURCE.md)."""

from __future__ import annotations

import importlib
from typing import Any

from sco.trade import services
from sco.trade.models import Dataset


def load(*, stdout: Any) -> None:
    # The reference rows (datasets, code tables, published figures) come with migration 0002; a database whose
    # tables were emptied since (a flush) gets them again from the same loader.
    if not Dataset.objects.exists():
        from django.apps import apps

        importlib.import_module("sco.trade.migrations.0002_reference_data").load(apps, None)
    result = services.shipped_data_load()
    state = "imported" if result.created else "already there"
    stdout.write(f"trade: IMF DOTS figures {state} ({result.record.rows} rows, to {result.record.year_max})\n")
