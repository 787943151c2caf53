"""Statements written out in SQL, for the few hot paths where building a statement through the ORM costs more CPU
than running it: recording a ledger entry wrote a dozen statements at about 0.15-1 ms of Python each to build, and
about 0.04 ms each to send written out (bench/profile_financing_write.py). Reads that return rows as model objects
use ``Model.objects.raw`` (the fields' converters still apply); what is here serves the writes. The models stay the
schema; every statement here is plain SQL that PostgreSQL and SQLite both read (``INSERT ... ON CONFLICT DO UPDATE``,
``UPDATE ... RETURNING``), with every value passed as a parameter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection


def execute(sql: str, params: Sequence[Any]) -> int:
    """Run one statement; the number of rows it wrote."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Run one statement; the first row it answers (``UPDATE ... RETURNING``), or None."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row is not None else None


def for_update(of: str = "") -> str:
    """The row-lock clause to end a SELECT with (``of``: the alias of the only table whose rows to lock), or nothing
    where the database has no row locks (SQLite: its database lock queues the writers)."""
    if not connection.features.has_select_for_update:
        return ""
    return f" FOR UPDATE OF {of}" if of else " FOR UPDATE"
