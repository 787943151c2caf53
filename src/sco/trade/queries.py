"""The dashboard's queries, in DuckDB SQL over the view `obs` (store.reader). No Django import.

The same functions serve the pages, the API, the CLI and the benchmark. Country sets come in as lists of ISO
alpha-3 codes; values come out in US dollars.

Totals: a reporter's figure for a partner is its `TOTAL` row where the dataset has one, else the sum of its HS6
rows (BACI has only HS6), so a dataset with both is never counted twice.
"""

# ruff: noqa: S608  -- SQL text is built from this module's constants and quoted file paths; values are parameters.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

TOTALS = "coalesce(sum(value) FILTER (WHERE product = 'TOTAL'), sum(value) FILTER (WHERE length(product) = 6)) AS value"


@dataclass(frozen=True)
class Flow:
    reporter: str
    partner: str
    exports: float | None
    imports: float | None
    estimated: bool


def _totals(con: duckdb.DuckDBPyConnection, where: str, params: list[object]) -> list[tuple[Any, ...]]:
    return con.execute(
        f"SELECT year, reporter, partner, flow, {TOTALS}, bool_or(flag = 'e') AS estimated "
        f"FROM obs WHERE {where} GROUP BY ALL ORDER BY ALL",
        params,
    ).fetchall()


def years(con: duckdb.DuckDBPyConnection, dataset: str) -> list[int]:
    return [
        int(r[0])
        for r in con.execute("SELECT DISTINCT year FROM obs WHERE dataset = ? ORDER BY 1", [dataset]).fetchall()
    ]


def flows(
    con: duckdb.DuckDBPyConnection, *, dataset: str, year: int, reporters: Sequence[str], partners: Sequence[str]
) -> dict[tuple[str, str], Flow]:
    """What each reporter says it exported to and imported from each partner in a year."""
    rows = _totals(
        con,
        "dataset = ? AND year = ? AND list_contains(?, reporter) AND list_contains(?, partner)",
        [dataset, year, list(reporters), list(partners)],
    )
    found: dict[tuple[str, str], dict[str, object]] = {}
    for _year, reporter, partner, flow, value, estimated in rows:
        entry = found.setdefault((reporter, partner), {"X": None, "M": None, "e": False})
        entry[flow] = value
        entry["e"] = bool(entry["e"]) or bool(estimated)
    return {
        key: Flow(key[0], key[1], e["X"], e["M"], bool(e["e"]))  # type: ignore[arg-type]
        for key, e in found.items()
    }


def intra_total(con: duckdb.DuckDBPyConnection, *, dataset: str, year: int, members: Sequence[str]) -> float | None:
    """Trade among a set of states in a year: the sum of each member's reported exports to the others."""
    row = con.execute(
        f"SELECT sum(value) FROM (SELECT reporter, partner, {TOTALS} FROM obs "
        "WHERE dataset = ? AND year = ? AND flow = 'X' AND list_contains(?, reporter) AND list_contains(?, partner) "
        "AND reporter <> partner GROUP BY ALL)",
        [dataset, year, list(members), list(members)],
    ).fetchone()
    return float(row[0]) if row and row[0] is not None else None


def partner_totals(
    con: duckdb.DuckDBPyConnection, *, dataset: str, reporter: str
) -> dict[int, dict[str, dict[str, float]]]:
    """year -> partner -> {"X": exports, "M": imports} as `reporter` reports them (the World as WLD)."""
    out: dict[int, dict[str, dict[str, float]]] = {}
    for year, _r, partner, flow, value, _e in _totals(con, "dataset = ? AND reporter = ?", [dataset, reporter]):
        if value is not None:
            out.setdefault(int(year), {}).setdefault(partner, {})[flow] = float(value)
    return out


def pair_series(con: duckdb.DuckDBPyConnection, *, dataset: str, a: str, b: str) -> dict[int, dict[str, float]]:
    """Per year, both sides' reports of their trade: a's exports to b (aX), b's imports from a (bM), and back."""
    rows = _totals(
        con, "dataset = ? AND ((reporter = ? AND partner = ?) OR (reporter = ? AND partner = ?))", [dataset, a, b, b, a]
    )
    out: dict[int, dict[str, float]] = {}
    for year, reporter, _partner, flow, value, _e in rows:
        out.setdefault(int(year), {})[("a" if reporter == a else "b") + flow] = float(value or 0)
    return out


def top_products(
    con: duckdb.DuckDBPyConnection, *, dataset: str, year: int, reporter: str, partners: Sequence[str], limit: int = 10
) -> list[tuple[str, float]]:
    """The HS2 chapters `reporter` exports most to `partners` (empty when the data has no product detail)."""
    return [
        (str(k), float(v))
        for k, v in con.execute(
            "SELECT left(product, 2) AS hs2, sum(value) FROM obs WHERE dataset = ? AND year = ? AND reporter = ? "
            "AND flow = 'X' AND length(product) = 6 AND list_contains(?, partner) "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [dataset, year, reporter, list(partners), limit],
        ).fetchall()
    ]


def product_exports(
    con: duckdb.DuckDBPyConnection, *, dataset: str, year: int, reporters: Sequence[str] | None = None
) -> dict[tuple[str, str], float]:
    """(reporter, HS6) -> exports to the world (sum over partners), for RCA and complementarity."""
    where = "dataset = ? AND year = ? AND flow = 'X' AND length(product) = 6 AND partner <> 'WLD'"
    params: list[object] = [dataset, year]
    if reporters is not None:
        where += " AND list_contains(?, reporter)"
        params.append(list(reporters))
    rows = con.execute(f"SELECT reporter, product, sum(value) FROM obs WHERE {where} GROUP BY ALL", params).fetchall()
    return {(r, k): v for r, k, v in rows}  # DuckDB gives str, str, float already


def product_imports(
    con: duckdb.DuckDBPyConnection, *, dataset: str, year: int, importers: Sequence[str]
) -> dict[tuple[str, str], float]:
    """(importer, HS6) -> what every exporter in the dataset says it sent there (mirror imports, FOB)."""
    return {
        (str(j), str(k)): float(v)
        for j, k, v in con.execute(
            "SELECT partner, product, sum(value) FROM obs WHERE dataset = ? AND year = ? AND flow = 'X' "
            "AND length(product) = 6 AND list_contains(?, partner) GROUP BY ALL",
            [dataset, year, list(importers)],
        ).fetchall()
    }
