"""The maintained totals (services.totals): equal to a recomputation from the ledger after any sequence of writes
(entries, reversals, a project's stage, visibility, hosts and invitations changing), a project with several hosts
counted once in the total, and every viewer's dashboard equal to what a direct computation over the projects and
balances that viewer may see gives."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco.core.errors import ScoError
from sco.financing import selectors, services
from sco.financing.models import Balance, LedgerEntry
from sco.financing.selectors.common import financeable, visible_entries
from sco.financing.services import totals, totals_rebuild
from sco.members.models import Institution, State
from sco.projects.models import Invitation, Participation, Project

D = dt.date(2026, 2, 1)


def record(user: Any, tranche: Any, kind: str, amount: str, *, internal: bool = False) -> Any:
    return services.entry_record(
        actor=user,
        tranche=tranche,
        kind=kind,
        amount=amount,
        currency=tranche.currency,
        value_date=D,
        internal=internal,
    )


def add_host(project: Any, code: str) -> None:
    Participation.objects.create(
        project=project, state=State.objects.get(code=code), role="host", joined_at=timezone.now()
    )


def test_a_project_with_two_hosts_counts_once_in_the_total_and_once_in_each_host_row(
    make_project: Callable[..., Any], add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    project = make_project(cost="1000000")
    add_host(project, "CN")
    record(financier("aiib"), add_tranche(project, "aiib", "400000"), "commitment", "400000")
    p = selectors.pipeline(viewer=None, currency="USD")
    assert (p.total.projects, p.total.cost.amount, p.total.committed.amount) == (
        1,
        Decimal("1000000.00"),
        Decimal("400000.00"),
    )
    assert [(r.key, r.projects, r.cost.amount, r.committed.amount) for r in p.by_host] == [
        ("CN", 1, Decimal("1000000.00"), Decimal("400000.00")),
        ("KZ", 1, Decimal("1000000.00"), Decimal("400000.00")),
    ]
    assert totals_rebuild.differences() == []


def test_a_project_leaving_the_financing_stages_or_changing_audience_moves_its_whole_share(
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    head_of_delegation: Callable[[str], Any],
    committed: Callable[[], Any],
) -> None:
    project = make_project()
    record(financier("aiib"), add_tranche(project, "aiib", "1000"), "commitment", "1000")
    ru = head_of_delegation("RU")
    project.visibility = "participants"
    with committed():
        project.save()
    assert selectors.pipeline(viewer=None).total.projects == 0
    assert selectors.pipeline(viewer=ru).total.projects == 0
    with committed():
        invitation = Invitation.objects.create(
            project=project, state=State.objects.get(code="RU"), invited_by=ru, invited_at=timezone.now()
        )
    assert selectors.pipeline(viewer=ru).total.committed.amount == Decimal("1000.00")  # invited: sees it
    invitation.status, invitation.answered_by, invitation.answered_at = "declined", ru, timezone.now()
    with committed():
        invitation.save()
    assert selectors.pipeline(viewer=ru).total.projects == 0
    project.status = "completed"
    with committed():
        project.save()
    assert selectors.pipeline(viewer=head_of_delegation("KZ")).total.projects == 0
    assert totals_rebuild.differences() == []


def _oracle(viewer: Any) -> dict[str, dict[str, tuple[int, Decimal, Decimal]]]:
    """The pipeline in raw USD sums, computed directly from the projects and balances the viewer may see."""
    out: dict[str, dict[str, list[Any]]] = {"sector": {}, "host": {}, "all": {}}
    projects = list(financeable(viewer).prefetch_related("participations__state"))
    committed: dict[int, Decimal] = defaultdict(Decimal)
    for pid, kind, amount in Balance.objects.filter(
        visible_entries(viewer), tranche__plan__project__in=[p.pk for p in projects], kind__in=totals.PIPELINE_KINDS
    ).values_list("tranche__plan__project_id", "kind", "amount"):
        committed[pid] += amount if kind == "commitment" else -amount
    for p in projects:
        keys = [("sector", p.sector), ("all", "all")]
        keys += [("host", x.state.code) for x in p.participations.all() if x.role == "host"]
        for dim, key in keys:
            row = out[dim].setdefault(key, [0, Decimal(0), Decimal(0)])
            row[0] += 1
            row[1] += p.total_cost
            row[2] += committed[p.pk]
    return {d: {k: (v[0], v[1], v[2]) for k, v in rows.items()} for d, rows in out.items()}


def _shown(viewer: Any) -> dict[str, dict[str, tuple[int, Decimal, Decimal]]]:
    p = selectors.pipeline(viewer=viewer, currency="USD")

    def rows(items: list[Any]) -> dict[str, tuple[int, Decimal, Decimal]]:
        return {r.key: (r.projects, r.cost.amount, r.committed.amount) for r in items if r.projects}

    return {"sector": rows(p.by_sector), "host": rows(p.by_host), "all": rows([p.total])}


def test_every_viewer_sees_in_the_totals_exactly_the_projects_and_figures_they_may_see(
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    head_of_delegation: Callable[[str], Any],
    secretariat: Any,
    make_user: Callable[..., Any],
) -> None:
    aiib, edb = financier("aiib"), financier("eurasian-development-bank")
    author = make_user("author-without-mandate")
    public = make_project(cost="1000")
    members = make_project(cost="2000", visibility="members", sponsor="CN")
    restricted = make_project(cost="4000", visibility="participants")
    add_host(restricted, "UZ")
    invited = make_project(cost="8000", visibility="participants", sponsor="CN")
    Invitation.objects.create(
        project=invited,
        state=State.objects.get(code="RU"),
        invited_by=head_of_delegation("CN"),
        invited_at=timezone.now(),
    )
    own = make_project(cost="16000", visibility="members", sponsor="IN")
    Project.objects.filter(pk=own.pk).update(created_by=author)
    totals_rebuild.rebuild()  # the author was changed behind the signals' back

    def ask(project: Any, code: str) -> Any:
        data = services.TrancheData(
            institution=Institution.objects.get(code=code), instrument="loan", currency="USD", amount="100000"
        )
        return services.tranche_add(actor=secretariat, project=project, data=data)

    for n, project in enumerate([public, members, restricted, invited, own]):
        a = ask(project, "aiib")
        e = ask(project, "eurasian-development-bank")
        record(aiib, a, "commitment", str(10 + n))
        record(aiib, a, "commitment", str(100 + n), internal=True)
        record(edb, e, "commitment", str(1000 + n), internal=True)
        record(edb, e, "cancellation", str(1 + n), internal=True)
    viewers = {
        "anonymous": None,
        "secretariat": secretariat,
        "KZ": head_of_delegation("KZ"),
        "UZ": head_of_delegation("UZ"),
        "RU (invited)": head_of_delegation("RU"),
        "AIIB financier": aiib,
        "EDB financier": edb,
        "the author": author,
    }
    assert totals_rebuild.differences() == []
    for name, viewer in viewers.items():
        assert _shown(viewer) == _oracle(viewer), name
        count = Balance.objects.filter(
            visible_entries(viewer), tranche__institution__code="aiib", tranche__plan__project__in=financeable(viewer)
        )
        seen = selectors.portfolio(viewer=viewer, code="aiib")
        want: dict[str, Decimal] = defaultdict(Decimal)
        for kind, amount in count.values_list("kind", "amount"):
            want[kind] += amount
        assert seen.by_currency.get("USD", {}) == {k: v for k, v in want.items() if v}, name
        assert seen.count == financeable(viewer).filter(financing_plan__tranches__institution__code="aiib").count()


OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("record"),
            st.integers(0, 2),
            st.sampled_from(["pledge", "commitment", "disbursement", "cancellation"]),
            st.integers(1, 500),
            st.booleans(),
        ),
        st.tuples(st.just("reverse"), st.integers(0, 30)),
        st.tuples(st.just("status"), st.integers(0, 2), st.sampled_from(["approved", "implementation", "completed"])),
        st.tuples(st.just("visibility"), st.integers(0, 2), st.sampled_from(["public", "members", "participants"])),
        st.tuples(st.just("invite"), st.integers(0, 2), st.sampled_from(["RU", "CN", "UZ"])),
        st.tuples(st.just("host"), st.integers(0, 2), st.sampled_from(["CN", "UZ"])),
        st.tuples(st.just("tranche"), st.integers(0, 2)),
    ),
    max_size=10,
)


@pytest.mark.django_db
def test_the_maintained_totals_equal_a_recomputation_from_the_ledger_after_any_sequence_of_writes(
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    head_of_delegation: Callable[[str], Any],
) -> None:
    aiib, edb = financier("aiib"), financier("eurasian-development-bank")
    kz = head_of_delegation("KZ")
    projects = [make_project(cost="1000000"), make_project(cost="2000000", currency="KZT"), make_project()]
    tranches = [
        add_tranche(projects[0], "aiib", "10000"),
        add_tranche(projects[1], "eurasian-development-bank", "10000", currency="KZT"),
        add_tranche(projects[2], "aiib", "10000"),
    ]
    who = {"aiib": aiib, "eurasian-development-bank": edb}

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OPS)
    def run(ops: list[tuple[Any, ...]]) -> None:
        with transaction.atomic():
            mine = list(tranches)
            for op in ops:
                with contextlib.suppress(ScoError):  # a refused write stores nothing
                    apply(op, mine)
            assert totals_rebuild.differences() == []
            transaction.set_rollback(True)

    def apply(op: tuple[Any, ...], tranches: list[Any]) -> None:
        name = op[0]
        if name == "record":
            _n, i, kind, amount, internal = op
            tranche = tranches[i]
            record(who[tranche.institution.code], tranche, kind, str(amount), internal=internal)
        elif name == "reverse":
            originals = list(LedgerEntry.objects.filter(reverses__isnull=True, reversed_by__isnull=True).order_by("pk"))
            if originals:
                entry = originals[op[1] % len(originals)]
                services.entry_reverse(actor=who[entry.tranche.institution.code], entry=entry, reason="a correction")
        elif name in ("status", "visibility"):
            project = Project.objects.get(pk=projects[op[1]].pk)
            setattr(project, name, op[2])
            project.save()
        elif name == "invite":
            project = projects[op[1]]
            state = State.objects.get(code=op[2])
            found = Invitation.objects.filter(project=project, state=state).first()
            if found is None:
                Invitation.objects.create(project=project, state=state, invited_by=kz, invited_at=timezone.now())
            else:
                if found.status == "pending":
                    found.status, found.answered_by, found.answered_at = "declined", kz, timezone.now()
                else:
                    found.status, found.answered_by, found.answered_at = "pending", None, None
                found.save()
        elif name == "host":
            project = projects[op[1]]
            if not Participation.objects.filter(project=project, state__code=op[2]).exists():
                add_host(project, op[2])
        elif name == "tranche":
            tranches.append(add_tranche(projects[op[1]], "aiib", "500"))

    run()


def test_the_rebuild_command_repairs_totals_written_behind_the_services_back(
    project: Any, committed: Callable[[], Any]
) -> None:
    assert totals_rebuild.differences() == []
    Project.objects.filter(pk=project.pk).update(status="completed")  # no signal: the totals do not know
    assert totals_rebuild.differences() != []
    with pytest.raises(Exception, match="differ"):
        call_command("financing_rebuild_totals", "--check", stdout=_Sink())
    with committed():
        call_command("financing_rebuild_totals", stdout=_Sink())
    assert totals_rebuild.differences() == []
    assert selectors.pipeline(viewer=None).total.projects == 0
    Project.objects.filter(pk=project.pk).update(status="approved")
    with committed():
        assert totals.refile(project.pk) is True  # the function the signals call, called directly
    assert totals.refile(project.pk) is False  # nothing changed since
    assert selectors.pipeline(viewer=None).total.projects == 1
    assert totals_rebuild.differences() == []


class _Sink:
    def write(self, text: str) -> None:
        pass
