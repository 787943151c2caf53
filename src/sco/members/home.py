"""What the members part puts on the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from sco.core import hooks
from sco.members import permissions, selectors
from sco.members.models import StatusKind


@hooks.register("home_panel")
def my_mandates(request: HttpRequest) -> str | None:
    if not request.user.is_authenticated:
        return None
    mandates = selectors.mandate_list(viewer=request.user, on=permissions.today()).filter(user=request.user)
    return render_to_string("members/partials/_my_mandates.html", {"mandates": mandates}, request=request)


@hooks.register("home_panel")
def organisation_today(request: HttpRequest) -> str:
    on = permissions.today()
    rows = selectors.state_rows(on=on)
    counts = {kind: sum(1 for r in rows if r.status and r.status.status == kind) for kind in StatusKind.values}
    last_summit = selectors.summit_list().filter(start__lte=on).last()
    return render_to_string(
        "members/partials/_organisation_today.html",
        {"counts": counts, "last_summit": last_summit, "on": on},
        request=request,
    )


@hooks.register("home_context")
def current_chairmanship(request: HttpRequest) -> dict[str, Any]:
    """The home page's "Current chairmanship" card."""
    return {"chair": selectors.chairmanship_current()}


@hooks.register("me_facts")
def acts_for(user: Any) -> dict[str, Any]:
    """What `/api/v1/me` says of whom the user may act for."""
    return {
        "acts_for": [s.code for s in permissions.states_acted_for(user)],
        "secretariat": permissions.is_secretariat(user),
        "chair": permissions.is_chair(user),
    }
