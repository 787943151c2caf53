"""A project's financing: its plan, tranches, the ledger entries the viewer may see, board votes, totals in the
project's currency, the funding gap and the chart series; the lookups of one entry, tranche or vote; what open data
publishes."""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import Q, QuerySet

from sco.core import fragments, sql
from sco.core.users import Viewer
from sco.decisions.consensus import WeightedOutcome
from sco.financing import fx
from sco.financing.codes import EntryKind
from sco.financing.errors import PlanNotFound
from sco.financing.models import BoardVote, FinancingPlan, LedgerEntry, Tranche
from sco.financing.selectors.common import ZERO, rate_book, visible_entries
from sco.financing.services import vote_outcome
from sco.members import permissions as members
from sco.members.models import Institution
from sco.projects.errors import ProjectNotFound
from sco.projects.models import Project
from sco.projects.selectors import project_get, project_seen


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
    votes: list[tuple[BoardVote, WeightedOutcome[int]]]
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


def financing_for(*, viewer: Viewer, project_id: int) -> ProjectFinancing:
    """The financing tab of a project the viewer may see (else 404, as for the project itself)."""
    project = project_get(viewer=viewer, project_id=project_id, related=False)
    return _financing(project, visible=visible_entries(viewer), votes=True)


def _financing(project: Project, *, visible: Q, votes: bool) -> ProjectFinancing:
    on = members.today()
    plan = FinancingPlan.objects.filter(project=project).first()
    tranches: list[Tranche] = []
    entries: list[LedgerEntry] = []
    vote_rows: list[tuple[BoardVote, WeightedOutcome[int]]] = []
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

    def total(pick: Callable[[TrancheView], Decimal]) -> fx.Total:
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


def _on_project_seen(viewer: Viewer, project: Project) -> None:
    """A financing record (tranche, entry, vote) read by its id stands on a project the viewer may see
    (``project_seen``, with the row read beside it); on one they may not see it answers as a record that does not
    exist, so the answer never tells a hidden record from a missing one."""
    try:
        project_seen(viewer=viewer, project=project)
    except ProjectNotFound:
        raise PlanNotFound() from None


def entry_get(*, viewer: Viewer, entry_id: int) -> LedgerEntry:
    entry = (
        LedgerEntry.objects.filter(visible_entries(viewer), pk=entry_id)
        .select_related("tranche__institution", "plan__project")
        .first()
    )
    if entry is None:
        raise PlanNotFound()
    _on_project_seen(viewer, entry.plan.project)
    return entry


# A tranche with its project's row, written out and prepared (core.sql): one statement instead of a tranche's join and a
# project's row, each planned afresh by PostgreSQL at every ledger write.
@cache
def _tranche_sql() -> str:
    return f"""
    SELECT {sql.columns(Tranche, "t")}, {sql.columns(Project, "pr")} FROM financing_tranche t
    JOIN financing_financingplan p ON p.id = t.plan_id
    JOIN {Project._meta.db_table} pr ON pr.id = p.project_id
    WHERE t.id = %s"""  # noqa: S608  our own names; the id travels as a parameter


# The institutions' rows, a few dozen, kept in every process (core.fragments.local) until one is written
# (financing.apps): a ledger write names its tranche's institution without reading it.
INSTITUTION_ROWS = "financing.institution-rows"


def _institution(pk: int) -> Institution:
    """The institution with this id: a copy of the process's kept row (``fragments.local``; the kept one is shared
    by the process's threads), or read when it is newer than what is kept."""
    every = fragments.local(INSTITUTION_ROWS, lambda: {i.pk: i for i in Institution.objects.all()})
    found = every.get(pk)
    return copy.copy(found) if found is not None else Institution.objects.get(pk=pk)


def tranche_get(*, viewer: Viewer, tranche_id: int) -> Tranche:
    """A tranche on a project the viewer may see (``project_seen``: the whole rule only for a project not everyone
    sees), with its institution; its plan is read if asked for (a write reads what may change afresh under its
    lock)."""
    row = sql.one(_tranche_sql(), [tranche_id])
    if row is None:
        raise PlanNotFound()
    width = sql.width(Tranche)
    tranche = sql.instance(Tranche, row[:width])
    _on_project_seen(viewer, sql.instance(Project, row[width:]))
    tranche.institution = _institution(tranche.institution_id)
    return tranche


def vote_get(*, viewer: Viewer, vote_id: int) -> BoardVote:
    vote = BoardVote.objects.select_related("tranche__institution", "tranche__plan__project").filter(pk=vote_id).first()
    if vote is None:
        raise PlanNotFound()
    _on_project_seen(viewer, vote.tranche.plan.project)
    return vote


def public_plans() -> QuerySet[FinancingPlan]:
    """What open data publishes: plans of projects an anonymous visitor may see."""
    return (
        FinancingPlan.objects.filter(project__in=Project.objects.visible_to(None).exclude(status="draft").values("pk"))
        .select_related("project__sponsor_state")
        .order_by("project_id")
    )


def public_financing(plan: FinancingPlan) -> ProjectFinancing:
    return _financing(plan.project, visible=Q(internal=False), votes=False)
