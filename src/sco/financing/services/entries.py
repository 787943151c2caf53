"""The ledger: a financier records entries for their own institution's tranche; a correction is a reversal. Each
entry is chained to the plan's previous one (sha256) and joins the tranche's running balance in the same
transaction, under the plan's row lock, so the balance a rule reads is the balance the entry joins."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit, sql
from sco.core.models import User
from sco.financing import cache, ledger
from sco.financing.codes import EntryKind
from sco.financing.errors import FinancingInvalid, NeedsBoardApproval
from sco.financing.models import FinancingPlan, LedgerEntry, Tranche
from sco.financing.services import totals
from sco.financing.services.common import (
    AmountInput,
    LockedTranche,
    currency_code,
    ensure_financeable,
    ensure_institution,
    locked_tranche,
    refuse,
    to_decimal,
)
from sco.members import permissions as members

# What the rules read of a tranche's accepted entries (ledger.Balance), without reading every entry: the totals per
# kind from the running balance (kept in each entry's transaction, under the plan's lock, so it is the sum of the
# entries), and of the entries only those a rule looks at one by one: the commitments still standing (the first
# one's date), the entries flagged for an excess still standing, and for a reversal the entry it reverses and whether
# it is reversed already, as plain rows (``sql.money`` reads an amount on either database). A tranche of thousands of
# entries costs what one of ten does.
_TOTALS = "SELECT kind, SUM(amount) FROM financing_balance WHERE tranche_id = %s GROUP BY kind"
_STANDING = """
    SELECT e.id, e.kind, e.amount, e.value_date, e.reverses_id, e.excess_flagged FROM financing_ledgerentry e
    WHERE e.tranche_id = %s AND e.reverses_id IS NULL AND (e.kind = %s OR e.excess_flagged)
    AND NOT EXISTS (SELECT 1 FROM financing_ledgerentry r WHERE r.reverses_id = e.id)"""


def _entry(pk: int, kind: str, amount: Any, on: dt.date, reverses: int | None, excess: bool) -> ledger.Entry:
    return ledger.Entry(
        key=pk, kind=EntryKind(kind), amount=sql.money(amount), value_date=on, reverses=reverses, excess_flagged=excess
    )


def _balance(tranche_id: int, *, reversing: LedgerEntry | None = None) -> ledger.Balance:
    totals = {EntryKind(kind): sql.money(amount) for kind, amount in sql.rows(_TOTALS, [tranche_id])}
    entries = {row[0]: _entry(*row) for row in sql.rows(_STANDING, [tranche_id, EntryKind.COMMITMENT.value])}
    reversed_keys: frozenset[int] = frozenset()
    if reversing is not None:
        r = reversing
        entries[r.pk] = _entry(r.pk, r.kind, r.amount, r.value_date, r.reverses_id, r.excess_flagged)
        if LedgerEntry.objects.filter(reverses_id=r.pk).exists():
            reversed_keys = frozenset({r.pk})
    return ledger.Balance(totals=totals, entries=entries, reversed_keys=reversed_keys)


def entry_digest(
    prev: str,
    *,
    seq: int,
    tranche_id: int,
    kind: str,
    value_date: dt.date,
    currency: str,
    amount: Decimal,
    reverses: int | None,
    excess: bool,
    internal: bool,
) -> str:
    canonical = "|".join(
        [
            prev,
            str(seq),
            str(tranche_id),
            kind,
            value_date.isoformat(),
            currency,
            f"{amount:.2f}",
            str(reverses or ""),
            "1" if excess else "0",
            "1" if internal else "0",
        ]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


# The running balance and the plan's chain head, written out (core.sql): a balance row is made by its first entry.
_ADD_TO_BALANCE = """
    INSERT INTO financing_balance (tranche_id, kind, internal, amount) VALUES (%s, %s, %s, %s)
    ON CONFLICT (tranche_id, kind, internal) DO UPDATE SET amount = financing_balance.amount + excluded.amount"""
_MOVE_CHAIN_HEAD = "UPDATE financing_financingplan SET entry_count = %s, last_digest = %s WHERE id = %s"


def _append(
    *,
    locked: LockedTranche,
    tranche: Tranche,
    actor: User,
    kind: EntryKind,
    amount: Decimal,
    value_date: dt.date,
    reverses: LedgerEntry | None,
    excess_flagged: bool,
    internal: bool,
    note: str,
) -> LedgerEntry:
    seq = locked.entry_count + 1
    digest = entry_digest(
        locked.last_digest,
        seq=seq,
        tranche_id=tranche.pk,
        kind=kind.value,
        value_date=value_date,
        currency=tranche.currency,
        amount=amount,
        reverses=reverses.pk if reverses else None,
        excess=excess_flagged,
        internal=internal,
    )
    entry = LedgerEntry(
        plan_id=locked.plan_id,
        tranche=tranche,
        seq=seq,
        kind=kind.value,
        value_date=value_date,
        currency=tranche.currency,
        amount=amount,
        reverses=reverses,
        excess_flagged=excess_flagged,
        internal=internal,
        note=note,
        recorded_by=actor,
        recorded_at=timezone.now(),
        digest=digest,
    )
    sql.insert(entry)
    sql.execute(_ADD_TO_BALANCE, [tranche.pk, kind.value, internal, amount])
    sql.execute(_MOVE_CHAIN_HEAD, [seq, digest, locked.plan_id])
    # Last, the rows every writer shares (the totals here, the audit chain's head after): held until the commit,
    # so as little as possible runs after them.
    totals.entry_added(tranche=tranche, project_id=locked.project_id, kind=kind.value, amount=amount, internal=internal)
    return entry


@transaction.atomic
def entry_record(
    *,
    actor: User,
    tranche: Tranche,
    kind: str,
    amount: AmountInput,
    currency: str,
    value_date: dt.date,
    note: str = "",
    flag_excess: bool = False,
    internal: bool = False,
) -> LedgerEntry:
    """A financier records a pledge, commitment, disbursement, repayment, interest or cancellation for their own
    institution's tranche. Refused whole, nothing stored, when any rule is broken."""
    ensure_institution(actor, tranche.institution)
    try:
        entry_kind = EntryKind(kind)
    except ValueError:
        raise FinancingInvalid(field_errors={"kind": [_("Choose a kind of entry.")]}) from None
    code = currency_code(currency)
    value = to_decimal(amount, "amount")
    if code != tranche.currency:
        raise FinancingInvalid(
            field_errors={"currency": [_("This tranche is in %(currency)s.") % {"currency": tranche.currency}]}
        )
    if value <= 0:
        raise refuse([ledger.Problem.NOT_POSITIVE])
    locked = locked_tranche(tranche.pk)
    ensure_financeable(locked.project_status)
    if entry_kind is EntryKind.COMMITMENT and locked.awaits_approval:
        raise NeedsBoardApproval()
    candidate = ledger.Entry(key=0, kind=entry_kind, amount=value, value_date=value_date, excess_flagged=flag_excess)
    found = ledger.problems(_balance(tranche.pk), candidate)
    if found:
        raise refuse(found)
    cache.changed()
    entry = _append(
        locked=locked,
        tranche=tranche,
        actor=actor,
        kind=entry_kind,
        amount=value,
        value_date=value_date,
        reverses=None,
        excess_flagged=flag_excess,
        internal=internal,
        note=note.strip(),
    )
    audit.record(
        actor=actor,
        on_behalf_of=tranche.institution,
        action=f"financing.{entry_kind.value}_recorded",
        target=entry,
        after=audit.snapshot(entry, ["seq", "kind", "value_date", "currency", "amount", "excess_flagged", "internal"]),
    )
    return entry


@transaction.atomic
def entry_reverse(*, actor: User, entry: LedgerEntry, reason: str, value_date: dt.date | None = None) -> LedgerEntry:
    """A correction: a new entry that negates ``entry``. The original stays as it was."""
    ensure_institution(actor, entry.tranche.institution)
    if not reason.strip():
        raise FinancingInvalid(field_errors={"reason": [_("Say why the entry is reversed.")]})
    tranche = entry.tranche
    locked = locked_tranche(tranche.pk)
    original = LedgerEntry.objects.get(pk=entry.pk)
    on = value_date or members.today()
    candidate = ledger.Entry(
        key=0, kind=EntryKind(original.kind), amount=-original.amount, value_date=on, reverses=original.pk
    )
    found = ledger.problems(_balance(tranche.pk, reversing=original), candidate)
    if found:
        raise refuse(found)
    cache.changed()
    reversal = _append(
        locked=locked,
        tranche=tranche,
        actor=actor,
        kind=EntryKind(original.kind),
        amount=-original.amount,
        value_date=on,
        reverses=original,
        excess_flagged=False,
        internal=original.internal,
        note=reason.strip(),
    )
    audit.record(
        actor=actor,
        on_behalf_of=tranche.institution,
        action="financing.entry_reversed",
        target=reversal,
        after={"reverses": original.seq, "amount": str(reversal.amount), "reason": reason.strip()},
    )
    return reversal


def verify_chain(plan: FinancingPlan) -> bool:
    """Recompute the plan's digest chain: False if any stored entry was changed behind the services' back."""
    plan = FinancingPlan.objects.get(pk=plan.pk)
    prev = ""
    for row in LedgerEntry.objects.filter(plan=plan).order_by("seq"):
        expected = entry_digest(
            prev,
            seq=row.seq,
            tranche_id=row.tranche_id,
            kind=row.kind,
            value_date=row.value_date,
            currency=row.currency,
            amount=row.amount,
            reverses=row.reverses_id,
            excess=row.excess_flagged,
            internal=row.internal,
        )
        if expected != row.digest:
            return False
        prev = row.digest
    return prev == plan.last_digest
