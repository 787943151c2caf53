"""The dashboards: an institution's portfolio and the pipeline (the funding gap across the approved projects by
sector and host state). Both read the tranches' running balances (``Balance``, kept by the service that appends
each entry), never the ledger itself, and aggregate in SQL: a bounded number of queries whatever the size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from sco.core.users import Viewer
from sco.financing import cache, fx
from sco.financing.codes import EntryKind
from sco.financing.models import Balance, Tranche
from sco.financing.selectors.common import ZERO, financeable, rate_book, visible_entries
from sco.financing.selectors.institutions import InstitutionView, institution_get
from sco.members import permissions as members
from sco.projects.models import Participation


@dataclass
class PortfolioRow:
    tranche: Tranche
    committed: Decimal
    disbursed: Decimal
    pledged: Decimal


@dataclass
class Portfolio:
    institution: InstitutionView
    rows: list[PortfolioRow]
    count: int
    by_currency: dict[str, dict[str, Decimal]]


PORTFOLIO_ROWS = 50  # the rendering of each row dominates the page; totals cover every tranche


def portfolio(*, viewer: Viewer, code: str) -> Portfolio:
    """An institution's tranches on the projects the viewer may see: totals by currency over all of them, and the
    largest ``PORTFOLIO_ROWS`` tranches listed. Views come from the cache (``financing.cache``), per viewer."""
    return cache.per_viewer(viewer, f"portfolio:{code}", lambda: _portfolio(viewer=viewer, code=code))


def _portfolio(*, viewer: Viewer, code: str) -> Portfolio:
    view = institution_get(code=code)
    projects = financeable(viewer).values("pk")
    tranches = Tranche.objects.filter(institution=view.institution, plan__project__in=projects)
    visible = visible_entries(viewer)
    sums = (
        Balance.objects.filter(visible, tranche__in=tranches)
        .values("tranche__currency", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    by_currency: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for row in sums:
        by_currency[row["tranche__currency"]][row["kind"]] += row["total"] or ZERO
    count = tranches.count()
    top = list(tranches.select_related("plan__project").order_by("-amount", "pk")[:PORTFOLIO_ROWS])
    per: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for b in Balance.objects.filter(visible, tranche__in=[t.pk for t in top]).values_list(
        "tranche_id", "kind", "amount"
    ):
        per[b[0]][b[1]] += b[2]
    rows = [
        PortfolioRow(
            tranche=t,
            committed=per[t.pk][EntryKind.COMMITMENT] - per[t.pk][EntryKind.CANCELLATION],
            disbursed=per[t.pk][EntryKind.DISBURSEMENT],
            pledged=per[t.pk][EntryKind.PLEDGE],
        )
        for t in top
    ]
    return Portfolio(
        institution=view,
        rows=rows,
        count=count,
        by_currency={c: dict(k) for c, k in by_currency.items()},
    )


@dataclass
class PipelineRow:
    key: str
    projects: int
    cost: fx.Total
    committed: fx.Total

    @property
    def gap(self) -> Decimal | None:
        if self.cost.amount is None or self.committed.amount is None:
            return None
        return self.cost.amount - self.committed.amount


@dataclass
class Pipeline:
    currency: str
    on: dt.date
    by_sector: list[PipelineRow]
    by_host: list[PipelineRow]
    total: PipelineRow


def pipeline(*, viewer: Viewer, currency: str = "USD") -> Pipeline:
    """The funding gap across the approved projects the viewer may see, by sector and by host state, in
    ``currency`` at today's rates. Five queries, whatever the number of projects; views come from the cache
    (``financing.cache``), per viewer."""
    return cache.per_viewer(viewer, f"pipeline:{currency}", lambda: _pipeline(viewer=viewer, currency=currency))


def _pipeline(*, viewer: Viewer, currency: str) -> Pipeline:
    on = members.today()
    projects = financeable(viewer)
    ids = projects.values("pk")
    cost_sector = projects.values("sector", "currency").annotate(n=Count("pk"), cost=Sum("total_cost")).order_by()
    hosts = (
        Participation.objects.filter(project__in=ids, role="host")
        .values("state__code", "project__currency")
        .annotate(n=Count("project_id"), cost=Sum("project__total_cost"))
        .order_by()
    )
    visible = visible_entries(viewer)
    kinds = [EntryKind.COMMITMENT.value, EntryKind.CANCELLATION.value]
    base = Balance.objects.filter(visible, kind__in=kinds, tranche__plan__project__in=ids)
    com_sector = (
        base.values("tranche__plan__project__sector", "tranche__currency", "kind").annotate(t=Sum("amount")).order_by()
    )
    com_host = (
        base.filter(tranche__plan__project__participations__role="host")
        .values("tranche__plan__project__participations__state__code", "tranche__currency", "kind")
        .annotate(t=Sum("amount"))
        .order_by()
    )
    cost_rows = list(cost_sector)
    host_rows = list(hosts)
    com_sector_rows = list(com_sector)
    com_host_rows = list(com_host)
    currencies = {currency}
    currencies |= {r["currency"] for r in cost_rows if r["currency"]}
    currencies |= {r["tranche__currency"] for r in com_sector_rows}
    book = rate_book(currencies, on=on)

    def build(
        cost: Iterable[tuple[str, str, int, Decimal]], committed: Iterable[tuple[str, str, str, Decimal]]
    ) -> list[PipelineRow]:
        counts: dict[str, int] = defaultdict(int)
        costs: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
        coms: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
        for key, cur, n, amount in cost:
            counts[key] += n
            if amount is not None and cur:
                costs[key][cur] += amount
        for key, cur, kind, amount in committed:
            coms[key][cur] += amount if kind == EntryKind.COMMITMENT else -amount
        return [
            PipelineRow(
                key=key,
                projects=counts[key],
                cost=fx.total_in(currency, dict(costs[key]), book=book, on=on),
                committed=fx.total_in(currency, dict(coms[key]), book=book, on=on),
            )
            for key in sorted(counts)
        ]

    by_sector = build(
        ((r["sector"], r["currency"], r["n"], r["cost"]) for r in cost_rows),
        ((r["tranche__plan__project__sector"], r["tranche__currency"], r["kind"], r["t"]) for r in com_sector_rows),
    )
    by_host = build(
        ((r["state__code"], r["project__currency"], r["n"], r["cost"]) for r in host_rows),
        (
            (r["tranche__plan__project__participations__state__code"], r["tranche__currency"], r["kind"], r["t"])
            for r in com_host_rows
        ),
    )
    total = build(
        (("all", r["currency"], r["n"], r["cost"]) for r in cost_rows),
        (("all", r["tranche__currency"], r["kind"], r["t"]) for r in com_sector_rows),
    )
    empty = PipelineRow("all", 0, fx.Total(currency, ZERO), fx.Total(currency, ZERO))
    return Pipeline(currency=currency, on=on, by_sector=by_sector, by_host=by_host, total=total[0] if total else empty)
