"""The HTML door of the corridors part: the map with routes and bottlenecks, the edge table and its edit form,
and the section on a project page (through the project_panel hook)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.core.errors import ScoError
from sco.core.i18n import localized
from sco.corridors import charts, project_effects, selectors, services
from sco.corridors.forms import EDIT_LABELS, EdgeForm, ProjectEditForm
from sco.corridors.models import Edge
from sco.corridors.network import CORRIDORS
from sco.projects import selectors as project_selectors


def corridor_label(code: str) -> str:
    labels = {
        "MC": _("Middle Corridor"),
        "NR": _("Northern route"),
        "NS": _("North-South corridor"),
        "": _("any route"),
    }
    return labels.get(code, code)


def index(request: HttpRequest) -> HttpResponse:
    nodes = selectors.nodes_by_id()
    origin = request.GET.get("origin", "CN_XIAN")
    destination = request.GET.get("destination", "DE_DUISBURG")
    chosen = [c for c in request.GET.getlist("corridor") if c in CORRIDORS or c == "any"]
    asked = "origin" in request.GET
    routes: list[dict[str, Any]] = []
    errors: list[str] = []
    params = None
    if asked:
        try:
            params = selectors.params_from(request.GET.dict())
        except ScoError as exc:
            errors.append(exc.message + " " + "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.field_errors.items()))
        for code in chosen or ["any"]:
            if params is None:
                break
            corridor = "" if code == "any" else code
            try:
                result = selectors.route(origin=origin, destination=destination, corridor=corridor, params=params)
            except ScoError as exc:
                errors.append(f"{corridor_label(corridor)}: {exc.message}")
                continue
            result["label"] = corridor_label(corridor)
            routes.append(result)
    scenarios = list(selectors.scenario_list(viewer=request.user))
    scenario_key = request.GET.get("scenario") or (scenarios[-1].key if scenarios else "")
    flow = None
    scenario = next((s for s in scenarios if s.key == scenario_key), None)
    if scenario is not None:
        try:
            flow = selectors.flow_compute(scenario=scenario)
        except ScoError as exc:
            errors.append(exc.message)
    g = selectors.graph()
    context = {
        "nodes": sorted(nodes.values(), key=lambda n: localized(n, "name")),
        "origin": origin,
        "destination": destination,
        "chosen": chosen or (["MC", "NR"] if not asked else ["any"]),
        "corridor_choices": [
            ("MC", corridor_label("MC")),
            ("NR", corridor_label("NR")),
            ("NS", corridor_label("NS")),
            ("any", corridor_label("")),
        ],
        "routes": routes,
        "errors": errors,
        "params": (params or selectors.params_from({})).as_dict(),
        "scenarios": scenarios,
        "scenario": scenario,
        "flow": flow,
        "names": {n.id: localized(n, "name") for n in nodes.values()},
        "mode_labels": {m: charts.mode_label(m) for m in ("rail", "road", "ferry", "sea", "dwell")},
        "map_data": charts.map_data(g, nodes, routes, flow),
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
        params={k: data[k] for k in selectors.params_from({}).as_dict() if data.get(k)},  # type: ignore[misc]
    )
    from django.contrib import messages

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
    editable = project_effects.editable_countries(request.user) if request.user.is_authenticated else set()
    edges = list(Edge.objects.select_related("source", "target").order_by("code"))
    rows = [{"edge": e, "may_edit": editable is None or bool(editable & e.countries)} for e in edges]
    return render(request, "corridors/edges.html", {"rows": rows})


@login_required
def edge_edit(request: HttpRequest, code: str) -> HttpResponse:
    edge = Edge.objects.select_related("source", "target").filter(code=code).first()
    if edge is None:
        from sco.corridors.errors import EdgeNotFound

        raise EdgeNotFound(code=code)
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


@login_required
@require_POST
def project_edit_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id, related=False)
    form = ProjectEditForm(request.POST, edges=list(Edge.objects.values_list("code", flat=True)))
    target = reverse("projects:detail", args=[project.pk]) + "#corridors"
    if not form.is_valid():
        from django.contrib import messages

        messages.error(request, "; ".join(f"{k}: {' '.join(str(m) for m in v)}" for k, v in form.errors.items()))
        return HttpResponseRedirect(target)
    services.project_edit_add(
        actor=request.user,
        project=project,
        edge_code=form.cleaned_data["edge"],
        kind=form.cleaned_data["kind"],
        value=form.cleaned_data["value"],
        note=form.cleaned_data["note"],
    )
    return HttpResponseRedirect(target)


@login_required
@require_POST
def project_edit_remove(request: HttpRequest, project_id: int, edit_id: int) -> HttpResponse:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id, related=False)
    services.project_edit_remove(actor=request.user, project=project, edit_id=edit_id)
    return HttpResponseRedirect(reverse("projects:detail", args=[project.pk]) + "#corridors")


def project_panel(request: HttpRequest, project: Any) -> str | None:
    """The corridor section of a project page: its edits and what they change, before and after.

    For a reader who may not link the project it comes from the cache under the project's revision (raised by
    every edit, network change and shared scenario: services.touch_linked_projects), so the page costs no query
    more; a person who may link it gets it fresh, with the form."""
    may_edit = _may_link(request.user, project)
    key = None
    if not may_edit:
        stamp = project.updated_at.timestamp() if project.updated_at else 0
        key = f"corridors:panel1:{project.pk}:{project.revision}:{stamp}:{get_language()}"
        cached = cache.get(key)
        if cached is not None:
            return cached or None
    html = _render_panel(request, project, may_edit)
    if key is not None:
        cache.set(key, html or "", 600)
    return html


def _may_link(user: Any, project: Any) -> bool:
    """Secretariat, or a delegate of the sponsoring state: from the request's remembered facts (no query more)."""
    from sco.members import permissions as members_permissions

    if not getattr(user, "is_authenticated", False):
        return False
    return members_permissions.is_secretariat(
        user
    ) or project.sponsor_state_id in members_permissions.state_ids_acted_for(user)


def _render_panel(request: HttpRequest, project: Any, may_edit: bool) -> str | None:
    edits = project_effects.project_edits(project)
    if not edits and not may_edit:
        return None
    if not Edge.objects.exists():
        return None
    data = project_effects.project_comparison(project=project, viewer=None) if edits else None
    form = ProjectEditForm(edges=list(Edge.objects.values_list("code", flat=True))) if may_edit else None
    names = {n.id: localized(n, "name") for n in selectors.nodes_by_id().values()}
    return render_to_string(
        "corridors/partials/_project_panel.html",
        {
            "project": project,
            "edits": edits,
            "edit_labels": EDIT_LABELS,
            "data": data,
            "form": form,
            "names": names,
            "corridor_labels": {c: corridor_label(c) for c in CORRIDORS},
        },
        request=request,
    )
