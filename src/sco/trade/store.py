"""Where the observations live: Parquet files, read by DuckDB (embedded, no server).

One imported file becomes one Parquet file named by the imported file's SHA-256, under `<store>/obs/<dataset>/`.
Files are written under a temporary name and renamed into place (atomic on one file system), and never changed
afterwards; the database's `Import` rows say which files count, so a reader never sees a half-written file and
several processes stay coherent.

Store location: `SCO_TRADE_STORE` (a directory; default `var/trade`). Past one machine, set `SCO_TRADE_READ_URL`
to an object-storage prefix (e.g. `s3://bucket/trade`): readers then read the same relative paths there through
DuckDB's httpfs extension (credentials from DuckDB's usual `s3_*` settings / environment). Writes stay on the
importing machine; copy `obs/` to the bucket after an import (the files are immutable, so a plain sync is safe).
"""

# ruff: noqa: S608  -- SQL text is built from this module's constants and quoted file paths; values are parameters.

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa
from django.conf import settings

SCHEMA = pa.schema(
    [
        ("dataset", pa.string()),
        ("year", pa.int16()),
        ("reporter", pa.string()),
        ("partner", pa.string()),
        ("flow", pa.string()),  # X exports (FOB) reported by `reporter`, M imports (CIF)
        ("product", pa.string()),  # "TOTAL" or an HS code of 2, 4 or 6 digits
        ("value", pa.float64()),  # US dollars
        ("quantity", pa.float64()),
        ("flag", pa.string()),  # the source's own flag, e.g. IMF "e" = estimate
    ]
)
COLUMNS = [f.name for f in SCHEMA]
EMPTY_SQL = (
    "SELECT * FROM (VALUES (NULL::VARCHAR, NULL::SMALLINT, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, "
    "NULL::VARCHAR, NULL::DOUBLE, NULL::DOUBLE, NULL::VARCHAR)) "
    "AS t(dataset, year, reporter, partner, flow, product, value, quantity, flag) WHERE false"
)


def local_root() -> Path:
    root = Path(os.environ.get("SCO_TRADE_STORE") or settings.VAR_DIR / "trade")
    root.mkdir(parents=True, exist_ok=True)
    return root


def read_prefix() -> str:
    return os.environ.get("SCO_TRADE_READ_URL", "").rstrip("/") or str(local_root())


def relative_path(dataset: str, sha256: str) -> str:
    return f"obs/{dataset}/{sha256}.parquet"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def source_sql(relative_paths: Sequence[str]) -> str:
    """A FROM-able relation over the given files (an empty relation with the schema when there are none)."""
    if not relative_paths:
        return f"({EMPTY_SQL})"
    prefix = read_prefix()
    files = ", ".join(_quote(f"{prefix}/{p}") for p in relative_paths)
    return f"read_parquet([{files}])"


_engine: duckdb.DuckDBPyConnection | None = None
_engine_lock = threading.Lock()


def engine() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB instance per process (opening one costs ~0.2 s); callers take their own cursor."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = duckdb.connect(":memory:")
        return _engine


@contextmanager
def reader(relative_paths: Sequence[str]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A private DuckDB cursor with a temporary view `obs` over the given files; closed after use.

    The cursor is this request's (or thread's) own: its view is invisible to the others. The database is in
    memory and holds nothing but views: no file lock, so any number of requests and processes read at once.
    """
    con = engine().cursor()
    try:
        if read_prefix().startswith(("s3://", "gs://", "http://", "https://")):
            con.execute("INSTALL httpfs; LOAD httpfs;")
        con.execute(f"CREATE TEMP VIEW obs AS SELECT * FROM {source_sql(relative_paths)}")
        yield con
    finally:
        con.close()


def publish(tmp: Path, relative: str) -> Path:
    """Move a finished file into place in one rename: readers see all of it or none of it."""
    final = local_root() / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, final)
    return final


def scratch_path(name: str) -> Path:
    folder = local_root() / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.{os.getpid()}.parquet"
