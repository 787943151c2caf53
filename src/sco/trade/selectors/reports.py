"""Reads beside the dashboard: published figures against the data, coverage, a pair's mirror gaps, product
indicators (where a dataset has HS6 detail) and the list of imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import duckdb

from sco.trade import indicators, queries
from sco.trade.models import Dataset, Import, PublishedFigure
from sco.trade.selectors.board import DEFAULT_REPORTER, data, reporter_view
from sco.trade.selectors.membership import MemberSet, member_set


@dataclass
class Comparison:
    figure: PublishedFigure
    dataset: str | None
    data_value: float | None
    data_previous: float | None
    data_growth: float | None
    members: MemberSet | None

    @property
    def difference_pp(self) -> float | None:
        if self.figure.growth_pct is None or self.data_growth is None:
            return None
        return self.data_growth - float(self.figure.growth_pct)


def published_beside_data(*, reporter: str = DEFAULT_REPORTER) -> list[Comparison]:
    """Each published figure with what every imported dataset gives for the same reporter, year and member set.

    A figure for part of a year (e.g. January-April) has no counterpart in annual data and is shown alone.
    """
    out: list[Comparison] = []
    figures = list(PublishedFigure.objects.filter(reporter=reporter).order_by("-year", "said_on", "pk"))
    datasets = list(Dataset.objects.filter(imports__isnull=False).distinct().order_by("code"))
    sets = {y: member_set(mode="year", year=y) for y in {f.year for f in figures if not f.period}}
    with data() as con:
        for figure in figures:
            found = False
            chosen = sets.get(figure.year) if not figure.period else None
            for ds in datasets if chosen is not None else []:
                assert chosen is not None
                view = reporter_view(con, dataset=ds.code, reporter=reporter, year=figure.year, codes=chosen.codes)
                if view.total is None:
                    continue
                found = True
                out.append(Comparison(figure, ds.code, view.total, view.previous, view.growth, chosen))
            if not found:
                out.append(Comparison(figure, None, None, None, None, chosen))
    return out


@dataclass(frozen=True)
class Coverage:
    dataset: Dataset
    first: int
    last: int
    rows: int
    files: int


def coverage() -> list[Coverage]:
    """Per dataset with data: the years it covers and how many figures."""
    out = []
    for ds in Dataset.objects.prefetch_related("imports").order_by("code"):
        imports = list(ds.imports.all())
        if imports:
            first = min(i.year_min or 0 for i in imports)
            last = max(i.year_max or 0 for i in imports)
            out.append(Coverage(ds, first, last, sum(i.rows for i in imports), len(imports)))
    return out


def pair_view(*, dataset: str, a: str, b: str) -> list[dict[str, object]]:
    """Both sides' reports per year and the mirror gaps between them."""
    with data(dataset) as con:
        series = queries.pair_series(con, dataset=dataset, a=a, b=b)
    out: list[dict[str, object]] = []
    for year in sorted(series):
        s = series[year]
        out.append(
            {
                "year": year,
                "a_exports": s.get("aX"),
                "b_imports": s.get("bM"),
                "gap_ab": indicators.mirror_gap(s.get("aX"), s.get("bM")),
                "b_exports": s.get("bX"),
                "a_imports": s.get("aM"),
                "gap_ba": indicators.mirror_gap(s.get("bX"), s.get("aM")),
            }
        )
    return out


@dataclass
class ProductIndicators:
    year: int
    products: int
    rca: list[tuple[str, float, float]]  # HS6, the reporter's exports, RCA; the largest exports first
    complementarity: list[tuple[str, float | None]]  # partner, TCI
    concentration: float | None  # WITS-normalised HHI over the reporter's HS6 exports


def product_indicators(
    con: duckdb.DuckDBPyConnection, *, dataset: str, reporter: str, year: int, partners: Sequence[str]
) -> ProductIndicators | None:
    """RCA, complementarity and product concentration, where the dataset has HS6 detail (Comtrade, BACI).

    The world is every exporter in the dataset (stated on the indicators page); a partner's imports are what every
    exporter says it sent there (mirror data), so a dataset of one reporter gives no complementarity.
    """
    exports = queries.product_exports(con, dataset=dataset, year=year)
    own = {k: v for (r, k), v in exports.items() if r == reporter}
    if not own:
        return None
    world: dict[str, float] = {}
    for (_r, k), v in exports.items():
        world[k] = world.get(k, 0) + v
    x_i, x_w = sum(own.values()), sum(world.values())
    top = sorted(own.items(), key=lambda kv: -kv[1])[:10]
    rca = [(k, v, indicators.rca(v, x_i, world[k], x_w) or 0.0) for k, v in top]
    imports = queries.product_imports(con, dataset=dataset, year=year, importers=partners)
    tci = []
    for p in partners:
        if p == reporter:
            continue
        mix = {k: v for (j, k), v in imports.items() if j == p}
        tci.append((p, indicators.complementarity(own, mix) if mix else None))
    return ProductIndicators(year, len(own), rca, tci, indicators.hhi(own, variant="wits"))


def imports_list() -> list[Import]:
    return list(Import.objects.select_related("dataset").order_by("-imported_at", "-pk")[:100])


def to_decimal_bn(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value / 1e9, 3)))
