"""Calendars and a chairmanship's programme through the API."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query

from sco.core import api as core_api
from sco.core import fragments
from sco.events import selectors
from sco.events.api.common import router
from sco.events.permissions import audience
from sco.events.schemas import CalendarOut, MonthIn, OverviewOut, WeekIn

# The calendars' answers, kept across requests (core.fragments) and renewed by every write of an event.
CALENDAR_API = "events.calendar_api"


def _calendar_out(view: selectors.CalendarView) -> dict[str, Any]:
    return {
        "first": view.days[0],
        "last": view.days[-1],
        "days": [{"date": d, "events": [le.event.pk for le in view.by_day[d]]} for d in view.days],
        "events": [
            {
                "id": le.event.pk,
                "title": le.event.title,
                "category": le.event.category,
                "precision": le.event.precision,
                "cancelled": le.event.cancelled,
                "is_public": le.event.is_public,
                "starts_at": le.event.starts_at,
                "ends_at": le.event.ends_at,
                "time_zone": le.event.time_zone,
                "start_local": le.start.isoformat(),
                "end_local": le.end.isoformat(),
                "city": le.event.city,
            }
            for le in view.events
        ],
    }


def _kept(request: HttpRequest, kind: str, query: MonthIn | WeekIn, view: Callable[[], Any]) -> HttpResponse:
    """A calendar's answer, serialised once for everyone who sees the same events (permissions.audience), the same
    query and language, until an event is written (core.fragments)."""

    def answer() -> bytes:
        return core_api.serialised(request, CalendarOut, _calendar_out(view()))

    extra = f"{kind}:{audience(request.user)}:{sorted(query.model_dump(mode='json').items())}"
    content = fragments.cached(CALENDAR_API, None, answer, extra=extra, timeout=300)
    return core_api.json_answer(content)


@router.get("/calendar/month", response=CalendarOut)
def month(request: HttpRequest, query: Query[MonthIn]) -> Any:
    return _kept(
        request,
        "month",
        query,
        lambda: selectors.calendar_month(
            viewer=request.user, year=query.year, month=query.month, filters=query.to_filters()
        ),
    )


@router.get("/calendar/week", response=CalendarOut)
def week(request: HttpRequest, query: Query[WeekIn]) -> Any:
    return _kept(
        request,
        "week",
        query,
        lambda: selectors.calendar_week(viewer=request.user, day=query.date, filters=query.to_filters()),
    )


@router.get("/chairmanships/{chairmanship_id}/overview", response=OverviewOut)
def overview(request: HttpRequest, chairmanship_id: int) -> Any:
    data = selectors.programme_overview(
        viewer=request.user, chairmanship_id=chairmanship_id, language=request.LANGUAGE_CODE
    )
    return {
        "chairmanship": data.chairmanship.pk,
        "label": data.chairmanship.label,
        "total": data.total,
        "by_category": [{"key": k, "count": n} for k, n in data.by_category],
        "by_month": [{"key": k, "count": n} for k, n in data.by_month],
        "by_city": [{"key": k, "count": n} for k, n in data.by_city],
    }
