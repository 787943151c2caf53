"""Property tests of the ledger rules (pure module): whatever order entries are offered in, the accepted ones keep
the invariants."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sco.financing import ledger
from sco.financing.codes import EntryKind
from sco.financing.ledger import Balance, Entry, Problem, accept, balance_of, problems

D0 = dt.date(2026, 1, 1)
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)


@st.composite
def offers(draw: st.DrawFn) -> list[tuple[str, object]]:
    """A sequence of offers: ("new", (kind, amount, day, flagged)) or ("reverse", index among accepted)."""
    out: list[tuple[str, object]] = []
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        if draw(st.booleans()) or not out:
            kind = draw(st.sampled_from(list(EntryKind)))
            out.append(("new", (kind, draw(AMOUNTS), draw(st.integers(0, 60)), draw(st.booleans()))))
        else:
            out.append(("reverse", draw(st.integers(0, 30))))
    return out


def run(offers: list[tuple[str, object]]) -> tuple[Balance, list[Entry]]:
    balance = Balance()
    accepted: list[Entry] = []
    for key, (action, value) in enumerate(offers, start=1):
        if action == "new":
            kind, amount, day, flagged = value  # type: ignore[misc]
            entry = Entry(key, kind, amount, D0 + dt.timedelta(days=day), excess_flagged=flagged)
        else:
            originals = [e for e in accepted if e.reverses is None]
            if not originals:
                continue
            original = originals[value % len(originals)]  # type: ignore[operator]
            entry = Entry(key, original.kind, -original.amount, D0 + dt.timedelta(days=61), reverses=original.key)
        if not problems(balance, entry):
            balance = accept(balance, entry)
            accepted.append(entry)
    return balance, accepted


def test_reversing_the_flagged_entry_that_let_an_excess_in_is_refused() -> None:
    """The case the property test found: a flagged entry, a commitment, a disbursement; the commitment's reversal
    leaves an excess that the flag covers; reversing the flagged entry would leave it uncovered."""
    one = Decimal("0.01")
    flagged = Entry(1, EntryKind.PLEDGE, one, D0, excess_flagged=True)
    balance = balance_of(
        [
            flagged,
            Entry(2, EntryKind.COMMITMENT, one, D0),
            Entry(3, EntryKind.DISBURSEMENT, one, D0),
            Entry(4, EntryKind.COMMITMENT, -one, D0, reverses=2),
        ]
    )
    assert problems(balance, Entry(5, EntryKind.PLEDGE, -one, D0, reverses=1)) == [Problem.REVERSAL_WOULD_EXCEED]


@settings(max_examples=100, deadline=None)
@given(offers())
def test_disbursements_never_exceed_commitments_unless_the_excess_is_flagged(offered: list) -> None:
    balance, _ = run(offered)
    assert balance.disbursed <= balance.net_committed or balance.excess_flagged


@settings(max_examples=100, deadline=None)
@given(offers())
def test_the_balance_is_the_sum_of_the_entries(offered: list) -> None:
    balance, accepted = run(offered)
    for kind in EntryKind:
        assert balance.total(kind) == sum((e.amount for e in accepted if e.kind is kind), Decimal(0))


@settings(max_examples=100, deadline=None)
@given(offers())
def test_a_reversal_nets_its_entry_to_zero_and_is_never_repeated(offered: list) -> None:
    _, accepted = run(offered)
    by_key = {e.key: e for e in accepted}
    reversed_keys = [e.reverses for e in accepted if e.reverses is not None]
    assert len(reversed_keys) == len(set(reversed_keys))
    for e in accepted:
        if e.reverses is not None:
            assert e.amount + by_key[e.reverses].amount == 0


@settings(max_examples=80, deadline=None)
@given(offers(), st.randoms(use_true_random=False))
def test_the_balance_of_accepted_entries_does_not_depend_on_their_order(offered: list, rnd: random.Random) -> None:
    balance, accepted = run(offered)
    shuffled = accepted[:]
    rnd.shuffle(shuffled)
    assert balance_of(shuffled).totals == balance.totals


@settings(max_examples=80, deadline=None)
@given(offers())
def test_no_disbursement_is_dated_before_the_first_commitment(offered: list) -> None:
    _, accepted = run(offered)
    seen_commitment = None
    for e in accepted:
        if e.kind is EntryKind.COMMITMENT and e.reverses is None:
            seen_commitment = min(seen_commitment or e.value_date, e.value_date)
        if e.kind is EntryKind.DISBURSEMENT and e.reverses is None:
            assert seen_commitment is not None and e.value_date >= seen_commitment


def test_a_negative_disbursement_is_refused() -> None:
    assert problems(Balance(), Entry(1, EntryKind.DISBURSEMENT, Decimal("-5"), D0)) == [Problem.NOT_POSITIVE]


def test_a_disbursement_before_the_commitment_is_refused() -> None:
    b = accept(Balance(), Entry(1, EntryKind.COMMITMENT, Decimal("100"), D0))
    assert Problem.BEFORE_COMMITMENT in problems(
        b, Entry(2, EntryKind.DISBURSEMENT, Decimal("5"), D0 - dt.timedelta(1))
    )


def test_an_excess_is_accepted_only_when_flagged() -> None:
    b = accept(Balance(), Entry(1, EntryKind.COMMITMENT, Decimal("100"), D0))
    assert problems(b, Entry(2, EntryKind.DISBURSEMENT, Decimal("101"), D0)) == [Problem.EXCEEDS_COMMITMENT]
    assert problems(b, Entry(2, EntryKind.DISBURSEMENT, Decimal("101"), D0, excess_flagged=True)) == []


def test_reversing_a_commitment_with_disbursements_against_it_is_refused() -> None:
    b = accept(Balance(), Entry(1, EntryKind.COMMITMENT, Decimal("100"), D0))
    b = accept(b, Entry(2, EntryKind.DISBURSEMENT, Decimal("40"), D0))
    refused = ledger.problems(b, Entry(3, EntryKind.COMMITMENT, Decimal("-100"), D0, reverses=1))
    assert refused == [Problem.REVERSAL_WOULD_EXCEED]
