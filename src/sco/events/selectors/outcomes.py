"""What an event led to: outcome links and follow-up items of events the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass

from sco.core import hooks
from sco.core.users import Viewer
from sco.events.errors import EventNotFound
from sco.events.models import Event, FollowUp, OutcomeLink
from sco.events.selectors.events import event_get


def outcome_link_get(*, viewer: Viewer, event_id: int, link_id: int) -> OutcomeLink:
    """One outcome link of an event the viewer may see ("not found" otherwise)."""
    event = event_get(viewer=viewer, event_id=event_id)
    link = OutcomeLink.objects.filter(event=event, pk=link_id).first()
    if link is None:
        raise EventNotFound()
    link.event = event
    return link


def follow_up_get(*, viewer: Viewer, event_id: int, item_id: int) -> FollowUp:
    """One follow-up item of an event the viewer may see ("not found" otherwise)."""
    event = event_get(viewer=viewer, event_id=event_id)
    item = FollowUp.objects.filter(event=event, pk=item_id).select_related("owner_state").first()
    if item is None:
        raise EventNotFound()
    item.event = event
    return item


@dataclass(frozen=True)
class Outcome:
    link: OutcomeLink
    url: str


def outcomes_of(event: Event) -> list[Outcome]:
    """The event's outcome links, each pointed at its record when the part holding it answers.

    The seam with the documents and projects parts: a part that holds such records registers
    ``hooks.register("events_outcome_target")`` with ``fn(*, kind, target_id) -> str | None`` (the record's URL).
    With no such part installed, or no answer, the link keeps the URL and label stored with it.
    """
    resolvers = hooks.get("events_outcome_target")
    found: list[Outcome] = []
    for link in event.outcome_links.all():
        url = link.url
        if link.target_id:
            url = next((u for fn in resolvers if (u := fn(kind=link.kind, target_id=link.target_id))), url)
        found.append(Outcome(link, url))
    return found
