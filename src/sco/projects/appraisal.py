"""Project appraisal: discounted cash-flow indicators computed from a yearly cash-flow table.

Pure module (no Django). Money comes in as ``Decimal`` (or anything ``float()`` accepts) and the
analytics run in binary floating point: discounting is an approximation anyway, and the results are
rounded only when shown. Conventions, fixed here so tests and pages agree:

* The first row of the table is year t = 0 and is not discounted (numpy-financial's ``npv``
  convention, and the one the EU Guide to Cost-Benefit Analysis of Investment Projects (2014) uses
  in its discount factor ``a_t = 1 / (1 + i)^t``); spreadsheets' ``NPV()`` starts at t = 1 instead.
* Financial net flow = revenues - capex - opex. Economic net flow = economic benefits - capex - opex,
  where "economic benefits" are all benefits valued at economic (shadow) prices, including what the
  revenues stand for; the caller converts costs to economic prices before calling if they differ.
* An internal rate of return is any rate r > -100 % with NPV(r) = 0. A cash-flow profile that
  changes sign more than once can have several such rates or none; we return all of them (within
  ``IRR_RANGE``) and never pick one.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

import numpy as np

# Rates searched for IRRs: from -99 % to +1,000 % a year. Outside this band a "rate of return" says
# nothing a reader can use, and the polynomial becomes numerically meaningless.
IRR_RANGE: tuple[float, float] = (-0.99, 10.0)

Number = Decimal | float | int


def _f(value: Number) -> float:
    return float(value)


@dataclass(frozen=True)
class YearFlows:
    """One row of the cash-flow table: amounts for one year, all in the same currency and price base."""

    year: int
    capex: Number = 0
    opex: Number = 0
    revenues: Number = 0
    economic_benefits: Number = 0


class IrrKind(StrEnum):
    NONE = "none"  # no rate in IRR_RANGE makes NPV zero
    UNIQUE = "unique"
    MULTIPLE = "multiple"


@dataclass(frozen=True)
class IrrResult:
    """Every IRR of a flow series, with what a reader needs to judge them."""

    roots: tuple[float, ...]
    sign_changes: int

    @property
    def kind(self) -> IrrKind:
        if not self.roots:
            return IrrKind.NONE
        return IrrKind.UNIQUE if len(self.roots) == 1 else IrrKind.MULTIPLE

    @property
    def conventional(self) -> bool:
        """True when the net flows change sign exactly once (then there is at most one IRR)."""
        return self.sign_changes == 1

    @property
    def single(self) -> float | None:
        """The IRR when there is exactly one, else None: callers that want one number must handle both cases."""
        return self.roots[0] if len(self.roots) == 1 else None


def npv(flows: Sequence[Number], rate: Number) -> float:
    """Net present value of ``flows`` (year 0 first, undiscounted) at ``rate`` a year."""
    r = _f(rate)
    if r <= -1.0:
        raise ValueError("rate must be greater than -100 %")
    total = 0.0
    factor = 1.0
    step = 1.0 / (1.0 + r)
    for value in flows:
        total += _f(value) * factor
        factor *= step
    return total


def sign_changes(flows: Sequence[Number]) -> int:
    """How many times the sign changes along the series, zeros skipped (Descartes' rule bounds the IRR count by it)."""
    signs = [math.copysign(1.0, _f(v)) for v in flows if _f(v) != 0.0]
    return sum(1 for a, b in itertools.pairwise(signs) if a != b)


def _refine(values: np.ndarray, rate: float) -> float:
    """A few Newton steps on NPV(r) from a root estimate; the polynomial root is only as good as the eigen-solver."""
    t = np.arange(values.size, dtype=float)
    r = rate
    for _ in range(50):
        if r <= -1.0:
            return rate
        disc = (1.0 + r) ** -t
        f = float(np.dot(values, disc))
        d = float(np.dot(values, -t * disc / (1.0 + r)))
        if d == 0.0 or not math.isfinite(d):
            break
        step = f / d
        r_next = r - step
        if not math.isfinite(r_next):
            break
        r = r_next
        if abs(step) < 1e-14 * max(1.0, abs(r)):
            break
    return r


def _bisect(fn: Callable[[float], float], lo: float, hi: float) -> float:
    f_lo = fn(lo)
    for _ in range(200):
        mid = (lo + hi) / 2.0
        f_mid = fn(mid)
        if f_mid == 0.0:
            return mid
        if (f_mid < 0.0) == (f_lo < 0.0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    return (lo + hi) / 2.0


def discounted_magnitude(flows: Sequence[Number], rate: float) -> float:
    """The sum of the discounted flows' absolute values: the size against which an NPV of zero is judged."""
    factor = 1.0 / (1.0 + rate)
    return sum(abs(_f(c)) * factor**t for t, c in enumerate(flows))


def irr_all(flows: Sequence[Number], *, bounds: tuple[float, float] = IRR_RANGE) -> IrrResult:
    """Every internal rate of return of ``flows`` within ``bounds``, ascending, each verified.

    NPV(r) = sum c_t x^t with x = 1 / (1 + r) is a polynomial in x; its positive real roots give the
    candidate rates. Each candidate is polished with Newton's method and kept only if NPV at it is
    zero to within a tolerance scaled to the flows. A scan for sign changes on a fine grid, closed by
    bisection, catches any root the eigen-solver lost.
    """
    values = np.array([_f(v) for v in flows], dtype=float)
    changes = sign_changes(flows)
    if values.size < 2 or changes == 0:
        return IrrResult(roots=(), sign_changes=changes)
    scale = float(np.abs(values).sum())
    lo, hi = bounds

    def fn(r: float) -> float:
        return npv(values.tolist(), r)

    def tolerance(r: float) -> float:
        # The NPV at a true root is zero up to rounding in the sum, and that rounding grows with the
        # discounted terms (at r near -1 they dwarf the flows themselves); allow a relative error well
        # above float rounding but far below any amount that matters.
        return 1e-9 * discounted_magnitude(values.tolist(), r)

    candidates: list[float] = []
    # np.roots wants the highest power first: c_n x^n + ... + c_0.
    normalised = values / scale
    # Amounts below a billionth of the whole are rounding noise; left in, they make the leading
    # coefficient tiny and the companion matrix overflow.
    normalised[np.abs(normalised) < 1e-12] = 0.0
    try:
        polynomial_roots = np.roots(normalised[::-1])
    except np.linalg.LinAlgError:
        polynomial_roots = np.array([], dtype=complex)
    for x in polynomial_roots:
        if not np.isfinite(x) or abs(x.imag) > 1e-6 * max(1.0, abs(x.real)) or x.real <= 0.0:
            continue
        candidates.append(_refine(values, 1.0 / x.real - 1.0))
    grid = np.concatenate([np.linspace(lo, 0.0, 400, endpoint=False), np.geomspace(1e-4, hi, 1200)])
    grid = np.concatenate([[lo], np.sort(grid), [hi]])
    previous_r, previous_f = float(grid[0]), fn(float(grid[0]))
    for r in grid[1:]:
        f_r = fn(float(r))
        if previous_f == 0.0:
            candidates.append(previous_r)
        elif (f_r < 0.0) != (previous_f < 0.0) and f_r != 0.0:
            candidates.append(_bisect(fn, previous_r, float(r)))
        previous_r, previous_f = float(r), f_r
    roots: list[float] = []
    for r in sorted(candidates):
        if not (lo <= r <= hi) or not math.isfinite(r):
            continue
        if abs(fn(r)) > tolerance(r):
            continue
        if roots and abs(r - roots[-1]) <= 1e-7 * max(1.0, abs(r)):
            continue
        roots.append(float(r))
    return IrrResult(roots=tuple(roots), sign_changes=changes)


@dataclass(frozen=True)
class Payback:
    years: float | None  # None: the cumulative flow never turns non-negative within the table


def payback(flows: Sequence[Number], *, rate: Number | None = None) -> Payback:
    """Years from year 0 until the cumulative (discounted, if ``rate`` is given) net flow first reaches zero
    and stays there, interpolated linearly within the year it crosses."""
    values = [_f(v) for v in flows]
    if rate is not None:
        r = _f(rate)
        values = [v / (1.0 + r) ** t for t, v in enumerate(values)]
    cumulative: list[float] = []
    running = 0.0
    for v in values:
        running += v
        cumulative.append(running)
    if not cumulative or cumulative[-1] < 0.0:
        return Payback(years=None)
    # The last index at which the cumulative flow is negative; payback comes after it for good.
    last_negative = max((t for t, c in enumerate(cumulative) if c < 0.0), default=None)
    if last_negative is None:
        return Payback(years=0.0)
    before = cumulative[last_negative]
    gained = values[last_negative + 1]
    fraction = -before / gained if gained else 1.0
    return Payback(years=last_negative + fraction)


def discount_sum(values: Iterable[Number], rate: Number) -> float:
    return npv(list(values), rate)


@dataclass(frozen=True)
class Indicators:
    fnpv: float
    firr: IrrResult
    enpv: float
    eirr: IrrResult
    bcr: float | None  # None when the present value of costs is zero
    payback_years: float | None
    discounted_payback_years: float | None


@dataclass(frozen=True)
class CashFlowTable:
    """A yearly cash-flow table with the two rates it is appraised at."""

    rows: tuple[YearFlows, ...]
    financial_rate: Number
    social_rate: Number

    def __post_init__(self) -> None:
        years = [row.year for row in self.rows]
        if not years:
            raise ValueError("the table needs at least one year")
        if years != list(range(years[0], years[0] + len(years))):
            raise ValueError("years must be consecutive, ascending and without gaps")

    @property
    def costs(self) -> list[float]:
        return [_f(r.capex) + _f(r.opex) for r in self.rows]

    @property
    def financial_net(self) -> list[float]:
        return [_f(r.revenues) - _f(r.capex) - _f(r.opex) for r in self.rows]

    @property
    def economic_net(self) -> list[float]:
        return [_f(r.economic_benefits) - _f(r.capex) - _f(r.opex) for r in self.rows]

    def indicators(self) -> Indicators:
        pv_costs = discount_sum(self.costs, self.social_rate)
        pv_benefits = discount_sum((r.economic_benefits for r in self.rows), self.social_rate)
        return Indicators(
            fnpv=npv(self.financial_net, self.financial_rate),
            firr=irr_all(self.financial_net),
            enpv=npv(self.economic_net, self.social_rate),
            eirr=irr_all(self.economic_net),
            bcr=(pv_benefits / pv_costs) if pv_costs else None,
            payback_years=payback(self.economic_net).years,
            discounted_payback_years=payback(self.economic_net, rate=self.social_rate).years,
        )

    def scaled(self, *, costs: float = 1.0, benefits: float = 1.0) -> CashFlowTable:
        rows = tuple(
            replace(
                r,
                capex=_f(r.capex) * costs,
                opex=_f(r.opex) * costs,
                revenues=_f(r.revenues) * benefits,
                economic_benefits=_f(r.economic_benefits) * benefits,
            )
            for r in self.rows
        )
        return replace(self, rows=rows)

    def delayed(self, years: int) -> CashFlowTable:
        """Operation starts ``years`` later: revenues, benefits and operating costs move later, capital
        costs stay where they are, and the appraisal horizon does not grow (what falls past it is lost)."""
        n = len(self.rows)

        def shift(values: list[float]) -> list[float]:
            return ([0.0] * years + values)[:n]

        opex = shift([_f(r.opex) for r in self.rows])
        revenues = shift([_f(r.revenues) for r in self.rows])
        benefits = shift([_f(r.economic_benefits) for r in self.rows])
        rows = tuple(
            replace(r, opex=opex[i], revenues=revenues[i], economic_benefits=benefits[i])
            for i, r in enumerate(self.rows)
        )
        return replace(self, rows=rows)


class Scenario(StrEnum):
    BASE = "base"
    COSTS_UP_20 = "costs_plus_20"
    BENEFITS_DOWN_20 = "benefits_minus_20"
    DELAY_1 = "delay_1_year"
    DELAY_2 = "delay_2_years"


@dataclass(frozen=True)
class SwitchingValues:
    """Percentage change in a variable, alone, that brings the NPV to zero (None when no change can)."""

    costs_for_enpv: float | None
    benefits_for_enpv: float | None
    costs_for_fnpv: float | None
    revenues_for_fnpv: float | None


@dataclass(frozen=True)
class Appraisal:
    table: CashFlowTable
    base: Indicators
    sensitivity: dict[Scenario, Indicators] = field(default_factory=dict)
    switching: SwitchingValues | None = None


def switching_values(table: CashFlowTable) -> SwitchingValues:
    """NPV is linear in a scaling of costs or of benefits, so the switching value has a closed form:
    ENPV + s * PV(costs) * (-1) = 0 gives s = ENPV / PV(costs), and likewise for benefits."""
    pv_costs_s = discount_sum(table.costs, table.social_rate)
    pv_benefits_s = discount_sum((r.economic_benefits for r in table.rows), table.social_rate)
    pv_costs_f = discount_sum(table.costs, table.financial_rate)
    pv_revenues_f = discount_sum((r.revenues for r in table.rows), table.financial_rate)
    enpv = npv(table.economic_net, table.social_rate)
    fnpv = npv(table.financial_net, table.financial_rate)

    def ratio(numerator: float, denominator: float) -> float | None:
        return numerator / denominator if denominator else None

    return SwitchingValues(
        costs_for_enpv=ratio(enpv, pv_costs_s),
        benefits_for_enpv=ratio(-enpv, pv_benefits_s),
        costs_for_fnpv=ratio(fnpv, pv_costs_f),
        revenues_for_fnpv=ratio(-fnpv, pv_revenues_f),
    )


def appraise(table: CashFlowTable) -> Appraisal:
    """Base-case indicators, the standard sensitivity table and the switching values."""
    scenarios = {
        Scenario.BASE: table,
        Scenario.COSTS_UP_20: table.scaled(costs=1.2),
        Scenario.BENEFITS_DOWN_20: table.scaled(benefits=0.8),
        Scenario.DELAY_1: table.delayed(1),
        Scenario.DELAY_2: table.delayed(2),
    }
    return Appraisal(
        table=table,
        base=scenarios[Scenario.BASE].indicators(),
        sensitivity={name: t.indicators() for name, t in scenarios.items()},
        switching=switching_values(table),
    )
