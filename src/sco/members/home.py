"""What the members part puts on the home page."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

from sco.core import hooks
from sco.members import permissions, selectors
from sco.members.models import StatusKind

# The organisation's panel and the chairmanship card are the same for every visitor (public facts): rendered once
# per language and day and kept across requests under the permission facts' version, which a write of a mandate, a
# state, a membership, a summit or a chairmanship replaces (members.apps).
TIMEOUT = 3600


def _key(name: str, *parts: object) -> str:
    return ":".join(str(p) for p in ("sco:members:home", permissions.facts_version(), name, *parts))


@hooks.register("home_panel")
def my_mandates(request: HttpRequest) -> str | None:
    """The person's mandates today, rendered once per person, language and day, and again after any write of a
    mandate or of what the panel names (the permission facts' version)."""
    if not request.user.is_authenticated:
        return None
    user = request.user
    on = permissions.today()
    joined = getattr(user, "date_joined", None)
    key = _key("mandates", user.pk, joined.timestamp() if joined else "", get_language(), on)
    html: str | None = cache.get(key)
    if html is None:
        mandates = selectors.mandate_list(viewer=user, on=on).filter(user=user)
        html = render_to_string("members/partials/_my_mandates.html", {"mandates": mandates})
        cache.set(key, html, TIMEOUT)
    return html


@hooks.register("home_panel")
def organisation_today(request: HttpRequest) -> str:
    on = permissions.today()
    key = _key("organisation", get_language(), on.isoformat())
    html: str | None = cache.get(key)
    if html is None:
        rows = selectors.state_rows(on=on)
        counts = {kind: sum(1 for r in rows if r.status and r.status.status == kind) for kind in StatusKind.values}
        last_summit = selectors.summit_list().filter(start__lte=on).last()
        # rendered without the request: nothing of the visitor's goes into what every visitor is shown
        html = render_to_string(
            "members/partials/_organisation_today.html", {"counts": counts, "last_summit": last_summit, "on": on}
        )
        cache.set(key, html, TIMEOUT)
    return html


@hooks.register("home_context")
def current_chairmanship(request: HttpRequest) -> dict[str, Any]:
    """The home page's "Current chairmanship" card."""
    return {"chair": selectors.chairmanship_current()}  # kept across requests by members.permissions


@hooks.register("me_facts")
def acts_for(user: Any) -> dict[str, Any]:
    """What `/api/v1/me` says of whom the user may act for."""
    return {
        "acts_for": [s.code for s in permissions.states_acted_for(user)],
        "secretariat": permissions.is_secretariat(user),
        "chair": permissions.is_chair(user),
    }
