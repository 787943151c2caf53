"""Where the CPU of recording one ledger entry through the API goes, measured in-process (no server, no load).

    python bench/profile_financing_write.py [ENTRIES] [--profile] [--split] [--queries] [--unprepared] [--setup]

Sets up its own PostgreSQL database (BENCH_PG_URL, default sco_fin_prof; migrated, the demo data and SYNTHETIC
financed projects from synth_financing.py, labelled so) on first use or with --setup, then POSTs ENTRIES (default
500) disbursements to /api/v1/financing/tranches/<id>/entries through Django's test client with the AIIB financier's
API token, as bench_financing.py's writers do, one after another. Prints, per recorded entry: the application's CPU
(time.process_time of this process), the PostgreSQL backend's CPU (from /proc/<pid>/stat of the connection's backend;
PostgreSQL must run on this machine), the SQL queries, and with --profile a cProfile top 30 by cumulative and by own
time (a second run, since profiling slows the application down). Figures only; nothing is asserted.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal

from common import ROOT, django_setup, ensure_database

URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sco_fin_prof")
SIZES = ("400", "4000")  # synthetic projects and entries: 10 entries a tranche, as at the bench's sizes
TICK = os.sysconf("SC_CLK_TCK")


def _setup() -> None:
    ensure_database(URL, fresh=True)
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synth_financing.py"), *SIZES],
        check=True,
        env={**os.environ, "DATABASE_URL": URL},
    )


def _backend_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 500
    name = URL.rsplit("/", 1)[1]
    import psycopg

    with psycopg.connect(URL.rsplit("/", 1)[0] + "/postgres") as pg:
        exists = pg.execute("select 1 from pg_database where datname = %s", [name]).fetchone() is not None
    if "--setup" in sys.argv or not exists:
        _setup()
    django_setup(URL)
    if "--unprepared" in sys.argv:  # core.sql's statements sent unprepared, as behind a pooler
        from django.conf import settings

        settings.SCO_PREPARED_STATEMENTS = False
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sco.core.models import User
    from sco.core.services import token_create
    from sco.financing.models import Balance
    from sco.financing.services import totals_rebuild

    user = User.objects.get(username="financier-aiib")
    _row, token = token_create(actor=user, user=user, name=f"profile {time.time():.0f}", days=1)
    from queries_financing import writer_tranches

    tranches = writer_tranches()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    rng = random.Random(1)

    def post() -> Decimal:
        amount = Decimal(rng.randint(1, 1000)) / 100
        body = json.dumps(
            {"kind": "disbursement", "amount": str(amount), "currency": "USD", "value_date": "2026-06-01"}
        )
        response = client.post(
            f"/api/v1/financing/tranches/{rng.choice(tranches)}/entries", body, content_type="application/json"
        )
        assert response.status_code == 201, (response.status_code, response.content[:300])
        return amount

    def total() -> Decimal:
        amounts = Balance.objects.filter(tranche_id__in=tranches, kind="disbursement").values_list("amount", flat=True)
        return sum(amounts, Decimal(0))

    for _ in range(30):  # warm-up: imports, catalogs, the connection
        post()
    with connection.cursor() as cursor:
        cursor.execute("select pg_backend_pid()")
        backend = cursor.fetchone()[0]
    with CaptureQueriesContext(connection) as ctx:
        post()
    captured = list(ctx.captured_queries)  # copied now: the next request resets the connection's log
    queries = len(captured)
    before_total = total()
    written = Decimal(0)
    walls = []
    app0, db0 = time.process_time(), _backend_cpu(backend)
    for _ in range(count):
        started = time.perf_counter()
        written += post()
        walls.append((time.perf_counter() - started) * 1000)
    app, db = time.process_time() - app0, _backend_cpu(backend) - db0
    grew = total() - before_total
    print(f"financing write, in-process on PostgreSQL ({name}; SYNTHETIC data), {count} entries one after another:")
    print(f"  application CPU per entry {app * 1000 / count:.2f} ms, PostgreSQL backend CPU {db * 1000 / count:.2f} ms")
    p95 = statistics.quantiles(walls, n=20)[18]
    print(f"  wall per entry: median {statistics.median(walls):.2f} ms, p95 {p95:.2f} ms (one writer, in-process)")
    print(f"  SQL queries per entry: {queries}")
    print(f"  totals grew by the sum written: {'yes' if grew == written else f'NO ({grew} != {written})'}")
    print(f"  maintained totals vs the ledger: {len(totals_rebuild.differences())} differences")
    if "--queries" in sys.argv:
        for q in captured:
            print("   ", (q["sql"] or "")[:220])
    if "--split" in sys.argv:
        _split(post, count)
    if "--profile" in sys.argv:
        profiler = cProfile.Profile(time.process_time)  # CPU, not the wait for PostgreSQL
        profiler.enable()
        for _ in range(count):
            post()
        profiler.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(30)
            print(f"  cProfile, top 30 by {order} ({count} entries):")
            print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats("sco/", 40)
        print(f"  cProfile, the platform's own functions by cumulative ({count} entries):")
        print(out.getvalue())


# (module, function): the parts of a write timed on their own by --split (CPU of this process, nested parts included
# in their callers' figures).
PARTS = [
    ("sco.core.middleware", "token_authenticate"),
    ("sco.financing.selectors", "tranche_get"),
    ("sco.financing.services", "entry_record"),
    ("sco.financing.services.entries", "locked_tranche"),
    ("sco.financing.services.entries", "_balance"),
    ("sco.financing.services.entries", "_append"),
    ("sco.financing.services.totals", "entry_added"),
    ("sco.core.audit", "record"),
    ("sco.financing.cache", "_bump"),
    ("sco.financing.api", "_entry"),
]


def _split(post, count: int) -> None:  # type: ignore[no-untyped-def]
    """CPU per entry of each of PARTS, by wrapping them with timers (less distortion than cProfile's)."""
    import functools
    import importlib

    spent: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started

        return wrapper

    originals = []
    for module_name, attr in PARTS:
        module = importlib.import_module(module_name)
        if hasattr(module, attr):
            originals.append((module, attr, getattr(module, attr)))
            setattr(module, attr, timed(f"{module_name}.{attr}", getattr(module, attr)))
    started = time.process_time()
    for _ in range(count):
        post()
    whole = time.process_time() - started
    for module, attr, fn in originals:
        setattr(module, attr, fn)
    print(f"  CPU per entry by part (timers around each; {count} entries):")
    print(f"    {'the whole request (test client)':<50} {whole * 1000 / count:6.2f} ms")
    for name, seconds in spent.items():
        print(f"    {name:<50} {seconds * 1000 / count:6.2f} ms")


if __name__ == "__main__":
    main()
