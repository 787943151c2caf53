"""The rules of a tranche's ledger. Pure: no Django import.

A tranche (one institution's line in a project's financing plan) has an append-only list of entries. An entry is
never edited or deleted; a correction is a *reversal*: a new entry of the same kind whose amount is the negation of
the entry it reverses. So the balance of each kind is simply the sum of its entries, and an entry with its reversal
nets to zero.

The rules a new entry must pass, given the entries already accepted (``Balance``):

- an original entry has a positive amount; only a reversal is negative, and it is exactly the negation of an
  original entry of the same kind that is not yet reversed (a reversal is never reversed itself);
- a disbursement needs a commitment, and is not dated before the first commitment still standing;
- disbursements never exceed net commitments (commitments less cancellations) unless the disbursement carries an
  explicit flag saying the excess is known (e.g. a cost overrun being financed before the commitment is raised);
- a cancellation cannot cancel more than is committed and not yet disbursed;
- repayments never exceed what was disbursed;
- reversing a commitment or a cancellation cannot leave disbursements above net commitments, unless an excess had
  already been flagged.

Because every rule reads only totals and the set of entries already accepted, the balance after a set of accepted
entries does not depend on the order they were accepted in.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from sco.financing.codes import EntryKind

ZERO = Decimal("0")


class Problem(enum.StrEnum):
    NOT_POSITIVE = "not_positive"
    UNKNOWN_REVERSED = "unknown_reversed"
    ALREADY_REVERSED = "already_reversed"
    REVERSAL_OF_REVERSAL = "reversal_of_reversal"
    REVERSAL_MISMATCH = "reversal_mismatch"
    NO_COMMITMENT = "no_commitment"
    BEFORE_COMMITMENT = "before_commitment"
    EXCEEDS_COMMITMENT = "exceeds_commitment"
    CANCELLATION_EXCEEDS = "cancellation_exceeds"
    REPAYMENT_EXCEEDS = "repayment_exceeds"
    REVERSAL_WOULD_EXCEED = "reversal_would_exceed"


@dataclass(frozen=True)
class Entry:
    key: int
    kind: EntryKind
    amount: Decimal
    value_date: dt.date
    reverses: int | None = None
    excess_flagged: bool = False


@dataclass(frozen=True)
class Balance:
    """What a tranche's accepted entries add up to."""

    totals: Mapping[EntryKind, Decimal] = field(default_factory=dict)
    entries: Mapping[int, Entry] = field(default_factory=dict)
    reversed_keys: frozenset[int] = frozenset()

    def total(self, kind: EntryKind) -> Decimal:
        return self.totals.get(kind, ZERO)

    @property
    def net_committed(self) -> Decimal:
        return self.total(EntryKind.COMMITMENT) - self.total(EntryKind.CANCELLATION)

    @property
    def disbursed(self) -> Decimal:
        return self.total(EntryKind.DISBURSEMENT)

    @property
    def undisbursed(self) -> Decimal:
        return self.net_committed - self.disbursed

    @property
    def excess_flagged(self) -> bool:
        return any(e.excess_flagged and e.key not in self.reversed_keys for e in self.entries.values())

    @property
    def first_commitment(self) -> dt.date | None:
        dates = [
            e.value_date
            for e in self.entries.values()
            if e.kind is EntryKind.COMMITMENT and e.reverses is None and e.key not in self.reversed_keys
        ]
        return min(dates, default=None)


def problems(balance: Balance, entry: Entry) -> list[Problem]:
    """Why ``entry`` may not join the ledger whose accepted entries add up to ``balance`` (empty: it may)."""
    if entry.reverses is not None:
        return _reversal_problems(balance, entry)
    if entry.amount <= ZERO:
        return [Problem.NOT_POSITIVE]
    found: list[Problem] = []
    if entry.kind is EntryKind.DISBURSEMENT:
        first = balance.first_commitment
        if first is None:
            found.append(Problem.NO_COMMITMENT)
        elif entry.value_date < first:
            found.append(Problem.BEFORE_COMMITMENT)
        if first is not None and balance.disbursed + entry.amount > balance.net_committed and not entry.excess_flagged:
            found.append(Problem.EXCEEDS_COMMITMENT)
    elif entry.kind is EntryKind.CANCELLATION:
        if entry.amount > balance.undisbursed:
            found.append(Problem.CANCELLATION_EXCEEDS)
    elif entry.kind is EntryKind.REPAYMENT and balance.total(EntryKind.REPAYMENT) + entry.amount > balance.disbursed:
        found.append(Problem.REPAYMENT_EXCEEDS)
    return found


def _reversal_problems(balance: Balance, entry: Entry) -> list[Problem]:
    original = balance.entries.get(entry.reverses) if entry.reverses is not None else None
    if original is None:
        return [Problem.UNKNOWN_REVERSED]
    if original.reverses is not None:
        return [Problem.REVERSAL_OF_REVERSAL]
    if original.key in balance.reversed_keys:
        return [Problem.ALREADY_REVERSED]
    if entry.kind is not original.kind or entry.amount != -original.amount:
        return [Problem.REVERSAL_MISMATCH]
    after = _add(balance, entry)
    # Any reversal, not only a commitment's or a cancellation's: reversing the flagged entry that let an excess in
    # takes its flag away, and the excess would stand unflagged (found by the property test).
    if after.disbursed > after.net_committed and not after.excess_flagged:
        return [Problem.REVERSAL_WOULD_EXCEED]
    if original.kind is EntryKind.DISBURSEMENT and after.total(EntryKind.REPAYMENT) > after.disbursed:
        return [Problem.REPAYMENT_EXCEEDS]
    return []


def _add(balance: Balance, entry: Entry) -> Balance:
    totals = dict(balance.totals)
    totals[entry.kind] = totals.get(entry.kind, ZERO) + entry.amount
    reversed_keys = balance.reversed_keys | {entry.reverses} if entry.reverses is not None else balance.reversed_keys
    return Balance(totals=totals, entries={**balance.entries, entry.key: entry}, reversed_keys=reversed_keys)


def accept(balance: Balance, entry: Entry) -> Balance:
    """The balance with ``entry`` added; ``ValueError`` naming the problems if it breaks a rule."""
    found = problems(balance, entry)
    if found:
        raise ValueError(", ".join(p.value for p in found))
    return _add(balance, entry)


def balance_of(entries: Iterable[Entry]) -> Balance:
    """The balance of entries already accepted (read back from storage: not checked again)."""
    balance = Balance()
    for entry in sorted(entries, key=lambda e: e.key):
        balance = _add(balance, entry)
    return balance
