"""One event's page, creating and editing it, and its sessions."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sco.core import doors
from sco.events import selectors, services
from sco.events.forms import FIELD_ALIASES, EventForm, SessionForm
from sco.events.models import Event
from sco.events.views.common import event_context, local_text, managed_event
from sco.members.selectors import states_get


def event_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    return render(request, "events/detail.html", event_context(request, event))


@login_required
def event_create_page(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    return doors.submit(
        request,
        form,
        lambda data: services.event_create(actor=request.user, data=services.EventData(**data)),
        template="events/form.html",
        context={"event": None},
        success=_detail_url,
        aliases=FIELD_ALIASES,
    )


def _detail_url(event: Event, anchor: str = "") -> str:
    return reverse("events:detail", args=[event.pk]) + anchor


@login_required
def event_edit_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = managed_event(request, event_id)
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
    return doors.submit(
        request,
        form,
        lambda data: services.event_update(actor=request.user, event=event, data=services.EventData(**data)),
        template="events/form.html",
        context={"event": event},
        success=_detail_url,
        aliases=FIELD_ALIASES,
    )


def _parse_speakers(text: str) -> list[services.SpeakerData]:
    lines = [line.split(";") for line in text.splitlines() if line.strip()]
    codes = [parts[1] for parts in lines if len(parts) > 1]
    states = {s.code: s for s in states_get(codes=codes, field="speakers")}  # an unknown code is a field error
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
    event = managed_event(request, event_id)
    form = SessionForm(request.POST or None)

    def add(cd: dict[str, Any]) -> object:
        data = services.SessionData(
            title_en=cd["title_en"],
            title_ru=cd["title_ru"],
            title_zh=cd["title_zh"],
            start_local=cd["start_local"],
            end_local=cd["end_local"],
            room=cd["room"],
            speakers=_parse_speakers(cd["speakers"]),
        )
        return services.session_add(actor=request.user, event=event, data=data)

    return doors.submit(
        request,
        form,
        add,
        template="events/session_form.html",
        context={"event": event, "local": selectors.localize(event)},
        success=lambda _session: _detail_url(event, "#timetable"),
        aliases=FIELD_ALIASES,
    )


@require_POST
@login_required
def session_remove_view(request: HttpRequest, event_id: int, session_id: int) -> HttpResponse:
    event = managed_event(request, event_id)
    session = selectors.session_get(event=event, session_id=session_id)
    services.session_remove(actor=request.user, session=session)
    return HttpResponseRedirect(_detail_url(event, "#timetable"))
