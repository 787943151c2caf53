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


@pytest.mark.django_db
def test_a_row_written_out_and_read_back_is_what_the_orm_writes_and_reads() -> None:
    """``insert`` prepares each value as ``save()`` does and ``get`` (through ``instance``) converts each as the ORM's
    reads do: a JSON field, a datetime, an empty foreign key and a text come back equal either way, on either
    database."""
    import datetime as dt

    from django.db.models.signals import post_save

    from sco.core.models import AuditEntry

    at = dt.datetime(2026, 11, 30, 9, 30, tzinfo=dt.UTC)
    after = {"amount": "10.00", "kinds": ["pledge", "commitment"], "flag": True, "note": "Ёлка 合作"}
    saved: list[bool] = []

    def heard(sender: object, instance: AuditEntry, created: bool, **kwargs: object) -> None:
        saved.append(created)

    post_save.connect(heard, sender=AuditEntry, dispatch_uid="test_sql.heard")
    try:
        entry = AuditEntry(
            seq=1, at=at, actor=None, actor_label="system", action="test.written", after=after, prev_hash="0" * 64
        )
        entry.hash = "a" * 64
        sql.insert(entry)
    finally:
        post_save.disconnect(dispatch_uid="test_sql.heard", sender=AuditEntry)
    assert entry.pk is not None and not entry._state.adding and saved == [True]
    orm = AuditEntry.objects.get(pk=entry.pk)
    read = sql.get(AuditEntry, "id", entry.pk)
    assert read is not None and sql.get(AuditEntry, "id", entry.pk + 1) is None
    fields = [f.attname for f in AuditEntry._meta.concrete_fields]
    assert {f: getattr(read, f) for f in fields} == {f: getattr(orm, f) for f in fields}
    assert read.after == after and read.before is None and read.at == at and read.actor_id is None
