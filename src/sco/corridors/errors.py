"""This part's errors, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotFound, NotPermitted


class NetworkInvalid(InvalidInput):
    code = "network_invalid"
    message_template = _("The network data has problems; nothing was stored.")


class NodeNotFound(NotFound):
    code = "corridor_node_not_found"
    message_template = _("There is no hub or node “%(code)s” in the network.")


class EdgeNotFound(NotFound):
    code = "corridor_edge_not_found"
    message_template = _("There is no edge “%(code)s” in the network.")


class ScenarioNotFound(NotFound):
    code = "corridor_scenario_not_found"
    message_template = _("There is no such scenario, or you may not see it.")


class ScenarioInvalid(InvalidInput):
    code = "corridor_scenario_invalid"


class NoRoute(InvalidInput):
    code = "corridor_no_route"
    message_template = _("No route joins %(origin)s and %(destination)s%(by)s.")


class RouteInvalid(InvalidInput):
    code = "corridor_route_invalid"


class FlowInfeasible(InvalidInput):
    code = "corridor_flow_infeasible"
    message_template = _("No feasible flow: %(what)s (%(where)s).")


class EditInvalid(InvalidInput):
    code = "corridor_edit_invalid"


class ScenarioTaken(Conflict):
    code = "corridor_scenario_taken"
    message_template = _("A scenario with this key exists already.")


class NotYourState(NotPermitted):
    code = "corridor_not_your_state"
    message_template = _("Only the Secretariat or a delegation of %(countries)s may change %(code)s.")


class NotScenarioAuthor(NotPermitted):
    code = "corridor_not_scenario_author"
    message_template = _("Only the scenario's author may do this.")


class MayNotEditProject(NotPermitted):
    code = "corridor_may_not_edit_project"
    message_template = _(
        "Only the Secretariat or a delegate of the sponsoring state may link this project to the network."
    )


class MayNotCreateScenario(NotPermitted):
    code = "corridor_may_not_create_scenario"
    message_template = _("Only the Secretariat or a delegate of a member state may write a scenario.")
