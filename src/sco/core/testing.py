"""Helpers for tests that run real processes or threads beside the test: Celery workers, app servers, a private
PostgreSQL, writers released at once.

Only tests import this module. Every process started here is stopped by the context manager that started it.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

IN_CI = os.environ.get("CI", "").lower() == "true"


def at_once(*jobs: Callable[[], Any], timeout: float = 60) -> list[Any]:
    """Run the jobs in threads released together (each on its own database connection, closed after); return their
    results, or the exception each raised, in the order given. For races on row locks (PostgreSQL)."""
    from django.db import connections

    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # the test reads it
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def database_url(alias: str = "default") -> str:
    """The URL of the database this test process uses (the test database), for a process started beside it."""
    from django.db import connections

    conf: dict[str, Any] = connections[alias].settings_dict
    if conf["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(conf['NAME']).resolve()}"
    auth = quote(conf["USER"] or "", safe="")
    if conf.get("PASSWORD"):
        auth += ":" + quote(conf["PASSWORD"], safe="")
    return f"postgres://{auth}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{conf['NAME']}"


def process_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a platform process beside the test: the test's database, its own VAR_DIR, the same secret
    and the same audit key (the chain written on one side must verify on the other)."""
    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="sco.settings",
        DATABASE_URL=database_url(),
        SCO_VAR_DIR=str(var_dir),
        SECRET_KEY=settings.SECRET_KEY,
        SCO_AUDIT_KEY=settings.SCO_AUDIT_KEY,
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@contextlib.contextmanager
def running(command: list[str], *, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """Run a command in its own process group for the length of a block, its output in `log`; stop it after."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S603
        try:
            yield proc
        finally:
            stop(proc)


def stop(proc: subprocess.Popen[bytes], *, timeout: float = 10) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for(predicate: Any, *, timeout: float, interval: float = 0.2, what: str = "a condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def http_get(
    url: str, *, headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310  a local test server
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@contextlib.contextmanager
def app_servers(var_dir: Path, count: int, **env: str) -> Iterator[list[str]]:
    """`count` gunicorn app servers on free ports beside the test, over the test's database (unless `env` says
    otherwise), started together; yields their base URLs."""
    with contextlib.ExitStack() as stack:
        started = []
        for n in range(count):
            port = free_port()
            command = [sys.executable, "-m", "sco.cli", "serve", "--web-only", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", "1", "--threads", "4"]
            log = var_dir / f"web{n}.log"
            proc = stack.enter_context(running(command, env=process_env(var_dir, **env), log=log))
            started.append((port, proc, log))
        for port, proc, log in started:

            def up(port: int = port, proc: subprocess.Popen[bytes] = proc, log: Path = log) -> bool:
                if proc.poll() is not None:
                    raise AssertionError(f"the app server stopped: {log.read_text()[-3000:]}")
                return listening(port)

            wait_for(up, timeout=60, what="the app server to listen")
            # gunicorn listens before its worker has loaded Django: one answered request says the worker is ready
            http_get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=90)
        yield [f"http://127.0.0.1:{port}" for port, _, _ in started]


@contextlib.contextmanager
def app_server(var_dir: Path, **env: str) -> Iterator[str]:
    """One app server beside the test; yields its base URL."""
    with app_servers(var_dir, 1, **env) as (base,):
        yield base


# A private PostgreSQL: initdb and pg_ctl on a free port under a temporary folder ------------------------------------


def postgres_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl), if installed."""
    for found in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (found / "initdb").exists() and (found / "pg_ctl").exists():
            return found
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and shutil.which("initdb") else None


def _as_server_user() -> dict[str, Any]:
    """PostgreSQL refuses to run as root: then the server programs run as the `postgres` account."""
    if os.geteuid() != 0:
        return {}
    account = pwd.getpwnam("postgres")
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


@dataclass
class Cluster:
    """One PostgreSQL server the test owns: `start`, `stop` (fast shutdown) and its URL."""

    bin: Path
    data: Path
    port: int
    log: Path

    def url(self, dbname: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603  our own arguments
            [str(self.bin / args[0]), *args[1:]], check=check, capture_output=True, text=True, **_as_server_user()
        )

    def start(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop", check=False)

    def sql(self, statement: str, dbname: str = "postgres") -> str:
        out = subprocess.run(  # noqa: S603
            [
                shutil.which("psql") or "psql",
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                self.url(dbname),
                "-c",
                statement,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()


def _make_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="sco-pg-"))
    folder.chmod(0o755)
    account = _as_server_user()
    if account:
        os.chown(folder, account["user"], account["group"])
    return folder


@contextlib.contextmanager
def postgres_cluster(*, replica: bool = False) -> Iterator[list[Cluster]]:
    """A private PostgreSQL (and, with replica=True, a streaming standby of it made by pg_basebackup), stopped and
    removed after the block. Skips the test when the server programs are missing (fails in CI)."""
    import pytest

    found = postgres_bin()
    if found is None or shutil.which("psql") is None:
        if IN_CI:
            raise AssertionError("PostgreSQL's server programs (initdb, pg_ctl) are needed in CI")
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    folder = _make_folder()
    primary = Cluster(found, folder / "primary", free_port(), folder / "primary.log")
    clusters = [primary]
    try:
        primary.run("initdb", "-D", str(primary.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        settings = [f"port = {primary.port}", "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''"]
        settings += ["fsync = off", "full_page_writes = off", "shared_buffers = 16MB", "max_connections = 40"]
        with (primary.data / "postgresql.conf").open("a") as conf:
            conf.write("\n".join(settings) + "\n")
        with (primary.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")
        primary.start()
        if replica:
            standby = Cluster(found, folder / "standby", free_port(), folder / "standby.log")
            standby.run(
                "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                "-D", str(standby.data), "-R", "-X", "stream", "--no-sync",
            )  # fmt: skip
            with (standby.data / "postgresql.conf").open("a") as conf:
                conf.write(f"port = {standby.port}\n")
            standby.start()
            clusters.append(standby)
        yield clusters
    finally:
        for cluster in reversed(clusters):
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def copy_test_database(cluster: Cluster, dbname: str = "sco") -> str:
    """Copy the test database (PostgreSQL, with what the test committed) into `cluster`; its URL."""
    from django.db import connection

    assert connection.vendor == "postgresql", "copy_test_database reads a PostgreSQL test database"
    dump = subprocess.run(  # noqa: S603
        [shutil.which("pg_dump") or "pg_dump", "--format=custom", "--no-owner", "--no-privileges", database_url()],
        check=True,
        capture_output=True,
    ).stdout
    cluster.sql(f"CREATE DATABASE {dbname}")
    restore = [shutil.which("pg_restore") or "pg_restore", "--no-owner", "--no-privileges", "-d", cluster.url(dbname)]
    subprocess.run(restore, input=dump, check=True, capture_output=True)  # noqa: S603
    return cluster.url(dbname)


def needs_postgresql() -> None:
    """Skip a test that copies the test database into a private PostgreSQL when the suite runs on SQLite."""
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs on PostgreSQL (DATABASE_URL=postgres://...): it copies the test database into its own server")


def redis_url() -> str:
    """A Redis at 127.0.0.1:6379 (the test's keys live under a prefix of their own); skips when none answers."""
    import pytest

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            pass
    except OSError:
        if IN_CI:
            raise AssertionError("Redis must answer at 127.0.0.1:6379 in CI") from None
        pytest.skip("no Redis at 127.0.0.1:6379")
    return os.environ.get("SCO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def subprocess_run_sco(args: list[str], var_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `sco ARGS` in a process of its own (over the test's database unless DATABASE_URL says otherwise)."""
    return subprocess.run(  # noqa: S603  our own arguments
        [sys.executable, "-m", "sco.cli", *args],
        env=process_env(var_dir, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextlib.contextmanager
def redis_keys_removed(url: str, prefix: str) -> Iterator[None]:
    """Remove every key under `prefix` from Redis after the block (what the servers of a test left there)."""
    import redis

    try:
        yield
    finally:
        client = redis.Redis.from_url(url)
        keys = list(client.scan_iter(match=f"{prefix}*", count=500))
        if keys:
            client.delete(*keys)
        client.close()
