"""Every read of the financing part, scoped to the viewer, with a bounded number of queries. The modules:
``institutions`` (institutions, statuses, rates), ``project`` (a project's financing and its lookups),
``dashboards`` (portfolio and pipeline), ``common`` (visibility and the rate book)."""

from sco.financing.selectors.common import financeable, rate_book, visible_entries
from sco.financing.selectors.dashboards import (
    PORTFOLIO_ROWS,
    Pipeline,
    PipelineRow,
    Portfolio,
    PortfolioRow,
    pipeline,
    portfolio,
)
from sco.financing.selectors.institutions import (
    InstitutionView,
    financier_get,
    institution_get,
    institution_list,
    rate_imports,
    rate_list,
)
from sco.financing.selectors.project import (
    ProjectFinancing,
    TrancheView,
    entry_get,
    financial_close,
    financing_for,
    public_financing,
    public_plans,
    tranche_get,
    vote_get,
)

__all__ = [
    "PORTFOLIO_ROWS",
    "InstitutionView",
    "Pipeline",
    "PipelineRow",
    "Portfolio",
    "PortfolioRow",
    "ProjectFinancing",
    "TrancheView",
    "entry_get",
    "financeable",
    "financial_close",
    "financier_get",
    "financing_for",
    "institution_get",
    "institution_list",
    "pipeline",
    "portfolio",
    "public_financing",
    "public_plans",
    "rate_book",
    "rate_imports",
    "rate_list",
    "tranche_get",
    "visible_entries",
    "vote_get",
]
