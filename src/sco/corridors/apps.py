from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorridorsConfig(AppConfig):
    name = "sco.corridors"
    label = "corridors"
    verbose_name = _("Transport corridors")

    def ready(self) -> None:
        from sco.core import hooks

        @hooks.register("project_panel")
        def corridor_panel(request: Any, project: Any) -> str | None:
            from sco.corridors.views import project_panel

            return project_panel(request, project)

        from sco.core import fragments
        from sco.corridors.models import Edge, NetworkRevision, Node, ProjectEdit
        from sco.corridors.views.projects import PANEL

        fragments.connect(PANEL, Node, Edge, ProjectEdit, NetworkRevision)
