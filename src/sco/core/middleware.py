from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import problems
from sco.core.services import token_authenticate

API_PREFIX = "/api/"


class ApiGuardMiddleware:
    """Refuses an oversized API body before anything reads it, as problem+json rather than Django's HTML 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return problems.too_large(limit)
        return self.get_response(request)


class ApiTokenMiddleware:
    """`Authorization: Bearer <token>` signs an API request in as the token's owner.

    A bad token is a 401, never a silent fall back to anonymous."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if not header:
            # ninja's views are csrf-exempt; a browser session writing through the API must still prove its origin.
            if request.method not in ("GET", "HEAD", "OPTIONS") and settings.SESSION_COOKIE_NAME in request.COOKIES:
                refused = CsrfViewMiddleware(self.get_response).process_view(request, None, (), {})
                if refused is not None:
                    return problems.problem_response(
                        status=403,
                        code="csrf_failed",
                        title=_("Not permitted"),
                        detail=_("The CSRF token is missing or wrong: reload the page and try again."),
                    )
            return self.get_response(request)
        if header:
            scheme, _sep, token = header.partition(" ")
            if scheme.lower() != "bearer":
                return self._refuse(_("Only Bearer tokens are accepted."))
            api_token = token_authenticate(token=token.strip(), now=timezone.now())
            if api_token is None:
                return self._refuse(_("The API token is unknown, revoked or expired."))
            request.user = api_token.user
            request.api_token = api_token  # type: ignore[attr-defined]
            # A token is not a cookie: a cross-site page cannot send it, so CSRF does not apply.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)

    @staticmethod
    def _refuse(detail: str) -> HttpResponse:
        response = problems.problem_response(status=401, code="invalid_token", title=_("Not signed in"), detail=detail)
        response["WWW-Authenticate"] = 'Bearer realm="sco"'
        return response
