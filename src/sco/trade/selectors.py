"""Reads of the trade monitor: member sets by date, the dashboard, a member, a pair, published figures beside the data.

The trade data is public: these reads take no viewer. The heavy part runs in DuckDB (queries.py) over the files
the database's Import rows name; membership comes from `sco.members` selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
from django.utils.translation import gettext as _

from sco.members import permissions
from sco.members import selectors as members
from sco.members.models import State
from sco.trade import indicators, queries, store
from sco.trade.errors import BadMemberSet, UnknownCountry, UnknownDataset
from sco.trade.models import Dataset, Import, PublishedFigure

MODES = ("year", "today", "fixed")
DEFAULT_DATASET = "imf-dots"
DEFAULT_REPORTER = "KAZ"


@dataclass(frozen=True)
class MemberSet:
    mode: str
    codes: tuple[str, ...]  # ISO alpha-3
    label: str


def member_set(*, mode: str, year: int, fixed: Sequence[str] = ()) -> MemberSet:
    """The states an aggregate 'among SCO members' covers, and the words that say which."""
    if mode == "fixed":
        known = {s.iso3 for s in State.objects.only("iso3")}
        codes = tuple(sorted({c.upper() for c in fixed if c.upper() in known}))
        if len(codes) < 2:
            raise BadMemberSet()
        return MemberSet("fixed", codes, _("a fixed set you chose: %(codes)s") % {"codes": ", ".join(codes)})
    if mode == "today":
        on = permissions.today()
        codes = tuple(sorted(s.iso3 for s in members.members_on(on)))
        return MemberSet(
            "today", codes, _("today's members (%(n)s, on %(date)s)") % {"n": len(codes), "date": on.isoformat()}
        )
    on = dt.date(year, 12, 31)
    codes = tuple(sorted(s.iso3 for s in members.members_on(on)))
    return MemberSet(
        "year", codes, _("members in that year (%(n)s, on 31 December %(year)s)") % {"n": len(codes), "year": year}
    )


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


def states_by_iso3() -> dict[str, State]:
    return {s.iso3: s for s in State.objects.all()}


def member_state(code: str) -> State:
    state = State.objects.filter(iso3=code.upper()).first() or State.objects.filter(code=code.upper()).first()
    if state is None or not state.statuses.filter(status="member").exists():
        raise UnknownCountry(code=code)
    return state


@dataclass
class PartnerRow:
    partner: str
    exports: float | None
    imports: float | None
    mirror_exports: float | None  # the partner's imports from the reporter (CIF)
    mirror_imports: float | None  # the partner's exports to the reporter (FOB)
    estimated: bool

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
    return ReporterView(
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


def member_codes_ever() -> list[str]:
    """Every state that is or was a member (ISO alpha-3)."""
    return sorted(set(State.objects.filter(statuses__status="member").values_list("iso3", flat=True)))


def members_by_year(years: Sequence[int]) -> dict[int, set[str]]:
    """ISO alpha-3 codes of the members on 31 December of each year (two queries whatever the number of years)."""
    states = list(members.state_list())
    out: dict[int, set[str]] = {}
    for y in years:
        on = dt.date(y, 12, 31)
        out[y] = {s.iso3 for s in states if (held := members.status_on(s, on)) and held.status == "member"}
    return out


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
