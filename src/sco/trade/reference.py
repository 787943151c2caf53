"""Sourced figures the indicators need beside the trade data, shipped as CSV with the source on every row.

- `data/gdp_world_bank.csv`: GDP in current US dollars of the ten members, 1992-2020 (World Bank WDI,
  NY.GDP.MKTP.CD), for openness.
- `data/world_exports.csv`: world merchandise exports in US dollars (UNCTAD Handbook of Statistics), for trade
  intensity; only the years the source states (2020, and 2019 from the difference it gives).

A year or a state without a row has no figure: the indicator is shown as unavailable with that reason, never
estimated. No Django import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
GDP_FILE = DATA_DIR / "gdp_world_bank.csv"
WORLD_EXPORTS_FILE = DATA_DIR / "world_exports.csv"


@dataclass(frozen=True)
class Figure:
    value: float  # US dollars
    source: str


@cache
def gdp() -> dict[tuple[str, int], Figure]:
    """GDP by (ISO alpha-3, year)."""
    with GDP_FILE.open(encoding="utf-8", newline="") as f:
        return {(r["iso3"], int(r["year"])): Figure(float(r["gdp_usd"]), r["source"]) for r in csv.DictReader(f)}


@cache
def world_exports() -> dict[int, Figure]:
    """World merchandise exports by year."""
    with WORLD_EXPORTS_FILE.open(encoding="utf-8", newline="") as f:
        return {
            int(r["year"]): Figure(float(r["world_merchandise_exports_usd"]), r["source"]) for r in csv.DictReader(f)
        }
