"""Readers that let DuckDB read the CSV (streaming, in parallel) and check every row in SQL. No Django import."""

# ruff: noqa: S608  -- SQL text is built from this module's constants and quoted file paths; values are parameters.

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from sco.trade.importers.common import FIRST_YEAR, BadFile, Codes, Outcome
from sco.trade.store import engine


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_baci(
    path: Path,
    out: Path,
    *,
    dataset: str,
    codes: Codes,
    years: set[int] | None,
    last: int,
    progress: Callable[[int], Any] | None,
) -> Outcome:
    """BACI files are large (about 10 million rows a year) and plain: DuckDB reads them, streaming and in parallel.

    The same checks as the row-by-row readers, written in SQL: the first bad line (in file order) and its reason.
    """
    table = codes.by_scheme.get("comtrade", {})
    allowed = f"list_contains([{', '.join(map(str, sorted(years)))}], TRY_CAST(t AS INTEGER))" if years else "true"
    with engine().cursor() as con:
        con.execute("CREATE TEMP TABLE country(code BIGINT, iso3 VARCHAR)")
        con.executemany("INSERT INTO country VALUES (?, ?)", sorted(table.items()))
        try:
            con.execute(
                f"""CREATE TEMP VIEW raw AS SELECT row_number() OVER () + 1 AS line, * FROM read_csv({_q(str(path))},
                    header = true, all_varchar = true, columns = {{'t': 'VARCHAR', 'i': 'VARCHAR', 'j': 'VARCHAR',
                    'k': 'VARCHAR', 'v': 'VARCHAR', 'q': 'VARCHAR'}})"""
            )
            bad = con.execute(
                f"""SELECT line, CASE
                      WHEN TRY_CAST(t AS INTEGER) IS NULL THEN 'year is not a year: ' || coalesce(t, '')
                      WHEN TRY_CAST(t AS INTEGER) NOT BETWEEN {FIRST_YEAR} AND {last}
                        THEN 'year ' || t || ' is outside {FIRST_YEAR}-{last}'
                      WHEN NOT {allowed} THEN 'year ' || t || ' is outside the years of this import'
                      WHEN ci.iso3 IS NULL THEN 'unknown exporter code ' || coalesce(i, '')
                      WHEN cj.iso3 IS NULL THEN 'unknown importer code ' || coalesce(j, '')
                      WHEN TRY_CAST(trim(k) AS UINTEGER) IS NULL OR length(trim(k)) > 6 OR trim(k) LIKE '+%'
                        THEN 'unknown product code ' || coalesce(k, '') || ' (expected an HS code of 6 digits)'
                      WHEN TRY_CAST(v AS DOUBLE) IS NULL OR isnan(TRY_CAST(v AS DOUBLE))
                        OR isinf(TRY_CAST(v AS DOUBLE)) THEN 'value is not a number: ' || coalesce(v, '')
                      WHEN TRY_CAST(v AS DOUBLE) < 0 THEN 'negative value: ' || v
                      WHEN coalesce(trim(q), '') NOT IN ('', 'NA') AND TRY_CAST(q AS DOUBLE) IS NULL
                        THEN 'quantity is not a number: ' || q
                      WHEN TRY_CAST(q AS DOUBLE) < 0 THEN 'negative quantity: ' || q
                      WHEN ci.iso3 = cj.iso3 THEN 'reporter and partner are the same (' || ci.iso3 || ')'
                    END AS reason
                  FROM raw LEFT JOIN country ci ON ci.code = TRY_CAST(i AS BIGINT)
                  LEFT JOIN country cj ON cj.code = TRY_CAST(j AS BIGINT)
                  WHERE reason IS NOT NULL ORDER BY line LIMIT 1"""
            ).fetchone()
            if bad:
                raise BadFile(str(bad[1]), line=int(bad[0]))
            con.execute(
                f"""COPY (SELECT {_q(dataset)} AS dataset, CAST(t AS SMALLINT) AS year, ci.iso3 AS reporter,
                      cj.iso3 AS partner, 'X' AS flow, lpad(trim(k), 6, '0') AS product,
                      CAST(v AS DOUBLE) * 1000 AS value, TRY_CAST(q AS DOUBLE) AS quantity, '' AS flag, line
                    FROM raw JOIN country ci ON ci.code = CAST(i AS BIGINT)
                    JOIN country cj ON cj.code = CAST(j AS BIGINT)
                  ) TO {_q(str(out))} (FORMAT parquet)"""
            )
            rows, years_found = con.execute(
                f"SELECT count(*), list(DISTINCT year) FROM read_parquet({_q(str(out))})"
            ).fetchone() or (0, [])
        except duckdb.Error as e:
            raise BadFile(f"the file cannot be read as a BACI CSV: {str(e).splitlines()[0]}") from None
    if not rows:
        raise BadFile("the file has no rows to import")
    if progress:
        progress(rows)
    return Outcome(layout="baci", rows=int(rows), years={int(y) for y in years_found})
