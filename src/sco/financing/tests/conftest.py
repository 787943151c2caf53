from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Each test starts with no cached pipeline or portfolio (the shared cache outlives a test's database)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """``with committed(): write`` runs the write's on-commit work (the dashboards' cache moving to a new generation)
    as its commit would: a test runs inside one transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def institutions(organisation: None) -> None:
    from sco.financing.demo import load_institutions

    load_institutions()


@pytest.fixture
def make_project(institutions: None, head_of_delegation: Callable[[str], Any]) -> Callable[..., Any]:
    """An approved project (test factory: rows written directly), sponsored and hosted by ``sponsor``."""
    from django.utils import timezone

    from sco.members.models import State
    from sco.projects.models import Participation, Project

    def make(
        *,
        sponsor: str = "KZ",
        status: str = "approved",
        cost: str = "1000000",
        currency: str = "USD",
        visibility: str = "public",
    ) -> Any:
        author = head_of_delegation(sponsor)
        state = State.objects.get(code=sponsor)
        project = Project.objects.create(
            title_en="Second track on a railway section",
            summary_en="A second track.",
            sector="transport.rail",
            project_type="expansion",
            sponsor_kind="state_agency",
            sponsor_name="National railway company",
            sponsor_state=state,
            total_cost=Decimal(cost),
            currency=currency,
            requested_financing=Decimal(cost),
            start_date=dt.date(2026, 1, 1),
            status=status,
            visibility=visibility,
            created_by=author,
        )
        Participation.objects.create(project=project, state=state, role="host", joined_at=timezone.now())
        return project

    return make


@pytest.fixture
def project(make_project: Callable[..., Any]) -> Any:
    return make_project()


@pytest.fixture
def financier(make_mandate: Callable[..., Any], institutions: None) -> Callable[[str], Any]:
    return lambda code: make_mandate(f"fin-{code}", "financier", institution=code)


@pytest.fixture
def sponsor(head_of_delegation: Callable[[str], Any]) -> Any:
    return head_of_delegation("KZ")


@pytest.fixture
def add_tranche(sponsor: Any) -> Callable[..., Any]:
    from sco.financing import services
    from sco.members.models import Institution

    def add(project: Any, code: str, amount: str, currency: str = "USD", **extra: Any) -> Any:
        return services.tranche_add(
            actor=sponsor,
            project=project,
            data=services.TrancheData(
                institution=Institution.objects.get(code=code),
                instrument="loan",
                currency=currency,
                amount=amount,
                **extra,
            ),
        )

    return add


@pytest.fixture
def rates(secretariat: Any) -> Any:
    from sco.financing import services

    return services.rates_import(
        actor=secretariat,
        rows=[{"date": "2024-01-01", "base": "USD", "quote": "KZT", "rate": "500"}],
        source="Test rates (synthetic)",
    )
