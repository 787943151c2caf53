"""Trade indicators as published by WITS (World Bank) and UNCTAD, each with its formula, source and variant.

Pure functions, no Django import. Shares are fractions (0-1); growth rates are percentages. A value that the
definition leaves undefined (a zero denominator, one product for a normalised HHI) is None, never 0.
Notation (WITS): i reporter, j partner, k product, w world; x exports, m imports; X, M totals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

WITS_HELP = "World Bank WITS, Trade Outcomes Indicators help (https://wits.worldbank.org/WITS/WITS/TradeIndicatorsHelp/TradeOutcomes_Help.htm)"
WITS_METADATA = "World Bank WITS, country profile indicator metadata (https://wits.worldbank.org/CountryProfile/Metadata/en/Indicator/Trade)"
UNCTAD_HBS = "UNCTAD Handbook of Statistics, calculation methods (https://hbs.unctad.org/calculation-methods/)"


@dataclass(frozen=True)
class Definition:
    key: str
    formula: str
    source: str
    variant: str = ""


DEFINITIONS: dict[str, Definition] = {
    d.key: d
    for d in [
        Definition(
            "growth", "g_t = (V_t / V_{t-1} - 1) x 100", WITS_METADATA, "year on year, same member set in both years"
        ),
        Definition("cagr", "CAGR = (V_T / V_0)^(1/(T-0)) - 1", WITS_HELP),
        Definition("share", "s_ij = (x_ij + m_ij) / (X_i + M_i)", WITS_HELP, "turnover share (exports + imports)"),
        Definition(
            "intensity",
            "TII_ij = (x_ij / X_i) / (x_wj / X_w)",
            WITS_HELP + "; X_w: UNCTAD Handbook of Statistics (https://hbs.unctad.org/total-merchandise-trade/)",
            "world total includes the reporter (WITS); some authors drop it; x_wj here: j's imports from the World "
            "(mirror, CIF)",
        ),
        Definition(
            "rca",
            "RCA_ik = (x_ik / X_i) / (x_wk / X_w)",
            WITS_HELP + "; Balassa (1965)",
            "world = all reporters in the dataset",
        ),
        Definition(
            "complementarity",
            "TC_ij = 100 x (1 - sum_k |m_jk - x_ik| / 2)",
            WITS_HELP,
            "m_jk, x_ik: shares of k in j's imports, i's exports",
        ),
        Definition("hhi", "HHI = sum s^2", "CRAN comtrade::ct_hhi (plain, 0-1 here)", "plain"),
        Definition(
            "hhi_wits", "HHI* = (sum s^2 - 1/N) / (1 - 1/N)", WITS_METADATA, "WITS normalised; no value when N = 1"
        ),
        Definition("hhi_unctad", "H = (sqrt(sum s^2) - sqrt(1/N)) / (1 - sqrt(1/N))", UNCTAD_HBS, "UNCTAD normalised"),
        Definition(
            "openness",
            "(X + M) / GDP",
            WITS_HELP + "; GDP: World Bank WDI NY.GDP.MKTP.CD (https://data.worldbank.org/indicator/NY.GDP.MKTP.CD)",
            "WITS; UNCTAD uses ((X + M) / 2) / GDP, half the WITS value; goods only here",
        ),
        Definition(
            "mirror_gap",
            "gap = (m_ji - x_ij) / x_ij x 100",
            "WITS help on mirror data (imports CIF vs exports FOB, 10-20% expected)",
            "partner's imports vs reporter's exports",
        ),
    ]
}


def growth(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None or previous == 0:
        return None
    return (current / previous - 1) * 100


def cagr(first: float, last: float, years: int) -> float | None:
    if years <= 0 or first <= 0 or last < 0:
        return None
    return float(((last / first) ** (1 / years) - 1) * 100)


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def intensity(x_ij: float, x_i: float, x_wj: float, x_w: float) -> float | None:
    """Trade intensity index: share of j in i's exports over share of j in world exports."""
    if not x_i or not x_w or not x_wj:
        return None
    return (x_ij / x_i) / (x_wj / x_w)


def rca(x_ik: float, x_i: float, x_wk: float, x_w: float) -> float | None:
    """Balassa's revealed comparative advantage."""
    if not x_i or not x_w or not x_wk:
        return None
    return (x_ik / x_i) / (x_wk / x_w)


def complementarity(exports_i: Mapping[str, float], imports_j: Mapping[str, float]) -> float | None:
    """How well i's export mix matches j's import mix, 0 (none) to 100 (perfect)."""
    total_x, total_m = sum(exports_i.values()), sum(imports_j.values())
    if not total_x or not total_m:
        return None
    products = set(exports_i) | set(imports_j)
    gap = sum(abs(imports_j.get(k, 0) / total_m - exports_i.get(k, 0) / total_x) for k in products)
    return 100 * (1 - gap / 2)


def hhi(values: Mapping[str, float] | list[float], *, variant: str = "plain") -> float | None:
    """Concentration of a distribution (over partners or products). Variants: plain, wits, unctad."""
    amounts = [v for v in (values.values() if isinstance(values, Mapping) else values) if v > 0]
    total, n = sum(amounts), len(amounts)
    if not total:
        return None
    plain = sum((v / total) ** 2 for v in amounts)
    if variant == "plain":
        return plain
    if n == 1:
        return None  # WITS: "if a country exports only a single product, then the indicator returns no value"
    if variant == "wits":
        return (plain - 1 / n) / (1 - 1 / n)
    if variant == "unctad":
        return (math.sqrt(plain) - math.sqrt(1 / n)) / (1 - math.sqrt(1 / n))
    raise ValueError(f"unknown HHI variant {variant!r}")


def openness(exports: float, imports: float, gdp: float, *, variant: str = "wits") -> float | None:
    if not gdp:
        return None
    trade = exports + imports
    return (trade if variant == "wits" else trade / 2) / gdp


def mirror_gap(reported_exports: float | None, partner_imports: float | None) -> float | None:
    """How much more (per cent) the partner says it imported (CIF) than the reporter says it exported (FOB)."""
    if not reported_exports or partner_imports is None:
        return None
    return (partner_imports / reported_exports - 1) * 100
