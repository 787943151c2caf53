"""HTML pages and downloads: thin over selectors. Domain errors escape to ScoErrorMiddleware."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sco.core.doors import submit
from sco.core.i18n import localized
from sco.members.permissions import is_secretariat
from sco.trade import exports, indicators, queries, selectors, services
from sco.trade.errors import UnknownCountry
from sco.trade.forms import ImportForm

# What a person reads about each indicator, beside indicators.DEFINITIONS (formula and source).
INDICATORS: list[tuple[str, Any, Any]] = [
    ("growth", gettext_lazy("Growth"), gettext_lazy("Year on year; both years with the same member set.")),
    ("cagr", gettext_lazy("Compound annual growth"), ""),
    ("share", gettext_lazy("Share of a partner"), gettext_lazy("Turnover share: exports plus imports.")),
    (
        "intensity",
        gettext_lazy("Trade intensity"),
        gettext_lazy(
            "WITS keeps the reporter in the world total; some authors drop it. Here the world's exports to a partner "
            "are the partner's imports from the World (CIF, mirror variant) and world exports are UNCTAD's "
            "(data/world_exports.csv, 2019 and 2020 only; other years: not available)."
        ),
    ),
    ("rca", gettext_lazy("Revealed comparative advantage"), gettext_lazy("Needs product detail (Comtrade or BACI).")),
    (
        "complementarity",
        gettext_lazy("Trade complementarity"),
        gettext_lazy("Needs product detail (Comtrade or BACI)."),
    ),
    ("hhi", gettext_lazy("Concentration (HHI)"), gettext_lazy("Plain; shown here over the member partners.")),
    ("hhi_wits", gettext_lazy("Concentration, WITS normalised"), gettext_lazy("No value when there is one partner.")),
    ("hhi_unctad", gettext_lazy("Concentration, UNCTAD normalised"), ""),
    (
        "openness",
        gettext_lazy("Openness"),
        gettext_lazy(
            "Goods only (the dataset's trade with the World) over the World Bank's GDP in current US dollars "
            "(data/gdp_world_bank.csv, 1992-2020). UNCTAD's variant is half the WITS value; both are shown."
        ),
    ),
    (
        "mirror_gap",
        gettext_lazy("Mirror gap"),
        gettext_lazy("The partner's imports (CIF) against the reporter's exports (FOB)."),
    ),
]


def _names() -> dict[str, str]:
    names = {iso3: localized(state, "name") for iso3, state in selectors.states_by_iso3().items()}
    names["WLD"] = _("World")
    return names


def _fixed(request: HttpRequest) -> list[str]:
    return [c[:3] for c in request.GET.getlist("members")][:20]


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and len(value) == 4 else None


def _million(value: float | None) -> float | None:
    return None if value is None else round(value / 1e6, 2)


def dashboard_page(request: HttpRequest) -> HttpResponse:
    mode = request.GET.get("set", "year")
    reporter = selectors.member_state(
        code=request.GET.get("reporter", selectors.DEFAULT_REPORTER), field="reporter"
    ).iso3
    board = selectors.dashboard(
        dataset=request.GET.get("dataset", selectors.DEFAULT_DATASET)[:40],
        year=_year(request),
        mode=mode,
        fixed=_fixed(request),
        reporter=reporter,
    )
    names = _names()
    charts: list[dict[str, Any]] = []
    if board.reporter is not None and board.members is not None:
        rows = [r for r in board.reporter.rows if r.total is not None]
        charts.append(
            {
                "id": "chart-partners",
                "kind": "bar",
                "title": _("%(state)s: trade with each member, %(year)s, US$ million")
                % {"state": names[reporter], "year": board.year},
                "x": [names.get(r.partner, r.partner) for r in rows],
                "series": [
                    {"name": _("Exports"), "y": [_million(r.exports) for r in rows]},
                    {"name": _("Imports"), "y": [_million(r.imports) for r in rows]},
                ],
            }
        )
        charts.append(
            {
                "id": "chart-series",
                "kind": "line",
                "title": _("%(state)s: trade with SCO members by year, US$ million") % {"state": names[reporter]},
                "x": [s["year"] for s in board.series],
                "series": [{"name": board.members.label, "y": [_million(s["value"]) for s in board.series]}],  # type: ignore[arg-type]
            }
        )
        codes = list(board.members.codes)
        charts.append(
            {
                "id": "chart-matrix",
                "kind": "heatmap",
                "title": _("Exports reported by each member (rows) to each member (columns), %(year)s, US$ million")
                % {"year": board.year},
                "x": [names.get(c, c) for c in codes],
                "y": [names.get(c, c) for c in codes],
                "z": [[_million(board.matrix.get((a, b))) for b in codes] for a in codes],
            }
        )
    context = {
        "board": board,
        "names": names,
        "reporter": reporter,
        "mode": mode if mode in selectors.MODES else "year",
        "fixed": set(_fixed(request)) or set(board.members.codes if board.members else ()),
        "member_states": sorted(selectors.member_codes_ever(), key=lambda c: names.get(c, c)),
        "coverage": selectors.coverage(),
        "comparisons": selectors.published_beside_data(reporter=reporter),
        "charts": charts,
        "datasets": [c.dataset for c in selectors.coverage()],
        "query": request.GET.urlencode(),
    }
    return render(request, "trade/dashboard.html", context)


def member_page(request: HttpRequest, code: str) -> HttpResponse:
    state = selectors.member_state(code=code)
    dataset = request.GET.get("dataset", selectors.DEFAULT_DATASET)[:40]
    selectors.dataset_get(dataset)
    names = _names()
    with selectors.data(dataset) as con:
        years = queries.years(con, dataset)
        series = selectors.member_series(con, dataset=dataset, reporter=state.iso3, years=years, mode="year", fixed=())
        last = years[-1] if years else None
        view, products = None, None
        if last is not None:
            chosen = selectors.member_set(mode="year", year=last)
            codes = chosen.codes if state.iso3 in chosen.codes else (state.iso3, *chosen.codes)
            view = selectors.reporter_view(con, dataset=dataset, reporter=state.iso3, year=last, codes=codes)
            products = selectors.product_indicators(
                con, dataset=dataset, reporter=state.iso3, year=last, partners=chosen.codes
            )
    charts = [
        {
            "id": "chart-series",
            "kind": "line",
            "title": _("%(state)s: trade with the members of each year, US$ million") % {"state": names[state.iso3]},
            "x": [s["year"] for s in series],
            "series": [{"name": _("Trade with members"), "y": [_million(s["value"]) for s in series]}],  # type: ignore[arg-type]
        }
    ]
    return render(
        request,
        "trade/member.html",
        {
            "state": state,
            "names": names,
            "series": series,
            "missing_years": _missing_years(years, series, state.iso3),
            "view": view,
            "products": products,
            "last": last,
            "dataset": selectors.dataset_get(dataset),
            "comparisons": selectors.published_beside_data(reporter=state.iso3),
            "charts": charts,
        },
    )


def _missing_years(years: list[int], series: list[dict[str, Any]], iso3: str) -> list[int]:
    """Years of the dataset, while the state was a member, for which it reports no trade with the members."""
    if not years:
        return []
    member_years = selectors.members_by_year(list(range(years[0], years[-1] + 1)))
    shown = {s["year"] for s in series}
    return [y for y, codes in member_years.items() if iso3 in codes and y not in shown]


def pair_page(request: HttpRequest, a: str, b: str) -> HttpResponse:
    first, second = selectors.member_state(code=a), selectors.member_state(code=b)
    if first.pk == second.pk:
        raise UnknownCountry(code=b)
    dataset = request.GET.get("dataset", selectors.DEFAULT_DATASET)[:40]
    ds = selectors.dataset_get(dataset)
    rows = selectors.pair_view(dataset=dataset, a=first.iso3, b=second.iso3)
    names = _names()
    charts = [
        {
            "id": "chart-pair",
            "kind": "line",
            "title": _("Both sides' reports, US$ million"),
            "x": [r["year"] for r in rows],
            "series": [
                {
                    "name": _("%(a)s's exports to %(b)s") % {"a": names[first.iso3], "b": names[second.iso3]},
                    "y": [_million(r["a_exports"]) for r in rows],  # type: ignore[arg-type]
                },
                {
                    "name": _("%(b)s's imports from %(a)s") % {"a": names[first.iso3], "b": names[second.iso3]},
                    "y": [_million(r["b_imports"]) for r in rows],  # type: ignore[arg-type]
                },
            ],
        }
    ]
    return render(
        request,
        "trade/pair.html",
        {"a": first, "b": second, "rows": rows, "names": names, "dataset": ds, "charts": charts},
    )


def indicators_page(request: HttpRequest) -> HttpResponse:
    rows = [(name, indicators.DEFINITIONS[key], note) for key, name, note in INDICATORS]
    return render(request, "trade/indicators.html", {"rows": rows, "coverage": selectors.coverage()})


def imports_page(request: HttpRequest) -> HttpResponse:
    """The list of imports; the secretariat also gets the upload form (the service asks the permission)."""

    def action(data: dict[str, Any]) -> services.ImportResult:
        upload = data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload.csv"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            return services.trade_import(
                actor=request.user, path=path, dataset=data["dataset"] or None, file_name=upload.name
            )

    def message(result: services.ImportResult) -> str:
        if not result.created:
            return _("This file was imported before: nothing changed.")
        return _("%(rows)s rows imported.") % {"rows": result.record.rows}

    return submit(
        request,
        ImportForm(request.POST or None, request.FILES or None),
        action,
        template="trade/imports.html",
        context={
            "imports": selectors.imports_list(),
            "coverage": selectors.coverage(),
            "may_import": is_secretariat(request.user),
        },
        success=lambda _result: reverse("trade:imports"),
        message=message,
    )


def download(request: HttpRequest, fmt: str) -> FileResponse:
    spec = exports.ExportSpec.from_params(request.GET)
    return exports.response(spec, fmt)
