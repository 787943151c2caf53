"""The JSON door of the corridors part: thin over services and selectors."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from sco.corridors import dataio, project_effects, selectors, services
from sco.corridors.errors import NetworkInvalid
from sco.corridors.schemas import ChangesIn, EditIn, ImportIn, RouteIn, RouteParamsIn, ScenarioIn
from sco.projects import selectors as project_selectors

router = Router(tags=["corridors"])


def _network() -> dict[str, Any]:
    nodes, edges = selectors.network_rows(include_planned=True)
    return {
        "revision": selectors.revision(),
        "nodes": [dataio.node_record(n) for n in nodes],
        "edges": [dataio.edge_record(e) for e in edges],
    }


@router.get("/network")
def network_get(request: HttpRequest) -> dict[str, Any]:
    return _network()


@router.get("/network.geojson")
def network_geojson(request: HttpRequest) -> HttpResponse:
    nodes, edges = selectors.network_rows(include_planned=True)
    body = json.dumps(dataio.to_geojson(nodes, edges), ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json")


@router.get("/network/{which}.csv")
def network_csv(request: HttpRequest, which: str) -> HttpResponse:
    nodes, edges = selectors.network_rows(include_planned=True)
    nodes_csv, edges_csv = dataio.write_csv(nodes, edges)
    if which not in ("nodes", "edges"):
        raise NetworkInvalid(field_errors={"which": ["nodes or edges"]})
    response = HttpResponse(nodes_csv if which == "nodes" else edges_csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{which}.csv"'
    return response


@router.post("/network/import")
def network_import(request: HttpRequest, payload: ImportIn) -> dict[str, Any]:
    if payload.format == "geojson":
        nodes, edges, problems = dataio.read_geojson(json.dumps(payload.geojson or {}))
    elif payload.format == "csv":
        nodes, edges, problems = dataio.read_csv(payload.nodes_csv, payload.edges_csv)
    else:
        raise NetworkInvalid(field_errors={"format": ["geojson or csv"]})
    return services.network_import(actor=request.user, nodes=nodes, edges=edges, problems=problems)


@router.patch("/edges/{code}")
def edge_change(request: HttpRequest, code: str, payload: ChangesIn) -> dict[str, Any]:
    edge = services.edge_update(actor=request.user, code=code, changes=payload.changes)
    return {"id": edge.code, "revision": selectors.revision()}


@router.patch("/nodes/{code}")
def node_change(request: HttpRequest, code: str, payload: ChangesIn) -> dict[str, Any]:
    node = services.node_update(actor=request.user, code=code, changes=payload.changes)
    return {"id": node.code, "revision": selectors.revision()}


@router.get("/route", response=dict[str, Any])
def route_get(
    request: HttpRequest,
    origin: str,
    destination: str,
    corridor: str = "",
    alternatives: int = 0,
    params: Query[RouteParamsIn] = None,  # type: ignore[assignment]
) -> HttpResponse:
    """The answer goes out as the JSON the selector keeps for this network revision: nothing is re-encoded."""
    chosen = selectors.params_from(params.dict() if params else {})
    body = selectors.route_json(
        origin=origin,
        destination=destination,
        corridor=corridor,
        params=chosen,
        alternatives=min(max(alternatives, 0), 10),
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.post("/routes", response={201: dict})
def route_save(request: HttpRequest, payload: RouteIn) -> Any:
    query = services.route_query_save(
        actor=request.user,
        origin=payload.origin,
        destination=payload.destination,
        corridor=payload.corridor,
        params={k: v for k, v in payload.params.dict().items() if v is not None},
    )
    return Status(201, {"id": query.pk, "params": query.params, "result": query.result})


@router.get("/routes")
def route_list(request: HttpRequest) -> list[dict[str, Any]]:
    from sco.members.permissions import ensure_signed_in

    ensure_signed_in(request.user)
    return [
        {
            "id": q.pk,
            "origin": q.origin,
            "destination": q.destination,
            "corridor": q.corridor,
            "params": q.params,
            "days_p50": q.result.get("best", {}).get("days_p50"),
            "created_at": q.created_at.isoformat(),
        }
        for q in request.user.corridor_route_queries.all()[:100]  # type: ignore[union-attr]
    ]


def _scenario_out(s: Any, project_ids: list[int]) -> dict[str, Any]:
    """A scenario as the viewer may see it: ``project_ids`` are the projects it takes in that the viewer may see."""
    return {
        "key": s.key,
        "year": s.year,
        "name_en": s.name_en,
        "name_ru": s.name_ru,
        "name_zh": s.name_zh,
        "demands": s.demands,
        "source": s.source,
        "confidence": s.confidence,
        "allow_unserved": s.allow_unserved,
        "shared": s.shared,
        "edits": s.edits,
        "project_ids": project_ids,
    }


def _scenarios_out(scenarios: list[Any], viewer: Any) -> list[dict[str, Any]]:
    seen = selectors.project_ids_seen(scenarios=scenarios, viewer=viewer)
    return [_scenario_out(s, seen.get(s.pk, [])) for s in scenarios]


@router.get("/scenarios")
def scenario_list(request: HttpRequest) -> list[dict[str, Any]]:
    return _scenarios_out(list(selectors.scenario_list(viewer=request.user)), request.user)


@router.post("/scenarios", response={201: dict})
def scenario_create(request: HttpRequest, payload: ScenarioIn) -> Any:
    data = payload.dict()
    data["demands"] = [dict(d) for d in data["demands"]]
    data["edits"] = [dict(e) for e in data["edits"]]
    scenario = services.scenario_create(actor=request.user, **data)
    return Status(201, _scenarios_out([scenario], request.user)[0])


@router.get("/scenarios/{key}")
def scenario_get(request: HttpRequest, key: str) -> dict[str, Any]:
    """One scenario: private to its author until shared (to anyone else it is not found, as a key never used)."""
    return _scenarios_out([selectors.scenario_get(viewer=request.user, key=key)], request.user)[0]


@router.post("/scenarios/{key}/share")
def scenario_share(request: HttpRequest, key: str) -> dict[str, Any]:
    return _scenarios_out([services.scenario_share(actor=request.user, key=key)], request.user)[0]


@router.get("/scenarios/{key}/flow")
def scenario_flow(request: HttpRequest, key: str, project: int | None = None) -> dict[str, Any]:
    """The scenario's flow with its own changes to the network (and, with ``project``, that project's edits too)."""
    scenario = selectors.scenario_get(viewer=request.user, key=key)
    edits = selectors.scenario_edits(scenario, viewer=request.user)
    if project is not None:
        linked = project_selectors.project_get(viewer=request.user, project_id=project)
        edits = (*edits, *project_effects.edits_of(project_effects.project_edits(linked)))
    return selectors.flow_compute(scenario=scenario, edits=edits)


@router.get("/scenarios/{key}/run")
def scenario_run(request: HttpRequest, key: str) -> dict[str, Any]:
    """The scenario on the network as it is and with its changes: flows, bottlenecks, shadow prices, comparison."""
    scenario = selectors.scenario_get(viewer=request.user, key=key)
    return selectors.scenario_run(scenario=scenario, viewer=request.user)


def _edit_out(e: Any) -> dict[str, Any]:
    return {"id": e.pk, "edge": e.edge.code, "kind": e.kind, "value": e.value, "note": e.note}


@router.get("/projects/{project_id}/edits")
def project_edits(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id)
    return [_edit_out(e) for e in project_effects.project_edits(project)]


@router.post("/projects/{project_id}/edits", response={201: dict})
def project_edit_add(request: HttpRequest, project_id: int, payload: EditIn) -> Any:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id)
    edit = services.project_edit_add(
        actor=request.user,
        project=project,
        edge_code=payload.edge,
        kind=payload.kind,
        value=payload.value,
        note=payload.note,
    )
    return Status(201, _edit_out(edit))


@router.delete("/projects/{project_id}/edits/{edit_id}", response={204: None})
def project_edit_remove(request: HttpRequest, project_id: int, edit_id: int) -> Any:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id)
    services.project_edit_remove(actor=request.user, project=project, edit_id=edit_id)
    return Status(204, None)


@router.get("/projects/{project_id}/comparison")
def project_comparison(request: HttpRequest, project_id: int) -> dict[str, Any]:
    project = project_selectors.project_get(viewer=request.user, project_id=project_id)
    data = project_effects.project_comparison(project=project, viewer=request.user)
    data["edits"] = [_edit_out(e) for e in data["edits"]]
    for year in data["years"]:
        year["scenario"] = year["scenario"].key
    return data
