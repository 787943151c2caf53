"""The one place where projects talk to the decisions part. Projects never decide: they open a procedure
through the decisions services and read its outcome."""

from __future__ import annotations

from typing import Any

from sco.projects.models import Project


def outcome(project: Project) -> str | None:
    """ "adopted", "not_adopted", or None while no decision is closed."""
    return None


def open_for(*, actor: Any, project: Project) -> None:
    """Open the decision procedure on this project (filled in once the decisions part is merged)."""
    return None


def context(request: Any, project: Project) -> dict[str, Any] | None:
    """What the project page shows of the decision (the positions table comes from the decisions part)."""
    return None


def demo(*, project: Project, scenario: str) -> None:
    """Give a demo project its illustrative decision (open, adopted with a statement of views, or blocked)."""
    return None


def register() -> None:
    """Make projects decidable subjects in the decisions part (once it is merged)."""
    return None
