"""What the trade monitor puts on the home page: trade among the members in the latest year of the data."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from sco.trade import indicators, queries, selectors


def trade_panel(request: HttpRequest) -> str | None:
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
