"""The maintained totals of the pipeline and the portfolios (``PipelineTotal``), kept in the transaction of every write
that changes them, so the dashboards read a few hundred rows whatever the number of projects and entries.

What changes them, and how each change is made safe under concurrent writers (PostgreSQL, READ COMMITTED):
- a ledger entry (``entry_added``) and a new tranche (``tranche_added``), called by the financing services under the
  plan's row lock;
- a project entering or leaving the financing stages, or its audience changing (an invitation sent or declined, a
  state joining), through ``refile``: ``financing.apps`` connects it to the projects part's model signals (a
  project, a participation or an invitation saved or deleted), so it runs in the projects service's own transaction.
Each of them first locks the project's ``PipelineFiling`` row (``refile`` locks the project row before it), then
adds its deltas with atomic increments (``INSERT ... ON CONFLICT DO UPDATE``), row after row in one sorted order
(two writers never wait on each other's rows crosswise). A refile and an entry on the same project queue on the filing
row: the refile reads the balances the committed entries left, the entry then reads the filing the refile left, so
nothing is counted twice or missed. Writes that bypass the models' signals (bulk loads, ``QuerySet.update``, raw SQL:
the benchmark's synthetic data) are followed by ``totals_rebuild.rebuild()`` (``sco financing_rebuild_totals``), which
recomputes everything from the ledger under table locks; ``totals_rebuild.differences()`` compares the maintained rows
with a recomputation.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from sco.core import sql
from sco.financing import cache
from sco.financing.codes import EntryKind
from sco.financing.models import Audience, Balance, PipelineFiling, TotalDim, Tranche
from sco.financing.services.common import FINANCEABLE
from sco.projects.models import Invitation, InvitationStatus, Participation, Project, Visibility

# (audience: its id, or its key in a recomputation; internal_of, dim, key, currency) -> column -> amount
Key = tuple[int | str, int, str, str, str]
Delta = dict[Key, dict[str, Decimal]]
KINDS = tuple(k.value for k in EntryKind)
COUNTS = ("projects", "costed", "tranches")
COLUMNS = (*COUNTS, "cost", *KINDS)
PIPELINE_KINDS = (EntryKind.COMMITMENT.value, EntryKind.CANCELLATION.value)  # what the pipeline's rows carry
ZERO = Decimal(0)


def new_delta() -> Delta:
    return defaultdict(lambda: defaultdict(Decimal))


@dataclass(frozen=True)
class Filed:
    """What a project adds to the totals (a ``PipelineFiling`` row, or what one would hold)."""

    project_id: int
    audience_key: str
    audience_states: tuple[int, ...]
    created_by_id: int | None
    sector: str
    currency: str
    cost: Decimal | None
    hosts: tuple[str, ...]

    @property
    def dims(self) -> list[tuple[str, str]]:
        return [(TotalDim.SECTOR.value, self.sector)] + [(TotalDim.HOST.value, h) for h in self.hosts]

    def stored(self, audience_id: int) -> dict[str, Any]:
        """The columns of its ``PipelineFiling`` row besides the project (``filed_stored`` reads them back)."""
        return {
            "audience_id": audience_id,
            "created_by_id": self.created_by_id,
            "sector": self.sector,
            "currency": self.currency,
            "cost": self.cost,
            "hosts": ",".join(self.hosts),
        }


def audience_of(visibility: str, sponsor_state_id: int, seen_by: Iterable[int]) -> tuple[str, tuple[int, ...]]:
    """The audience key and its states (see ``models.Audience``) of a project in a financing stage."""
    if visibility == Visibility.PUBLIC:
        return "public", ()
    if visibility == Visibility.MEMBERS:
        return "members", ()
    states = tuple(sorted({sponsor_state_id, *seen_by}))
    return "p:" + ",".join(str(s) for s in states), states


def audience_id_for(key: str, states: tuple[int, ...], known: dict[str, int]) -> int:
    if key in known:
        return known[key]
    found = Audience.objects.filter(key=key).values_list("pk", flat=True).first()
    if found is None:
        try:
            with transaction.atomic():
                audience = Audience.objects.create(key=key)
                audience.states.set(states)
                found = audience.pk
        except IntegrityError:  # another writer made it at the same moment
            found = Audience.objects.values_list("pk", flat=True).get(key=key)
    known[key] = found
    return found


def filed_now(project_ids: list[int]) -> dict[int, Filed]:
    """What the projects (those in a financing stage) add to the totals now, read in four queries."""
    rows = list(
        Project.objects.filter(pk__in=project_ids, status__in=FINANCEABLE).values_list(
            "pk", "visibility", "sponsor_state_id", "created_by_id", "sector", "currency", "total_cost"
        )
    )
    if not rows:
        return {}
    ids = [r[0] for r in rows]
    hosts: dict[int, list[str]] = defaultdict(list)
    takes_part: dict[int, set[int]] = defaultdict(set)
    for pid, state_id, code, role in Participation.objects.filter(project_id__in=ids).values_list(
        "project_id", "state_id", "state__code", "role"
    ):
        takes_part[pid].add(state_id)
        if role == "host":
            hosts[pid].append(code)
    restricted = [r[0] for r in rows if r[1] == Visibility.PARTICIPANTS]
    if restricted:
        for pid, state_id in Invitation.objects.filter(
            project_id__in=restricted, status=InvitationStatus.PENDING
        ).values_list("project_id", "state_id"):
            takes_part[pid].add(state_id)
    found = {}
    for pid, visibility, sponsor, author, sector, currency, cost in rows:
        key, states = audience_of(visibility, sponsor, takes_part[pid])
        found[pid] = Filed(pid, key, states, author, sector, currency or "", cost, tuple(sorted(set(hosts[pid]))))
    return found


def filed_stored(row: PipelineFiling, audience_key: str = "") -> Filed:
    return Filed(
        project_id=row.project_id,
        audience_key=audience_key,
        audience_states=(),
        created_by_id=row.created_by_id,
        sector=row.sector,
        currency=row.currency,
        cost=row.cost,
        hosts=tuple(h for h in row.hosts.split(",") if h),
    )


def add_project(
    delta: Delta,
    filed: Filed,
    audience_id: int | str,
    *,
    sign: int,
    tranches: Iterable[tuple[int, str]],
    amounts: Iterable[tuple[int, str, str, int, Decimal]],
) -> None:
    """Add (``sign`` 1) or take away (-1) a project's share: its count and cost in the sector and host rows, its
    tranches (institution id, currency) and its amounts (institution id, currency, kind, internal_of, amount)."""
    for dim, key in filed.dims:
        row = delta[(audience_id, 0, dim, key, filed.currency)]
        row["projects"] += sign
        if filed.cost is not None:
            row["costed"] += sign
            row["cost"] += sign * filed.cost
    for institution_id, currency in tranches:
        delta[(audience_id, 0, TotalDim.INSTITUTION.value, str(institution_id), currency)]["tranches"] += sign
    for institution_id, currency, kind, internal_of, amount in amounts:
        _add_amount(delta, filed, audience_id, institution_id, currency, kind, internal_of, sign * amount)


def _add_amount(
    delta: Delta,
    filed: Filed,
    audience_id: int | str,
    institution_id: int,
    currency: str,
    kind: str,
    internal_of: int,
    amount: Decimal,
) -> None:
    delta[(audience_id, internal_of, TotalDim.INSTITUTION.value, str(institution_id), currency)][kind] += amount
    if kind in PIPELINE_KINDS:
        for dim, key in filed.dims:
            delta[(audience_id, internal_of, dim, key, currency)][kind] += amount


def project_parts(project_id: int) -> tuple[list[tuple[int, str]], list[tuple[int, str, str, int, Decimal]]]:
    """A project's tranches and running balances, as ``add_project`` takes them (two queries)."""
    tranches = list(Tranche.objects.filter(plan__project_id=project_id).values_list("institution_id", "currency"))
    amounts = [
        (inst, cur, kind, inst if internal else 0, amount)
        for inst, cur, kind, internal, amount in Balance.objects.filter(tranche__plan__project_id=project_id)
        .values_list("tranche__institution_id", "tranche__currency", "kind", "internal", "amount")
        .order_by()
    ]
    return tranches, amounts


_INSERT_TOTAL = (
    # S608 (below): the column names are this module's constants; every value is a parameter
    'INSERT INTO financing_pipelinetotal (audience_id, internal_of, dim, "key", currency'  # noqa: S608
    + "".join(f', "{c}"' for c in COLUMNS)
    + ") VALUES "
)
_ROW = "(%s, %s, %s, %s, %s" + ", %s" * len(COLUMNS) + ")"


@functools.cache
def _upsert(columns: tuple[str, ...], rows: int) -> str:
    """The statement that adds its values to ``rows`` rows of the totals, made by the first writer that needs it
    (every column given: a new row has no defaults in the database). An atomic increment either way: two writers that
    make the same row at once both count."""
    return (
        _INSERT_TOTAL
        + ", ".join([_ROW] * rows)
        + ' ON CONFLICT (audience_id, internal_of, dim, "key", currency) DO UPDATE SET '
        + ", ".join(f'"{c}" = financing_pipelinetotal."{c}" + excluded."{c}"' for c in columns)
    )


RUN_MOST = 16  # rows in one statement: a project's refiling may touch many; each length is a statement kept prepared


def _apply(delta: Delta) -> None:
    """Add ``delta`` to the stored rows, in one order for every writer (two writers never wait on each other's rows
    crosswise): rows next to each other in that order that change the same columns go in one statement (a ledger
    entry's project, sector, host state and institution rows: one), whose rows the database writes in the order
    given. Written out (core.sql): building it through the ORM cost ten times what running it does, and one upsert
    replaces an update, a savepoint and a create."""
    runs: list[tuple[tuple[str, ...], list[Any]]] = []
    for key in sorted(delta):
        changed = tuple(c for c in COLUMNS if delta[key].get(c))
        if not changed:
            continue
        values = [*key, *(int(delta[key][c]) if c in COUNTS else delta[key][c] for c in COLUMNS)]
        if runs and runs[-1][0] == changed and len(runs[-1][1]) < RUN_MOST:
            runs[-1][1].append(values)
        else:
            runs.append((changed, [values]))
    for changed, rows in runs:
        sql.execute(_upsert(changed, len(rows)), [value for row in rows for value in row])


def _locked_filing(project_id: int) -> PipelineFiling | None:
    """The project's filing row, locked (written out and prepared, core.sql). No join: PostgreSQL re-reads a row it
    waited for, and a joined row that no longer matches (the audience changed meanwhile) would drop it from the
    answer."""
    return sql.get(PipelineFiling, "project_id", project_id, lock=True)


def entry_added(*, tranche: Tranche, project_id: int, kind: str, amount: Decimal, internal: bool) -> None:
    """A ledger entry joins the totals (called inside the service's transaction, under the plan's lock)."""
    filing = _locked_filing(project_id)
    if filing is None:
        return
    delta = new_delta()
    internal_of = tranche.institution_id if internal else 0
    _add_amount(
        delta,
        filed_stored(filing),
        filing.audience_id,
        tranche.institution_id,
        tranche.currency,
        kind,
        internal_of,
        amount,
    )
    _apply(delta)


def tranche_added(*, tranche: Tranche, project_id: int) -> None:
    filing = _locked_filing(project_id)
    if filing is None:
        return
    delta = new_delta()
    delta[(filing.audience_id, 0, TotalDim.INSTITUTION.value, str(tranche.institution_id), tranche.currency)][
        "tranches"
    ] += 1
    _apply(delta)


@transaction.atomic
def refile(project_id: int) -> bool:
    """Bring a project's share of the totals in line with the project as it is now (its stage, audience, sector,
    cost and hosts). Locks the project, then its filing. True when anything changed."""
    list(Project.objects.select_for_update().filter(pk=project_id).values_list("pk", flat=True))
    filing = _locked_filing(project_id)
    wanted = filed_now([project_id]).get(project_id)
    old = None
    if filing is not None:
        old = filed_stored(filing, Audience.objects.values_list("key", flat=True).get(pk=filing.audience_id))
    if old is not None and wanted is not None and _same(old, wanted):
        return False
    if old is None and wanted is None:
        return False
    tranches, amounts = project_parts(project_id)
    delta = new_delta()
    if filing is not None and old is not None:
        add_project(delta, old, filing.audience_id, sign=-1, tranches=tranches, amounts=amounts)
    if wanted is None:
        PipelineFiling.objects.filter(project_id=project_id).delete()
    else:
        audience_id = audience_id_for(wanted.audience_key, wanted.audience_states, {})
        PipelineFiling.objects.update_or_create(project_id=project_id, defaults=wanted.stored(audience_id))
        add_project(delta, wanted, audience_id, sign=1, tranches=tranches, amounts=amounts)
    _apply(delta)
    cache.changed()
    return True


def _same(a: Filed, b: Filed) -> bool:
    return (a.audience_key, a.created_by_id, a.sector, a.currency, a.cost, a.hosts) == (
        b.audience_key,
        b.created_by_id,
        b.sector,
        b.currency,
        b.cost,
        b.hosts,
    )


def unfile(project_id: int) -> None:
    """A project is about to be deleted: take its share away while its tranches and balances are still there."""
    filing = _locked_filing(project_id)
    if filing is None:
        return
    tranches, amounts = project_parts(project_id)
    delta = new_delta()
    add_project(delta, filed_stored(filing), filing.audience_id, sign=-1, tranches=tranches, amounts=amounts)
    _apply(delta)
    filing.delete()
    cache.changed()
