"""The reader that goes row by row in Python: the IMF DOTS long CSV (small; a cell with text that is not a number
is counted as skipped), written out in batches so memory stays bounded. No Django import.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from sco.trade.importers.common import BATCH, FIRST_YEAR, BadFile, Codes, Outcome
from sco.trade.store import COLUMNS, SCHEMA

Row = tuple[
    int, str, str, str, str, float, float | None, str
]  # year, reporter, partner, flow, product, value, qty, flag


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


READERS: dict[str, Callable[..., Iterator[tuple[int, Row]]]] = {
    "dots": _dots_rows,
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


def read_rows(
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
        schema = SCHEMA.append(pa.field("line", pa.int64())).append(pa.field("skipped", pa.bool_()))
        columns: list[list[Any]] = [[] for _ in range(len(COLUMNS) + 2)]
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
                    columns,
                    (dataset, year, reporter, partner, flow, product, value, quantity, flag, line, False),
                    strict=True,
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
