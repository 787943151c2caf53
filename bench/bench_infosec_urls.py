"""The TAXII bench's URL conf: the platform's URLs plus the bare one-query endpoint a TAXII page is measured against.

`/_bench/infosec_bare?collection=&after_date=&after_id=` answers the next 100 stored objects after a (date_added, id)
position with one hand-written query and no TLP, authentication or audit, its payloads spliced into a JSON body: the
least any server can do to return the same 100 stored objects through this Django stack."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

BARE = (
    "SELECT payload FROM infosec_stixobject WHERE collection_id = %s AND is_latest AND date_added >= %s"
    " AND (date_added > %s OR id > %s) ORDER BY date_added, id LIMIT 100"
)


def infosec_bare(request: HttpRequest) -> HttpResponse:
    after = request.GET["after_date"]
    with connection.cursor() as cursor:
        cursor.execute(BARE, [request.GET["collection"], after, after, int(request.GET["after_id"])])
        payloads = [row[0] for row in cursor.fetchall()]
    return HttpResponse('{"objects":[' + ",".join(payloads) + "]}", content_type="application/json")


urlpatterns = [
    path("_bench/infosec_bare", infosec_bare, name="bench_infosec_bare"),
    path("", include("sco.urls")),
]
