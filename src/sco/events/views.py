"""HTML pages and HTMX fragments: thin over services and selectors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sco.core.errors import NotAuthenticated, NotFound, NotPermitted, ScoError
from sco.core.forms import add_service_errors
from sco.core.models import User
from sco.core.schemas import YEAR_MAX, YEAR_MIN
from sco.events import charts, selectors, services
from sco.events.api import badge_csv_response
from sco.events.forms import (
    FIELD_ALIASES,
    EventForm,
    FollowUpForm,
    OutcomeForm,
    RegistrationForm,
    SessionForm,
)
from sco.events.models import Category, Event
from sco.events.permissions import may_manage_event, may_organise_for, scope_for
from sco.events.timezones import utc_to_local
from sco.members.models import Body, Chairmanship, State
from sco.members.permissions import chairmanship_on, states_acted_for

FEED_SALT = "sco.events.feed"


def _filters(request: HttpRequest) -> selectors.EventFilters:
    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    return selectors.EventFilters(
        category=request.GET.get("category", "") if request.GET.get("category") in Category.values else "",
        state=request.GET.get("state", "")[:2],
        body=request.GET.get("body", "")[:40],
        chairmanship=number("chairmanship"),
        year=year if (year := number("year")) and YEAR_MIN <= year <= YEAR_MAX else None,
    )


def _filter_context(request: HttpRequest, filters: selectors.EventFilters) -> dict[str, Any]:
    return {
        "filters": filters,
        "filter_query": "&".join(f"{k}={v}" for k, v in filters.as_params().items()),
        "categories": Category.choices,
        "states": State.objects.order_by("name_en"),
        "bodies": Body.objects.order_by("order", "name_en"),
        "chairmanships": selectors.chairmanship_list(),
    }


def _local_text(instant: datetime | None, zone: str) -> str:
    """A stored instant as the venue's wall-clock time, YYYY-MM-DDTHH:MM (empty when there is none)."""
    if instant is None:
        return ""
    return utc_to_local(instant, zone).replace(tzinfo=None).isoformat(timespec="minutes")


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _guard(request: HttpRequest, fn: Any) -> Any:
    """Domain errors a page cannot show in a form: not found, not signed in, not permitted."""
    try:
        return fn()
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except NotAuthenticated:
        return HttpResponseRedirect(f"{reverse('login')}?next={request.get_full_path()}")


def event_list_page(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    show_past = request.GET.get("past") == "1"
    rows = selectors.event_list(viewer=request.user, filters=filters)
    rows = rows if show_past else rows.filter(ends_at__gt=timezone.now())
    programme = None
    if not show_past and not filters.as_params() and not rows.exists():
        # Nothing is coming: open on the programme of the current chairmanship, or of the latest one with events.
        programme = selectors.chairmanship_with_events(viewer=request.user, preferred=chairmanship_on())
        if programme is not None:
            filters = selectors.EventFilters(chairmanship=programme.pk)
            rows = selectors.event_list(viewer=request.user, filters=filters)
    events = [selectors.localize(e) for e in rows[:200]]
    return render(
        request,
        "events/list.html",
        {
            "events": events,
            "show_past": show_past,
            "programme": programme,
            "may_create": may_organise_for(request.user, None) or bool(states_acted_for(request.user)),
            **_filter_context(request, filters),
        },
    )


def month_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
        month = int(request.GET.get("month", today.month))
        date(year, month, 1)
    except ValueError as exc:
        raise Http404(_("No such month.")) from exc
    filters = _filters(request)
    view = selectors.calendar_month(viewer=request.user, year=year, month=month, filters=filters)
    prev_month = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    next_month = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return render(
        request,
        "events/month.html",
        {
            "view": view,
            "weeks": view.cells(),
            "detail_prefix": reverse("events:detail", args=[0])[:-2],  # one reversal for every chip
            "month": date(year, month, 1),
            "prev": prev_month,
            "next": next_month,
            "today": today,
            **_filter_context(request, filters),
            # The month's own year travels in the pager links; a second "year" would win over it.
            "filter_query": "&".join(f"{k}={v}" for k, v in filters.as_params().items() if k != "year"),
        },
    )


def week_page(request: HttpRequest) -> HttpResponse:
    try:
        day = date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else timezone.localdate()
    except ValueError as exc:
        raise Http404(_("No such date.")) from exc
    filters = _filters(request)
    view = selectors.calendar_week(viewer=request.user, day=day, filters=filters)
    return render(
        request,
        "events/week.html",
        {
            "view": view,
            "prev": view.days[0] - timedelta(days=7),
            "next": view.days[0] + timedelta(days=7),
            "today": timezone.localdate(),
            **_filter_context(request, filters),
        },
    )


def _event_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    scope = scope_for(request.user)
    manages = may_manage_event(request.user, event)
    mine = selectors.my_registration(viewer=request.user, event=event)
    states = states_acted_for(request.user) if request.user.is_authenticated else []
    return {
        "event": event,
        "local": selectors.localize(event),
        "sessions": [(s, selectors.localize_session(s, event.time_zone)) for s in selectors.sessions_of(event)],
        "manages": manages,
        "mine": mine,
        "counts": selectors.registration_counts(event),
        "deadline_local": _local_text(event.registration_closes_at, event.time_zone).replace("T", " "),
        "opens_local": _local_text(event.registration_opens_at, event.time_zone).replace("T", " "),
        "not_yet_open": event.registration_opens_at is not None and timezone.now() < event.registration_opens_at,
        "registration_form": RegistrationForm(
            states=states, initial={"full_name": str(request.user)} if request.user.is_authenticated else None
        ),
        "outcomes": selectors.outcomes_of(event),
        "follow_ups": list(event.follow_ups.select_related("owner_state")),
        "sees_restricted": scope.sees_restricted,
    }


def event_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    return render(request, "events/detail.html", _event_context(request, event))


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
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
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
            "registration_opens_local": _local_text(event.registration_opens_at, event.time_zone),
            "registration_closes_local": _local_text(event.registration_closes_at, event.time_zone),
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
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
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


def _registration_panel(
    request: HttpRequest, event: Event, form: RegistrationForm | None = None, status: int = 200
) -> HttpResponse:
    context = _event_context(request, event)
    if form is not None:
        context["registration_form"] = form
    return render(request, "events/partials/_registration.html", context, status=status)


@require_POST
@login_required
def session_remove_view(request: HttpRequest, event_id: int, session_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    session = event.sessions.filter(pk=session_id).first()
    if session is None or not may_manage_event(request.user, event):
        raise Http404()
    services.session_remove(actor=request.user, session=session)
    return HttpResponseRedirect(reverse("events:detail", args=[event.pk]) + "#timetable")


@require_POST
def register_view(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('login')}?next={reverse('events:detail', args=[event_id])}")
    form = RegistrationForm(request.POST, states=states_acted_for(request.user))
    if form.is_valid():
        try:
            services.registration_create(
                actor=request.user,
                event=event,
                full_name=form.cleaned_data["full_name"],
                function=form.cleaned_data["function"],
                delegation=form.cleaned_data["delegation"],
            )
        except ScoError as exc:
            add_service_errors(form, exc, FIELD_ALIASES)
    if not _is_htmx(request):
        return HttpResponseRedirect(reverse("events:detail", args=[event_id]) + "#registration")
    # Project rule: form errors answer 422 with the re-rendered fragment (base.html tells htmx to swap 422).
    if form.errors:
        return _registration_panel(request, event, form, status=422)
    return _registration_panel(request, event)


@require_POST
@login_required
def withdraw_view(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = _guard(
        request, lambda: selectors.registration_get(viewer=request.user, registration_id=registration_id)
    )
    error = ""
    try:
        services.registration_withdraw(actor=request.user, registration=registration)
    except ScoError as exc:
        error = exc.message
    event = selectors.event_get(viewer=request.user, event_id=registration.event_id)
    if _is_htmx(request):
        response = _registration_panel(request, event)
        return response if not error else HttpResponse(error)
    return HttpResponseRedirect(reverse("events:detail", args=[event.pk]))


@login_required
def participants_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
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
    registration = _guard(
        request, lambda: selectors.registration_get(viewer=request.user, registration_id=registration_id)
    )
    error = ""
    try:
        services.registration_decide(
            actor=request.user, registration=registration, approve=request.POST.get("approve") == "1"
        )
    except NotPermitted as exc:
        raise Http404() from exc
    except ScoError as exc:
        error = exc.message
    event = selectors.event_get(viewer=request.user, event_id=registration.event_id)
    if _is_htmx(request):
        return render(request, "events/partials/_participants.html", _participants_context(request, event, error))
    return HttpResponseRedirect(reverse("events:participants", args=[event.pk]))


@login_required
def badges_csv(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    if not may_manage_event(request.user, event):
        raise Http404()
    return badge_csv_response(selectors.badge_rows(viewer=request.user, event=event), event.pk)


@login_required
def outcome_create_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
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
    if not _is_htmx(request):
        return HttpResponseRedirect(reverse("events:detail", args=[event_id]) + "#outcomes")
    event = selectors.event_get(viewer=request.user, event_id=event_id)
    context = _event_context(request, event)
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


def overview_page(request: HttpRequest, chairmanship_id: int) -> HttpResponse:
    data = _guard(
        request,
        lambda: selectors.programme_overview(
            viewer=request.user, chairmanship_id=chairmanship_id, language=request.LANGUAGE_CODE
        ),
    )
    labels = dict(Category.choices)
    return render(
        request,
        "events/overview.html",
        {
            "data": data,
            "chart_category": mark_safe(
                charts.bar_chart_svg(
                    [(str(labels.get(k, k)), n) for k, n in data.by_category], title=_("Events by category")
                )
            ),
            "chart_month": mark_safe(charts.bar_chart_svg(data.by_month, title=_("Events by month"))),
            "chart_city": mark_safe(charts.bar_chart_svg(data.by_city, title=_("Events by host city"))),
            "chairmanships": selectors.chairmanship_list(),
        },
    )


def overview_current(request: HttpRequest) -> HttpResponse:
    """The programme of the chairmanship asked about (?chairmanship=), else of the current one, else of the latest
    one with events recorded."""
    asked = request.GET.get("chairmanship", "")
    chair = Chairmanship.objects.filter(pk=int(asked)).first() if asked.isdigit() else None
    chair = chair or chairmanship_on() or selectors.chairmanship_with_events(viewer=request.user, preferred=None)
    if chair is None:
        raise Http404()
    return HttpResponseRedirect(reverse("events:overview", args=[chair.pk]))


@login_required
def delegation_page(request: HttpRequest) -> HttpResponse:
    """The signed-in delegate's states: their registrations and the clashes among them."""
    states = states_acted_for(request.user)
    rows = [(state, selectors.delegation_clashes(viewer=request.user, state=state)) for state in states]
    token = signing.dumps({"u": request.user.pk}, salt=FEED_SALT)
    return render(request, "events/delegation.html", {"rows": rows, "feed_token": token})


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


def _feed_user(request: HttpRequest) -> Any:
    """A calendar client cannot sign in: a signed token in the URL stands for its person."""
    token = request.GET.get("token", "")
    if not token:
        return request.user
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature as exc:
        raise Http404() from exc
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise Http404()
    return user


def feed_view(request: HttpRequest) -> HttpResponse:
    viewer = _feed_user(request)
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    body = selectors.feed_ical(viewer=viewer, filters=_filters(request), language=language, name=_("SCO events"))
    return _ics(body, "sco-events")


def my_feed_view(request: HttpRequest) -> HttpResponse:
    user = _feed_user(request)
    if not getattr(user, "is_authenticated", False):
        return HttpResponseRedirect(f"{reverse('login')}?next={request.get_full_path()}")
    language = request.GET.get("lang") or request.LANGUAGE_CODE
    return _ics(selectors.feed_ical_for_user(user=user, language=language, name=_("My SCO events")), "my-sco-events")


def event_feed_view(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _guard(request, lambda: selectors.event_get(viewer=request.user, event_id=event_id))
    body = selectors.feed_ical_of_event(event=event, language=request.GET.get("lang") or request.LANGUAGE_CODE)
    return _ics(body, f"sco-event-{event.pk}")


def upcoming_panel(request: HttpRequest) -> str:
    """The home page panel (hook "home_panel"): the coming events the viewer may see."""
    return render_to_string(
        "events/partials/_upcoming.html",
        {"upcoming": [selectors.localize(e) for e in selectors.events_upcoming(viewer=request.user, limit=5)]},
        request=request,
    )
