from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sco.events"
    label = "events"
    verbose_name = _("Events programme")

    def ready(self) -> None:
        from sco.core import fragments, hooks, visibility
        from sco.events.api.calendars import CALENDAR_API
        from sco.events.models import Event
        from sco.events.selectors import event_list
        from sco.events.views import upcoming_panel
        from sco.events.views.calendars import CALENDAR, LIST, UPCOMING_PANEL
        from sco.members.models import Body, Chairmanship, State

        hooks.register("home_panel")(upcoming_panel)
        fragments.connect(UPCOMING_PANEL, Event)
        # the list's and the calendars' filters name the states, bodies and chairmanships
        fragments.connect(CALENDAR, Event, State, Body, Chairmanship)
        fragments.connect(LIST, Event, State, Body, Chairmanship)
        fragments.connect(CALENDAR_API, Event)
        # Notices about an event reach only those who may see it (a restricted event's registrant whose mandate ended).
        visibility.register(Event, lambda viewer, qs: qs.filter(pk__in=event_list(viewer=viewer).values("pk")))
