import importlib

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _

from sco.api import api
from sco.core import problems


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return problems.problem_response(
        status=404, code="not_found", title=_("Not found"), detail=_("Nothing was found here, or you may not see it.")
    )


# The database going away while a middleware reads from it answers 503, not 500 (see sco.core.faults).
handler500 = "sco.core.faults.server_error"

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("admin/", admin.site.urls),
    path("taxii2/", include("sco.infosec.taxii_urls")),  # TAXII 2.1 fixes its discovery URL at /taxii2/
    path("", include("sco.core.urls")),
]

# Each part mounts its pages at /<part>/ when it has any.
for part in settings.SCO_PARTS[1:]:
    try:
        importlib.import_module(f"sco.{part}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"sco.{part}.urls":
            raise
        continue
    urlpatterns.append(path(f"{part}/", include(f"sco.{part}.urls")))
