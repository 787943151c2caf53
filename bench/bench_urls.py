"""The benchmark's own URL conf: the platform's URLs plus the bare one-query endpoint the ratios are taken against.

It lives here, not in the product: `bench/common.server` starts gunicorn with `bench_settings`, whose ROOT_URLCONF
is this module. Every bench script measures its pages beside `/_bench/bare` in the same run."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    """The rows an anonymous visitor's project list shows, from one hand-written SQL query: what the page's machinery
    costs is measured over this."""
    try:
        size = max(1, min(int(request.GET.get("size", "50")), 200))
    except ValueError:
        size = 50
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, p.title_en, p.status, p.sector, p.sponsor_name, p.total_cost, p.currency, p.updated_at "
            "FROM projects_project p WHERE p.visibility = 'public' AND p.status <> 'draft' "
            "ORDER BY p.updated_at DESC, p.id DESC LIMIT %s",
            [size],
        )
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return JsonResponse({"items": rows}, json_dumps_params={"default": str})


urlpatterns = [
    path("_bench/bare", bare, name="bench_bare"),
    path("", include("sco.urls")),
]
