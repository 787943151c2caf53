"""Eight financiers recording at once on one plan lose nothing and break no rule. Needs PostgreSQL: SQLite has no row
locks to race on (its single writer serialises everything)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from sco.core import audit
from sco.core.testing import at_once
from sco.financing import services
from sco.financing.models import Balance, LedgerEntry

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL"),
]
D = dt.date(2026, 3, 1)


def test_eight_writers_at_once_keep_every_entry_and_the_totals_equal_the_sum_written(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], make_mandate: Callable[..., Any]
) -> None:
    tranche = add_tranche(project, "aiib", "1000000")
    writers = [financier("aiib")] + [make_mandate(f"fin-aiib-{i}", "financier", institution="aiib") for i in range(7)]
    services.entry_record(
        actor=writers[0], tranche=tranche, kind="commitment", amount="1000000", currency="USD", value_date=D
    )
    amounts = [Decimal(f"{1000 + i}.25") for i in range(8)]
    results = at_once(
        *[
            (
                lambda u=u, a=a: services.entry_record(
                    actor=u, tranche=tranche, kind="disbursement", amount=a, currency="USD", value_date=D
                )
            )
            for u, a in zip(writers, amounts, strict=True)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(LedgerEntry.objects.values_list("seq", flat=True)) == list(range(1, 10))
    assert Balance.objects.get(tranche=tranche, kind="disbursement").amount == sum(amounts)
    assert services.verify_chain(tranche.plan)
    assert audit.verify() == []


def test_eight_writers_racing_for_the_last_of_a_commitment_never_overdraw_it(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], make_mandate: Callable[..., Any]
) -> None:
    tranche = add_tranche(project, "aiib", "1000")
    writers = [financier("aiib")] + [make_mandate(f"fin-aiib-{i}", "financier", institution="aiib") for i in range(7)]
    services.entry_record(
        actor=writers[0], tranche=tranche, kind="commitment", amount="300", currency="USD", value_date=D
    )
    results = at_once(
        *[
            (
                lambda u=u: services.entry_record(
                    actor=u, tranche=tranche, kind="disbursement", amount="100", currency="USD", value_date=D
                )
            )
            for u in writers
        ]
    )
    accepted = [r for r in results if isinstance(r, LedgerEntry)]
    assert len(accepted) == 3
    assert Balance.objects.get(tranche=tranche, kind="disbursement").amount == Decimal("300")


def test_writers_on_many_projects_and_project_changes_at_once_keep_the_maintained_totals_exact(
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    make_mandate: Callable[..., Any],
) -> None:
    """Eight transactions at once over the same total rows (one sector, one host, one institution): six entries on
    three projects, a project turning "members only" and another gaining a second host (the projects' own writes,
    which refile the project in their transaction). The totals then equal a recomputation from the ledger."""
    from django.db import transaction
    from django.utils import timezone

    from sco.financing.services import totals, totals_rebuild
    from sco.members.models import State
    from sco.projects.models import Participation, Project

    projects = [make_project() for _ in range(3)]
    tranches = [add_tranche(p, "aiib", "100000") for p in projects]
    writers = [financier("aiib")] + [make_mandate(f"fin-aiib-{i}", "financier", institution="aiib") for i in range(5)]
    for t in tranches:
        services.entry_record(
            actor=writers[0], tranche=t, kind="commitment", amount="50000", currency="USD", value_date=D
        )

    def turn_members_only() -> None:
        with transaction.atomic():
            project = Project.objects.select_for_update().get(pk=projects[0].pk)
            project.visibility = "members"
            project.save()

    def second_host() -> None:
        with transaction.atomic():
            Project.objects.select_for_update().get(pk=projects[1].pk)
            Participation.objects.create(
                project=projects[1], state=State.objects.get(code="CN"), role="host", joined_at=timezone.now()
            )

    jobs: list[Callable[[], Any]] = [
        (
            lambda u=u, t=t, k=k: services.entry_record(
                actor=u, tranche=t, kind=k, amount="1000.50", currency="USD", value_date=D
            )
        )
        for u, t, k in zip(
            writers,
            tranches * 2,
            ["disbursement", "commitment", "disbursement", "commitment", "pledge", "commitment"],
            strict=True,
        )
    ]
    results = at_once(*jobs, turn_members_only, second_host)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert totals_rebuild.differences() == []
    assert totals.refile(projects[0].pk) is False  # already in line
