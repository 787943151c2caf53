"""Every write to the corridor network, its scenarios, route queries and project edits: permission first, then
validation, then one transaction with its audit entry and a new network revision where the network changed.
One module per concern; this package keeps the import path."""

from sco.corridors.services.links import project_edit_add, project_edit_remove, route_query_save
from sco.corridors.services.network import (
    EDGE_FIELDS,
    NODE_FIELDS,
    edge_update,
    network_import,
    node_update,
    touch_linked_projects,
)
from sco.corridors.services.scenarios import scenario_create, scenario_share

__all__ = [
    "EDGE_FIELDS",
    "NODE_FIELDS",
    "edge_update",
    "network_import",
    "node_update",
    "project_edit_add",
    "project_edit_remove",
    "route_query_save",
    "scenario_create",
    "scenario_share",
    "touch_linked_projects",
]
