"""What the trade monitor puts on the home page: trade among the members in the latest year of the data.

The figures come from DuckDB over the Parquet store, which costs tens of milliseconds; they change only with an
import. The rendered panel is a fragment (core.fragments) kept for every visitor alike, per language and day (the
member set of a year is read on the day), under a version that every write of an import replaces (trade.apps), so
every worker and every visitor reuses it, with no query, until one of those changes.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from sco.core import fragments
from sco.trade import indicators, queries, selectors

PANEL = "trade.home"
TIMEOUT = 24 * 3600


def trade_panel(request: HttpRequest) -> str | None:
    day = timezone.now().date().isoformat()
    panel = fragments.cached(PANEL, None, lambda: _render(request) or "", extra=day, timeout=TIMEOUT)
    return panel or None


def _render(request: HttpRequest) -> str | None:
    coverage = {c.dataset.code: c for c in selectors.coverage()}
    shipped = coverage.get(selectors.DEFAULT_DATASET)
    if shipped is None:
        return None
    chosen = selectors.member_set(mode="year", year=shipped.last)
    with selectors.data(shipped.dataset.code) as con:
        total = queries.intra_total(con, dataset=shipped.dataset.code, year=shipped.last, members=chosen.codes)
        before = queries.intra_total(con, dataset=shipped.dataset.code, year=shipped.last - 1, members=chosen.codes)
    return render_to_string(
        "trade/partials/_home.html",
        {"coverage": shipped, "members": chosen, "total": total, "growth": indicators.growth(total, before)},
        request=request,
    )
