"""Reads of the trade monitor: member sets by date, the dashboard, a member, a pair, published figures beside the data.

The trade data is public: these reads take no viewer. Split by responsibility: `membership` (member sets and the
one lookup of a member state by ISO alpha-3), `board` (the dashboard, a member's partners, series), `reports`
(published figures, coverage, pairs, product indicators, imports).
"""

from sco.trade.selectors.board import (
    DEFAULT_DATASET,
    DEFAULT_REPORTER,
    Dashboard,
    PartnerRow,
    ReporterView,
    dashboard,
    data,
    dataset_get,
    files,
    member_series,
    reporter_view,
)
from sco.trade.selectors.membership import (
    MODES,
    MemberSet,
    member_codes_ever,
    member_set,
    member_state,
    members_by_year,
    states_by_iso3,
)
from sco.trade.selectors.reports import (
    Comparison,
    Coverage,
    ProductIndicators,
    coverage,
    imports_list,
    pair_view,
    product_indicators,
    published_beside_data,
    to_decimal_bn,
)

__all__ = [
    "DEFAULT_DATASET",
    "DEFAULT_REPORTER",
    "MODES",
    "Comparison",
    "Coverage",
    "Dashboard",
    "MemberSet",
    "PartnerRow",
    "ProductIndicators",
    "ReporterView",
    "coverage",
    "dashboard",
    "data",
    "dataset_get",
    "files",
    "imports_list",
    "member_codes_ever",
    "member_series",
    "member_set",
    "member_state",
    "members_by_year",
    "pair_view",
    "product_indicators",
    "published_beside_data",
    "reporter_view",
    "states_by_iso3",
    "to_decimal_bn",
]
