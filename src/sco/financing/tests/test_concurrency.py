"""Eight financiers recording at once on one plan lose nothing and break no rule. Needs PostgreSQL: SQLite has no row
locks to race on (its single writer serialises everything)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from sco.core import audit
from sco.core.testing import at_once
from sco.financing import services
from sco.financing.models import Balance, LedgerEntry

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL"),
]
D = dt.date(2026, 3, 1)


def test_eight_writers_at_once_keep_every_entry_and_the_totals_equal_the_sum_written(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], make_mandate: Callable[..., Any]
) -> None:
    tranche = add_tranche(project, "aiib", "1000000")
    writers = [financier("aiib")] + [make_mandate(f"fin-aiib-{i}", "financier", institution="aiib") for i in range(7)]
    services.entry_record(
        actor=writers[0], tranche=tranche, kind="commitment", amount="1000000", currency="USD", value_date=D
    )
    amounts = [Decimal(f"{1000 + i}.25") for i in range(8)]
    results = at_once(
        *[
            (
                lambda u=u, a=a: services.entry_record(
                    actor=u, tranche=tranche, kind="disbursement", amount=a, currency="USD", value_date=D
                )
            )
            for u, a in zip(writers, amounts, strict=True)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(LedgerEntry.objects.values_list("seq", flat=True)) == list(range(1, 10))
    assert Balance.objects.get(tranche=tranche, kind="disbursement").amount == sum(amounts)
    assert services.verify_chain(tranche.plan)
    assert audit.verify() == []


def test_eight_writers_racing_for_the_last_of_a_commitment_never_overdraw_it(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], make_mandate: Callable[..., Any]
) -> None:
    tranche = add_tranche(project, "aiib", "1000")
    writers = [financier("aiib")] + [make_mandate(f"fin-aiib-{i}", "financier", institution="aiib") for i in range(7)]
    services.entry_record(
        actor=writers[0], tranche=tranche, kind="commitment", amount="300", currency="USD", value_date=D
    )
    results = at_once(
        *[
            (
                lambda u=u: services.entry_record(
                    actor=u, tranche=tranche, kind="disbursement", amount="100", currency="USD", value_date=D
                )
            )
            for u in writers
        ]
    )
    accepted = [r for r in results if isinstance(r, LedgerEntry)]
    assert len(accepted) == 3
    assert Balance.objects.get(tranche=tranche, kind="disbursement").amount == Decimal("300")
