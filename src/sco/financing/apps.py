from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    name = "sco.financing"
    label = "financing"
    verbose_name = _("Financing")

    def ready(self) -> None:
        from sco.core import hooks

        @hooks.register("project_facts")
        def financial_close(project: Any) -> dict[str, bool]:
            from sco.financing.selectors import financial_close as holds

            return {"financial_close": holds(project)}

        @hooks.register("oc4ids_budget")
        def oc4ids_budget(project_ids: list[int]) -> dict[int, dict[str, Any]]:
            from sco.financing.oc4ids import budget_extras

            return budget_extras(project_ids)

        @hooks.register("project_panel")
        def financing_panel(request: Any, project: Any) -> str | None:
            from sco.financing.views import project_panel

            return project_panel(request, project)

        from sco.core import fragments
        from sco.financing import signals
        from sco.financing.models import InstitutionStatus, Shareholding
        from sco.financing.selectors.project import INSTITUTION_ROWS
        from sco.financing.views import INSTITUTIONS
        from sco.members.models import Institution, State

        signals.connect()
        fragments.connect(INSTITUTIONS, Institution, InstitutionStatus, Shareholding, State)
        fragments.connect(INSTITUTION_ROWS, Institution)
