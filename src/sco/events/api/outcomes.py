"""Outcome links and follow-up items through the API."""

from typing import Any

from django.http import HttpRequest
from ninja import Status

from sco.events import selectors, services
from sco.events.api.common import _follow_up_out, _outcome_out, router
from sco.events.permissions import ensure_may_manage_event
from sco.events.schemas import EventOutcomeOut, FollowUpIn, FollowUpOut, FollowUpUpdateIn, OutcomeIn, OutcomeUpdateIn
from sco.members.selectors import state_get_or_none


@router.post("/{event_id}/outcomes", response={201: EventOutcomeOut})
def add_outcome(request: HttpRequest, event_id: int, payload: OutcomeIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    link = services.outcome_link_add(actor=request.user, event=event, **payload.dict())
    return Status(
        201, {"id": link.pk, "kind": link.kind, "label": link.label, "target_id": link.target_id, "url": link.url}
    )


@router.post("/{event_id}/follow-ups", response={201: FollowUpOut})
def add_follow_up(request: HttpRequest, event_id: int, payload: FollowUpIn) -> Any:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    ensure_may_manage_event(request.user, event)  # who asks comes before what is asked
    owner = state_get_or_none(code=payload.owner_state, field="owner_state")
    item = services.follow_up_add(
        actor=request.user,
        event=event,
        text_en=payload.text_en,
        text_ru=payload.text_ru,
        text_zh=payload.text_zh,
        owner_state=owner,
        due=payload.due,
    )
    return Status(
        201,
        {
            "id": item.pk,
            "text": item.text,
            "owner_state": owner.code if owner else None,
            "due": item.due,
            "done": item.done,
        },
    )


@router.patch("/{event_id}/outcomes/{link_id}", response=EventOutcomeOut)
def update_outcome(request: HttpRequest, event_id: int, link_id: int, payload: OutcomeUpdateIn) -> Any:
    link = selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id)
    changes = {k: v for k, v in payload.dict().items() if v is not None}
    return _outcome_out(services.outcome_link_update(actor=request.user, link=link, **changes))


@router.delete("/{event_id}/outcomes/{link_id}", response={204: None})
def remove_outcome(request: HttpRequest, event_id: int, link_id: int) -> Any:
    link = selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id)
    services.outcome_link_remove(actor=request.user, link=link)
    return Status(204, None)


@router.patch("/{event_id}/follow-ups/{item_id}", response=FollowUpOut)
def update_follow_up(request: HttpRequest, event_id: int, item_id: int, payload: FollowUpUpdateIn) -> Any:
    item = selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id)
    changes: dict[str, Any] = {
        k: getattr(payload, k) for k in ("text_en", "text_ru", "text_zh", "done") if getattr(payload, k) is not None
    }
    if payload.owner_state is not None:
        ensure_may_manage_event(request.user, item.event)  # who asks comes before what is asked
        # An empty code clears the owner; an unknown one is a field error.
        changes["owner_state"] = state_get_or_none(code=payload.owner_state, field="owner_state")
    if payload.clear_due:
        changes["due"] = None
    elif payload.due is not None:
        changes["due"] = payload.due
    return _follow_up_out(services.follow_up_update(actor=request.user, item=item, **changes))


@router.delete("/{event_id}/follow-ups/{item_id}", response={204: None})
def remove_follow_up(request: HttpRequest, event_id: int, item_id: int) -> Any:
    item = selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id)
    services.follow_up_remove(actor=request.user, item=item)
    return Status(204, None)
