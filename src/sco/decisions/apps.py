from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "sco.decisions"
    label = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        from sco.core import attention as core_attention
        from sco.core import hooks, visibility
        from sco.decisions import attention, cache, selectors
        from sco.decisions.models import Decision, Position
        from sco.members.models import Body, State

        hooks.register("attention")(attention.positions_awaited)
        core_attention.connect(Decision, Position)
        cache.connect(Decision, Position, State, Body)  # subject models connect as they register (subjects.py)
        visibility.register(Decision, selectors.visible)
