"""HTML pages and HTMX fragments: thin over services and selectors.

Split by subject; ``urls.py`` and the home page hook import from here."""

from sco.events.views.calendars import (
    event_list_page,
    month_page,
    overview_current,
    overview_page,
    upcoming_panel,
    week_page,
)
from sco.events.views.events import (
    event_create_page,
    event_edit_page,
    event_page,
    session_create_page,
    session_remove_view,
)
from sco.events.views.feeds import event_feed_view, feed_view, my_feed_view
from sco.events.views.outcomes import (
    follow_up_done_view,
    follow_up_edit_page,
    follow_up_remove_view,
    outcome_create_page,
    outcome_edit_page,
    outcome_remove_view,
)
from sco.events.views.registrations import (
    badges_csv,
    decide_view,
    delegation_page,
    participants_page,
    register_view,
    withdraw_view,
)

__all__ = [
    "badges_csv",
    "decide_view",
    "delegation_page",
    "event_create_page",
    "event_edit_page",
    "event_feed_view",
    "event_list_page",
    "event_page",
    "feed_view",
    "follow_up_done_view",
    "follow_up_edit_page",
    "follow_up_remove_view",
    "month_page",
    "my_feed_view",
    "outcome_create_page",
    "outcome_edit_page",
    "outcome_remove_view",
    "overview_current",
    "overview_page",
    "participants_page",
    "register_view",
    "session_create_page",
    "session_remove_view",
    "upcoming_panel",
    "week_page",
    "withdraw_view",
]
