"""Readers of the trade file layouts, streaming: one row at a time, written out in batches. No Django import.

Layouts (told apart by the header):
- `dots`: IMF Direction of Trade Statistics, long form (source_file, indicator, unit, reporter_iso3, partner_iso3,
  year, value, flag, ...), values in US dollars, millions; exports FOB, imports CIF.
- `comtrade`: UN Comtrade API / bulk CSV (reporterCode, partnerCode, flowCode, cmdCode, refYear or period,
  primaryValue, ...), values in US dollars; country numbers are Comtrade's (India 699).
- `baci`: CEPII BACI (t, i, j, k, v, q): exporter i to importer j, HS6 product k, value v in thousands of US dollars
  (FOB-reconciled), quantity q in tonnes; country numbers are Comtrade's.

Any bad row rejects the whole file (`BadFile` with the line and the reason); rows that are legitimately not ours
(another customs procedure, re-exports, a sub-total by mode of transport) are skipped and counted.
"""

# ruff: noqa: S608  -- SQL text is built from this module's constants and quoted file paths; values are parameters.

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sco.trade.importers.common import BATCH, FIRST_YEAR, KEY, LAYOUTS, PRODUCT, BadFile, Codes, Outcome
from sco.trade.importers.rows import read_rows
from sco.trade.importers.sql import read_baci, read_comtrade
from sco.trade.store import COLUMNS, engine

__all__ = [
    "BATCH", "FIRST_YEAR", "KEY", "LAYOUTS", "PRODUCT", "BadFile", "Codes", "Outcome", "detect_layout",
    "finish", "first_duplicate", "first_overlap", "peek_layout", "read_to_parquet", "sha256_of",
]  # fmt: skip


SQL_READERS = {"baci": read_baci, "comtrade": read_comtrade}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def detect_layout(header: list[str]) -> str:
    names = set(header)
    if {"reporter_iso3", "partner_iso3", "indicator", "year", "value"} <= names:
        return "dots"
    if {"reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue"} <= names and (
        "refYear" in names or "period" in names
    ):
        return "comtrade"
    if [h.strip().lower() for h in header] == ["t", "i", "j", "k", "v", "q"]:
        return "baci"
    raise BadFile(
        "unknown layout: expected an IMF DOTS long CSV, a UN Comtrade CSV (reporterCode, partnerCode, flowCode, "
        "cmdCode, refYear, primaryValue) or a CEPII BACI CSV (t,i,j,k,v,q); the header was: " + ",".join(header[:12]),
        line=1,
    )


def peek_header(path: Path) -> list[str]:
    with path.open("r", encoding="utf-8-sig", newline="") as raw:
        try:
            header = next(csv.reader(io.StringIO(raw.readline())), [])
        except (csv.Error, UnicodeDecodeError):
            header = []
    return [h.strip() for h in header]


def peek_layout(path: Path) -> str:
    return detect_layout(peek_header(path))


def read_to_parquet(
    path: Path,
    out: Path,
    *,
    dataset: str,
    codes: Codes,
    years: set[int] | None = None,
    today: dt.date | None = None,
    progress: Callable[[int], Any] | None = None,
) -> Outcome:
    """Read `path`, check every row, write the rows (with their line numbers) to `out`. Raises BadFile.

    Memory stays bounded: UN Comtrade and BACI files are read by DuckDB (streaming), the IMF DOTS long CSV row by
    row in batches of BATCH. Rows of `out` with `skipped` true are not the monitor's (see the readers).
    """
    last = (today or dt.date.today()).year
    header = peek_header(path)
    layout = detect_layout(header)
    if layout in SQL_READERS:
        return SQL_READERS[layout](
            path, out, dataset=dataset, header=header, codes=codes, years=years, last=last, progress=progress
        )
    try:
        return read_rows(
            path, out, layout=layout, dataset=dataset, codes=codes, years=years, last=last, progress=progress
        )
    except (csv.Error, UnicodeDecodeError) as e:
        raise BadFile(f"the file cannot be read as UTF-8 CSV: {e}") from None


def first_duplicate(scratch: Path) -> tuple[int, int, str] | None:
    """(first line, second line, key) of a row that appears twice in the file, or None."""
    with engine().cursor() as con:
        found = con.execute(
            f"SELECT min(line), max(line), concat_ws(' ', {KEY}) FROM read_parquet(?) WHERE NOT skipped GROUP BY {KEY} "
            "HAVING count(*) > 1 ORDER BY min(line) LIMIT 1",
            [str(scratch)],
        ).fetchone()
    return (int(found[0]), int(found[1]), str(found[2])) if found else None


def first_overlap(scratch: Path, existing: list[str]) -> str | None:
    """The key of a row the file shares with data already imported into the same dataset, or None."""
    if not existing:
        return None
    with engine().cursor() as con:
        found = con.execute(
            f"SELECT concat_ws(' ', n.year, n.reporter, n.partner, n.flow, n.product) FROM read_parquet(?) n "
            f"SEMI JOIN read_parquet(?) o USING ({KEY}) WHERE NOT n.skipped LIMIT 1",
            [str(scratch), existing],
        ).fetchone()
    return str(found[0]) if found else None


def finish(scratch: Path, out: Path) -> None:
    """The stored file: without line numbers, sorted so DuckDB can skip row groups by year and reporter."""
    with engine().cursor() as con:
        con.execute(
            f"COPY (SELECT {', '.join(COLUMNS)} FROM read_parquet(?) WHERE NOT skipped "
            "ORDER BY year, reporter, partner, flow, product) "
            f"TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT parquet, COMPRESSION zstd)",
            [str(scratch)],
        )
