"""The list, the month and week calendars, a chairmanship's programme, the home page panel."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sco.core import fragments
from sco.events import charts, selectors
from sco.events.models import Category
from sco.events.permissions import audience, may_organise_for
from sco.events.views.common import filter_context, request_filters
from sco.members.models import Chairmanship
from sco.members.permissions import chairmanship_on, states_acted_for

# Fragments kept across requests (core.fragments), renewed by every write of an event (and, for the list and the
# calendars, whose filters name them, of a state, a body or a chairmanship).
UPCOMING_PANEL = "events.upcoming"
CALENDAR = "events.calendar"
# A week shows at most WEEK_MOST events a day and counts the rest, which its day view lists DAY_PAGE at a time: a
# week of hundreds of events renders as many lines as a list of fifty.
WEEK_MOST = 12
DAY_PAGE = 50
LIST = "events.list"


def event_list_page(request: HttpRequest) -> HttpResponse:
    show_past = request.GET.get("past") == "1"

    def parts() -> dict[str, str]:
        listed, programme = request_filters(request), None
        rows = selectors.event_list(viewer=request.user, filters=listed)
        rows = rows if show_past else rows.filter(ends_at__gt=timezone.now())
        if not show_past and not listed.as_params() and not rows.exists():
            # Nothing is coming: open on the programme of the current chairmanship, or of the latest one with events.
            programme = selectors.chairmanship_with_events(viewer=request.user, preferred=chairmanship_on())
            if programme is not None:
                listed = selectors.EventFilters(chairmanship=programme.pk)
                rows = selectors.event_list(viewer=request.user, filters=listed)
        context = {
            "events": [selectors.localize(e) for e in rows[:200]],
            "show_past": show_past,
            "programme": programme,
            **filter_context(request, listed),
        }
        return {
            "head": render_to_string("events/partials/_list_head.html", context, request=request),
            "body": render_to_string("events/partials/_list_body.html", context, request=request),
            "filter_query": context["filter_query"],
        }

    # The same for everyone who sees the same events (permissions.audience) and asks the same, until an event, a
    # state, a body or a chairmanship is written; an event that ends leaves it within a minute.
    extra = f"{audience(request.user)}:{request.GET.urlencode()}:{timezone.localdate()}"
    kept = fragments.cached(LIST, None, parts, extra=extra, timeout=60)
    return render(
        request,
        "events/list.html",
        {
            "head": mark_safe(kept["head"]),
            "body": mark_safe(kept["body"]),
            "filter_query": kept["filter_query"],
            "show_past": show_past,
            "may_create": may_organise_for(request.user, None) or bool(states_acted_for(request.user)),
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
    prev_month = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    next_month = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)

    def body() -> str:
        filters = request_filters(request)
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

    # The grid and its filters are the same for everyone who sees the same events (permissions.audience) until an
    # event, a state, a body or a chairmanship is written: kept per audience, query string and day (today's cell is
    # marked); an event that begins shows within a minute.
    extra = f"{audience(request.user)}:{year}-{month}:{request.GET.urlencode()}:{today.isoformat()}"
    kept = fragments.cached(CALENDAR, None, body, extra=extra, timeout=60)
    return render(request, "events/month.html", {"month": date(year, month, 1), "body": mark_safe(kept)})


def week_page(request: HttpRequest) -> HttpResponse:
    try:
        day = date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else timezone.localdate()
    except ValueError as exc:
        raise Http404(_("No such date.")) from exc
    today = timezone.localdate()
    try:  # one day of the week shown whole, a page at a time (where a busy day's "more" leads)
        whole = date.fromisoformat(request.GET["day"]) if request.GET.get("day") else None
    except ValueError as exc:
        raise Http404(_("No such date.")) from exc

    def body() -> str:
        filters = request_filters(request)
        view = selectors.calendar_week(viewer=request.user, day=day, filters=filters)
        context: dict[str, Any] = {"today": today, **filter_context(request, filters)}
        if whole is not None:
            if whole not in view.by_day:
                raise Http404(_("No such date."))
            page = Paginator(view.by_day[whole], DAY_PAGE).get_page(request.GET.get("page"))
            context.update({"day": whole, "page": page})
            return render_to_string("events/partials/_day_body.html", context, request=request)
        context.update(
            {
                "view": view,
                "cells": view.cells(most=WEEK_MOST)[0],
                "prev": view.days[0] - timedelta(days=7),
                "next": view.days[0] + timedelta(days=7),
            }
        )
        return render_to_string("events/partials/_week_body.html", context, request=request)

    # Kept as the month grid is (per audience, week, query string and day): the week a month's "more" opens lists
    # every event of its days, hundreds in a busy week, and renders them once until an event is written.
    extra = f"{audience(request.user)}:week:{day.isoformat()}:{request.GET.urlencode()}:{today.isoformat()}"
    kept = fragments.cached(CALENDAR, None, body, extra=extra, timeout=60)
    return render(request, "events/week.html", {"body": mark_safe(kept)})


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
    """The home page panel (hook "home_panel"): the coming events the viewer may see, kept across requests for
    everyone who sees the same events until an event is written; an event that begins leaves it within a minute."""

    def render() -> str:
        upcoming = [selectors.localize(e) for e in selectors.events_upcoming(viewer=request.user, limit=5)]
        return render_to_string("events/partials/_upcoming.html", {"upcoming": upcoming}, request=request)

    return fragments.cached(UPCOMING_PANEL, None, render, extra=audience(request.user), timeout=60)
