from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from sco.financing import demo
from sco.financing.models import FinancierProfile, InstitutionStatus, Shareholding


def test_the_demo_is_idempotent_and_every_status_has_a_source(organisation: None, secretariat: Any) -> None:
    demo.load(stdout=io.StringIO())
    counts = (InstitutionStatus.objects.count(), Shareholding.objects.count(), FinancierProfile.objects.count())
    demo.load(stdout=io.StringIO())
    assert counts == (InstitutionStatus.objects.count(), Shareholding.objects.count(), FinancierProfile.objects.count())
    assert counts[0] >= 15
    assert not InstitutionStatus.objects.filter(source="").exists()
    bank = InstitutionStatus.objects.filter(institution__code="sco-development-bank").order_by("on").last()
    assert bank is not None and bank.status == "under_consultation"
    shares = sum(s.share for s in Shareholding.objects.filter(institution__code="eurasian-development-bank"))
    assert abs(shares - 100) < Decimal("0.001")  # the published shares are rounded: they add up to 100.0001


def test_an_illustrative_plan_is_added_only_to_a_financeable_project_with_a_cost_and_says_so(
    organisation: None, secretariat: Any, make_project: Any, head_of_delegation: Any
) -> None:
    from sco.financing.models import FinancingPlan

    demo.load(stdout=io.StringIO())
    head_of_delegation("RU")
    project = make_project()
    project.is_illustrative = True
    project.save()
    demo.load(stdout=io.StringIO())
    plan = FinancingPlan.objects.get(project=project)
    assert plan.is_illustrative and "Illustrative" in plan.sources
    vote = plan.tranches.get(institution__code="eurasian-development-bank").votes.get()
    assert vote.is_illustrative and vote.status == "adopted"
    demo.load(stdout=io.StringIO())
    assert plan.tranches.count() == 2


def test_the_demo_rates_are_published_official_rates_each_with_its_source_and_load_once(
    organisation: None, secretariat: Any
) -> None:
    from sco.financing.models import ExchangeRate, RateImport

    demo.load(stdout=io.StringIO())
    counts = (ExchangeRate.objects.count(), RateImport.objects.count())
    demo.load(stdout=io.StringIO())
    assert counts == (ExchangeRate.objects.count(), RateImport.objects.count()) and counts[0] >= 9
    usd = ExchangeRate.objects.select_related("batch").get(base="USD", quote="KZT", on="2024-04-24")
    assert usd.rate == Decimal("444.32") and "nationalbank.kz" in usd.batch.source
    assert not RateImport.objects.filter(source="").exists()
