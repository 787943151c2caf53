"""What an event led to: outcome links and follow-up items, added, edited and removed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core.errors import NotFound, ScoError
from sco.core.forms import add_service_errors
from sco.events import selectors, services
from sco.events.forms import FIELD_ALIASES, FollowUpForm, OutcomeForm
from sco.events.permissions import may_manage_event
from sco.events.views.common import event_context, guard, is_htmx


@login_required
def outcome_create_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    if not may_manage_event(request.user, event):
        raise Http404()
    outcome_form = OutcomeForm(request.POST or None, prefix="outcome")
    follow_form = FollowUpForm(request.POST or None, prefix="follow")
    if request.method == "POST":
        which = request.POST.get("which")
        form = outcome_form if which == "outcome" else follow_form
        if form.is_valid():
            try:
                if which == "outcome":
                    services.outcome_link_add(actor=request.user, event=event, **form.cleaned_data)
                else:
                    services.follow_up_add(actor=request.user, event=event, **form.cleaned_data)
            except ScoError as exc:
                add_service_errors(form, exc, FIELD_ALIASES)
            else:
                return HttpResponseRedirect(reverse("events:detail", args=[event.pk]) + "#outcomes")
    return render(
        request, "events/outcome_form.html", {"event": event, "outcome_form": outcome_form, "follow_form": follow_form}
    )


def _outcomes_panel(request: HttpRequest, event_id: int, error: str = "") -> HttpResponse:
    if not is_htmx(request):
        return HttpResponseRedirect(reverse("events:detail", args=[event_id]) + "#outcomes")
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    context = event_context(request, event)
    context["outcome_error"] = error
    return render(request, "events/partials/_outcomes.html", context)


def _managed(request: HttpRequest, fn: Any) -> Any:
    """Fetch a record the viewer may see; one they may not manage answers "not found" like one they may not see."""
    try:
        record = fn()
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if not may_manage_event(request.user, record.event):
        raise Http404()
    return record


def _outcome_record_form(
    request: HttpRequest, form: Any, save: Callable[[dict[str, Any]], object], *, event: Any, heading: str
) -> HttpResponse:
    """An edit page for one outcome record: on a valid post ``save`` calls the service and the event's outcomes
    follow; a refusal goes onto the form (422)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ScoError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
        else:
            return HttpResponseRedirect(reverse("events:detail", args=[event.pk]) + "#outcomes")
    return render(
        request,
        "events/record_form.html",
        {"form": form, "event": event, "heading": heading},
        status=422 if form.errors else 200,
    )


@login_required
def outcome_edit_page(request: HttpRequest, event_id: int, link_id: int) -> HttpResponse:
    link = _managed(
        request, lambda: selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id)
    )
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
    link = _managed(
        request, lambda: selectors.outcome_link_get(viewer=request.user, event_id=event_id, link_id=link_id)
    )
    services.outcome_link_remove(actor=request.user, link=link)
    return _outcomes_panel(request, event_id)


@login_required
def follow_up_edit_page(request: HttpRequest, event_id: int, item_id: int) -> HttpResponse:
    item = _managed(request, lambda: selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id))
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
    item = _managed(request, lambda: selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id))
    services.follow_up_update(actor=request.user, item=item, done=request.POST.get("done") == "1")
    return _outcomes_panel(request, event_id)


@require_POST
@login_required
def follow_up_remove_view(request: HttpRequest, event_id: int, item_id: int) -> HttpResponse:
    item = _managed(request, lambda: selectors.follow_up_get(viewer=request.user, event_id=event_id, item_id=item_id))
    services.follow_up_remove(actor=request.user, item=item)
    return _outcomes_panel(request, event_id)
