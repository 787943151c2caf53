"""Every main page of issue #16, anonymous and signed in, at 1,000, 10,000 and 100,000 SYNTHETIC projects (PostgreSQL):
p50, p95, requests per second, application and database CPU per request, queries, the ratio to the bare one-query
endpoint measured in the same run, and memory per server worker.

    python bench/bench_pages.py [--sizes 1k,10k,100k] [--requests 300]

Each size lives in its own database, sco_speed_bench_<size>, made from the demo data plus synthetic projects
(labelled so; see synth_projects.py: N projects, 10 N comments, N / 10 decision procedures; synth_events.py:
1,000 events in July 2024, for the month and week views and the calendar API). A missing database is
made and filled (by COPY); one already there is only topped up. The output is what bench/results/ keeps.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from common import _SERVERS, ROOT, ensure_database, load, server

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
BASE_URL = os.environ.get("BENCH_PG_BASE", "postgres://postgres@127.0.0.1:5432")


def pages(project: str, decided: str) -> list[tuple[str, str]]:
    """(title, path) of the pages the issue's table names."""
    return [
        ("home", "/"),
        ("projects list, 50 rows", "/projects/?size=50"),
        ("project search 'railway'", "/projects/?q=railway"),
        ("project search 'synthetic' (matches all)", "/projects/?q=synthetic"),
        ("project page", f"/projects/{project}/"),
        ("project page, open decision", f"/projects/{decided}/"),
        ("API projects, 50", "/api/v1/projects/?page_size=50"),
        ("API decisions", "/api/v1/decisions/"),
        ("events list", "/events/"),
        ("events month, 1,000 synthetic events", "/events/month/?year=2024&month=7"),
        ("events week, ~250 synthetic events", "/events/week/?date=2024-07-15"),
        ("API calendar month, 1,000 events", "/api/v1/events/calendar/month?year=2024&month=7"),
        ("documents search 'energy'", "/documents/?q=energy"),
    ]


def worker_memory_mb(base: str) -> list[float]:
    """Resident memory of each gunicorn worker (children of the master), from /proc."""
    master = _SERVERS.get(base)
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid != master:
                continue
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        found.append(int(line.split()[1]) / 1024)
        except (OSError, ValueError, IndexError):
            continue
    return sorted(found)


def clear_cache() -> None:
    """Empty the cache the servers share: the file cache under var/ (the platform's default), or Redis."""
    if os.environ.get("REDIS_URL"):
        subprocess.run(
            [sys.executable, "-m", "sco.cli", "shell", "-c", "from django.core.cache import cache; cache.clear()"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        return
    folder = Path(os.environ.get("SCO_VAR_DIR", ROOT / "var")) / "cache"
    for entry in folder.glob("*.djcache"):
        entry.unlink(missing_ok=True)


def prepare(size: str) -> tuple[str, dict[str, str]]:
    n = SIZES[size]
    url = f"{BASE_URL}/sco_speed_bench_{size}"
    ensure_database(url, demo=False)  # creates and migrates when missing; the demo data goes in once, below
    env = {**os.environ, "DATABASE_URL": url}
    has_demo = subprocess.run(
        [sys.executable, "-m", "sco.cli", "shell", "-c", "from sco.core.models import User;"
         "print(User.objects.filter(username='hod-in').exists())"],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip() == "True"  # fmt: skip
    if not has_demo:
        subprocess.run(
            [sys.executable, "-m", "sco.cli", "demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synth_projects.py"), str(n), str(10 * n), str(n // 10)],
        env=env,
        check=True,
    )
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth_events.py"), "1000"], env=env, check=True)
    # The synthetic rows went in by COPY, which no signal sees, and every size shares the platform's cache: kept
    # pages of the previous size (or of a run before) must not be served for this one.
    subprocess.run(
        [sys.executable, "-m", "sco.cli", "shell", "-c", "from django.core.cache import cache; cache.clear()"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "queries_pages.py")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return url, dict(line.split("\t", 1) for line in out if "\t" in line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    print(f"pages benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; PostgreSQL; gunicorn 3x4 as "
          f"`make run` (connections held for the run); 16 clients, {args.requests} requests a row; CPU per request "
          "from /proc, the database's from the bench database's backends only")  # fmt: skip
    one, five, fifteen = os.getloadavg()
    print(f"load before: {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores")
    header = (
        f"{'size':>5} {'page':<42} {'who':<5} {'p50':>7} {'p95':>7} {'req/s':>6} {'app':>6} {'db':>6} {'x bare':>6} "
        f"{'q':>3}"
    )
    for size in args.sizes.split(","):
        url, facts = prepare(size)
        print(f"\n[{size}] {facts.pop('counts')}")
        print(header)
        signed = {"Cookie": f"sessionid={facts.pop('session')}"}
        with server(url) as base:
            bare = load(base, ["/_bench/bare?size=50"], requests=args.requests, warmup=48)
            bare_cpu = bare["app_cpu_ms"] + bare["db_cpu_ms"]

            def line(
                title: str, who: str, f: dict[str, float], queries: str, size: str = size, bare_cpu: float = bare_cpu
            ) -> None:
                cpu = f["app_cpu_ms"] + f["db_cpu_ms"]
                print(
                    f"{size:>5} {title:<42} {who:<5} {f['p50']:7.1f} {f['p95']:7.1f} {f['rps']:6.1f} "
                    f"{f['app_cpu_ms']:6.1f} {f['db_cpu_ms']:6.1f} {cpu / bare_cpu:6.1f} {queries:>3}"
                    + (f"  errors {int(f['errors'])}" if f["errors"] else "")
                    + (f"  ({int(f['db_ended'])} DB connections ended: DB CPU undercounted)" if f["db_ended"] else ""),
                    flush=True,
                )

            line("bare: 50 rows, one SQL query", "-", bare, "1")
            for title, path in pages(facts["project"], facts["decided"]):
                for who, headers in (("anon", None), ("in", signed)):
                    # Each row starts from an empty cache and its warm-up fills what it reads: an entry kept since
                    # the size's first request would reach its timeout (10 minutes for a project page) during some
                    # later row and be computed again inside the measured requests.
                    clear_cache()
                    f = load(base, [path], headers=headers, requests=args.requests, warmup=48)
                    line(title, who, f, facts.get(f"{path}|{who}", "?"))
            memory = worker_memory_mb(base)
            print(f"  memory per worker (RSS, MB): {', '.join(f'{m:.0f}' for m in memory)}")
        print(f"  load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print("\nx bare = (app + db CPU per request) / the bare endpoint's in the same run; times in ms; q = SQL queries a "
          "request makes once the caches are warm (Django test client, in-process)")  # fmt: skip


if __name__ == "__main__":
    main()
