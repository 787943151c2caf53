"""One event's page, creating and editing it, and its sessions."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sco.core.errors import NotPermitted, ScoError
from sco.core.forms import add_service_errors
from sco.events import selectors, services
from sco.events.forms import FIELD_ALIASES, EventForm, SessionForm
from sco.events.permissions import may_manage_event
from sco.events.views.common import event_context, guard, local_text
from sco.members.models import State


def event_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    return render(request, "events/detail.html", event_context(request, event))


def _event_data(form: EventForm) -> services.EventData:
    data = dict(form.cleaned_data)
    return services.EventData(**data)


@login_required
def event_create_page(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, data=_event_data(form))
        except NotPermitted as exc:
            form.add_error(None, exc.message)
        except ScoError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
        else:
            return HttpResponseRedirect(reverse("events:detail", args=[event.pk]))
    return render(request, "events/form.html", {"form": form, "event": None}, status=422 if form.errors else 200)


@login_required
def event_edit_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    if not may_manage_event(request.user, event):
        raise Http404()
    local = selectors.localize(event)
    initial = {name: getattr(event, name) for name in EventForm.base_fields if hasattr(event, name)}
    initial.update(
        {
            "start_local": local.start.replace(tzinfo=None).isoformat(timespec="minutes"),
            # With hours unknown the form holds the last day itself (the service adds the midnight after it).
            "end_local": (
                local.end.replace(tzinfo=None) if local.known_hours else datetime.combine(local.last_day, time.min)
            ).isoformat(timespec="minutes"),
            "registration_opens_local": local_text(event.registration_opens_at, event.time_zone),
            "registration_closes_local": local_text(event.registration_closes_at, event.time_zone),
            "country": event.country.code,
            "organiser_state": event.organiser_state.code if event.organiser_state else "",
            "organiser_body": event.organiser_body.code if event.organiser_body else "",
            "chairmanship": event.chairmanship_id,
        }
    )
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, data=_event_data(form))
        except ScoError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
        else:
            return HttpResponseRedirect(reverse("events:detail", args=[event.pk]))
    return render(request, "events/form.html", {"form": form, "event": event}, status=422 if form.errors else 200)


def _parse_speakers(text: str) -> list[services.SpeakerData]:
    lines = [line.split(";") for line in text.splitlines() if line.strip()]
    codes = {parts[1].strip().upper() for parts in lines if len(parts) > 1 and parts[1].strip()}
    states = {s.code: s for s in State.objects.filter(code__in=codes)}
    return [
        services.SpeakerData(
            name=parts[0].strip(),
            delegation=states.get(parts[1].strip().upper()) if len(parts) > 1 else None,
            affiliation=parts[2].strip() if len(parts) > 2 else "",
        )
        for parts in lines
    ]


@login_required
def session_create_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    if not may_manage_event(request.user, event):
        raise Http404()
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        data = services.SessionData(
            title_en=cd["title_en"],
            title_ru=cd["title_ru"],
            title_zh=cd["title_zh"],
            start_local=cd["start_local"],
            end_local=cd["end_local"],
            room=cd["room"],
            speakers=_parse_speakers(cd["speakers"]),
        )
        try:
            services.session_add(actor=request.user, event=event, data=data)
        except ScoError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
        else:
            return HttpResponseRedirect(reverse("events:detail", args=[event.pk]) + "#timetable")
    return render(
        request,
        "events/session_form.html",
        {"form": form, "event": event, "local": selectors.localize(event)},
        status=422 if form.errors else 200,
    )


@require_POST
@login_required
def session_remove_view(request: HttpRequest, event_id: int, session_id: int) -> HttpResponse:
    event = guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    session = event.sessions.filter(pk=session_id).first()
    if session is None or not may_manage_event(request.user, event):
        raise Http404()
    services.session_remove(actor=request.user, session=session)
    return HttpResponseRedirect(reverse("events:detail", args=[event.pk]) + "#timetable")
