"""What an event led to: outcome links and follow-up items, added, edited and removed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.events import selectors, services
from sco.events.errors import EventNotFound
from sco.events.forms import FIELD_ALIASES, FollowUpForm, OutcomeForm
from sco.events.models import Event, FollowUp, OutcomeLink
from sco.events.permissions import may_manage_event
from sco.events.views.common import event_context, managed_event

Record = TypeVar("Record", OutcomeLink, FollowUp)


def _outcomes_url(event_id: int) -> str:
    return reverse("events:detail", args=[event_id]) + "#outcomes"


@login_required
def outcome_create_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = managed_event(request, event_id)
    outcome_form = OutcomeForm(request.POST or None, prefix="outcome")
    follow_form = FollowUpForm(request.POST or None, prefix="follow")
    adds_outcome = request.POST.get("which") == "outcome"
    form: forms.Form = outcome_form if adds_outcome else follow_form
    add = services.outcome_link_add if adds_outcome else services.follow_up_add
    return doors.submit(
        request,
        form,
        lambda data: add(actor=request.user, event=event, **data),
        template="events/outcome_form.html",
        context={"event": event, "outcome_form": outcome_form, "follow_form": follow_form},
        success=lambda _record: _outcomes_url(event.pk),
        aliases=FIELD_ALIASES,
    )


def _outcomes_panel(request: HttpRequest, event_id: int) -> HttpResponse:
    if not doors.is_htmx(request):
        return HttpResponseRedirect(_outcomes_url(event_id))
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    return render(request, "events/partials/_outcomes.html", event_context(request, event))


def _managed(request: HttpRequest, record: Record) -> Record:
    """A record of an event the viewer runs; one they may see but not run answers "not found" like one they may
    not see."""
    if not may_manage_event(request.user, record.event):
        raise EventNotFound()
    return record


def _outcome_record_form(
    request: HttpRequest, form: forms.Form, save: Callable[[dict[str, Any]], object], *, event: Event, heading: str
) -> HttpResponse:
    """An edit page for one outcome record: on a valid post ``save`` calls the service and the event's outcomes
    follow; a refusal goes onto the form (422)."""
    return doors.submit(
        request,
        form,
        save,
        template="events/record_form.html",
        context={"event": event, "heading": heading},
        success=lambda _record: _outcomes_url(event.pk),
        aliases=FIELD_ALIASES,
    )


@login_required
def outcome_edit_page(request: HttpRequest, event_id: int, link_id: int) -> HttpResponse:
    link = _managed(request, selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id))
    initial = {name: getattr(link, name) for name in OutcomeForm.base_fields}
    form = OutcomeForm(request.POST or None, initial=initial)
    return _outcome_record_form(
        request,
        form,
        lambda data: services.outcome_link_update(actor=request.user, link=link, **data),
        event=link.event,
        heading=_("Edit the outcome link"),
    )


@require_POST
@login_required
def outcome_remove_view(request: HttpRequest, event_id: int, link_id: int) -> HttpResponse:
    link = _managed(request, selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id))
    services.outcome_link_remove(actor=request.user, link=link)
    return _outcomes_panel(request, event_id)


@login_required
def follow_up_edit_page(request: HttpRequest, event_id: int, item_id: int) -> HttpResponse:
    item = _managed(request, selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id))
    initial = {name: getattr(item, name) for name in ("text_en", "text_ru", "text_zh", "due", "done")}
    initial["owner_state"] = item.owner_state.code if item.owner_state else ""
    form = FollowUpForm(request.POST or None, initial=initial, with_done=True)
    return _outcome_record_form(
        request,
        form,
        lambda data: services.follow_up_update(actor=request.user, item=item, **data),
        event=item.event,
        heading=_("Edit the follow-up item"),
    )


@require_POST
@login_required
def follow_up_done_view(request: HttpRequest, event_id: int, item_id: int) -> HttpResponse:
    item = _managed(request, selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id))
    services.follow_up_update(actor=request.user, item=item, done=request.POST.get("done") == "1")
    return _outcomes_panel(request, event_id)


@require_POST
@login_required
def follow_up_remove_view(request: HttpRequest, event_id: int, item_id: int) -> HttpResponse:
    item = _managed(request, selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id))
    services.follow_up_remove(actor=request.user, item=item)
    return _outcomes_panel(request, event_id)
