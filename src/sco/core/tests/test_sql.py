"""core.sql: an amount read as the driver gives it comes back as the Decimal that was written, on either database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sco.core import sql


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        (Decimal("8178.44"), Decimal("8178.44")),  # PostgreSQL's numeric
        (12.34, Decimal("12.34")),  # SQLite's float
        (0.1 + 0.2, Decimal("0.30")),
        (7, Decimal("7.00")),
        (999999999999.99, Decimal("999999999999.99")),
        (-4200000000.5, Decimal("-4200000000.50")),
    ],
)
def test_an_amount_reads_back_as_the_decimal_written(read: object, expected: Decimal) -> None:
    assert sql.money(read) == expected
