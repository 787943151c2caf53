"""Financing: the pipeline dashboard and an institution's portfolio at 16 concurrent clients (p95, queries per
request), and recording ledger entries with 8 writers at once (p95 per entry; the totals after the run must equal
the sum written).

Data: the demo data plus SYNTHETIC financed projects and ledger entries (labelled so; see synth_financing.py).
Default size: 2,000 projects and 40,000 entries. --full (or BENCH_FULL=1): 100,000 projects and 2,000,000 entries,
written with COPY, on PostgreSQL only; the targets (pages p95 under 100 ms, recording p95 under 30 ms) are for
PostgreSQL. Its own databases (var/bench_financing.sqlite3, sco_financing_bench) so other benchmarks are untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys

from common import ROOT, VAR, databases, ensure_database, load, report, server

FULL = os.environ.get("BENCH_FULL") == "1" or "--full" in sys.argv
SIZES = (100_000, 2_000_000) if FULL else (2_000, 40_000)


def main() -> None:
    os.environ.setdefault("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sco_financing_bench")
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
        ensure_database(url)
        env = {**os.environ, "DATABASE_URL": url}
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "synth_financing.py"), *map(str, SIZES)], check=True, env=env
        )
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "queries_financing.py")],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        q = dict(item.split("=") for item in out)
        print(f"[{label}] {int(q['n_projects']):,} financed projects, {int(q['n_entries']):,} ledger entries")
        with server(url) as base:
            for title, path, queries in (
                ("GET /financing/ (pipeline dashboard)", "/financing/", q["pipeline"]),
                ("GET /financing/institutions/aiib/ (portfolio)", "/financing/institutions/aiib/", q["portfolio"]),
                ("GET /api/v1/financing/pipeline", "/api/v1/financing/pipeline", q["api_pipeline"]),
            ):
                report(title, load(base, [path], requests=1000 if not FULL else 2000, warmup=100), int(queries))
        writes = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "writers_financing.py")],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        print(writes.rstrip())
        print("  targets (PostgreSQL): pages p95 under 100 ms at 16 clients; recording p95 under 30 ms with 8 writers")


if __name__ == "__main__":
    main()
