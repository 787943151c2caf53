"""The dashboards: an institution's portfolio and the pipeline (the funding gap across the approved projects by
sector and host state). Both read the maintained totals (``PipelineTotal``, kept by ``services.totals`` in the
transaction of every write), never the ledger or the projects themselves: a few hundred rows and a bounded number of
queries whatever the number of projects and entries. The portfolio's list of largest tranches walks the
``tranche_largest`` index and stops after ``PORTFOLIO_ROWS``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from sco.core.users import Viewer, active
from sco.financing import cache, fx
from sco.financing.codes import EntryKind
from sco.financing.models import Audience, Balance, PipelineFiling, PipelineTotal, TotalDim, Tranche
from sco.financing.permissions import sees_internal_of
from sco.financing.selectors.common import ZERO, financeable, rate_book, visible_entries
from sco.financing.selectors.institutions import InstitutionView, institution_get
from sco.financing.services import totals
from sco.members import permissions as members

KINDS = totals.KINDS


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
    key = str(view.institution.pk)
    sums = _totals(viewer, dims=[TotalDim.INSTITUTION.value], key=key)
    by_currency: dict[str, dict[str, Decimal]] = defaultdict(dict)
    count = 0
    for (_dim, _key, currency), values in sums.items():
        count += int(values.get("tranches", 0))
        for kind in KINDS:
            if values.get(kind):
                by_currency[currency][kind] = values[kind]
    tranches = Tranche.objects.filter(institution=view.institution, plan__project__in=financeable(viewer).values("pk"))
    top = list(tranches.select_related("plan__project").order_by("-amount", "pk")[:PORTFOLIO_ROWS])
    per: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for b in Balance.objects.filter(visible_entries(viewer), tranche__in=[t.pk for t in top]).values_list(
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
        by_currency={c: k for c, k in sorted(by_currency.items())},
    )


def _audiences(viewer: Viewer) -> Q | None:
    """The audiences (``models.Audience``) whose projects the viewer may see, as ``Project.objects.visible_to``
    decides for a project in a financing stage (never a draft): None for all of them (the Secretariat). A project's
    author also sees it: ``_authored`` adds the projects that rule alone shows."""
    if not active(viewer):
        return Q(audience__key="public")
    if members.is_secretariat(viewer):
        return None
    state_ids = sorted(members.state_ids_acted_for(viewer))
    if not state_ids:
        return Q(audience__key="public")
    return Q(audience__key__in=["public", "members"]) | Q(
        audience__in=Audience.objects.filter(states__in=state_ids).values("pk")
    )


def _internal_of(viewer: Viewer) -> Q:
    allowed = sees_internal_of(viewer)
    if allowed is None:
        return Q()
    return Q(internal_of=0) | Q(internal_of__in=sorted(allowed))


def _totals(viewer: Viewer, *, dims: list[str], key: str | None = None) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The maintained totals the viewer may see, summed by (dim, key, currency): one query over the totals table
    (a few hundred rows whatever the size), plus the projects only their author's rule shows the viewer."""
    audiences = _audiences(viewer)
    where = _internal_of(viewer) & Q(dim__in=dims)
    if key is not None:
        where &= Q(key=key)
    if audiences is not None:
        where &= audiences
    found: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    rows = (
        PipelineTotal.objects.filter(where)
        .values("dim", "key", "currency")
        .annotate(**{f"sum_{c}": Sum(c) for c in totals.COLUMNS})
        .values_list("dim", "key", "currency", *(f"sum_{c}" for c in totals.COLUMNS))
        .order_by()
    )
    for dim, k, currency, *values in rows:
        for c, v in zip(totals.COLUMNS, values, strict=True):
            found[(dim, k, currency)][c] += v or 0
    if audiences is not None:
        for (_aud, internal_of, dim, k, currency), values in _authored(viewer, audiences).items():
            if dim in dims and (key is None or k == key) and _may_see_internal(viewer, internal_of):
                for c, v in values.items():
                    found[(dim, k, currency)][c] += v
    return found


def _may_see_internal(viewer: Viewer, internal_of: int) -> bool:
    allowed = sees_internal_of(viewer)
    return internal_of == 0 or allowed is None or internal_of in allowed


def _authored(viewer: Viewer, audiences: Q) -> dict[totals.Key, dict[str, Decimal]]:
    """A project's author sees it whatever its audience: the shares of the viewer's own projects in audiences they
    do not otherwise see, computed from those projects' balances (an index probe by author; usually none)."""
    pk = getattr(viewer, "pk", None)
    if not active(viewer) or pk is None:
        return {}
    hidden = PipelineFiling.objects.filter(created_by_id=pk).exclude(audiences)
    delta: dict[totals.Key, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for filing in hidden:
        tranches, amounts = totals.project_parts(filing.project_id)
        totals.add_project(
            delta, totals.filed_stored(filing), filing.audience_id, sign=1, tranches=tranches, amounts=amounts
        )
    return delta


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
    sums = _totals(viewer, dims=[TotalDim.SECTOR.value, TotalDim.HOST.value])
    currencies = {currency} | {cur for (_dim, _key, cur) in sums if cur}
    book = rate_book(currencies, on=on)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    costs: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    coms: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for (dim, key, cur), values in sums.items():
        for k in ((dim, key), ("all", "all")) if dim == TotalDim.SECTOR else ((dim, key),):
            counts[k] += int(values["projects"])
            if values["costed"] and cur:
                costs[k][cur] = costs[k].get(cur, ZERO) + values["cost"]
            committed = values["commitment"] - values["cancellation"]
            if committed:
                coms[k][cur] = coms[k].get(cur, ZERO) + committed

    def rows(dim: str) -> list[PipelineRow]:
        return [
            PipelineRow(
                key=key,
                projects=counts[(d, key)],
                cost=fx.total_in(currency, costs[(d, key)], book=book, on=on),
                committed=fx.total_in(currency, coms[(d, key)], book=book, on=on),
            )
            for d, key in sorted(counts)
            if d == dim and counts[(d, key)] > 0
        ]

    total = rows("all")
    empty = PipelineRow("all", 0, fx.Total(currency, ZERO), fx.Total(currency, ZERO))
    return Pipeline(
        currency=currency,
        on=on,
        by_sector=rows(TotalDim.SECTOR.value),
        by_host=rows(TotalDim.HOST.value),
        total=total[0] if total else empty,
    )
