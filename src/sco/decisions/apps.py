from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "sco.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from sco.core import hooks, visibility
        from sco.decisions import attention, selectors
        from sco.decisions.models import Decision

        hooks.register("attention")(attention.positions_awaited)
        visibility.register(Decision, selectors.visible)
