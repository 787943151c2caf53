from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from sco.core.audit import AuditEntry
from sco.core.errors import NotPermitted, ScoError
from sco.financing import selectors, services
from sco.financing.errors import EntryRefused, FinancingInvalid, ImportRejected, NeedsBoardApproval, NotThisInstitution
from sco.financing.models import Balance, LedgerEntry, Tranche
from sco.members.models import State

D = dt.date(2026, 3, 1)


def record(user: Any, tranche: Any, kind: str, amount: str, on: dt.date = D, **extra: Any) -> Any:
    return services.entry_record(
        actor=user, tranche=tranche, kind=kind, amount=amount, currency=tranche.currency, value_date=on, **extra
    )


def test_the_sponsor_proposes_a_tranche_and_it_is_audited(project: Any, add_tranche: Callable[..., Any]) -> None:
    tranche = add_tranche(project, "eurasian-development-bank", "600000")
    assert tranche.plan.project == project
    assert AuditEntry.objects.filter(action="financing.tranche_added", target_id=str(tranche.pk)).exists()


def test_a_delegate_of_another_state_may_not_propose_the_plan(
    project: Any, head_of_delegation: Callable[[str], Any]
) -> None:
    from sco.members.models import Institution

    with pytest.raises(NotPermitted):
        services.tranche_add(
            actor=head_of_delegation("CN"),
            project=project,
            data=services.TrancheData(
                institution=Institution.objects.get(code="aiib"), instrument="loan", currency="USD", amount="5"
            ),
        )
    assert not Tranche.objects.exists()


def test_a_tranche_in_an_unknown_currency_is_refused(project: Any, add_tranche: Callable[..., Any]) -> None:
    with pytest.raises(FinancingInvalid) as exc:
        add_tranche(project, "aiib", "10", currency="XXQ")
    assert "currency" in exc.value.field_errors


def test_the_gap_closes_with_commitments_in_two_currencies_and_the_gate_opens(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], rates: Any, secretariat: Any
) -> None:
    from sco.projects.services import project_transition

    edb = add_tranche(project, "eurasian-development-bank", "600000")
    aiib = add_tranche(project, "aiib", "200000000", currency="KZT")
    record(financier("eurasian-development-bank"), edb, "commitment", "600000")
    f = selectors.financing_for(viewer=secretariat, project_id=project.pk)
    assert f.gap == Decimal("400000.00")
    project.status = "financing"
    project.save()
    with pytest.raises(ScoError) as refused:
        project_transition(actor=secretariat, project=project, name="start_implementation")
    assert "financial_close" in refused.value.field_errors["failed_checks"]
    record(financier("aiib"), aiib, "commitment", "200000000")
    f = selectors.financing_for(viewer=secretariat, project_id=project.pk)
    assert f.gap == Decimal("0.00") and f.closed
    project_transition(actor=secretariat, project=project, name="start_implementation")
    project.refresh_from_db()
    assert project.status == "implementation"


def test_a_total_that_needs_a_missing_rate_says_which(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], secretariat: Any
) -> None:
    aiib = add_tranche(project, "aiib", "100", currency="CNY")
    record(financier("aiib"), aiib, "commitment", "100")
    f = selectors.financing_for(viewer=secretariat, project_id=project.pk)
    assert f.gap is None and not f.closed
    assert f.missing_rates == (f"CNY→USD ({f.on.isoformat()})",)


@pytest.mark.parametrize(
    ("kind", "amount", "currency", "on", "field"),
    [
        ("disbursement", "10", "ZZZ", D, "currency"),
        ("disbursement", "-10", "USD", D, "amount"),
        ("disbursement", "10", "USD", D - dt.timedelta(days=1), "value_date"),
        ("disbursement", "101", "USD", D, "amount"),
        ("commitment", "abc", "USD", D, "amount"),
        ("loan", "10", "USD", D, "kind"),
    ],
)
def test_bad_entries_are_refused_with_the_field_and_nothing_is_stored(
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    kind: str,
    amount: str,
    currency: str,
    on: dt.date,
    field: str,
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    user = financier("aiib")
    record(user, tranche, "commitment", "100")
    before = (LedgerEntry.objects.count(), list(Balance.objects.values_list("amount", flat=True)))
    with pytest.raises((EntryRefused, FinancingInvalid)) as exc:
        services.entry_record(actor=user, tranche=tranche, kind=kind, amount=amount, currency=currency, value_date=on)
    assert field in exc.value.field_errors
    assert (LedgerEntry.objects.count(), list(Balance.objects.values_list("amount", flat=True))) == before


def test_a_financier_of_another_institution_is_refused(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    with pytest.raises(NotThisInstitution):
        record(financier("eurasian-development-bank"), tranche, "commitment", "100")
    assert not LedgerEntry.objects.exists()


def test_a_reversal_nets_to_zero_keeps_the_original_and_chains(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], secretariat: Any
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    user = financier("aiib")
    record(user, tranche, "commitment", "100")
    d1 = record(user, tranche, "disbursement", "30")
    record(user, tranche, "disbursement", "20")
    reversal = services.entry_reverse(actor=user, entry=d1, reason="Paid to the wrong account")
    assert reversal.amount == Decimal("-30") and reversal.reverses == d1
    f = selectors.financing_for(viewer=secretariat, project_id=project.pk)
    assert f.tranches[0].disbursed == Decimal("20")
    assert Balance.objects.get(tranche=tranche, kind="disbursement").amount == Decimal("20")
    with pytest.raises(EntryRefused):
        services.entry_reverse(actor=user, entry=d1, reason="again")
    assert services.verify_chain(tranche.plan)
    LedgerEntry.objects.filter(pk=d1.pk).update(amount=Decimal("31"))
    assert not services.verify_chain(tranche.plan)


def test_an_excess_disbursement_is_stored_only_when_flagged(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    user = financier("aiib")
    record(user, tranche, "commitment", "100")
    with pytest.raises(EntryRefused):
        record(user, tranche, "disbursement", "120")
    entry = record(user, tranche, "disbursement", "120", flag_excess=True, note="Cost overrun bridged")
    assert entry.excess_flagged


def test_an_internal_pledge_never_shows_to_others(
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    secretariat: Any,
    head_of_delegation: Callable[[str], Any],
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    aiib = financier("aiib")
    record(aiib, tranche, "pledge", "77", internal=True)
    for viewer in (None, head_of_delegation("CN"), financier("eurasian-development-bank")):
        f = selectors.financing_for(viewer=viewer, project_id=project.pk)
        assert not f.entries and f.tranches[0].total("pledge") == 0
        p = selectors.portfolio(viewer=viewer, code="aiib")
        assert "pledge" not in p.by_currency.get("USD", {})
    for viewer in (aiib, secretariat):
        assert selectors.financing_for(viewer=viewer, project_id=project.pk).tranches[0].total("pledge") == 77


def test_a_weighted_board_vote_approves_a_loan_before_its_commitment(
    project: Any,
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    head_of_delegation: Callable[[str], Any],
) -> None:
    tranche = add_tranche(project, "eurasian-development-bank", "100", needs_board_approval=True)
    user = financier("eurasian-development-bank")
    with pytest.raises(NeedsBoardApproval):
        record(user, tranche, "commitment", "100")
    vote = services.board_vote_open(actor=user, tranche=tranche, rule="double_majority")
    services.ballot_cast(actor=head_of_delegation("RU"), vote=vote, state=State.objects.get(code="RU"), choice="yes")
    vote.refresh_from_db()
    assert vote.status == "open"  # 44.8 % of the shares, 1 of 6 members
    for code in ("KZ", "BY"):
        services.ballot_cast(
            actor=head_of_delegation(code), vote=vote, state=State.objects.get(code=code), choice="yes"
        )
    vote.refresh_from_db()
    assert vote.status == "open"  # 87.3 % of the shares but 3 of 6 members: not more than half
    services.ballot_cast(actor=head_of_delegation("TJ"), vote=vote, state=State.objects.get(code="TJ"), choice="no")
    services.ballot_cast(actor=head_of_delegation("KG"), vote=vote, state=State.objects.get(code="KG"), choice="yes")
    vote.refresh_from_db()
    tranche.refresh_from_db()
    assert vote.status == "adopted" and tranche.approved_at is not None
    record(user, tranche, "commitment", "100")


def test_a_rate_file_with_one_bad_row_is_rejected_whole(secretariat: Any) -> None:
    from sco.financing.models import ExchangeRate

    rows = [
        {"date": "2024-01-01", "base": "USD", "quote": "KZT", "rate": "500"},
        {"date": "2024-01-02", "base": "USD", "quote": "KZT", "rate": "-1"},
    ]
    with pytest.raises(ImportRejected) as exc:
        services.rates_import(actor=secretariat, rows=rows, source="x")
    assert exc.value.params["row"] == 2
    assert not ExchangeRate.objects.exists()


def test_a_ledger_file_with_one_bad_row_is_rejected_whole(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "100")
    row = {"project": str(project.pk), "institution": "aiib", "tranche": str(tranche.pk), "currency": "USD"}
    rows = [
        {**row, "kind": "commitment", "value_date": "2026-01-01", "amount": "100"},
        {**row, "kind": "disbursement", "value_date": "2025-12-01", "amount": "10"},
    ]
    with pytest.raises(ImportRejected) as exc:
        services.ledger_import(actor=financier("aiib"), rows=rows)
    assert exc.value.params["row"] == 2
    assert not LedgerEntry.objects.exists()
    assert services.ledger_import(actor=financier("aiib"), rows=rows[:1])


def test_the_pipeline_sums_the_gap_by_sector_and_host_state(
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    rates: Any,
    django_assert_max_num_queries: Any,
) -> None:
    a = make_project()
    make_project(cost="500000000", currency="KZT")
    tranche = add_tranche(a, "aiib", "400000")
    record(financier("aiib"), tranche, "commitment", "400000")
    with django_assert_max_num_queries(6):
        p = selectors.pipeline(viewer=None, currency="USD")
    assert p.total.cost.amount == Decimal("2000000.00")
    assert p.total.committed.amount == Decimal("400000.00")
    assert p.total.gap == Decimal("1600000.00")
    assert [r.key for r in p.by_host] == ["KZ"]


def test_a_cached_anonymous_pipeline_changes_as_soon_as_an_entry_is_committed(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], committed: Callable[[], Any]
) -> None:
    tranche = add_tranche(project, "aiib", "400000")
    assert selectors.pipeline(viewer=None).total.committed.amount == Decimal("0.00")
    assert selectors.pipeline(viewer=None).total.committed.amount == Decimal("0.00")  # from the cache
    with committed():
        record(financier("aiib"), tranche, "commitment", "400000")
    assert selectors.pipeline(viewer=None).total.committed.amount == Decimal("400000.00")


def test_a_signed_in_view_is_cached_for_its_own_viewer_only_and_never_shows_another_institutions_internal_figure(
    project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any], django_assert_max_num_queries: Any
) -> None:
    aiib, edb = financier("aiib"), financier("eurasian-development-bank")
    tranche = add_tranche(project, "aiib", "400000")
    services.entry_record(
        actor=aiib, tranche=tranche, kind="commitment", amount="1000", currency="USD", value_date=D, internal=True
    )
    assert selectors.pipeline(viewer=aiib).total.committed.amount == Decimal("1000.00")
    with django_assert_max_num_queries(4):  # who is asking (the mandate facts), then the cached view
        assert selectors.pipeline(viewer=aiib).total.committed.amount == Decimal("1000.00")
    assert selectors.pipeline(viewer=edb).total.committed.amount == Decimal("0.00")
    assert selectors.portfolio(viewer=edb, code="aiib").by_currency == {}
    assert selectors.portfolio(viewer=aiib, code="aiib").by_currency["USD"]["commitment"] == Decimal("1000.00")
