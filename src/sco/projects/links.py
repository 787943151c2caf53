"""Where other parts' references to a project lead."""

from __future__ import annotations

from django.urls import reverse

from sco.core import hooks


@hooks.register("events_outcome_target")
def project_discussed_at_event(*, kind: str, target_id: str) -> str | None:
    """An event's outcome naming a project links to the project's page (404 to those who may not see it)."""
    from sco.projects.models import Project

    if kind != "project" or not str(target_id).isdigit():
        return None
    if not Project.objects.filter(pk=int(target_id)).exists():
        return None  # the event keeps the URL it stored
    return reverse("projects:detail", args=[int(target_id)])
