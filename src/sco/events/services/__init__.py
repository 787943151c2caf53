"""Every write on events: one transaction, the permission question first, one audit entry.

Split by subject; import from here (``from sco.events import services``)."""

from sco.events.services.events import WATCHED_FIELDS, EventData, event_create, event_update
from sco.events.services.feed import feed_entry_refresh
from sco.events.services.notices import notify_event_changed, reminders_send
from sco.events.services.outcomes import (
    follow_up_add,
    follow_up_remove,
    follow_up_update,
    outcome_link_add,
    outcome_link_remove,
    outcome_link_update,
)
from sco.events.services.registrations import (
    invitation_add,
    registration_create,
    registration_decide,
    registration_withdraw,
)
from sco.events.services.sessions import SessionData, SpeakerData, session_add, session_remove

__all__ = [
    "WATCHED_FIELDS",
    "EventData",
    "SessionData",
    "SpeakerData",
    "event_create",
    "event_update",
    "feed_entry_refresh",
    "follow_up_add",
    "follow_up_remove",
    "follow_up_update",
    "invitation_add",
    "notify_event_changed",
    "outcome_link_add",
    "outcome_link_remove",
    "outcome_link_update",
    "registration_create",
    "registration_decide",
    "registration_withdraw",
    "reminders_send",
    "session_add",
    "session_remove",
]
