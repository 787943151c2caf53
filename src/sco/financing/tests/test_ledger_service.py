"""The ledger service decides as the pure rules do over the whole ledger (issue #12), though it reads only the
running balance and the entries a rule looks at one by one (services.entries._balance): after any sequence of
entries and reversals, in any kind, date and flag, each one is accepted exactly when ledger.problems over every
entry of the tranche accepts it."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sco.core.errors import ScoError
from sco.financing import ledger, services
from sco.financing.codes import EntryKind
from sco.financing.models import LedgerEntry

DATES = [dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)]
KINDS = ["commitment", "disbursement", "cancellation", "repayment", "pledge"]

OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("record"),
            st.sampled_from(KINDS),
            st.integers(1, 400),
            st.integers(0, len(DATES) - 1),
            st.booleans(),
        ),
        st.tuples(st.just("reverse"), st.integers(0, 40)),
    ),
    max_size=14,
)


def _whole(tranche_id: int) -> ledger.Balance:
    return ledger.balance_of(
        ledger.Entry(
            key=e.pk,
            kind=EntryKind(e.kind),
            amount=e.amount,
            value_date=e.value_date,
            reverses=e.reverses_id,
            excess_flagged=e.excess_flagged,
        )
        for e in LedgerEntry.objects.filter(tranche_id=tranche_id)
    )


@pytest.mark.django_db
def test_the_service_accepts_an_entry_exactly_when_the_rules_over_the_whole_ledger_do(
    make_project: Callable[..., Any], add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    user = financier("aiib")
    tranche = add_tranche(make_project(cost="1000000"), "aiib", "10000")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OPS)
    # an excess let in by a flagged disbursement stays flagged when another entry is reversed
    @example([("record", "commitment", 100, 0, False), ("record", "disbursement", 150, 1, True),
              ("record", "pledge", 10, 0, False), ("reverse", 2), ("reverse", 1), ("reverse", 0)])  # fmt: skip
    def run(ops: list[tuple[Any, ...]]) -> None:
        with transaction.atomic():
            for op in ops:
                before = LedgerEntry.objects.count()
                if op[0] == "record":
                    _n, kind, amount, day, flag = op
                    candidate = ledger.Entry(
                        key=0, kind=EntryKind(kind), amount=amount, value_date=DATES[day], excess_flagged=flag
                    )
                    expected = not ledger.problems(_whole(tranche.pk), candidate)
                    with contextlib.suppress(ScoError):
                        services.entry_record(
                            actor=user,
                            tranche=tranche,
                            kind=kind,
                            amount=str(amount),
                            currency="USD",
                            value_date=DATES[day],
                            flag_excess=flag,
                        )
                else:
                    entries = list(LedgerEntry.objects.filter(tranche=tranche).order_by("pk"))
                    if not entries:
                        continue
                    original = entries[op[1] % len(entries)]  # a reversal, or one reversed already, too
                    candidate = ledger.Entry(
                        key=0,
                        kind=EntryKind(original.kind),
                        amount=-original.amount,
                        value_date=DATES[-1],
                        reverses=original.pk,
                    )
                    expected = not ledger.problems(_whole(tranche.pk), candidate)
                    with contextlib.suppress(ScoError):
                        services.entry_reverse(actor=user, entry=original, reason="a correction", value_date=DATES[-1])
                assert (LedgerEntry.objects.count() == before + 1) == expected, op
            transaction.set_rollback(True)

    run()
