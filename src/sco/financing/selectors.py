"""Every read of the financing part, scoped to the viewer, with a bounded number of queries.

Visibility: the financing of a project is seen by whoever may see the project (projects' own rule). Entries marked
internal (an institution's figures not yet public, e.g. a pledge under negotiation) are seen only by the
institution's financiers and the Secretariat, and every total, chart, list and export here is built from the entries
the viewer may see, so an internal figure never shows through a sum.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from sco.financing import cache, fx
from sco.financing.codes import EntryKind
from sco.financing.errors import PlanNotFound
from sco.financing.models import (
    Balance,
    BoardVote,
    ExchangeRate,
    FinancingPlan,
    InstitutionStatus,
    LedgerEntry,
    RateImport,
    Shareholding,
    Tranche,
)
from sco.financing.permissions import sees_internal_of
from sco.financing.services import FINANCEABLE, vote_outcome
from sco.members import permissions as members
from sco.members.models import Institution
from sco.projects.models import Participation, Project
from sco.projects.selectors import project_get

ZERO = Decimal("0")


def _visible_entries(viewer: Any) -> Q:
    allowed = sees_internal_of(viewer)
    if allowed is None:
        return Q()
    return Q(internal=False) | Q(tranche__institution_id__in=sorted(allowed))


def _visible_balances(viewer: Any, prefix: str = "") -> Q:
    allowed = sees_internal_of(viewer)
    if allowed is None:
        return Q()
    return Q(**{f"{prefix}internal": False}) | Q(**{f"{prefix}tranche__institution_id__in": sorted(allowed)})


def rate_book(currencies: Iterable[str], *, on: dt.date) -> fx.RateBook:
    codes = sorted(set(currencies))
    rows = ExchangeRate.objects.filter(base__in=codes, quote__in=codes, on__lte=on).values_list(
        "base", "quote", "on", "rate"
    )
    return fx.RateBook(fx.Rate(b, q, d, r) for b, q, d, r in rows)


# --- institutions -----------------------------------------------------------------------------------------------------


@dataclass
class InstitutionView:
    institution: Institution
    statuses: list[InstitutionStatus]
    shareholdings: list[Shareholding]

    @property
    def current(self) -> InstitutionStatus | None:
        today = members.today()
        past = [s for s in self.statuses if s.on <= today]
        return past[-1] if past else None


def institution_list() -> list[InstitutionView]:
    rows = (
        Institution.objects.exclude(kind="cert")
        .select_related("state", "financier")
        .prefetch_related(
            Prefetch("statuses", queryset=InstitutionStatus.objects.order_by("on", "pk")),
            Prefetch("shareholdings", queryset=Shareholding.objects.select_related("state")),
        )
        .order_by("name_en", "pk")
    )
    # The reverse relations are financing's own (members does not know them): read them untyped.
    return [InstitutionView(i, list(cast(Any, i).statuses.all()), list(cast(Any, i).shareholdings.all())) for i in rows]


def institution_get(*, code: str) -> InstitutionView:
    for view in institution_list():
        if view.institution.code == code:
            return view
    raise PlanNotFound()


# --- a project's financing --------------------------------------------------------------------------------------------


@dataclass
class TrancheView:
    tranche: Tranche
    totals: dict[str, Decimal]
    share_of_cost: Decimal | None = None

    def total(self, kind: str) -> Decimal:
        return self.totals.get(kind, ZERO)

    @property
    def committed(self) -> Decimal:
        return self.total(EntryKind.COMMITMENT) - self.total(EntryKind.CANCELLATION)

    @property
    def disbursed(self) -> Decimal:
        return self.total(EntryKind.DISBURSEMENT)


@dataclass
class ProjectFinancing:
    project: Project
    plan: FinancingPlan | None
    tranches: list[TrancheView]
    entries: list[LedgerEntry]
    votes: list[tuple[BoardVote, Any]]
    currency: str
    cost: Decimal | None
    committed: fx.Total
    disbursed: fx.Total
    asked: fx.Total
    gap: Decimal | None
    closed: bool
    on: dt.date
    series: dict[str, Any] = field(default_factory=dict)

    @property
    def missing_rates(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.committed.missing + self.disbursed.missing + self.asked.missing)))


def financing_for(*, viewer: Any, project_id: int) -> ProjectFinancing:
    """The financing tab of a project the viewer may see (else 404, as for the project itself)."""
    project = project_get(viewer=viewer, project_id=project_id, related=False)
    return _financing(project, visible=_visible_entries(viewer), votes=True)


def _financing(project: Project, *, visible: Q, votes: bool) -> ProjectFinancing:
    on = members.today()
    plan = FinancingPlan.objects.filter(project=project).first()
    tranches: list[Tranche] = []
    entries: list[LedgerEntry] = []
    vote_rows: list[tuple[BoardVote, Any]] = []
    if plan is not None:
        tranches = list(plan.tranches.select_related("institution").order_by("pk"))
        entries = list(
            LedgerEntry.objects.filter(visible, plan=plan)
            .select_related("tranche__institution", "reverses")
            .order_by("seq")
        )
        if votes:
            for vote in (
                BoardVote.objects.filter(tranche__plan=plan)
                .select_related("tranche__institution")
                .prefetch_related("ballots__holding")
                .order_by("-opened_at", "pk")
            ):
                vote_rows.append((vote, vote_outcome(vote)))
    by_tranche: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for e in entries:
        by_tranche[e.tranche_id][e.kind] += e.amount
    views = [TrancheView(t, dict(by_tranche.get(t.pk, {}))) for t in tranches]
    currency = project.currency or "USD"
    book = rate_book([currency, *(t.currency for t in tranches)], on=on)

    def total(pick: Any) -> fx.Total:
        amounts: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for v in views:
            amounts[v.tranche.currency] += pick(v)
        return fx.total_in(currency, dict(amounts), book=book, on=on)

    committed = total(lambda v: v.committed)
    disbursed = total(lambda v: v.disbursed)
    asked = total(lambda v: v.tranche.amount)
    cost = project.total_cost
    for v in views:
        rate = book.rate(v.tranche.currency, currency, on)
        if cost and rate is not None:
            v.share_of_cost = (v.tranche.amount * rate / cost * 100).quantize(Decimal("0.1"))
    gap = None
    if cost is not None and committed.amount is not None:
        gap = max(cost - committed.amount, ZERO)
    closed = cost is not None and committed.amount is not None and committed.amount >= cost
    result = ProjectFinancing(
        project=project,
        plan=plan,
        tranches=views,
        entries=entries,
        votes=vote_rows,
        currency=currency,
        cost=cost,
        committed=committed,
        disbursed=disbursed,
        asked=asked,
        gap=gap,
        closed=closed,
        on=on,
    )
    result.series = _series(result, book)
    return result


def _series(f: ProjectFinancing, book: fx.RateBook) -> dict[str, Any]:
    """Chart data: cumulative commitments and disbursements over time (converted at each value date's rate), and a
    waterfall from the cost through each tranche's commitment to the gap."""
    dates: list[str] = []
    committed: list[float] = []
    disbursed: list[float] = []
    running = {"c": ZERO, "d": ZERO}
    missing = False
    for e in f.entries:
        rate = book.rate(e.currency, f.currency, e.value_date)
        if rate is None:
            missing = True
            continue
        if e.kind in (EntryKind.COMMITMENT, EntryKind.CANCELLATION):
            running["c"] += e.amount * rate * (1 if e.kind == EntryKind.COMMITMENT else -1)
        elif e.kind == EntryKind.DISBURSEMENT:
            running["d"] += e.amount * rate
        else:
            continue
        dates.append(e.value_date.isoformat())
        committed.append(float(running["c"]))
        disbursed.append(float(running["d"]))
    waterfall: dict[str, Any] = {}
    if f.cost is not None and f.committed.amount is not None:
        labels = ["cost"]
        values = [float(f.cost)]
        measures = ["absolute"]
        for v in f.tranches:
            rate = book.rate(v.tranche.currency, f.currency, f.on)
            if v.committed and rate is not None:
                labels.append(v.tranche.institution.name_en)
                values.append(-float(v.committed * rate))
                measures.append("relative")
        labels.append("gap")
        values.append(0.0)
        measures.append("total")
        waterfall = {"labels": labels, "values": values, "measures": measures}
    return {
        "currency": f.currency,
        "dates": dates,
        "committed": committed,
        "disbursed": disbursed,
        "missing_rates": missing,
        "waterfall": waterfall,
    }


def financial_close(project: Project) -> bool:
    """The lifecycle fact: every commitment (internal ones included: the gate reveals only yes or no) converted at
    today's rates covers the project's total cost."""
    everything = _financing(project, visible=Q(), votes=False)
    return everything.closed


def entry_get(*, viewer: Any, entry_id: int) -> LedgerEntry:
    entry = (
        LedgerEntry.objects.filter(_visible_entries(viewer), pk=entry_id)
        .select_related("tranche__institution", "plan__project")
        .first()
    )
    if entry is None:
        raise PlanNotFound()
    project_get(viewer=viewer, project_id=entry.plan.project_id, related=False)
    return entry


def tranche_get(*, viewer: Any, tranche_id: int) -> Tranche:
    tranche = (
        Tranche.objects.select_related("institution", "plan__project__sponsor_state").filter(pk=tranche_id).first()
    )
    if tranche is None:
        raise PlanNotFound()
    project_get(viewer=viewer, project_id=tranche.plan.project_id, related=False)
    return tranche


def vote_get(*, viewer: Any, vote_id: int) -> BoardVote:
    vote = BoardVote.objects.select_related("tranche__institution", "tranche__plan").filter(pk=vote_id).first()
    if vote is None:
        raise PlanNotFound()
    project_get(viewer=viewer, project_id=vote.tranche.plan.project_id, related=False)
    return vote


# --- portfolio and pipeline -------------------------------------------------------------------------------------------


def _financeable(viewer: Any) -> QuerySet[Project]:
    return Project.objects.visible_to(viewer).filter(status__in=FINANCEABLE)


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


def portfolio(*, viewer: Any, code: str) -> Portfolio:
    """An institution's tranches on the projects the viewer may see: totals by currency over all of them, and the
    largest ``PORTFOLIO_ROWS`` tranches listed. Anonymous views come from the cache (``financing.cache``)."""
    return cache.anonymous(viewer, f"portfolio:{code}", lambda: _portfolio(viewer=viewer, code=code))


def _portfolio(*, viewer: Any, code: str) -> Portfolio:
    view = institution_get(code=code)
    projects = _financeable(viewer).values("pk")
    tranches = Tranche.objects.filter(institution=view.institution, plan__project__in=projects)
    visible = _visible_balances(viewer)
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


def pipeline(*, viewer: Any, currency: str = "USD") -> Pipeline:
    """The funding gap across the approved projects the viewer may see, by sector and by host state, in
    ``currency`` at today's rates. Five queries, whatever the number of projects; anonymous views come from the
    cache (``financing.cache``)."""
    return cache.anonymous(viewer, f"pipeline:{currency}", lambda: _pipeline(viewer=viewer, currency=currency))


def _pipeline(*, viewer: Any, currency: str) -> Pipeline:
    on = members.today()
    projects = _financeable(viewer)
    ids = projects.values("pk")
    cost_sector = projects.values("sector", "currency").annotate(n=Count("pk"), cost=Sum("total_cost")).order_by()
    hosts = (
        Participation.objects.filter(project__in=ids, role="host")
        .values("state__code", "project__currency")
        .annotate(n=Count("project_id"), cost=Sum("project__total_cost"))
        .order_by()
    )
    visible = _visible_balances(viewer)
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


def rate_imports() -> list[RateImport]:
    return list(RateImport.objects.order_by("-imported_at", "-pk")[:20])


def rate_list(*, limit: int = 200) -> list[ExchangeRate]:
    return list(ExchangeRate.objects.select_related("batch").order_by("-on", "base", "quote")[:limit])


def public_plans() -> QuerySet[FinancingPlan]:
    """What open data publishes: plans of projects an anonymous visitor may see."""
    return (
        FinancingPlan.objects.filter(project__in=Project.objects.visible_to(None).exclude(status="draft").values("pk"))
        .select_related("project__sponsor_state")
        .order_by("project_id")
    )


def public_financing(plan: FinancingPlan) -> ProjectFinancing:
    return _financing(plan.project, visible=Q(internal=False), votes=False)
