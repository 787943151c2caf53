"""The analysts' pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from sco.infosec import access, selectors, signing


def index_page(request: HttpRequest) -> HttpResponse:
    caller = access.caller_for_user(request.user)
    rows = selectors.shared_with_me(caller=caller)
    return render(request, "infosec/index.html", {"caller": caller, "rows": rows})


def jwks_view(request: HttpRequest) -> JsonResponse:
    """The public key that verifies the platform's signatures (a JWKS, RFC 7517)."""
    return JsonResponse(signing.public_jwks())
