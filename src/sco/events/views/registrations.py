"""Registering, withdrawing, the participants list and the organiser's decisions, badges, a delegation's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.core.users import signed_in
from sco.events import selectors, services
from sco.events.badges import badge_csv_response
from sco.events.errors import RegistrationNotFound
from sco.events.forms import FIELD_ALIASES, RegistrationForm
from sco.events.models import Event
from sco.events.permissions import may_manage_event
from sco.events.views.common import FEED_SALT, event_context, managed_event
from sco.members.permissions import states_acted_for


def _registration_panel(
    request: HttpRequest, event: Event, form: RegistrationForm | None = None, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = event_context(request, event)
    if form is not None:
        context["registration_form"] = form
    context["registration_error"] = error
    return render(request, "events/partials/_registration.html", context, status=status)


@require_POST
def register_view(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    if not signed_in(request.user):
        return HttpResponseRedirect(f"{reverse('login')}?next={reverse('events:detail', args=[event_id])}")
    form = RegistrationForm(request.POST, states=states_acted_for(request.user))
    done = doors.attempt(
        form,
        lambda data: services.registration_create(
            actor=request.user,
            event=event,
            full_name=data["full_name"],
            function=data["function"],
            delegation=data["delegation"],
        ),
        aliases=FIELD_ALIASES,
    )
    if not doors.is_htmx(request):
        return HttpResponseRedirect(reverse("events:detail", args=[event_id]) + "#registration")
    # Project rule: form errors answer 422 with the re-rendered fragment (base.html tells htmx to swap 422).
    if not done.ok:
        return _registration_panel(request, event, form, status=422)
    return _registration_panel(request, event)


@require_POST
@login_required
def withdraw_view(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.registration_get(viewer=request.user, registration_id=registration_id)
    done = doors.attempt(
        None, lambda _data: services.registration_withdraw(actor=request.user, registration=registration)
    )
    event = selectors.event_get(viewer=request.user, event_id=registration.event_id)
    if doors.is_htmx(request):
        return _registration_panel(request, event, error=done.message, status=200 if done.ok else 422)
    return HttpResponseRedirect(reverse("events:detail", args=[event.pk]))


@login_required
def participants_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    return render(request, "events/participants.html", _participants_context(request, event))


def _participants_context(request: HttpRequest, event: Event, error: str = "") -> dict[str, Any]:
    return {
        "event": event,
        "groups": selectors.participants_by_delegation(viewer=request.user, event=event),
        "manages": may_manage_event(request.user, event),
        "counts": selectors.registration_counts(event),
        "error": error,
    }


@require_POST
@login_required
def decide_view(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.registration_get(viewer=request.user, registration_id=registration_id)
    if not may_manage_event(request.user, registration.event):
        # A registrant sees their own registration but may not decide on it: "not found", as for anyone else.
        raise RegistrationNotFound()
    done = doors.attempt(
        None,
        lambda _data: services.registration_decide(
            actor=request.user, registration=registration, approve=request.POST.get("approve") == "1"
        ),
    )
    event = selectors.event_get(viewer=request.user, event_id=registration.event_id)
    if doors.is_htmx(request):
        context = _participants_context(request, event, done.message)
        return render(request, "events/partials/_participants.html", context, status=200 if done.ok else 422)
    return HttpResponseRedirect(reverse("events:participants", args=[event.pk]))


@login_required
def badges_csv(request: HttpRequest, event_id: int) -> HttpResponse:
    event = managed_event(request, event_id)
    return badge_csv_response(selectors.badge_rows(viewer=request.user, event=event), event.pk)


@login_required
def delegation_page(request: HttpRequest) -> HttpResponse:
    """The signed-in delegate's states: their registrations and the clashes among them."""
    states = states_acted_for(request.user)
    rows = [(state, selectors.delegation_clashes(viewer=request.user, state=state)) for state in states]
    token = signing.dumps({"u": request.user.pk}, salt=FEED_SALT)
    return render(request, "events/delegation.html", {"rows": rows, "feed_token": token})
