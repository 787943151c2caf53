"""Reads: the network (as rows and as a compiled graph kept per process and per network revision), routes, flows
for a scenario, and the scenarios a viewer may see. One module per concern; this package keeps the import path."""

from sco.corridors.selectors.graphs import edge_get, forget_cache, graph, loaded, network_rows, nodes_by_id, revision
from sco.corridors.selectors.routes import params_from, route, route_json
from sco.corridors.selectors.scenarios import (
    UNSERVED_PENALTY_USD_PER_T,
    changes_for,
    edits_for,
    flow_compute,
    linkable_projects,
    project_ids_seen,
    projects_seen,
    scenario_edits,
    scenario_get,
    scenario_list,
    scenario_run,
    scenarios_visible,
)

__all__ = [
    "UNSERVED_PENALTY_USD_PER_T",
    "changes_for",
    "edge_get",
    "edits_for",
    "flow_compute",
    "forget_cache",
    "graph",
    "linkable_projects",
    "loaded",
    "network_rows",
    "nodes_by_id",
    "params_from",
    "project_ids_seen",
    "projects_seen",
    "revision",
    "route",
    "route_json",
    "scenario_edits",
    "scenario_get",
    "scenario_list",
    "scenario_run",
    "scenarios_visible",
]
