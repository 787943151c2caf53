"""The dashboards read the maintained totals, never the ledger: PostgreSQL's plan for every query of the pipeline
and of a portfolio has no sequential scan over the ledger or the tranches, and the portfolio's largest tranches come
from the ``tranche_largest`` index (on SQLite there is no such plan to read: skipped). The benchmark prints the same
plan at its full size (bench/queries_financing.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sco.financing import services

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plans"),
]


def _plans(client: Client, path: str) -> list[tuple[str, str]]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    found = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            found.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return found


@pytest.mark.parametrize("path", ["/financing/", "/financing/institutions/aiib/", "/api/v1/financing/pipeline"])
def test_the_dashboards_never_scan_the_ledger(
    client: Client,
    path: str,
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    secretariat: Any,
) -> None:
    tranche = add_tranche(project, "aiib", "1000")
    user = financier("aiib")
    services.entry_record(
        actor=user, tranche=tranche, kind="commitment", amount="1000", currency="USD", value_date=dt.date(2026, 1, 5)
    )
    client.force_login(secretariat)  # a signed-in view is never served from the anonymous cache: every query runs
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a handful of rows: ask for the plan the indexes allow at scale
    try:
        plans = _plans(client, path)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    assert plans
    for sql, plan in plans:
        assert "financing_ledgerentry" not in sql, sql
        assert "Seq Scan on financing_ledgerentry" not in plan, plan
        assert "Seq Scan on financing_tranche" not in plan, plan
    if "institutions" in path:  # the largest tranches are read in the order of their index, never sorted whole
        assert any("tranche_largest" in plan for _sql, plan in plans), plans
