"""Readers that let DuckDB read and type the CSV (streaming, in parallel) and check every row in SQL.

One pass over the CSV writes every row to the scratch Parquet file with its line, the reason it is bad (NULL when
it is good) and whether it is skipped (legitimately not ours); one query over that file then finds the first bad
line in file order. The importer goes on only when there is none, and reads only the rows that are not skipped.
No Django import.
"""

# ruff: noqa: S608  -- SQL text is built from this module's constants, the header's own names (quoted) and quoted
# file paths; values are parameters.

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from sco.trade.importers.common import FIRST_YEAR, BadFile, Codes, Outcome
from sco.trade.store import engine

# Comtrade flows that are not plain exports or imports: re-exports, re-imports, domestic exports, foreign imports
# and the processing flows. Counted as skipped, like other customs procedures and modes of transport.
OTHER_FLOWS = ("RX", "RM", "DX", "FM", "MIP", "XIP", "MOP", "XOP")
PRODUCT_SQL = "TOTAL|[0-9]{2}|[0-9]{4}|[0-9]{6}"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(_q(v) for v in values)


def _col(header: set[str], name: str, default: str = "") -> str:
    """A trimmed text column of the file, or a constant when the file has no such column (Comtrade's vary)."""
    if name in header:
        return 'coalesce(trim("' + name.replace('"', '""') + "\"), '')"
    return _q(default)


def _year_checks(text: str, last: int, years: set[int] | None) -> str:
    year = f"TRY_CAST(left({text}, 4) AS INTEGER)"
    out = f"""WHEN NOT regexp_full_match({text}, '[0-9]+') THEN 'year is not a year: ' || {text}
        WHEN {year} NOT BETWEEN {FIRST_YEAR} AND {last} THEN 'year ' || {year} || ' is outside {FIRST_YEAR}-{last}'"""
    if years:
        allowed = ", ".join(map(str, sorted(years)))
        out += f"""
        WHEN NOT list_contains([{allowed}], {year})
          THEN 'year ' || {year} || ' is outside the years of this import ({allowed})'"""
    return out


def _number_checks(text: str, what: str, *, optional: bool) -> str:
    number = f"TRY_CAST({text} AS DOUBLE)"
    present = f"{text} NOT IN ('', 'NA') AND " if optional else ""
    return f"""WHEN {present}({number} IS NULL OR isnan({number}) OR isinf({number}))
          THEN '{what} is not a number: ' || {text}
        WHEN {number} < 0 THEN 'negative {what}: ' || {text}"""


def _estimated_rows(path: Path) -> int:
    """Rows in the file, estimated from the length of its first lines: the progress bar's scale while DuckDB reads."""
    with path.open("rb") as f:
        sample = f.read(1 << 20)
    lines = max(sample.count(b"\n"), 1)
    return max(int(path.stat().st_size / (len(sample) / lines)) - 1, 1)


@contextmanager
def _watched(
    con: duckdb.DuckDBPyConnection, path: Path, progress: Callable[[int], Any] | None, moved: list[int]
) -> Iterator[None]:
    """Moves the caller's progress bar (in rows, estimated from DuckDB's own progress) while a query runs on `con`;
    `moved[0]` says how far, so the caller can set the bar to the exact count afterwards."""
    if progress is None:
        yield
        return
    estimate, stop = _estimated_rows(path), threading.Event()

    def watch() -> None:
        while not stop.wait(0.25):
            percent = con.query_progress()
            now = int(estimate * min(max(percent, 0.0), 99.0) / 100)
            if now > moved[0]:
                progress(now - moved[0])
                moved[0] = now

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _run(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    out: Path,
    *,
    layout: str,
    names: list[str],
    select: str,
    joins: str,
    progress: Callable[[int], Any] | None,
) -> Outcome:
    """Read the CSV once into `out` (every row, typed, with line, skipped and reason); raise on the first bad line."""
    columns = ", ".join(_q(n) for n in names)
    con.execute(
        f"""CREATE TEMP VIEW raw AS SELECT row_number() OVER () + 1 AS line, *
            FROM read_csv({_q(str(path))}, header = true, all_varchar = true, names = [{columns}])"""
    )
    moved = [0]
    with _watched(con, path, progress, moved):
        con.execute(f"COPY (SELECT {select} FROM raw {joins}) TO {_q(str(out))} (FORMAT parquet)")
    bad = con.execute(
        f"SELECT line, reason FROM read_parquet({_q(str(out))}) WHERE reason IS NOT NULL ORDER BY line LIMIT 1"
    ).fetchone()
    if bad:
        raise BadFile(str(bad[1]), line=int(bad[0]))
    rows, skipped, years = con.execute(
        f"""SELECT count(*) FILTER (WHERE NOT skipped), count(*) FILTER (WHERE skipped),
                   list(DISTINCT year) FILTER (WHERE NOT skipped)
            FROM read_parquet({_q(str(out))})"""
    ).fetchone() or (0, 0, [])
    if not rows:
        raise BadFile("the file has no rows to import")
    if progress:
        progress(int(rows) + int(skipped) - moved[0])  # the exact count, whatever the estimate was
    return Outcome(layout=layout, rows=int(rows), skipped=int(skipped), years={int(y) for y in years or []})


@contextmanager
def _cursor(codes: Codes, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
    with engine().cursor() as con:
        con.execute("CREATE TEMP TABLE country(code BIGINT, iso3 VARCHAR)")
        con.executemany("INSERT INTO country VALUES (?, ?)", sorted(codes.by_scheme.get("comtrade", {}).items()))
        try:
            yield con
        except duckdb.Error as e:
            raise BadFile(f"the file cannot be read as a {what} CSV: {str(e).splitlines()[0]}") from None


def read_baci(
    path: Path,
    out: Path,
    *,
    dataset: str,
    header: list[str],
    codes: Codes,
    years: set[int] | None,
    last: int,
    progress: Callable[[int], Any] | None,
) -> Outcome:
    """CEPII BACI (t, i, j, k, v, q): exporter i to importer j, HS6 k, value v in US$ thousands, quantity q."""
    names = [h.strip().lower() for h in header]
    t, i, j, k, v, q = (_col(set(names), n) for n in ("t", "i", "j", "k", "v", "q"))
    select = f"""{_q(dataset)} AS dataset, TRY_CAST({t} AS SMALLINT) AS year, ci.iso3 AS reporter, cj.iso3 AS partner,
        'X' AS flow, lpad({k}, 6, '0') AS product, TRY_CAST({v} AS DOUBLE) * 1000 AS value,
        TRY_CAST(nullif({q}, 'NA') AS DOUBLE) AS quantity, '' AS flag, line, false AS skipped,
        CASE {_year_checks(t, last, years)}
        WHEN ci.iso3 IS NULL THEN 'unknown exporter code ' || {i}
        WHEN cj.iso3 IS NULL THEN 'unknown importer code ' || {j}
        WHEN NOT regexp_full_match({k}, '[0-9]{{1,6}}')
          THEN 'unknown product code ' || {k} || ' (expected an HS code of 6 digits)'
        {_number_checks(v, "value", optional=False)}
        {_number_checks(q, "quantity", optional=True)}
        WHEN ci.iso3 = cj.iso3 THEN 'reporter and partner are the same (' || ci.iso3 || ')'
        END AS reason"""
    joins = f"""LEFT JOIN country ci ON ci.code = TRY_CAST({i} AS BIGINT)
        LEFT JOIN country cj ON cj.code = TRY_CAST({j} AS BIGINT)"""
    with _cursor(codes, "BACI") as con:
        return _run(con, path, out, layout="baci", names=names, select=select, joins=joins, progress=progress)


def read_comtrade(
    path: Path,
    out: Path,
    *,
    dataset: str,
    header: list[str],
    codes: Codes,
    years: set[int] | None,
    last: int,
    progress: Callable[[int], Any] | None,
) -> Outcome:
    """UN Comtrade API or bulk CSV: one figure per reporter, partner, flow and product is kept (all customs
    procedures C00, all modes 0, no second partner, flows X and M); the rest is counted as skipped."""
    names = [h.strip() for h in header]
    cols = set(names)
    freq, customs, mot = _col(cols, "freqCode", "A"), _col(cols, "customsCode", "C00"), _col(cols, "motCode", "0")
    second, flow, cmd = _col(cols, "partner2Code", "0"), _col(cols, "flowCode"), _col(cols, "cmdCode")
    reporter, partner, value, qty = (_col(cols, n) for n in ("reporterCode", "partnerCode", "primaryValue", "qty"))
    year = f"coalesce(nullif({_col(cols, 'refYear')}, ''), left({_col(cols, 'period')}, 4))"
    skipped = (
        f"({customs} NOT IN ('C00', '') OR {mot} NOT IN ('0', '') OR {second} NOT IN ('0', '')"
        f" OR {flow} IN ({_in(OTHER_FLOWS)}))"
    )
    table = "' (not one country in the comtrade code table)'"
    select = f"""{_q(dataset)} AS dataset, TRY_CAST(left({year}, 4) AS SMALLINT) AS year, rc.iso3 AS reporter,
        pc.iso3 AS partner, {flow} AS flow, {cmd} AS product, TRY_CAST({value} AS DOUBLE) AS value,
        CASE WHEN {qty} IN ('', 'NA') THEN NULL ELSE TRY_CAST({qty} AS DOUBLE) END AS quantity, '' AS flag, line,
        {skipped} AS skipped,
        CASE WHEN {freq} NOT IN ('A', '') THEN 'frequency ' || {freq} || ': only annual data (A) can be imported'
        WHEN {skipped} THEN NULL
        WHEN {flow} NOT IN ('X', 'M') THEN 'unknown flow ' || {flow} || ' (expected X or M)'
        {_year_checks(year, last, years)}
        WHEN rc.iso3 IS NULL THEN 'unknown reporter code ' || {reporter} || {table}
        WHEN pc.iso3 IS NULL THEN 'unknown partner code ' || {partner} || {table}
        WHEN NOT regexp_full_match({cmd}, '{PRODUCT_SQL}')
          THEN 'unknown product code ' || {cmd} || ' (expected TOTAL or an HS code of 2, 4 or 6 digits)'
        {_number_checks(value, "value", optional=False)}
        {_number_checks(qty, "quantity", optional=True)}
        WHEN rc.iso3 = pc.iso3 THEN 'reporter and partner are the same (' || rc.iso3 || ')'
        END AS reason"""
    joins = f"""LEFT JOIN country rc ON rc.code = TRY_CAST({reporter} AS BIGINT)
        LEFT JOIN country pc ON pc.code = TRY_CAST({partner} AS BIGINT)"""
    with _cursor(codes, "UN Comtrade") as con:
        return _run(con, path, out, layout="comtrade", names=names, select=select, joins=joins, progress=progress)
