"""The dashboard's reads: a member's partners with mirror figures, trade among a member set, the series by year.

The trade data is public: these reads take no viewer. The heavy part runs in DuckDB (queries.py) over the files
the database's Import rows name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
from django.utils.translation import gettext as _

from sco.trade import indicators, queries, reference, store
from sco.trade.errors import UnknownDataset
from sco.trade.models import Dataset, Import
from sco.trade.queries import Flow
from sco.trade.selectors.membership import MODES, MemberSet, member_set, members_by_year

DEFAULT_DATASET = "imf-dots"
DEFAULT_REPORTER = "KAZ"


def dataset_get(code: str) -> Dataset:
    found = Dataset.objects.filter(code=code).first()
    if found is None:
        raise UnknownDataset(dataset=code)
    return found


def files(dataset: str | None = None) -> list[str]:
    qs = Import.objects.order_by("pk")
    if dataset:
        qs = qs.filter(dataset__code=dataset)
    return list(qs.values_list("parquet", flat=True))


@contextmanager
def data(dataset: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB cursor over the imported files (of one dataset, or all: the queries filter by dataset anyway)."""
    with store.reader(files(dataset)) as con:
        yield con


@dataclass
class PartnerRow:
    partner: str
    exports: float | None
    imports: float | None
    mirror_exports: float | None  # the partner's imports from the reporter (CIF)
    mirror_imports: float | None  # the partner's exports to the reporter (FOB)
    estimated: bool
    intensity: float | None = None  # trade intensity of the reporter's exports to this partner (see ReporterView)

    @property
    def total(self) -> float | None:
        if self.exports is None and self.imports is None:
            return None
        return (self.exports or 0) + (self.imports or 0)

    @property
    def missing(self) -> bool:
        return self.total is None

    @property
    def gap(self) -> float | None:
        return indicators.mirror_gap(self.exports, self.mirror_exports)


@dataclass
class ReporterView:
    reporter: str
    year: int
    rows: list[PartnerRow]
    total: float | None
    previous: float | None
    growth: float | None
    world: float | None
    share: float | None
    hhi: float | None
    openness: float | None = None  # WITS: (X + M) / GDP, goods only
    openness_unctad: float | None = None  # UNCTAD: ((X + M) / 2) / GDP
    openness_note: str = ""  # the sources used, or why there is no value
    intensity_note: str = ""


def _openness(view: ReporterView, world: Flow | None) -> None:
    """Openness from the reporter's trade with the World (the dataset's own) and the World Bank's GDP."""
    gdp = reference.gdp().get((view.reporter, view.year))
    if world is None or world.exports is None or world.imports is None:
        view.openness_note = _("Not available: the dataset has no trade with the World for %(state)s in %(year)s.") % {
            "state": view.reporter,
            "year": view.year,
        }
    elif gdp is None:
        view.openness_note = _("Not available: the monitor ships no GDP figure for %(state)s in %(year)s.") % {
            "state": view.reporter,
            "year": view.year,
        }
    else:
        view.openness = indicators.openness(world.exports, world.imports, gdp.value)
        view.openness_unctad = indicators.openness(world.exports, world.imports, gdp.value, variant="unctad")
        view.openness_note = _(
            "Goods only: exports and imports with the World as the dataset gives them; GDP: %(source)s."
        ) % {"source": gdp.source}


def _intensity(view: ReporterView, flows: dict[tuple[str, str], Flow]) -> None:
    """Trade intensity of the reporter's exports to each partner: (x_ij / X_i) / (x_wj / X_w).

    x_wj, the world's exports to j, is j's own imports from the World (CIF) as the dataset gives them: the mirror
    variant, stated on the page. X_w is UNCTAD's world merchandise exports of that year.
    """
    world_total = reference.world_exports().get(view.year)
    own_world = flows.get((view.reporter, "WLD"))
    if world_total is None:
        view.intensity_note = _(
            "Not available for %(year)s: the monitor ships world merchandise exports only for %(years)s."
        ) % {"year": view.year, "years": ", ".join(map(str, sorted(reference.world_exports())))}
        return
    if own_world is None or not own_world.exports:
        view.intensity_note = _("Not available: the dataset has no exports to the World for %(state)s.") % {
            "state": view.reporter
        }
        return
    for row in view.rows:
        partner_world = flows.get((row.partner, "WLD"))
        if row.exports is not None and partner_world is not None and partner_world.imports:
            row.intensity = indicators.intensity(
                row.exports, own_world.exports, partner_world.imports, world_total.value
            )
    view.intensity_note = _(
        "World's exports to a partner: the partner's imports from the World (CIF) in the dataset; world exports: "
        "%(source)s. A partner without its own report of imports from the World has no value."
    ) % {"source": world_total.source}


def reporter_view(
    con: duckdb.DuckDBPyConnection, *, dataset: str, reporter: str, year: int, codes: Sequence[str]
) -> ReporterView:
    partners = [c for c in codes if c != reporter]
    now = queries.flows(
        con, dataset=dataset, year=year, reporters=[reporter, *partners], partners=[reporter, *partners, "WLD"]
    )
    before = queries.flows(con, dataset=dataset, year=year - 1, reporters=[reporter], partners=partners)
    rows = []
    for p in partners:
        own, mirror = now.get((reporter, p)), now.get((p, reporter))
        rows.append(
            PartnerRow(
                p,
                own.exports if own else None,
                own.imports if own else None,
                mirror.imports if mirror else None,
                mirror.exports if mirror else None,
                bool(own and own.estimated),
            )
        )
    totals = [r.total for r in rows if r.total is not None]
    total = sum(totals) if totals else None
    prev = [(f.exports or 0) + (f.imports or 0) for f in before.values()]
    previous = sum(prev) if prev else None
    world_flow = now.get((reporter, "WLD"))
    world = (world_flow.exports or 0) + (world_flow.imports or 0) if world_flow else None
    rows.sort(key=lambda r: -(r.total or -1))
    view = ReporterView(
        reporter,
        year,
        rows,
        total,
        previous,
        indicators.growth(total, previous),
        world,
        indicators.share(total, world) if total is not None and world else None,
        indicators.hhi([t for t in totals if t]) if totals else None,
    )
    _openness(view, world_flow)
    _intensity(view, now)
    return view


@dataclass
class Dashboard:
    dataset: Dataset
    years: list[int]
    year: int | None
    members: MemberSet | None
    intra_total: float | None = None
    intra_previous: float | None = None
    intra_growth: float | None = None
    matrix: dict[tuple[str, str], float | None] = field(default_factory=dict)
    reporter: ReporterView | None = None
    series: list[dict[str, object]] = field(default_factory=list)
    products: list[tuple[str, float]] = field(default_factory=list)
    missing_pairs: list[tuple[str, str]] = field(default_factory=list)


def dashboard(
    *, dataset: str = DEFAULT_DATASET, year: int | None = None, mode: str = "year", fixed: Sequence[str] = (),
    reporter: str = DEFAULT_REPORTER,
) -> Dashboard:  # fmt: skip
    ds = dataset_get(dataset)
    with data(dataset) as con:
        years = queries.years(con, dataset)
        if not years:
            return Dashboard(ds, [], None, None)
        year = year if year in years else years[-1]
        chosen = member_set(mode=mode if mode in MODES else "year", year=year, fixed=fixed)
        board = Dashboard(ds, years, year, chosen)
        codes = chosen.codes
        board.intra_total = queries.intra_total(con, dataset=dataset, year=year, members=codes)
        board.intra_previous = queries.intra_total(con, dataset=dataset, year=year - 1, members=codes)
        board.intra_growth = indicators.growth(board.intra_total, board.intra_previous)
        matrix = queries.flows(con, dataset=dataset, year=year, reporters=codes, partners=codes)
        for a in codes:
            for b in codes:
                if a != b:
                    flow = matrix.get((a, b))
                    board.matrix[(a, b)] = flow.exports if flow else None
                    if flow is None or flow.exports is None:
                        board.missing_pairs.append((a, b))
        if reporter in codes or mode == "fixed":
            board.reporter = reporter_view(con, dataset=dataset, reporter=reporter, year=year, codes=codes)
        else:
            board.reporter = reporter_view(con, dataset=dataset, reporter=reporter, year=year, codes=(reporter, *codes))
        board.series = member_series(con, dataset=dataset, reporter=reporter, years=years, mode=mode, fixed=codes)
        board.products = queries.top_products(con, dataset=dataset, year=year, reporter=reporter, partners=codes)
    return board


def member_series(
    con: duckdb.DuckDBPyConnection,
    *,
    dataset: str,
    reporter: str,
    years: Sequence[int],
    mode: str,
    fixed: Sequence[str],
) -> list[dict[str, object]]:
    """Per year: the reporter's trade with the member set (each year's own set, or one fixed set), with growth.

    Growth compares the same set in both years (the later year's), so a new member does not count as growth.
    """
    sets = members_by_year(years) if mode == "year" else {y: set(fixed) for y in years}
    raw = queries.partner_totals(con, dataset=dataset, reporter=reporter)

    def turnover(year: int, partners: set[str]) -> float | None:
        values = [sum(raw.get(year, {}).get(p, {}).values()) for p in partners - {reporter} if p in raw.get(year, {})]
        return sum(values) if values else None

    out: list[dict[str, object]] = []
    for y in years:
        if reporter not in sets[y] and mode == "year":
            continue
        now = turnover(y, sets[y])
        if now is None:
            continue
        world = raw.get(y, {}).get("WLD", {})
        out.append(_series_row(y, now, turnover(y - 1, sets[y]), world))
    return out


def _series_row(year: int, now: float, before: float | None, world: dict[str, float]) -> dict[str, object]:
    total_world = world.get("X", 0) + world.get("M", 0)
    return {
        "year": year,
        "value": now,
        "growth": indicators.growth(now, before),
        "world": total_world or None,
        "share": indicators.share(now, total_world) if total_world else None,
    }
