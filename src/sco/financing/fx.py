"""Totals in a reporting currency from a dated exchange-rate table. Pure: no Django import.

A rate says how many units of ``quote`` one unit of ``base`` buys on a date. For a conversion on a date we use the
latest rate on or before that date, direct or inverse; never a later one (that would convert with a rate that was not
known yet) and never a rate through a third currency (the table says what its source published, nothing more).
A total that needs a rate the table lacks is not given: it names the pairs that are missing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rate:
    base: str
    quote: str
    on: dt.date
    rate: Decimal


@dataclass(frozen=True)
class Total:
    currency: str
    amount: Decimal | None  # None when a rate is missing
    missing: tuple[str, ...] = ()  # e.g. ("KZT→USD on 2026-01-31",)

    @property
    def complete(self) -> bool:
        return self.amount is not None


class RateBook:
    def __init__(self, rates: Iterable[Rate]) -> None:
        series: dict[tuple[str, str], list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for r in rates:
            series[(r.base, r.quote)].append((r.on, r.rate))
        self._series = {pair: sorted(points) for pair, points in series.items()}

    def _latest(self, base: str, quote: str, on: dt.date) -> Decimal | None:
        points = self._series.get((base, quote))
        if not points:
            return None
        i = bisect.bisect_right(points, (on, Decimal("Infinity")))
        return points[i - 1][1] if i else None

    def rate(self, base: str, quote: str, on: dt.date) -> Decimal | None:
        if base == quote:
            return Decimal(1)
        direct = self._latest(base, quote, on)
        if direct is not None:
            return direct
        inverse = self._latest(quote, base, on)
        if inverse is not None and inverse != 0:
            return Decimal(1) / inverse
        return None


def total_in(currency: str, amounts: Mapping[str, Decimal], *, book: RateBook, on: dt.date) -> Total:
    """The sum of ``amounts`` (currency -> amount) in ``currency`` on ``on``."""
    total = Decimal(0)
    missing: list[str] = []
    for code in sorted(amounts):
        amount = amounts[code]
        if not amount:
            continue
        rate = book.rate(code, currency, on)
        if rate is None:
            missing.append(f"{code}→{currency} ({on.isoformat()})")
            continue
        total += amount * rate
    if missing:
        return Total(currency=currency, amount=None, missing=tuple(missing))
    return Total(currency=currency, amount=total.quantize(CENT))
