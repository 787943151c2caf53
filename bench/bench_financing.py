"""Financing: the pipeline dashboard and an institution's portfolio at 16 concurrent clients (p95, CPU per request and
its ratio to the bare one-query endpoint, queries per request), and recording ledger entries through the API with 8
writers at once (p95 per entry, CPU per entry; the totals after the run must equal the sum written), beside the same
8 writers sending entries the service refuses before its transaction (the floor: request, token, tranche, rights).

Data: the demo data plus SYNTHETIC financed projects and ledger entries (labelled so; see synth_financing.py).
Default size: 2,000 projects and 40,000 entries. --full (or BENCH_FULL=1): 100,000 projects and 2,000,000 entries,
written by PostgreSQL itself (INSERT ... SELECT), on PostgreSQL only; the targets (pages p95 under 100 ms, recording
p95 under 30 ms) are for PostgreSQL. Its own databases (var/bench_financing.sqlite3, sco_financing_bench) so other
benchmarks are untouched. Every figure is printed; nothing is asserted on time.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal

from common import _SERVERS, ROOT, VAR, cpu_delta, cpu_seconds, databases, ensure_database, load, report, server

FULL = os.environ.get("BENCH_FULL") == "1" or "--full" in sys.argv
SIZES = (100_000, 2_000_000) if FULL else (2_000, 40_000)
WRITERS = 8
PER_WRITER = 100
# The paced run: the same 8 writers at once, each recording PACE entries a second on its own schedule (an open loop:
# a late entry is sent at once, never skipped), 8 x 5 = 40 entries a second in all, far above what the SCO's
# institutions record, below what saturates 2 cores. The unpaced run shows the ceiling.
PACE = 5.0


def _queries(env: dict[str, str], *args: str) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "queries_financing.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return dict(item.split("=", 1) for item in out)


def write_load(
    base: str, token: str, tranches: list[int], pace: float | None = None, *, refused: bool = False
) -> tuple[dict[str, float], Decimal]:
    """WRITERS clients, each on its own keep-alive connection, POST PER_WRITER disbursements to random tranches, as
    fast as each can or (``pace``) that many a second each; latencies in ms (from the moment an entry was due, so a
    server that falls behind is charged for it) and the server's and PostgreSQL's CPU per entry. Returns the figures
    and the sum accepted. ``refused``: every entry in a currency not its tranche's (the bench's tranches are in US
    dollars), which the service refuses (422) before its transaction opens: the same request, token, tranche read and
    rights check without the write itself, the floor under the recording figures on this machine."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    written: list[Decimal] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        rng = random.Random(n)
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        barrier.wait()
        begun = time.perf_counter()
        for i in range(PER_WRITER):
            due = begun + i / pace + rng.random() / pace if pace else time.perf_counter()
            time.sleep(max(0.0, due - time.perf_counter()))
            amount = Decimal(rng.randint(1, 1000)) / 100
            currency = "EUR" if refused else "USD"
            body = json.dumps(
                {"kind": "disbursement", "amount": str(amount), "currency": currency, "value_date": "2026-06-01"}
            )
            started = due if pace else time.perf_counter()
            connection.request(
                "POST",
                f"/api/v1/financing/tranches/{rng.choice(tranches)}/entries",
                body=body,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            response = connection.getresponse()
            text = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status == (422 if refused else 201):
                    written.append(Decimal(0) if refused else amount)
                else:
                    errors.append(f"{response.status} {text[:200]!r}")
        connection.close()

    root = _SERVERS.get(base)
    before = cpu_seconds(root)
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    app_cpu, db_cpu = cpu_delta(before, cpu_seconds(root))
    q = statistics.quantiles(sorted(latencies), n=100)
    n = max(1, len(latencies))
    if errors:
        print("  first refused write:", errors[0])
    return {
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "rps": len(latencies) / wall,
        "errors": len(errors),
        "n": len(latencies),
        "app_cpu_ms": app_cpu * 1000 / n,
        "db_cpu_ms": db_cpu * 1000 / n,
    }, sum(written, Decimal(0))


def main() -> None:
    if "--help" in sys.argv or "-h" in sys.argv:
        print(__doc__)
        print("Options: --full (or BENCH_FULL=1). Environment: BENCH_PG_URL (its PostgreSQL database), BENCH_ONLY=")
        print("postgresql or sqlite, BENCH_SKIP_SETUP=1 (the database is migrated and loaded already).")
        return
    os.environ.setdefault("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sco_financing_bench")
    # The server logs every refusal (a 4xx) as a warning: the refused run's 800 would bury the figures.
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    print(
        f"financing benchmark: demo data + SYNTHETIC {SIZES[0]:,} financed projects and {SIZES[1]:,} ledger entries"
        f"{' (full size)' if FULL else ' (small set; --full for 100,000 projects and 2,000,000 entries)'}"
    )
    only = os.environ.get("BENCH_ONLY")  # e.g. BENCH_ONLY=postgresql
    for label, url in databases():
        if only and label != only:
            continue
        if label == "sqlite":
            if FULL:
                print("[sqlite] skipped at full size: the target is PostgreSQL")
                continue
            url = f"sqlite:///{VAR / 'bench_financing.sqlite3'}"
        if os.environ.get("BENCH_SKIP_SETUP") != "1":
            ensure_database(url)
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "synth_financing.py"), *map(str, SIZES)], check=True, env=env
        )
        q = _queries(env)
        print(f"[{label}] {int(q['n_projects']):,} financed projects, {int(q['n_entries']):,} ledger entries")
        print(
            f"  one uncached computation (in-process, median of 5): pipeline {q['cold_pipeline_ms']} ms anonymous, "
            f"{q['cold_pipeline_signed_in_ms']} ms signed in; portfolio {q['cold_portfolio_ms']} ms"
        )
        plan = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "queries_financing.py"), "plan"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        print("  portfolio's largest tranches, PostgreSQL plan (EXPLAIN ANALYZE):" if label == "postgresql" else "")
        for line in plan.splitlines() if label == "postgresql" else []:
            print("    " + line)
        tranches = [int(t) for t in q["tranches"].split(",")]
        signed_in = {"Cookie": f"sessionid={q['session']}"}
        requests = 1000
        with server(url) as base:
            print(f"  load average before: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
            bare = load(base, ["/_bench/bare?size=50"], requests=requests, warmup=50)
            report("GET /_bench/bare?size=50 (one SQL query)", bare)
            for title, path, queries, headers in (
                ("GET /financing/ (pipeline, anonymous)", "/financing/", q["pipeline"], None),
                ("GET /financing/ (pipeline, signed in)", "/financing/", q["pipeline_signed_in"], signed_in),
                (
                    "GET /financing/institutions/aiib/ (portfolio)",
                    "/financing/institutions/aiib/",
                    q["portfolio"],
                    None,
                ),
                ("GET /api/v1/financing/pipeline", "/api/v1/financing/pipeline", q["api_pipeline"], None),
            ):
                figures = load(base, [path], requests=requests, warmup=50, headers=headers)
                report(title, figures, int(queries), bare=bare)
            before = Decimal(_queries(env, "total", q["tranches"])["total"])
            figures, written = write_load(base, q["token"], tranches)
            report(f"POST .../entries ({WRITERS} writers x {PER_WRITER}, unpaced)", figures, bare=bare)
            figures, _ = write_load(base, q["token"], tranches, refused=True)
            report(f"POST .../entries refused, 422 ({WRITERS} x {PER_WRITER}, unpaced)", figures, bare=bare)
            figures, paced = write_load(base, q["token"], tranches, pace=PACE)
            report(f"POST .../entries ({WRITERS} writers x {PER_WRITER}, {PACE:g}/s each)", figures, bare=bare)
            written += paced
            after = Decimal(_queries(env, "total", q["tranches"])["total"])
            ok = after - before == written
            print(f"  totals after the run: grew by {after - before} = sum accepted {written}: {'yes' if ok else 'NO'}")
            check = _queries(env, "check")["differences"]
            print(f"  maintained totals vs recomputed from the ledger after the run: {check} differences")
            print(f"  load average after: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}")
        # The same pages computed at every request, as right after a write (the dashboards' cache off).
        os.environ["SCO_FINANCING_CACHE"] = "off"
        try:
            with server(url) as base:
                print("  uncached (every request computes, as right after a write):")
                print(f"  load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
                bare = load(base, ["/_bench/bare?size=50"], requests=requests, warmup=50)
                report("GET /_bench/bare?size=50 (one SQL query)", bare)
                for title, path, queries, headers in (
                    ("GET /financing/ (pipeline, anonymous, uncached)", "/financing/", q["pipeline"], None),
                    (
                        "GET /financing/ (pipeline, signed in, uncached)",
                        "/financing/",
                        q["pipeline_signed_in"],
                        signed_in,
                    ),
                    (
                        "GET /financing/institutions/aiib/ (portfolio, uncached)",
                        "/financing/institutions/aiib/",
                        q["portfolio"],
                        None,
                    ),
                    (
                        "GET /api/v1/financing/pipeline (uncached)",
                        "/api/v1/financing/pipeline",
                        q["api_pipeline"],
                        None,
                    ),
                ):
                    figures = load(base, [path], requests=requests, warmup=50, headers=headers)
                    report(title, figures, int(queries), bare=bare)
                print(f"  load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        finally:
            os.environ.pop("SCO_FINANCING_CACHE", None)
        print(
            "  targets (PostgreSQL): pages p95 under 100 ms at 16 clients; recording p95 under 30 ms with 8 writers"
            f" (unpaced: as fast as each can, CPU-bound on this machine's {os.cpu_count()} cores;"
            f" paced: {PACE:g}/s each)"
        )


if __name__ == "__main__":
    main()
