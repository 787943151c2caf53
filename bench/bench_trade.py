"""Trade monitor: the dashboard's DuckDB queries over SYNTHETIC data, each beside hand-written DuckDB SQL, and the
importer's speed beside DuckDB's own CSV reader. Prints figures; asserts nothing.

ALL DATA HERE IS SYNTHETIC: reporter, partner, HS6 product, year, value and quantity are generated inside DuckDB
from hashes of the row number (60 real ISO codes used as labels only). No figure is a real trade flow.

Usage:
  uv run python bench/bench_trade.py            # 2,000,000 query rows, 300,000 import rows
  uv run python bench/bench_trade.py --full     # 100,000,000 query rows, 5,000,000 import rows (check df -h first)
  uv run python bench/bench_trade.py --rows N --import-rows M --keep DIR
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import duckdb  # noqa: E402

from sco.trade import importers, queries  # noqa: E402

CODES_FILE = ROOT / "src/sco/trade/data/country_codes.csv"
YEARS = 24  # 2000-2023
PRODUCTS = 5000
DATASET = "synthetic"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def country_codes() -> list[tuple[int, str]]:
    """60 Comtrade numbers and their ISO3 codes (labels for the synthetic rows)."""
    with CODES_FILE.open(encoding="utf-8") as f:
        rows = [(int(r["code"]), r["iso3"]) for r in csv.DictReader(f) if r["scheme"] == "comtrade"]
    seen: dict[str, int] = {}
    for number, iso3 in rows:
        if iso3 != "WLD" and iso3 not in seen:
            seen[iso3] = number
    for must in ("KAZ", "CHN", "RUS", "IND", "PAK", "KGZ", "TJK", "UZB", "IRN", "BLR"):
        assert must in seen
    chosen = ["KAZ", "CHN", "RUS", "IND", "PAK", "KGZ", "TJK", "UZB", "IRN", "BLR"]
    chosen += [c for c in sorted(seen) if c not in chosen][: 60 - len(chosen)]
    return [(seen[c], c) for c in chosen]


def generate(con: duckdb.DuckDBPyConnection, rows: int, folder: Path, iso3: list[str]) -> float:
    """SYNTHETIC observations written as Parquet files by DuckDB itself, one file per year sorted by reporter (no
    global sort: 100,000,000 rows are generated year by year); returns seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    codes = "[" + ", ".join(f"'{c}'" for c in iso3) + "]"
    n = len(iso3)
    per_year = rows // YEARS
    start = time.perf_counter()
    for y in range(YEARS):
        first, last = y * per_year, (y + 1) * per_year if y < YEARS - 1 else rows
        con.execute(
            f"""COPY (
              SELECT '{DATASET}' AS dataset, (2000 + {y})::SMALLINT AS year,
                     {codes}[1 + r] AS reporter,
                     {codes}[(1 + (r + 1 + hash(i * 7 + 1) % {n - 1}) % {n})::BIGINT] AS partner, 'X' AS flow,
                     lpad(((hash(i * 13 + 5) % {PRODUCTS}) * 197 % 999999)::BIGINT::VARCHAR, 6, '0') AS product,
                     (hash(i * 31 + 7) % 10000000)::DOUBLE AS value, (hash(i * 37 + 3) % 100000)::DOUBLE AS quantity,
                     '' AS flag
              FROM (SELECT i, (hash(i) % {n})::BIGINT AS r FROM range({first}, {last}) t(i))
              ORDER BY reporter
            ) TO '{folder}/synthetic-{2000 + y}.parquet' (FORMAT parquet, COMPRESSION zstd)"""
        )
    return time.perf_counter() - start


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bench_queries(con: duckdb.DuckDBPyConnection, members: list[str], repeat: int) -> None:
    """The raw SQL means the same as the monitor's query (the same filters: exports, HS6 rows, no World), written
    with literals and returning plain rows; the monitor's runs through queries.py, as the pages do."""
    in_list = ", ".join(f"'{c}'" for c in members)
    year = 2020
    cases: list[tuple[str, Callable[[], Any], str]] = [
        (
            "trade among the members in a year",
            lambda: queries.intra_total(con, dataset=DATASET, year=year, members=members),
            f"SELECT sum(value) FROM obs WHERE dataset = '{DATASET}' AND year = {year} AND flow = 'X' "
            f"AND reporter IN ({in_list}) AND partner IN ({in_list})",
        ),
        (
            "matrix of members (flows)",
            lambda: queries.flows(con, dataset=DATASET, year=year, reporters=members, partners=members),
            f"SELECT reporter, partner, flow, sum(value) FROM obs WHERE dataset = '{DATASET}' AND year = {year} "
            f"AND reporter IN ({in_list}) AND partner IN ({in_list}) GROUP BY ALL",
        ),
        (
            "one member's partners, every year",
            lambda: queries.partner_totals(con, dataset=DATASET, reporter="KAZ"),
            f"SELECT year, partner, flow, sum(value) FROM obs WHERE dataset = '{DATASET}' AND reporter = 'KAZ' "
            "GROUP BY ALL",
        ),
        (
            "top HS2 products to members",
            lambda: queries.top_products(con, dataset=DATASET, year=year, reporter="KAZ", partners=members),
            f"SELECT left(product, 2), sum(value) FROM obs WHERE dataset = '{DATASET}' AND year = {year} "
            f"AND reporter = 'KAZ' AND flow = 'X' AND length(product) = 6 AND partner IN ({in_list}) "
            "GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
        ),
        (
            "exports by reporter and HS6 (RCA input)",
            lambda: queries.product_exports(con, dataset=DATASET, year=year),
            f"SELECT reporter, product, sum(value) FROM obs WHERE dataset = '{DATASET}' AND year = {year} "
            "AND flow = 'X' AND length(product) = 6 AND partner <> 'WLD' GROUP BY ALL",
        ),
    ]
    print(f"{'query':42} {'monitor':>10} {'raw SQL':>10} {'ratio':>7}")
    for name, ours, raw in cases:
        ours_s, _ = timed(ours, repeat)
        raw_s, _ = timed(lambda raw=raw: con.execute(raw).fetchall(), repeat)  # type: ignore[misc]
        print(f"{name:42} {ours_s * 1000:8.1f}ms {raw_s * 1000:8.1f}ms {ours_s / raw_s:6.2f}x")


def _import_once(path: Path, work: Path, table: importers.Codes, label: str) -> None:
    scratch, final = work / "scratch.parquet", work / "final.parquet"
    start = time.perf_counter()
    outcome = importers.read_to_parquet(path, scratch, dataset=DATASET, codes=table)
    read_s = time.perf_counter() - start
    assert importers.first_duplicate(scratch) is None
    importers.finish(scratch, final)
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    with duckdb.connect(":memory:") as con:
        con.execute(f"COPY (SELECT * FROM read_csv('{path}')) TO '{work / 'duck.parquet'}' (FORMAT parquet)")
    duck_s = time.perf_counter() - start
    print(f"import of {outcome.rows:,} SYNTHETIC {label} rows ({path.stat().st_size / 1e6:.0f} MB CSV):")
    print(f"  monitor importer (checks every row)   {outcome.rows / ours_s:12,.0f} rows/s  ({ours_s:.1f} s;"
          f" reading and checks {read_s:.1f} s)")  # fmt: skip
    print(f"  DuckDB read_csv -> Parquet (no checks) {outcome.rows / duck_s:12,.0f} rows/s  ({duck_s:.1f} s)")
    print(f"  ratio {ours_s / duck_s:.1f}x; peak RSS so far {rss_mb():.0f} MB")
    for leftover in (scratch, final, work / "duck.parquet"):
        leftover.unlink(missing_ok=True)


def bench_import(rows: int, work: Path, codes: list[tuple[int, str]]) -> None:
    """SYNTHETIC CSVs (unique keys) in the BACI and the UN Comtrade layouts (both read and typed by DuckDB, every row
    checked in SQL), each through our importer and through DuckDB's own CSV reader."""
    numbers = "[" + ", ".join(str(n) for n, _ in codes) + "]"
    n = len(codes)
    table = importers.Codes(by_scheme={"comtrade": dict(codes)}, iso3=frozenset(c for _, c in codes))
    baci, comtrade = work / "synthetic_baci.csv", work / "synthetic_comtrade.csv"
    with duckdb.connect(":memory:") as con:
        con.execute(
            f"""COPY (SELECT 2020 AS t, {numbers}[1 + i % {n}] AS i, {numbers}[1 + (i + 1) % {n}] AS j,
                  lpad((i // {n})::VARCHAR, 6, '0') AS k, round((hash(i) % 1000000) / 1000.0, 3) AS v,
                  round((hash(i * 3) % 10000) / 10.0, 1) AS q FROM range({rows}) r(i))
                TO '{baci}' (FORMAT csv, HEADER true)"""
        )
        con.execute(
            f"""COPY (SELECT 'C' AS typeCode, 'A' AS freqCode, 2020 AS refYear, {numbers}[1 + i % {n}] AS reporterCode,
                  'X' AS flowCode, {numbers}[1 + (i + 1) % {n}] AS partnerCode, 0 AS partner2Code,
                  lpad((i // {n})::VARCHAR, 6, '0') AS cmdCode, 'C00' AS customsCode, 0 AS motCode,
                  round((hash(i * 3) % 10000) / 10.0, 1) AS qty, round((hash(i) % 1000000000) / 10.0, 1) AS primaryValue
                FROM range({rows}) r(i)) TO '{comtrade}' (FORMAT csv, HEADER true)"""
        )
    _import_once(baci, work, table, "BACI-layout")
    _import_once(comtrade, work, table, "Comtrade-layout")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="100,000,000 query rows and 5,000,000 import rows")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--import-rows", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the synthetic files in this folder")
    parser.add_argument("--tmp", type=Path, help="folder for the synthetic files (default: the system's temp dir)")
    args = parser.parse_args()
    rows = args.rows or (100_000_000 if args.full else 2_000_000)
    import_rows = args.import_rows or (5_000_000 if args.full else 300_000)
    work = args.keep or Path(tempfile.mkdtemp(prefix="sco-bench-trade-", dir=args.tmp))
    work.mkdir(parents=True, exist_ok=True)
    codes = country_codes()
    members = [c for _, c in codes[:10]]
    print("SYNTHETIC DATA: every row below is generated, not real trade.")
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average (1, 5, 15 min) {load()}")
    print(f"DuckDB {duckdb.__version__}; {rows:,} observation rows, {YEARS} years, 60 countries, {PRODUCTS} HS6 codes")
    try:
        con = duckdb.connect(":memory:")
        seconds = generate(con, rows, work / "obs", [c for _, c in codes])
        size = sum(p.stat().st_size for p in (work / "obs").glob("*.parquet"))
        print(f"generated in {seconds:.1f} s: {size / 1e6:.0f} MB of Parquet; peak RSS {rss_mb():.0f} MB")
        con.execute(f"CREATE VIEW obs AS SELECT * FROM read_parquet('{work / 'obs'}/*.parquet')")
        con.execute(f"SET temp_directory = '{work / 'duckdb-tmp'}'")
        bench_queries(con, members, args.repeat)
        print(f"peak RSS after the queries {rss_mb():.0f} MB")
        con.close()
        bench_import(import_rows, work, codes)
        print(f"peak RSS of the run {rss_mb():.0f} MB; load average {load()}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
