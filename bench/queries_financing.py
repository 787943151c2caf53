"""For bench_financing.py, in a process of its own over the bench database: SQL queries per request of the financing
pages, the time one uncached computation of the pipeline and of a portfolio takes, what the writers need (an API
token of the AIIB's demo financier, SYNTHETIC tranches of public projects to record on, a signed-in session), and
(with `total IDS`) the sum of the disbursements recorded on those tranches."""

from __future__ import annotations

import os
import statistics
import sys
import time

from common import django_setup, queries_per_request


def _timed(fn: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def writer_tranches() -> list[int]:
    """The tranches the bench's writers record to: 200 of AIIB's on public synthetic projects."""
    from sco.financing.models import Tranche

    return list(
        Tranche.objects.filter(
            institution__code="aiib",
            plan__project__title_en__startswith="Synthetic financed",
            plan__project__visibility="public",
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )


def main() -> None:
    django_setup(os.environ["DATABASE_URL"])
    from django.db.models import Sum
    from django.test import Client

    from sco.core.models import User
    from sco.core.services import token_create
    from sco.financing.models import Balance, LedgerEntry
    from sco.financing.selectors import dashboards
    from sco.projects.models import Project

    if sys.argv[1:2] == ["check"]:
        from sco.financing.services import totals_rebuild

        found = totals_rebuild.differences()
        print(f"differences={len(found)}")
        return
    if sys.argv[1:2] == ["plan"]:
        _plan()
        return
    if sys.argv[1:2] == ["total"]:
        ids = [int(i) for i in sys.argv[2].split(",")]
        total = Balance.objects.filter(tranche_id__in=ids, kind="disbursement").aggregate(s=Sum("amount"))["s"]
        print(f"total={total}")
        return
    user = User.objects.get(username="financier-aiib")
    print(f"pipeline={queries_per_request('/financing/')}")
    print(f"portfolio={queries_per_request('/financing/institutions/aiib/')}")
    print(f"api_pipeline={queries_per_request('/api/v1/financing/pipeline')}")
    print(f"pipeline_signed_in={queries_per_request('/financing/', user=user)}")
    print(f"n_projects={Project.objects.filter(title_en__startswith='Synthetic financed project').count()}")
    print(f"n_entries={LedgerEntry.objects.count()}")
    print(f"cold_pipeline_ms={_timed(lambda: dashboards._pipeline(viewer=None, currency='USD')):.0f}")
    print(f"cold_portfolio_ms={_timed(lambda: dashboards._portfolio(viewer=None, code='aiib')):.0f}")
    print(f"cold_pipeline_signed_in_ms={_timed(lambda: dashboards._pipeline(viewer=user, currency='USD')):.0f}")
    print(f"tranches={','.join(str(t) for t in writer_tranches())}")
    _row, token = token_create(actor=user, user=user, name=f"bench {time.time():.0f}", days=1)
    print(f"token={token}")
    client = Client()
    client.force_login(user)
    print(f"session={client.cookies['sessionid'].value}")


def _plan() -> None:
    """PostgreSQL's plan of the portfolio's largest-tranches query for an anonymous viewer, at this size."""
    from django.db import connection

    from sco.financing.models import Tranche
    from sco.financing.selectors import PORTFOLIO_ROWS, financeable
    from sco.members.models import Institution

    aiib = Institution.objects.get(code="aiib")
    query = (
        Tranche.objects.filter(institution=aiib, plan__project__in=financeable(None).values("pk"))
        .select_related("plan__project")
        .order_by("-amount", "pk")[:PORTFOLIO_ROWS]
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
    print("\n".join(plan))
    scans = [r for r in plan if "Seq Scan on financing_tranche" in r or "Seq Scan on financing_ledgerentry" in r]
    print(f"seq_scan_on_tranche_or_ledger={bool(scans)}")


if __name__ == "__main__":
    main()
