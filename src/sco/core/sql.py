"""Statements written out in SQL, for the few hot paths where building a statement through the ORM costs more CPU than
running it: recording a ledger entry wrote a dozen statements at about 0.15-1 ms of Python each to build, and about 0.04
ms each to send written out (bench/profile_financing_write.py). A hot read that wants model objects names the model's
columns (``columns``) and builds each object from its row (``instance``: every field's converters applied, as the ORM
applies them; ``get`` reads one row by a unique column), so that it too is prepared: ``Model.objects.raw`` is never
prepared, and PostgreSQL planned the ledger write's join of a tranche, its plan and its project afresh on every write
(0.25 ms of its CPU, 0.07 ms prepared). The models stay the schema; every statement here is plain SQL that PostgreSQL
and SQLite both read (``INSERT ... ON CONFLICT DO UPDATE``, ``UPDATE ... RETURNING``), with every value passed as a
parameter. On PostgreSQL they are kept prepared on the connection (``prepared_cursor``): parsed and planned once per
connection instead of at every request, which was most of what they cost PostgreSQL. ``SCO_PREPARED_STATEMENTS = False``
(a pooler that cannot keep prepared statements) sends them unprepared."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, models

M = TypeVar("M", bound=models.Model)


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


def columns(model: type[models.Model], alias: str) -> str:
    """Every column of ``model``'s rows, qualified by the table's ``alias``, in the order ``instance`` reads them."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(str(f.column))}" for f in model._meta.concrete_fields)


def width(model: type[models.Model]) -> int:
    """How many values of a row ``columns(model, ...)`` names."""
    return len(model._meta.concrete_fields)


def get(model: type[M], column: str, value: Any, *, lock: bool = False) -> M | None:
    """The row of ``model`` whose ``column`` (its key or another unique column) is ``value``, read by a prepared
    statement and built by ``instance``; None if there is none. ``lock``: locked until the transaction ends
    (``for_update``)."""
    row = one(_get_sql(model, column) + (for_update() if lock else ""), [value])
    return instance(model, row) if row is not None else None


@cache
def _get_sql(model: type[models.Model], column: str) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    return f"SELECT {columns(model, 'r')} FROM {table} r WHERE r.{quote(column)} = %s"  # noqa: S608  our names


def instance(model: type[M], values: Sequence[Any]) -> M:
    """The object of a row read through ``columns(model, ...)``, each value converted as the ORM converts it (a JSON
    field decoded, SQLite's decimals read to their places), as if the ORM had read it."""
    converted = list(values)
    for i, converters, expression in _converters(model, connection.vendor):
        for converter in converters:
            converted[i] = converter(converted[i], expression, connection)
    return model.from_db(connection.alias, _attnames(model), converted)


def insert(obj: models.Model) -> None:
    """Save a new object as one written-out, prepared ``INSERT ... RETURNING`` of its key, its values made ready as
    the ORM's save makes them (each field's ``pre_save`` and ``get_db_prep_save``: a JSON field encoded, a decimal
    to its places), with the model's save signals sent as ``save()`` sends them; the ORM built the statement in
    about 0.15 ms of Python on every ledger entry and audit entry, and PostgreSQL planned it afresh."""
    from django.db.models.signals import post_save, pre_save

    model = type(obj)
    if model.save is not models.Model.save:  # its own save() would be skipped: not for such a model
        raise TypeError(f"{model.__name__} has its own save(); sql.insert would skip it")
    if pre_save.has_listeners(model):
        pre_save.send(sender=model, instance=obj, raw=False, using=connection.alias, update_fields=None)
    fields = _inserted(model)
    row = one(_insert_sql(model), [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    assert row is not None
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = connection.alias
    if post_save.has_listeners(model):
        post_save.send(sender=model, instance=obj, created=True, raw=False, using=connection.alias, update_fields=None)


@cache
def _inserted(model: type[models.Model]) -> list[Any]:
    """The fields an insert writes: every concrete one but a key the database numbers."""
    return [f for f in model._meta.concrete_fields if not (f.primary_key and f.db_returning)]


@cache
def _insert_sql(model: type[models.Model]) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in _inserted(model))
    marks = ", ".join(["%s"] * len(_inserted(model)))
    key = quote(str(model._meta.pk.column))
    return f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks}) RETURNING {key}"  # noqa: S608


@cache
def _attnames(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@cache
def _converters(model: type[models.Model], vendor: str) -> list[tuple[int, list[Any], Any]]:
    """Per column that needs any, the backend's and the field's converters and the column they convert (the ORM's
    compiler gathers them the same way); ``vendor`` keys them, as each backend has its own."""
    found = []
    for i, field in enumerate(model._meta.concrete_fields):
        expression = field.get_col(model._meta.db_table)
        both = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        if both:
            found.append((i, both, expression))
    return found


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
    connection.close_if_health_check_failed()  # as Django's own cursor() does: a kept connection checked first
    connection.ensure_connection()
    raw = _prepared_class()(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
