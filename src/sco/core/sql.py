"""Statements written out in SQL, for the few hot paths where building a statement through the ORM costs more CPU than
running it: recording a ledger entry wrote a dozen statements at about 0.15-1 ms of Python each to build, and about 0.04
ms each to send written out (bench/profile_financing_write.py). Reads that return rows as model objects use
``Model.objects.raw`` (the fields' converters still apply); what is here serves the writes. The models stay the schema;
every statement here is plain SQL that PostgreSQL and SQLite both read (``INSERT ... ON CONFLICT DO UPDATE``, ``UPDATE
... RETURNING``), with every value passed as a parameter. On PostgreSQL they are kept prepared on the connection
(``prepared_cursor``): parsed and planned once per connection instead of at every request, which was most of what they
cost PostgreSQL. ``SCO_PREPARED_STATEMENTS = False`` (a pooler that cannot keep prepared statements) sends them
unprepared."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.conf import settings
from django.db import connection


def execute(sql: str, params: Sequence[Any]) -> int:
    """Run one statement; the number of rows it wrote."""
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Run one statement; the first row it answers (``UPDATE ... RETURNING``), or None."""
    with _cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row is not None else None


def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run one query; every row it answers, as the driver reads them (``money`` for amounts)."""
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


_MONEY = decimal.Context(prec=15)
_CENTS = decimal.Decimal("0.01")


def money(value: Any) -> decimal.Decimal:
    """An amount column (two decimal places) as the driver gave it: PostgreSQL a Decimal; SQLite, which has no
    decimal type, a float or an int, read as Django's own converter reads it (15 significant digits, to the cent)."""
    if isinstance(value, decimal.Decimal):
        return value
    return _MONEY.create_decimal_from_float(float(value)).quantize(_CENTS)


def _cursor() -> Any:
    return prepared_cursor(enabled=getattr(settings, "SCO_PREPARED_STATEMENTS", True))


def for_update(of: str = "") -> str:
    """The row-lock clause to end a SELECT with (``of``: the alias of the only table whose rows to lock), or nothing
    where the database has no row locks (SQLite: its database lock queues the writers)."""
    if not connection.features.has_select_for_update:
        return ""
    return f" FOR UPDATE OF {of}" if of else " FOR UPDATE"


@cache
def _prepared_class() -> Any:
    from django.db.backends.postgresql import base

    server_binding: Any = base.ServerBindingCursor  # psycopg's Cursor with Django's mixin (untyped in django-stubs)

    class Prepared(server_binding):
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            kwargs.setdefault("prepare", True)
            return super().execute(query, params, **kwargs)

    return Prepared


def prepare_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver (core.apps): a new PostgreSQL connection made ready for ``prepared_cursor``,
    while it is still in autocommit, so what is set lasts for the connection's life.

    Django turns psycopg's preparing off for the whole connection (for poolers); with a threshold no other statement
    reaches, only the statements that ask for it (``prepare=True``) are prepared; Django's own cursors bind on the
    client and are never prepared. And left to itself PostgreSQL plans a prepared statement afresh on every execution
    whenever its generic plan is estimated dearer than the custom ones (infosec's page query's is: the estimates
    cannot see that a page stops at ``limit`` rows), which undoes the preparing; the generic plan walks the page's
    index like the custom ones (bench_infosec measures it at every size). Only prepared statements are concerned.
    Set lazily instead, inside a write's transaction that might roll it back, it had to be set again before every
    prepared statement (eight more round trips on a ledger write)."""
    if connection.vendor == "postgresql":
        connection.connection.prepare_threshold = 1 << 30
        connection.connection.execute("SET plan_cache_mode = force_generic_plan")


def prepared_cursor(*, enabled: bool = True) -> Any:
    """A cursor whose statements PostgreSQL keeps prepared on the connection, with one generic plan (planned once,
    not per request; ``prepare_connection``), through Django's cursor wrapper so query logging and execute wrappers
    still see them. Elsewhere, or not ``enabled`` (a pooler that cannot keep prepared statements), Django's own
    cursor."""
    if connection.vendor != "postgresql" or not enabled:
        return connection.cursor()
    connection.ensure_connection()
    raw = _prepared_class()(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
