"""What every projects page view shares: the request type, the person asking, the project looked up."""

from __future__ import annotations

from sco.core.http import ScoRequest, actor
from sco.projects import selectors
from sco.projects.models import Project

PAGE_SIZES = (10, 20, 50, 100)


HtmxHttpRequest = ScoRequest
_actor = actor


def _project(request: HtmxHttpRequest, project_id: int, *, related: bool = True) -> Project:
    """The project if this viewer may see it; otherwise the selector's NotFound is the 404 page (core.doors)."""
    return selectors.project_get(viewer=request.user, project_id=project_id, related=related)


def _sector_choices() -> list[tuple[str, str]]:
    from sco.projects.models import SECTOR_CHOICES

    return SECTOR_CHOICES
