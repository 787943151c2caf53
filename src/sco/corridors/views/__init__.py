"""The HTML door of the corridors part, one module per page family; this package keeps the import path."""

from sco.corridors.views.network import corridor_label, edge_edit, edge_list, index, route_save
from sco.corridors.views.projects import project_edit_add, project_edit_remove, project_panel
from sco.corridors.views.scenarios import scenario_create, scenario_detail, scenario_list, scenario_share

__all__ = [
    "corridor_label",
    "edge_edit",
    "edge_list",
    "index",
    "project_edit_add",
    "project_edit_remove",
    "project_panel",
    "route_save",
    "scenario_create",
    "scenario_detail",
    "scenario_list",
    "scenario_share",
]
