"""Appraisal arithmetic checked against published worked examples and against properties any NPV/IRR must keep.

Sources (each test names the one it uses):
* ADB ERD, "Introductory Course on Economic Analysis of Investment Projects", Session 2.4 "Estimation of
  Economic Internal Rate of Return", slide "Sample EIRR Calculation 1" (USD million, 2004-2034), as
  reproduced at https://id.scribd.com/document/421563692/Estimation-Eirr-2014 and
  https://info.5y1.org/calculate-npv-of-a-project_1_5d850e.html. The slide gives the gross benefit rows and
  their present values ("NPV @": 48.1 non-incremental, 972.2 incremental, 1,020.3 total); it discounts with
  a spreadsheet NPV(), i.e. the first year (2004) is already discounted one period, at 12 %.
* Lorie, J. H. and Savage, L. J. (1955), "Three Problems in Rationing Capital", Journal of Business 28(4),
  229-239: the "pump" project (-1,600; +10,000; -10,000) has two rates of return, 25 % and 400 %.
* numpy/numpy-financial issue #28 (cited in /work/shared/research/investment-anchors.md section 3.4):
  (-50, -100, 600, 300, -100) has two real IRRs, -76.9 % and +185.4 %.
* EU, Guide to Cost-Benefit Analysis of Investment Projects (DG REGIO, December 2014, doi:10.2776/97516):
  the definitions used here (discount factor 1/(1+i)^t from t = 0; B/C = PV(benefits) / PV(costs);
  switching value = the percentage change in a variable that makes the NPV zero).
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sco.projects.appraisal import (
    IRR_RANGE,
    CashFlowTable,
    IrrKind,
    Scenario,
    YearFlows,
    appraise,
    discounted_magnitude,
    irr_all,
    npv,
    payback,
    sign_changes,
    switching_values,
)

# ADB ERD Session 2.4, "Sample EIRR Calculation 1": gross benefits, USD million, 2004 .. 2034.
ADB_NON_INCREMENTAL = [0, 0, 0, 0, 0, 1.5, 10.2, 11.0, 11.9, *([12.4] * 21), 10.3]
ADB_INCREMENTAL = [0, 0, 0, 0, 0, 36.2, 243.3, *([239.6] * 23), 247.6]


def test_adb_sample_eirr_gross_benefits_present_values_match_the_slide() -> None:
    # The slide discounts 2004 by one period (spreadsheet NPV()); our year 0 is undiscounted, so a leading
    # zero year reproduces its convention. Its inputs are shown to 0.1, hence the tolerance of 0.2.
    assert len(ADB_INCREMENTAL) == len(ADB_NON_INCREMENTAL) == 31
    assert npv([0, *ADB_NON_INCREMENTAL], 0.12) == pytest.approx(48.1, abs=0.2)
    assert npv([0, *ADB_INCREMENTAL], 0.12) == pytest.approx(972.2, abs=0.2)
    total = [a + b for a, b in zip(ADB_NON_INCREMENTAL, ADB_INCREMENTAL, strict=True)]
    assert npv([0, *total], 0.12) == pytest.approx(1020.3, abs=0.3)


def test_lorie_savage_pump_has_two_irrs_25_and_400_percent_and_both_are_reported() -> None:
    result = irr_all([-1600, 10000, -10000])
    assert result.kind is IrrKind.MULTIPLE
    assert result.roots == pytest.approx((0.25, 4.0))
    assert result.single is None
    assert not result.conventional


def test_numpy_financial_issue_28_flows_have_two_irrs() -> None:
    result = irr_all([-50, -100, 600, 300, -100])
    assert result.roots == pytest.approx((-0.7689, 1.8544), abs=1e-4)


def test_flows_whose_npv_never_reaches_zero_have_no_irr_and_say_so() -> None:
    # NPV = 1000 - 3000x + 2500x^2 has a negative discriminant (9e6 - 1e7): no real rate of return.
    result = irr_all([1000, -3000, 2500])
    assert result.kind is IrrKind.NONE
    assert result.roots == ()
    assert result.single is None


def test_flows_all_of_one_sign_have_no_irr() -> None:
    assert irr_all([-10, -20, -30]).kind is IrrKind.NONE
    assert irr_all([10, 20]).roots == ()


def test_a_conventional_investment_has_one_irr() -> None:
    result = irr_all([-100, 110])
    assert result.kind is IrrKind.UNIQUE
    assert result.single == pytest.approx(0.10)
    assert result.conventional


def test_npv_treats_the_first_year_as_year_zero() -> None:
    assert npv([-100, 110], 0.10) == pytest.approx(0.0, abs=1e-12)
    assert npv([Decimal("-100"), Decimal("0"), Decimal("121")], Decimal("0.1")) == pytest.approx(0.0, abs=1e-9)


def test_npv_refuses_a_rate_of_minus_100_percent_or_less() -> None:
    with pytest.raises(ValueError):
        npv([1, 2], -1)


def test_payback_interpolates_within_the_year_it_turns() -> None:
    assert payback([-100, 50, 60]).years == pytest.approx(1 + 50 / 60)
    assert payback([-100, 50]).years is None
    assert payback([10, 10]).years == 0.0


def test_discounted_payback_comes_later_than_simple_payback() -> None:
    flows = [-100, 40, 40, 40, 40]
    simple = payback(flows).years
    discounted = payback(flows, rate=0.1).years
    assert simple is not None and discounted is not None
    assert discounted > simple


def _table() -> CashFlowTable:
    rows = [YearFlows(year=2026, capex=Decimal("1000"))]
    rows += [
        YearFlows(year=2027 + i, opex=Decimal("50"), revenues=Decimal("150"), economic_benefits=Decimal("260"))
        for i in range(14)
    ]
    return CashFlowTable(rows=tuple(rows), financial_rate=Decimal("0.04"), social_rate=Decimal("0.05"))


def test_appraisal_gives_every_indicator_and_the_five_sensitivity_scenarios() -> None:
    result = appraise(_table())
    assert set(result.sensitivity) == set(Scenario)
    base = result.base
    costs = [1000] + [50] * 14
    benefits = [0] + [260] * 14
    assert base.enpv == pytest.approx(npv(benefits, 0.05) - npv(costs, 0.05))
    assert base.bcr == pytest.approx(npv(benefits, 0.05) / npv(costs, 0.05))
    assert base.eirr.single is not None
    assert npv([b - c for b, c in zip(benefits, costs, strict=True)], base.eirr.single) == pytest.approx(0, abs=1e-6)
    # Higher costs, lower benefits and delay each make the project worse.
    for scenario in (Scenario.COSTS_UP_20, Scenario.BENEFITS_DOWN_20, Scenario.DELAY_1, Scenario.DELAY_2):
        assert result.sensitivity[scenario].enpv < base.enpv
    assert result.sensitivity[Scenario.DELAY_2].enpv < result.sensitivity[Scenario.DELAY_1].enpv


def test_switching_values_bring_the_npv_to_zero() -> None:
    table = _table()
    sv = switching_values(table)
    assert sv.costs_for_enpv is not None and sv.benefits_for_enpv is not None
    assert table.scaled(costs=1 + sv.costs_for_enpv).indicators().enpv == pytest.approx(0, abs=1e-6)
    assert table.scaled(benefits=1 + sv.benefits_for_enpv).indicators().enpv == pytest.approx(0, abs=1e-6)
    assert sv.costs_for_fnpv is not None and sv.revenues_for_fnpv is not None


def test_a_table_with_a_gap_in_its_years_is_refused() -> None:
    with pytest.raises(ValueError):
        CashFlowTable(rows=(YearFlows(year=2026), YearFlows(year=2028)), financial_rate=0.04, social_rate=0.05)


def test_sign_changes_skip_zeros() -> None:
    assert sign_changes([-1, 0, 0, 2, 0, -3]) == 2


flows_strategy = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False), min_size=2, max_size=25
)


@settings(max_examples=150, deadline=None)
@given(flows=flows_strategy)
def test_npv_at_every_reported_irr_is_zero(flows: list[float]) -> None:
    for root in irr_all(flows).roots:
        # judged against the size of the discounted terms, which is what rounding scales with
        assert abs(npv(flows, root)) <= 1e-6 * max(discounted_magnitude(flows, root), 1e-12)


@settings(max_examples=100, deadline=None)
@given(flows=flows_strategy, factor=st.floats(min_value=0.001, max_value=1000))
def test_scaling_every_flow_keeps_the_irrs(flows: list[float], factor: float) -> None:
    assume(sum(abs(v) for v in flows) > 1e-3)
    original = irr_all(flows).roots
    scaled = irr_all([v * factor for v in flows]).roots
    assert len(original) == len(scaled)
    for a, b in zip(original, scaled, strict=True):
        assert math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


@settings(max_examples=100, deadline=None)
@given(
    investment=st.floats(min_value=1, max_value=1e6),
    returns=st.lists(st.floats(min_value=0.01, max_value=1e6), min_size=1, max_size=30),
)
def test_a_conventional_profile_has_at_most_one_irr(investment: float, returns: list[float]) -> None:
    result = irr_all([-investment, *returns])
    assert len(result.roots) <= 1
    flows = [-investment, *returns]
    if sum(returns) > investment and npv(flows, IRR_RANGE[1]) < 0:
        assert result.kind is IrrKind.UNIQUE
        assert result.single is not None and result.single > 0


@settings(max_examples=100, deadline=None)
@given(flows=flows_strategy, rate=st.floats(min_value=0.0, max_value=0.5))
def test_npv_is_linear_in_the_flows(flows: list[float], rate: float) -> None:
    doubled = npv([2 * v for v in flows], rate)
    assert doubled == pytest.approx(2 * npv(flows, rate), rel=1e-9, abs=1e-6)
