"""What every layout's reader shares: the error, the outcome, the code tables, the rules of a row. No Django import."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

BATCH = 100_000
FIRST_YEAR = 1948
PRODUCT = re.compile(r"^(TOTAL|\d{2}|\d{4}|\d{6})$")
LAYOUTS = ("dots", "comtrade", "baci")
KEY = "year, reporter, partner, flow, product"


class BadFile(Exception):
    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason, self.line = reason, line
        super().__init__(f"line {line}: {reason}" if line else reason)


@dataclass
class Outcome:
    layout: str
    rows: int = 0
    skipped: int = 0
    years: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Codes:
    """Country numbers to ISO alpha-3 by scheme, and the ISO alpha-3 codes known at all."""

    by_scheme: Mapping[str, Mapping[int, str]]
    iso3: frozenset[str]
