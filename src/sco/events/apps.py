from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sco.events"
    label = "events"
    verbose_name = _("Events programme")

    def ready(self) -> None:
        from sco.core import hooks
        from sco.events.views import upcoming_panel

        hooks.register("home_panel")(upcoming_panel)
