"""Calendars and a chairmanship's programme through the API."""

from typing import Any

from django.http import HttpRequest
from ninja import Query

from sco.events import selectors
from sco.events.api.common import router
from sco.events.schemas import CalendarOut, MonthIn, OverviewOut, WeekIn


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


@router.get("/calendar/month", response=CalendarOut)
def month(request: HttpRequest, query: Query[MonthIn]) -> Any:
    view = selectors.calendar_month(viewer=request.user, year=query.year, month=query.month, filters=query.to_filters())
    return _calendar_out(view)


@router.get("/calendar/week", response=CalendarOut)
def week(request: HttpRequest, query: Query[WeekIn]) -> Any:
    return _calendar_out(selectors.calendar_week(viewer=request.user, day=query.date, filters=query.to_filters()))


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
