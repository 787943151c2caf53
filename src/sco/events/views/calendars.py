"""The list, the month and week calendars, a chairmanship's programme, the home page panel."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sco.core import fragments
from sco.core.users import signed_in
from sco.events import charts, selectors
from sco.events.models import Category
from sco.events.permissions import may_organise_for
from sco.events.views.common import filter_context, request_filters
from sco.members.models import Chairmanship
from sco.members.permissions import chairmanship_on, facts_version, states_acted_for

# Fragments kept across requests (core.fragments), renewed by every write of an event.
UPCOMING_PANEL = "events.upcoming"
CALENDAR = "events.calendar"


def event_list_page(request: HttpRequest) -> HttpResponse:
    filters = request_filters(request)
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
            **filter_context(request, filters),
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
    filters = request_filters(request)
    prev_month = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    next_month = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)

    def body() -> str:
        view = selectors.calendar_month(viewer=request.user, year=year, month=month, filters=filters)
        context = {
            "view": view,
            "weeks": view.cells(),
            "detail_prefix": reverse("events:detail", args=[0])[:-2],  # one reversal for every chip
            "month": date(year, month, 1),
            "prev": prev_month,
            "next": next_month,
            "today": today,
            **filter_context(request, filters),
            # The month's own year travels in the pager links; a second "year" would win over it.
            "filter_query": "&".join(f"{k}={v}" for k, v in filters.as_params().items() if k != "year"),
        }
        return render_to_string("events/partials/_month_body.html", context, request=request)

    # The grid and its filters are the same for this viewer until an event is written or their mandates change:
    # kept per viewer, month, filters and day (today's cell is marked); an event that begins shows within a minute.
    extra = f"{facts_version()}:{year}-{month}:{sorted(filters.as_params().items())}:{today.isoformat()}"
    kept = fragments.cached(CALENDAR, request.user, body, extra=extra, timeout=60)
    return render(request, "events/month.html", {"month": date(year, month, 1), "body": mark_safe(kept)})


def week_page(request: HttpRequest) -> HttpResponse:
    try:
        day = date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else timezone.localdate()
    except ValueError as exc:
        raise Http404(_("No such date.")) from exc
    filters = request_filters(request)
    view = selectors.calendar_week(viewer=request.user, day=day, filters=filters)
    return render(
        request,
        "events/week.html",
        {
            "view": view,
            "prev": view.days[0] - timedelta(days=7),
            "next": view.days[0] + timedelta(days=7),
            "today": timezone.localdate(),
            **filter_context(request, filters),
        },
    )


def overview_page(request: HttpRequest, chairmanship_id: int) -> HttpResponse:
    data = selectors.programme_overview(
        viewer=request.user, chairmanship_id=chairmanship_id, language=request.LANGUAGE_CODE
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


def upcoming_panel(request: HttpRequest) -> str:
    """The home page panel (hook "home_panel"): the coming events the viewer may see, kept across requests until
    an event is written or the viewer's mandates change; an event that begins leaves it within a minute."""

    def render() -> str:
        upcoming = [selectors.localize(e) for e in selectors.events_upcoming(viewer=request.user, limit=5)]
        return render_to_string("events/partials/_upcoming.html", {"upcoming": upcoming}, request=request)

    extra = facts_version() if signed_in(request.user) else ""
    return fragments.cached(UPCOMING_PANEL, request.user, render, extra=extra, timeout=60)
