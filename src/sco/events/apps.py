from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sco.events"
    label = "events"
    verbose_name = _("Events programme")

    def ready(self) -> None:
        from sco.core import fragments, hooks, visibility
        from sco.events.models import Event
        from sco.events.selectors import event_list
        from sco.events.views import upcoming_panel
        from sco.events.views.calendars import CALENDAR, UPCOMING_PANEL

        hooks.register("home_panel")(upcoming_panel)
        fragments.connect(UPCOMING_PANEL, Event)
        fragments.connect(CALENDAR, Event)
        # Notices about an event reach only those who may see it (a restricted event's registrant whose mandate ended).
        visibility.register(Event, lambda viewer, qs: qs.filter(pk__in=event_list(viewer=viewer).values("pk")))
