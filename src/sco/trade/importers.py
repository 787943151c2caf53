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
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sco.trade.store import COLUMNS, SCHEMA, engine

BATCH = 100_000
FIRST_YEAR = 1948
PRODUCT = re.compile(r"^(TOTAL|\d{2}|\d{4}|\d{6})$")
LAYOUTS = ("dots", "comtrade", "baci")


class BadFile(Exception):
    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason, self.line = reason, line
        super().__init__(f"line {line}: {reason}" if line else reason)


@dataclass
class Outcome:
    layout: str
    rows: int = 0
    skipped: int = 0
    years: set[int] = field(default_factory=set)


Row = tuple[
    int, str, str, str, str, float, float | None, str
]  # year, reporter, partner, flow, product, value, qty, flag


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


@dataclass(frozen=True)
class Codes:
    """Country numbers to ISO alpha-3 by scheme, and the ISO alpha-3 codes known at all."""

    by_scheme: Mapping[str, Mapping[int, str]]
    iso3: frozenset[str]


def _number(text: str, what: str, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise BadFile(f"{what} is not a number: {text!r}", line=line) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BadFile(f"{what} is not a number: {text!r}", line=line)
    if value < 0:
        raise BadFile(f"negative {what}: {text}", line=line)
    return value


def _year(text: str, line: int, *, last: int, allowed: set[int] | None) -> int:
    if not text.strip().isdigit():
        raise BadFile(f"year is not a year: {text!r}", line=line)
    year = int(text.strip()[:4])
    if not FIRST_YEAR <= year <= last:
        raise BadFile(f"year {year} is outside {FIRST_YEAR}-{last}", line=line)
    if allowed is not None and year not in allowed:
        raise BadFile(
            f"year {year} is outside the years of this import ({', '.join(map(str, sorted(allowed)))})", line=line
        )
    return year


def _country(codes: Codes, scheme: str, text: str, what: str, line: int) -> str:
    try:
        number = int(text)
    except ValueError:
        raise BadFile(f"unknown {what} code {text!r}", line=line) from None
    iso3 = codes.by_scheme.get(scheme, {}).get(number)
    if iso3 is None:
        raise BadFile(f"unknown {what} code {text} (not one country in the {scheme} code table)", line=line)
    return iso3


def _product(text: str, line: int, *, pad: int = 0) -> str:
    code = text.strip().zfill(pad) if pad and text.strip().isdigit() else text.strip()
    if not PRODUCT.match(code):
        raise BadFile(f"unknown product code {text!r} (expected TOTAL or an HS code of 2, 4 or 6 digits)", line=line)
    return code


def _dots_rows(
    rows: Iterable[dict[str, str]], codes: Codes, outcome: Outcome, last: int, years: set[int] | None
) -> Iterator[tuple[int, Row]]:
    flows = {"Exports, FOB to Partner Countries": "X", "Imports, CIF from Partner Countries": "M"}
    for line, r in enumerate(rows, start=2):
        flow = flows.get(r.get("indicator", ""))
        if flow is None:
            raise BadFile(f"unknown indicator {r.get('indicator')!r}", line=line)
        if r.get("unit", "US Dollars, Millions") != "US Dollars, Millions":
            raise BadFile(f"unknown unit {r.get('unit')!r} (expected US Dollars, Millions)", line=line)
        reporter, partner = r.get("reporter_iso3", ""), r.get("partner_iso3", "")
        for what, iso3 in (("reporter", reporter), ("partner", partner)):
            if iso3 not in codes.iso3:
                raise BadFile(f"unknown {what} code {iso3!r}", line=line)
        if not r.get("value"):
            outcome.skipped += 1  # the IMF cell had text that is not a number; the source keeps it in value_raw
            continue
        value = _number(r["value"], "value", line) * 1e6
        yield (
            line,
            (
                _year(r["year"], line, last=last, allowed=years),
                reporter,
                partner,
                flow,
                "TOTAL",
                value,
                None,
                r.get("flag", "").strip(),
            ),
        )


def _comtrade_rows(
    rows: Iterable[dict[str, str]], codes: Codes, outcome: Outcome, last: int, years: set[int] | None
) -> Iterator[tuple[int, Row]]:
    for line, r in enumerate(rows, start=2):
        if r.get("freqCode", "A") not in ("A", ""):
            raise BadFile(f"frequency {r.get('freqCode')!r}: only annual data (A) can be imported", line=line)
        # One figure per reporter, partner, flow and product: all customs procedures, all modes, no second partner.
        if r.get("customsCode", "C00") not in ("C00", "") or r.get("motCode", "0") not in ("0", ""):
            outcome.skipped += 1
            continue
        if r.get("partner2Code", "0") not in ("0", ""):
            outcome.skipped += 1
            continue
        flow = r.get("flowCode", "")
        if flow in ("RX", "RM", "DX", "FM", "MIP", "XIP", "MOP", "XOP"):  # re-exports, re-imports, processing
            outcome.skipped += 1
            continue
        if flow not in ("X", "M"):
            raise BadFile(f"unknown flow {flow!r} (expected X or M)", line=line)
        year_text = r.get("refYear") or (r.get("period") or "")[:4]
        quantity = r.get("qty", "")
        yield (
            line,
            (
                _year(year_text, line, last=last, allowed=years),
                _country(codes, "comtrade", r["reporterCode"], "reporter", line),
                _country(codes, "comtrade", r["partnerCode"], "partner", line),
                flow,
                _product(r["cmdCode"], line),
                _number(r["primaryValue"], "value", line),
                _number(quantity, "quantity", line) if quantity not in ("", "NA") else None,
                "",
            ),
        )


def _baci_rows(
    rows: Iterable[dict[str, str]], codes: Codes, outcome: Outcome, last: int, years: set[int] | None
) -> Iterator[tuple[int, Row]]:
    for line, r in enumerate(rows, start=2):
        quantity = (r.get("q") or "").strip()
        yield (
            line,
            (
                _year(r["t"], line, last=last, allowed=years),
                _country(codes, "comtrade", r["i"], "exporter", line),
                _country(codes, "comtrade", r["j"], "importer", line),
                "X",
                _product(r["k"], line, pad=6),
                _number(r["v"], "value", line) * 1e3,
                _number(quantity, "quantity", line) if quantity not in ("", "NA") else None,
                "",
            ),
        )


READERS: dict[str, Callable[..., Iterator[tuple[int, Row]]]] = {
    "dots": _dots_rows,
    "comtrade": _comtrade_rows,
    "baci": _baci_rows,
}


def _stripped(f: IO[str]) -> Iterator[dict[str, str]]:
    reader = csv.reader(f, skipinitialspace=True)
    header = next(reader)
    names = [h.strip() for h in header]
    for values in reader:
        if not values:
            continue
        if len(values) != len(header):
            raise BadFile(f"{len(values)} columns where the header has {len(header)}", line=reader.line_num)
        yield dict(zip(names, values, strict=True))


def peek_layout(path: Path) -> str:
    with path.open("r", encoding="utf-8-sig", newline="") as raw:
        try:
            header = next(csv.reader(io.StringIO(raw.readline())), [])
        except (csv.Error, UnicodeDecodeError):
            header = []
    return detect_layout([h.strip() for h in header])


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

    Memory stays bounded: rows go out in batches of BATCH.
    """
    last = (today or dt.date.today()).year
    layout = peek_layout(path)
    if layout == "baci":
        return _read_baci(path, out, dataset=dataset, codes=codes, years=years, last=last, progress=progress)
    try:
        return _read(path, out, layout=layout, dataset=dataset, codes=codes, years=years, last=last, progress=progress)
    except (csv.Error, UnicodeDecodeError) as e:
        raise BadFile(f"the file cannot be read as UTF-8 CSV: {e}") from None


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_baci(
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


def _read(
    path: Path,
    out: Path,
    *,
    layout: str,
    dataset: str,
    codes: Codes,
    years: set[int] | None,
    last: int,
    progress: Callable[[int], Any] | None,
) -> Outcome:
    with path.open("r", encoding="utf-8-sig", newline="") as raw:
        outcome = Outcome(layout=layout)
        schema = SCHEMA.append(pa.field("line", pa.int64()))
        columns: list[list[Any]] = [[] for _ in range(len(COLUMNS) + 1)]
        with pq.ParquetWriter(out, schema) as writer:

            def flush() -> None:
                writer.write_batch(
                    pa.record_batch(
                        [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
                    )
                )
                for c in columns:
                    c.clear()

            for line, row in READERS[layout](_stripped(raw), codes, outcome, last, years):
                year, reporter, partner, flow, product, value, quantity, flag = row
                if reporter == partner:
                    raise BadFile(f"reporter and partner are the same ({reporter})", line=line)
                for column, value_ in zip(
                    columns, (dataset, year, reporter, partner, flow, product, value, quantity, flag, line), strict=True
                ):
                    column.append(value_)
                outcome.rows += 1
                outcome.years.add(year)
                if len(columns[0]) >= BATCH:
                    flush()
                    if progress:
                        progress(BATCH)
            if columns[0]:
                if progress:
                    progress(len(columns[0]))
                flush()
    if outcome.rows == 0:
        raise BadFile("the file has no rows to import")
    return outcome


KEY = "year, reporter, partner, flow, product"


def first_duplicate(scratch: Path) -> tuple[int, int, str] | None:
    """(first line, second line, key) of a row that appears twice in the file, or None."""
    with engine().cursor() as con:
        found = con.execute(
            f"SELECT min(line), max(line), concat_ws(' ', {KEY}) FROM read_parquet(?) GROUP BY {KEY} "
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
            f"SEMI JOIN read_parquet(?) o USING ({KEY}) LIMIT 1",
            [str(scratch), existing],
        ).fetchone()
    return str(found[0]) if found else None


def finish(scratch: Path, out: Path) -> None:
    """The stored file: without line numbers, sorted so DuckDB can skip row groups by year and reporter."""
    with engine().cursor() as con:
        con.execute(
            f"COPY (SELECT {', '.join(COLUMNS)} FROM read_parquet(?) ORDER BY year, reporter, partner, flow, product) "
            f"TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT parquet, COMPRESSION zstd)",
            [str(scratch)],
        )
