"""Demo data of the trade monitor: the shipped IMF DOTS figures (real, sourced in data/SOURCE.md)."""

from __future__ import annotations

from typing import Any

from sco.trade import services


def load(*, stdout: Any) -> None:
    result = services.shipped_data_load()
    state = "imported" if result.created else "already there"
    stdout.write(f"trade: IMF DOTS figures {state} ({result.record.rows} rows, to {result.record.year_max})\n")
