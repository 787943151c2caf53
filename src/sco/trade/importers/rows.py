"""Readers that go row by row in Python (the IMF DOTS long CSV: small, with text cells to keep), written out in
batches so memory stays bounded. No Django import.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from sco.trade.importers.common import BATCH, FIRST_YEAR, PRODUCT, BadFile, Codes, Outcome
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


READERS: dict[str, Callable[..., Iterator[tuple[int, Row]]]] = {
    "dots": _dots_rows,
    "comtrade": _comtrade_rows,
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
