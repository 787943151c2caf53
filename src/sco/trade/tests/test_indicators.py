"""Hand-computed vectors for the indicators (a 3-country x 3-product world) and properties of the HHI variants."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sco.trade import indicators as ind

# Exports by country and product; the world is the three countries together.
X = {
    "A": {"p1": 60.0, "p2": 30.0, "p3": 10.0},
    "B": {"p1": 10.0, "p2": 10.0, "p3": 80.0},
    "C": {"p1": 30.0, "p2": 60.0, "p3": 10.0},
}
WORLD = {k: sum(x[k] for x in X.values()) for k in ("p1", "p2", "p3")}  # 100, 100, 100
TOTAL = sum(WORLD.values())  # 300


def test_rca_is_the_balassa_ratio() -> None:
    # A: share of p1 in its exports 0.6; share of p1 in world exports 100/300 -> 1.8
    assert ind.rca(X["A"]["p1"], 100, WORLD["p1"], TOTAL) == pytest.approx(1.8)
    assert ind.rca(X["B"]["p1"], 100, WORLD["p1"], TOTAL) == pytest.approx(0.3)
    assert ind.rca(5, 100, 0, TOTAL) is None  # zero world exports of k: undefined, not 0
    assert ind.rca(0, 0, 100, TOTAL) is None  # an exporter with no trade


def test_trade_intensity() -> None:
    # i sends 40 of its 100 to j; j takes 60 of the world's 300 -> (0.4) / (0.2) = 2
    assert ind.intensity(40, 100, 60, 300) == pytest.approx(2.0)
    assert ind.intensity(40, 100, 0, 300) is None


def test_complementarity_matches_the_wits_formula() -> None:
    imports_c = {"p1": 50.0, "p2": 25.0, "p3": 25.0}
    # |0.5-0.6| + |0.25-0.3| + |0.25-0.1| = 0.1 + 0.05 + 0.15 = 0.3 -> 100 * (1 - 0.15) = 85
    assert ind.complementarity(X["A"], imports_c) == pytest.approx(85.0)
    assert ind.complementarity(X["A"], {k: v * 7 for k, v in X["A"].items()}) == pytest.approx(100.0)
    assert ind.complementarity({"p1": 1.0}, {"p2": 1.0}) == pytest.approx(0.0)
    assert ind.complementarity({}, imports_c) is None


def test_hhi_variants_and_the_single_product_case() -> None:
    shares = [60.0, 30.0, 10.0]
    plain = 0.36 + 0.09 + 0.01
    assert ind.hhi(shares) == pytest.approx(plain)
    assert ind.hhi(shares, variant="wits") == pytest.approx((plain - 1 / 3) / (1 - 1 / 3))
    assert ind.hhi(shares, variant="unctad") == pytest.approx(
        (math.sqrt(plain) - math.sqrt(1 / 3)) / (1 - math.sqrt(1 / 3))
    )
    assert ind.hhi([5.0]) == 1.0 and ind.hhi([5.0], variant="wits") is None and ind.hhi([5.0], variant="unctad") is None
    assert ind.hhi([]) is None


def test_growth_cagr_share_openness_and_mirror_gap() -> None:
    assert ind.growth(106.5, 100) == pytest.approx(6.5)
    assert ind.growth(1, 0) is None and ind.growth(None, 1) is None
    assert ind.cagr(100, 121, 2) == pytest.approx(10.0)
    assert ind.share(25, 100) == 0.25 and ind.share(1, 0) is None
    assert ind.openness(30, 20, 100) == pytest.approx(0.5)
    assert ind.openness(30, 20, 100, variant="unctad") == pytest.approx(0.25)  # half the WITS value
    assert ind.mirror_gap(100, 112) == pytest.approx(12.0) and ind.mirror_gap(0, 5) is None


def test_every_indicator_has_a_formula_and_a_source() -> None:
    for d in ind.DEFINITIONS.values():
        assert d.formula and d.source


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=1e12, allow_nan=False), min_size=2, max_size=30))
def test_hhi_is_bounded_and_ignores_order_and_scale(values: list[float]) -> None:
    plain = ind.hhi(values)
    assert plain is not None and 1 / len(values) - 1e-9 <= plain <= 1 + 1e-9
    assert ind.hhi(list(reversed(values))) == pytest.approx(plain)
    assert ind.hhi([v * 3 for v in values]) == pytest.approx(plain)
    for variant in ("wits", "unctad"):
        normalised = ind.hhi(values, variant=variant)
        assert normalised is not None and -1e-9 <= normalised <= 1 + 1e-9
