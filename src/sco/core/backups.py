"""`sco backup FILE` and `sco restore FILE`: the whole database to one file and back, on SQLite and PostgreSQL.

SQLite: SQLite's online backup API, a consistent copy taken while the platform runs (the file is itself a SQLite
database). PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot) and ``pg_restore --clean
--single-transaction``, so a restore that fails leaves the database as it was. The audit trail travels inside the
database, so `sco audit verify` passes after a restore exactly when it passed at the backup; the restore writes a
signed epoch line to the checkpoint file (`audit.new_epoch`), so checkpoints taken after the backup are reported as
taken back by the restore rather than as a truncation.

Files under VAR_DIR/media (uploaded documents) are not in the database: back them up beside it (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


def _is_sqlite(alias: str) -> bool:
    return bool(connections[alias].vendor == "sqlite")


def _pg_env(alias: str) -> dict[str, str]:
    conf: dict[str, Any] = connections[alias].settings_dict
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if conf.get(key):
            env[var] = str(conf[key])
    env["PGDATABASE"] = conf["NAME"]
    env["PGCONNECT_TIMEOUT"] = str(conf.get("OPTIONS", {}).get("connect_timeout", 10))
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  our arguments
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()[-2000:]}")


def backup(path: Path, *, alias: str = "default") -> Path:
    """Write the whole database to `path` (replaced whole, so a failed backup never leaves half a file there)."""
    path = path.resolve()
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if _is_sqlite(alias):
            connection = connections[alias]
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            env = _pg_env(alias)
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)], env)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(path: Path, *, alias: str = "default") -> None:
    """Replace the whole database with the backup in `path`; every cached page is dropped after."""
    with path.open("rb") as f:
        head = f.read(16)
    connection = connections[alias]
    if _is_sqlite(alias):
        if head != SQLITE_MAGIC:
            raise BackupError("this is not a SQLite backup (made by `sco backup` on SQLite)")
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        if not head.startswith(PG_MAGIC):
            raise BackupError("this is not a PostgreSQL backup (made by `sco backup` on PostgreSQL)")
        connection.close()  # our own connection must not hold a lock on a table the restore drops
        command = [_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", "--no-owner"]
        _run([*command, "--no-privileges", "--dbname", connection.settings_dict["NAME"], str(path)], _pg_env(alias))
    cache.clear()  # cached pages are keyed by revisions the restore may give again to other contents
    from sco.core import audit

    # The chain is back where the backup left it: a signed epoch line says so, so the checkpoints that saw the
    # entries written since are reported as taken back by this restore, not as a truncation.
    audit.new_epoch(f"restore of {path.name}")
