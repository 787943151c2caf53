"""The map with routes and bottlenecks, the saved route queries, and the edge table with its edit form."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.core.i18n import localized
from sco.core.users import signed_in
from sco.corridors import charts, project_effects, routing, selectors, services
from sco.corridors.forms import EdgeForm, RouteParamsForm
from sco.corridors.models import Edge
from sco.corridors.network import CORRIDORS


def corridor_label(code: str) -> str:
    labels = {
        "MC": _("Middle Corridor"),
        "NR": _("Northern route"),
        "NS": _("North-South corridor"),
        "": _("any route"),
    }
    return labels.get(code, code)


def _form_errors(form: RouteParamsForm) -> str:
    return "; ".join(f"{k}: {', '.join(str(m) for m in v)}" for k, v in form.errors.items())


def _routes(request: HttpRequest, chosen: list[str]) -> tuple[list[dict[str, Any]], list[str], routing.Params | None]:
    """The routes asked for on the map, each corridor on its own: one that fails is a message, the others show."""
    form = RouteParamsForm(request.GET)
    asked = doors.attempt(form, lambda data: selectors.params_from(data))
    if not asked.ok or asked.result is None:
        return [], [f"{asked.message} {_form_errors(form)}".strip()], None
    params = asked.result
    routes: list[dict[str, Any]] = []
    errors: list[str] = []
    for code in chosen or ["any"]:
        corridor = "" if code == "any" else code
        found = doors.attempt(
            None,
            lambda _data, corridor=corridor: selectors.route(  # type: ignore[misc]
                origin=request.GET.get("origin", ""),
                destination=request.GET.get("destination", ""),
                corridor=corridor,
                params=params,
            ),
        )
        if not found.ok or found.result is None:
            errors.append(f"{corridor_label(corridor)}: {found.message}")
            continue
        result = found.result
        result["label"] = corridor_label(corridor)
        routes.append(result)
    return routes, errors, params


def index(request: HttpRequest) -> HttpResponse:
    nodes = selectors.nodes_by_id()
    chosen = [c for c in request.GET.getlist("corridor") if c in CORRIDORS or c == "any"]
    asked = "origin" in request.GET
    routes: list[dict[str, Any]] = []
    errors: list[str] = []
    params = None
    if asked:
        routes, errors, params = _routes(request, chosen)
    scenarios = list(selectors.scenario_list(viewer=request.user))
    scenario_key = request.GET.get("scenario") or (scenarios[-1].key if scenarios else "")
    flow = None
    scenario = next((s for s in scenarios if s.key == scenario_key), None)
    if scenario is not None:
        ran = doors.attempt(None, lambda _data: selectors.flow_compute(scenario=scenario))
        flow = ran.result
        if not ran.ok:
            errors.append(ran.message)
    context = {
        "nodes": sorted(nodes.values(), key=lambda n: localized(n, "name")),
        "origin": request.GET.get("origin", "CN_XIAN"),
        "destination": request.GET.get("destination", "DE_DUISBURG"),
        "chosen": chosen or (["MC", "NR"] if not asked else ["any"]),
        "corridor_choices": [
            ("MC", corridor_label("MC")),
            ("NR", corridor_label("NR")),
            ("NS", corridor_label("NS")),
            ("any", corridor_label("")),
        ],
        "routes": routes,
        "errors": errors,
        "params": (params or routing.Params()).as_dict(),
        "scenarios": scenarios,
        "scenario": scenario,
        "flow": flow,
        "names": {n.id: localized(n, "name") for n in nodes.values()},
        "mode_labels": {m: charts.mode_label(m) for m in ("rail", "road", "ferry", "sea", "dwell")},
        "map_data": charts.map_data(selectors.graph(), nodes, routes, flow),
        "scenario_chart": charts.scenario_chart(scenarios),
        "query": request.GET.urlencode(),
    }
    return render(request, "corridors/index.html", context)


@login_required
@require_POST
def route_save(request: HttpRequest) -> HttpResponse:
    data = request.POST
    query = services.route_query_save(
        actor=request.user,
        origin=data.get("origin", ""),
        destination=data.get("destination", ""),
        corridor="" if data.get("corridor") in (None, "any") else data.get("corridor", ""),
        params={k: data[k] for k in routing.Params().as_dict() if data.get(k)},  # type: ignore[misc]
    )
    messages.success(request, _("The route query was saved with its parameters (no. %(id)s).") % {"id": query.pk})
    return HttpResponseRedirect(
        reverse("corridors:index")
        + "?"
        + urlencode(
            {
                "origin": query.origin,
                "destination": query.destination,
                "corridor": query.corridor or "any",
                **query.params,
            }
        )
    )


def edge_list(request: HttpRequest) -> HttpResponse:
    editable = project_effects.editable_countries(request.user) if signed_in(request.user) else set()
    edges = list(Edge.objects.select_related("source", "target").order_by("code"))
    rows = [
        {"edge": e, "mode": charts.mode_label(e.mode), "may_edit": editable is None or bool(editable & e.countries)}
        for e in edges
    ]
    return render(request, "corridors/edges.html", {"rows": rows})


@login_required
def edge_edit(request: HttpRequest, code: str) -> HttpResponse:
    edge = selectors.edge_get(code=code)
    initial = {f: getattr(edge, f) for f in EdgeForm.base_fields}
    form = EdgeForm(request.POST or None, initial=initial)

    def action(data: dict[str, Any]) -> Edge:
        return services.edge_update(actor=request.user, code=code, changes=data)

    return doors.submit(
        request,
        form,
        action,
        template="corridors/edge_form.html",
        context={"edge": edge},
        success=lambda e: reverse("corridors:edges"),
        message=_("The edge was changed; routes and flows now use the new figures."),
    )
