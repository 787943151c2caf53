"""Shared tools for the benchmarks: a real server, concurrent clients, percentiles and SQL query counts.

Every benchmark prints figures; none asserts on time. Data it generates is synthetic and labelled so.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
VAR = ROOT / "var"


def databases() -> list[tuple[str, str]]:
    """(label, DATABASE_URL) to measure on: SQLite always, PostgreSQL when it answers."""
    found = [("sqlite", f"sqlite:///{VAR / 'bench.sqlite3'}")]
    try:
        socket.create_connection(("127.0.0.1", 5432), 2).close()
        found.append(("postgresql", os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/sco_bench")))
    except OSError:
        print("PostgreSQL does not answer at 127.0.0.1:5432: measuring on SQLite only")
    return found


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def ensure_database(database_url: str, *, fresh: bool = False, demo: bool = True) -> None:
    """Creates the bench database when missing (or drops and re-creates it when `fresh`), migrates it and loads the
    demo data unless told not to; in child processes, so this process's settings stay free."""
    if database_url.startswith("postgres"):
        name = database_url.rsplit("/", 1)[1]
        base = database_url.rsplit("/", 1)[0] + "/postgres"
        code = (
            "import psycopg,sys\n"
            f"c=psycopg.connect({base!r}, autocommit=True)\n"
            + (f"c.execute('drop database if exists {name}')\n" if fresh else "")
            + f"e=c.execute('select 1 from pg_database where datname=%s',({name!r},)).fetchone()\n"
            f"e or c.execute('create database {name} encoding \\'UTF8\\' template template0')\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
    elif fresh:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "sco.cli", "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    if demo:
        subprocess.run(
            [sys.executable, "-m", "sco.cli", "demo"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# base URL -> the gunicorn master's pid, so that `load` can read the CPU its workers spend; and the PostgreSQL
# database it serves from, so that only its backends' CPU is read.
_SERVERS: dict[str, int] = {}
_DATABASES: dict[str, str] = {}
_TICK = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds in user and system mode) of a process, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK


def _comm(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def _title(pid: int) -> str:
    """A process's command line as `ps` shows it; a PostgreSQL backend's names its database."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def cpu_seconds(root_pid: int | None, database: str | None = None) -> tuple[float, dict[int, float]]:
    """(CPU seconds of the server: the process `root_pid` and its descendants; CPU seconds of each PostgreSQL process
    by pid: with `database`, only the backends connected to it, so that other sessions' work on a shared machine is
    not counted). Read before and after a measured run, `cpu_delta` of the two is what the run cost."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _proc_stat(int(entry))) is not None:
            stats[int(entry)] = st
    app = 0.0
    if root_pid is not None:
        tree = {root_pid}
        changed = True
        while changed:
            changed = False
            for pid, (ppid, _cpu) in stats.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    changed = True
        app = sum(stats[pid][1] for pid in tree if pid in stats)
    db = {
        pid: cpu
        for pid, (_ppid, cpu) in stats.items()
        if _comm(pid) == "postgres" and (database is None or f" {database} " in _title(pid))
    }
    return app, db


def cpu_delta(before: tuple[float, dict[int, float]], after: tuple[float, dict[int, float]]) -> tuple[float, float]:
    """(application, PostgreSQL) CPU seconds spent between two readings. PostgreSQL's is summed process by process,
    over the processes alive at the second reading: one that ended in between takes its CPU with it (see `ended`),
    and must not make the figure negative."""
    db = sum(max(0.0, cpu - before[1].get(pid, 0.0)) for pid, cpu in after[1].items())
    return after[0] - before[0], db


def ended(before: tuple[float, dict[int, float]], after: tuple[float, dict[int, float]]) -> int:
    """How many PostgreSQL processes of the first reading were gone at the second: their CPU is missing from
    `cpu_delta`, so a row where this is not 0 undercounts the database."""
    return len(set(before[1]) - set(after[1]))


@contextmanager
def server(database_url: str, *, workers: int = 3, threads: int = 4) -> Iterator[str]:
    """gunicorn, as `make run` starts it (`sco serve`: 3 workers of 4 threads), on a free loopback port; yields its
    base URL."""
    port = free_port()
    env = {
        # The connections stay open for the whole run (a backend that ends takes its CPU figure with it); `make run`
        # reopens each after 60 s, a cost this leaves out.
        "CONN_MAX_AGE": "86400",
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench_settings",  # the platform's settings plus /_bench/bare (bench_urls.py)
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(Path(__file__).resolve().parent), os.environ.get("PYTHONPATH")])
        ),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "sco.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _SERVERS[base] = proc.pid
    if database_url.startswith("postgres"):
        _DATABASES[base] = database_url.rsplit("/", 1)[1].split("?")[0]
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2)  # noqa: S310  loopback only
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        _SERVERS.pop(base, None)
        _DATABASES.pop(base, None)
        proc.terminate()
        try:
            proc.wait(timeout=60)  # a loaded machine may take a while to stop gunicorn's workers
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def load(
    base: str,
    paths: list[str],
    *,
    clients: int = 16,
    requests: int = 2000,
    warmup: int = 200,
    headers: dict[str, str] | None = None,
) -> dict[str, float]:
    """`clients` threads share `requests` GETs over `paths` (round robin); latencies in milliseconds.

    Each client keeps its connection open between requests, as a browser does (HTTP/1.1 keep-alive), so what is
    measured is the server's answer, not the opening of a TCP connection. A warm-up of `warmup` requests from every
    client first lets each server worker load its code, templates and catalogs; it is not measured.
    """
    host, port = base.removeprefix("http://").split(":")

    def run(total: int) -> tuple[list[float], int, float]:
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        counter = iter(range(total))

        def worker() -> None:
            nonlocal errors
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            try:
                while True:
                    with lock:
                        i = next(counter, None)
                    if i is None:
                        return
                    start = time.perf_counter()
                    try:
                        connection.request("GET", paths[i % len(paths)], headers=headers or {})
                        response = connection.getresponse()
                        response.read()
                        ok = response.status < 400
                    except (OSError, http.client.HTTPException):
                        connection.close()  # reopened by the next request
                        ok = False
                    elapsed = (time.perf_counter() - start) * 1000
                    with lock:
                        latencies.append(elapsed)
                        errors += 0 if ok else 1
            finally:
                connection.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return latencies, errors, time.perf_counter() - started

    run(warmup)
    root, database = _SERVERS.get(base), _DATABASES.get(base)
    before = cpu_seconds(root, database)
    latencies, errors, wall = run(requests)
    after = cpu_seconds(root, database)
    app_cpu, db_cpu = cpu_delta(before, after)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "rps": len(latencies) / wall,
        "errors": errors,
        "n": len(latencies),
        # CPU per request, in milliseconds: the server's processes (application; SQLite runs inside them) and the
        # database's (PostgreSQL). On a shared 2-core machine this, not latency, is what compares pages fairly.
        "app_cpu_ms": app_cpu * 1000 / max(1, len(latencies)),
        "db_cpu_ms": db_cpu * 1000 / max(1, len(latencies)),
        "db_ended": ended(before, after),
    }


def queries_per_request(path: str, *, user: object | None = None) -> int:
    """SQL queries one request makes, counted in-process with Django's test client (django_setup first)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code < 400, (path, response.status_code)
    return len(ctx.captured_queries)


def report(
    title: str, figures: dict[str, float], queries: int | None = None, *, bare: dict[str, float] | None = None
) -> None:
    """One line of figures; with `bare` (the bare one-query endpoint measured in the same run) also the page's CPU
    per request as a ratio to the bare endpoint's."""
    q = f"  queries/request {queries}" if queries is not None else ""
    cpu = ""
    if "app_cpu_ms" in figures:
        total = figures["app_cpu_ms"] + figures["db_cpu_ms"]
        cpu = f"  CPU/request {figures['app_cpu_ms']:.1f} + {figures['db_cpu_ms']:.1f} ms"
        if bare is not None and "app_cpu_ms" in bare:
            bare_total = bare["app_cpu_ms"] + bare["db_cpu_ms"]
            cpu += f" (x{total / bare_total:.1f} bare)" if bare_total > 0 else ""
    print(
        f"  {title:<48} p50 {figures['p50']:7.1f} ms  p95 {figures['p95']:7.1f} ms  p99 {figures['p99']:7.1f} ms"
        f"  {figures['rps']:7.1f} req/s  errors {int(figures['errors'])}/{int(figures['n'])}{cpu}{q}"
    )
