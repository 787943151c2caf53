"""The list of projects and the open data exports."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sco.core.pagination import cursor_for
from sco.members import permissions
from sco.projects import cache as project_cache
from sco.projects import oc4ids, selectors
from sco.projects import open_data as published
from sco.projects.models import AtLeast, Project, ProjectStatus
from sco.projects.views.common import PAGE_SIZES, HtmxHttpRequest, _sector_choices


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    fragment = "projects/partials/_results.html" if request.htmx else "projects/partials/_index_body.html"
    if project_cache.cacheable(request.user):
        # Anonymous visitors share one rendering per query string (no CSRF token, no name in it).
        key = project_cache.key("htmx" if request.htmx else "page", request.GET.urlencode())
        body = cache.get(key)
        if body is None:
            body = render_to_string(fragment, _index_context(request), request=request)
            cache.set(key, body, project_cache.TIMEOUT)
        body = mark_safe(body)
    else:
        # Everyone of one audience (the same states, the Secretariat) shares one rendering per query string: it is
        # rendered without the request, so nothing of the person (a CSRF token, a name) can enter it.
        body = mark_safe(
            project_cache.for_audience(
                request.user,
                "htmx" if request.htmx else "page",
                request.GET.urlencode(),
                lambda: render_to_string(fragment, _index_context(request)),
            )
        )
    if request.htmx:
        return HttpResponse(body)
    return render(request, "projects/index.html", {"body": body})


def _index_context(request: HtmxHttpRequest) -> dict[str, Any]:
    filters = selectors.ProjectFilters(
        status=request.GET.get("status", ""),
        sector=request.GET.get("sector", ""),
        host_state=request.GET.get("host_state", ""),
        q=request.GET.get("q", "")[:200],
        # A search is shown best match first unless the visitor chose another order.
        sort=request.GET.get("sort") or ("relevance" if request.GET.get("q", "").strip() else "updated"),
    )
    try:
        size = int(request.GET.get("size", "20"))
    except ValueError:
        size = 20
    size = size if size in PAGE_SIZES else 20
    projects = selectors.project_list(viewer=request.user, filters=filters)
    order = selectors.keyset_order(filters)
    after = request.GET.get("after", "")
    querystring = _querystring(request)
    if after:
        # Past the first page the list goes on from the last row shown (keyset), so page 400 costs what page 2 does.
        keyed = selectors.keyset_after(projects, filters, size, after)
        rows, number, count = keyed.rows, keyed.number, projects.count()
        previous = f"{querystring}&after={keyed.previous}" if keyed.previous else querystring if number > 1 else None
        following = f"{querystring}&after={keyed.next}" if keyed.next else None
    else:
        page = Paginator(projects, size).get_page(request.GET.get("page"))
        rows, number, count = list(page), page.number, page.paginator.count
        previous = f"{querystring}&page={page.previous_page_number()}" if page.has_previous() else None
        following = None
        if page.has_next():
            following = (
                f"{querystring}&after={cursor_for(rows[-1], order, page=number + 1)}"
                if order is not None and rows
                else f"{querystring}&page={page.next_page_number()}"
            )
    pages = -(-int(count) // size) or 1
    nav = {
        "number": number,
        "pages": f"{max(pages, number)}+" if isinstance(count, AtLeast) else str(max(pages, number)),
        "previous": previous,
        "next": following,
    }
    return {
        "count": count,
        "nav": nav,
        "rows": _rows(rows),
        "filters": filters,
        "size": size,
        "sizes": PAGE_SIZES,
        "statuses": ProjectStatus.choices,
        "sectors": _sector_choices(),
        "states": permissions.member_states(timezone.localdate()),
        "sorts": [
            ("relevance", _("Best match")),
            ("updated", _("Recently updated")),
            ("title", _("Title")),
            ("-cost", _("Cost, highest first")),
            ("cost", _("Cost, lowest first")),
            ("created", _("Newest")),
        ],
    }


def _rows(projects: list[Project]) -> list[dict[str, Any]]:
    """The list's cells, worked out here once rather than through template lookups 50 times over."""
    from django.utils.formats import number_format

    from sco.core.i18n import localized

    sectors = dict(_sector_choices())
    statuses = dict(ProjectStatus.choices)
    rows = []
    for p in projects:
        cost = (
            f"{number_format(p.total_cost, decimal_pos=0, force_grouping=True)} {p.currency}"
            if p.total_cost is not None
            else None
        )
        rows.append(
            {
                "pk": p.pk,
                "title": localized(p, "title"),
                "illustrative": p.is_illustrative,
                "sponsor": p.sponsor_name,
                "sponsor_state": localized(p.sponsor_state, "name"),
                "status": statuses.get(p.status, p.status),
                "sector": _(sectors.get(p.sector, p.sector)),
                "hosts": ", ".join(localized(x.state, "name") for x in p.participations.all() if x.role == "host"),
                "cost": cost,
                "estimate": p.cost_is_estimate,
                "updated": p.updated_at,
            }
        )
    return rows


def _querystring(request: HtmxHttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("after", None)
    return query.urlencode()


@require_GET
def open_data(request: HtmxHttpRequest) -> HttpResponse:
    """The index of the open data: what is published, in which formats, and under which standard."""
    return render(request, "projects/open_data.html", {"count": published.public_projects().count()})


@require_GET
def oc4ids_json(request: HtmxHttpRequest) -> HttpResponse:
    data = published.oc4ids_package(base_url=request.build_absolute_uri("/")[:-1], published=timezone.now())
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_GET
def csv_export(request: HtmxHttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sco-projects.csv"'
    oc4ids.write_csv(
        published.oc4ids_package(base_url=request.build_absolute_uri("/")[:-1], published=timezone.now()), response
    )
    return response
