"""Imports from CSV files: exchange rates with their source, and ledger rows through ``entry_record``. A file with
one bad row is rejected whole, naming the row (1 = the first data row) and the reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.models import User
from sco.financing import cache
from sco.financing.codes import is_currency
from sco.financing.errors import (
    EntryRefused,
    FinancingInvalid,
    ImportRejected,
    NeedsBoardApproval,
    NotThisInstitution,
    ProjectNotFinancing,
)
from sco.financing.models import ExchangeRate, LedgerEntry, RateImport, Tranche
from sco.financing.services.common import parse_date
from sco.financing.services.entries import entry_record
from sco.members import permissions as members

# Called with the number of each row as it is read (the command line's progress bar).
Progress = Callable[[int], object] | None


@transaction.atomic
def rates_import(
    *, actor: User, rows: Iterable[Mapping[str, str]], source: str, file_name: str = "", progress: Progress = None
) -> RateImport:
    """Import rates (columns date, base, quote, rate) from a source. Only the Secretariat. A file with one bad row
    is rejected whole, naming the row (1 = the first data row) and the reason."""
    members.ensure_secretariat(actor)
    if not source.strip():
        raise FinancingInvalid(field_errors={"source": [_("Say where the rates were published.")]})
    parsed: dict[tuple[str, str, dt.date], Decimal] = {}
    for number, row in enumerate(rows, start=1):
        if progress is not None:
            progress(number)
        try:
            on = parse_date(row.get("date", ""))
        except ValueError:
            raise ImportRejected(row=number, reason=_("the date is not YYYY-MM-DD")) from None
        base = (row.get("base") or "").strip().upper()
        quote = (row.get("quote") or "").strip().upper()
        for code in (base, quote):
            if not is_currency(code):
                raise ImportRejected(row=number, reason=_("unknown currency “%(code)s”") % {"code": code})
        if base == quote:
            raise ImportRejected(row=number, reason=_("base and quote are the same currency"))
        try:
            rate = Decimal((row.get("rate") or "").strip())
            if not rate.is_finite() or rate <= 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            raise ImportRejected(row=number, reason=_("the rate is not a positive number")) from None
        key = (base, quote, on)
        if key in parsed and parsed[key] != rate:
            raise ImportRejected(row=number, reason=_("a different rate for the same pair and date"))
        parsed[key] = rate
    if not parsed:
        raise ImportRejected(row=0, reason=_("the file has no rows"))
    existing = {
        (r.base, r.quote, r.on): r.rate
        for r in ExchangeRate.objects.filter(base__in={k[0] for k in parsed}, on__in={k[2] for k in parsed})
    }
    for number, (key, rate) in enumerate(parsed.items(), start=1):
        if key in existing and existing[key] != rate:
            raise ImportRejected(
                row=number,
                reason=_("the table already holds another rate for %(pair)s") % {"pair": f"{key[0]}/{key[1]} {key[2]}"},
            )
    batch = RateImport.objects.create(source=source.strip(), file_name=file_name, imported_by=actor)
    new = [
        ExchangeRate(batch=batch, base=k[0], quote=k[1], on=k[2], rate=r)
        for k, r in parsed.items()
        if k not in existing
    ]
    ExchangeRate.objects.bulk_create(new, batch_size=2000)
    batch.row_count = len(new)
    batch.save(update_fields=["row_count"])
    cache.changed()
    audit.record(
        actor=actor, action="financing.rates_imported", target=batch, after={"rows": len(new), "source": batch.source}
    )
    return batch


LEDGER_COLUMNS = ("project", "institution", "tranche", "kind", "value_date", "currency", "amount")


def ledger_import(*, actor: User, rows: Iterable[Mapping[str, str]], progress: Progress = None) -> list[LedgerEntry]:
    """Record ledger rows (project id, institution code, tranche id, kind, value_date, currency, amount, optional
    note, flag_excess) through ``entry_record``, all in one transaction: one bad row and nothing is stored."""
    recorded: list[LedgerEntry] = []
    try:
        with transaction.atomic():
            for number, row in enumerate(rows, start=1):
                if progress is not None:
                    progress(number)
                try:
                    recorded.append(_import_row(actor, row))
                except (
                    EntryRefused,
                    FinancingInvalid,
                    NotThisInstitution,
                    NeedsBoardApproval,
                    ProjectNotFinancing,
                ) as exc:
                    detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.field_errors.items()) or exc.message
                    raise ImportRejected(row=number, reason=detail) from None
            if not recorded:
                raise ImportRejected(row=0, reason=_("the file has no rows"))
    except ImportRejected:
        raise
    return recorded


def _import_row(actor: User, row: Mapping[str, str]) -> LedgerEntry:
    missing = [c for c in LEDGER_COLUMNS if not (row.get(c) or "").strip()]
    if missing:
        raise FinancingInvalid(field_errors={c: [_("This column is empty.")] for c in missing})
    try:
        tranche = Tranche.objects.select_related("institution", "plan__project").get(
            pk=int(row["tranche"]), plan__project_id=int(row["project"]), institution__code=row["institution"].strip()
        )
    except (Tranche.DoesNotExist, ValueError):
        raise FinancingInvalid(
            field_errors={"tranche": [_("No such tranche of this institution on this project.")]}
        ) from None
    try:
        on = parse_date(row["value_date"])
    except ValueError:
        raise FinancingInvalid(field_errors={"value_date": [_("The date is not YYYY-MM-DD.")]}) from None
    return entry_record(
        actor=actor,
        tranche=tranche,
        kind=row["kind"].strip(),
        amount=row["amount"],
        currency=row["currency"],
        value_date=on,
        note=(row.get("note") or "").strip(),
        flag_excess=(row.get("flag_excess") or "").strip().lower() in ("1", "true", "yes"),
    )
