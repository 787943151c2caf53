"""The JSON door of the events part: thin over services and selectors.

Split by subject; every module adds its operations to the one ``router`` (mounted at /api/v1/events/)."""

from sco.events.api import calendars, events, outcomes, registrations
from sco.events.api.common import event_out, registration_out, router, session_out
from sco.events.api.events import event_data
from sco.events.badges import badge_csv_response

__all__ = [
    "badge_csv_response",
    "calendars",
    "event_data",
    "event_out",
    "events",
    "outcomes",
    "registration_out",
    "registrations",
    "router",
    "session_out",
]
