from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sco.core import problems
from sco.core.errors import BadRequest
from sco.core.services import token_authenticate

API_PREFIX = "/api/"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NulCharacter(BadRequest):
    """PostgreSQL cannot store U+0000 in text: refused at the door instead of failing deep inside a query."""

    code = "nul_character"
    message_template = gettext_lazy("The request contains a NUL character (U+0000), which is not allowed.")


class UnreadableBody(BadRequest):
    code = "unreadable_body"
    message_template = gettext_lazy("The request body could not be read (a multipart body needs its boundary).")


NOT_ALLOWED = frozenset({"TRACE", "TRACK", "CONNECT"})
STATUS_TITLES = {
    400: gettext_lazy("Bad request"),
    403: gettext_lazy("Not permitted"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    413: gettext_lazy("Request too large"),
}


def as_problem(response: HttpResponse) -> HttpResponse:
    """Any error answer on the API that is not already JSON (Django's CSRF page, a 405 from the router, a 400 from
    a suspicious request) becomes problem+json with the same status and headers that matter (Allow)."""
    content_type = response.get("Content-Type", "")
    if response.status_code < 400 or "json" in content_type or response.streaming:
        return response
    status = response.status_code
    if status == 403:
        code, detail = "csrf_failed", _("The CSRF token is missing or wrong: reload the page and try again.")
    elif status == 405:
        code, detail = "method_not_allowed", _("This method is not allowed here.")
    else:
        code, detail = "http_error", _("The request could not be carried out.")
    title = STATUS_TITLES.get(status, gettext_lazy("The request could not be carried out."))
    problem = problems.problem_response(status=status, code=code, title=str(title), detail=detail)
    if "Allow" in response:
        problem["Allow"] = response["Allow"]
    return problem


def body_limit(request: HttpRequest) -> int:
    """The one limit for a request body: form or JSON fields, plus one upload when the body is multipart."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
        limit += settings.SCO_MAX_UPLOAD_BYTES
    return limit


def _has_nul(values: Iterable[Any]) -> str | None:
    for value in values:
        if isinstance(value, str) and "\x00" in value:
            return value
    return None


def _json_has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_json_has_nul(k) or _json_has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_json_has_nul(v) for v in value)
    return False


class ApiGuardMiddleware:
    """Refuses, before any view or query sees it, input the platform cannot handle:

    - a body larger than ``body_limit`` (413), whether it announces its length or comes chunked;
    - a NUL character in the path, the query, a cookie, the Authorization header, a form field or a JSON string
      (400: PostgreSQL refuses NUL in text, so it would otherwise surface as a server error);
    - a multipart body that cannot be parsed, e.g. without a boundary (400).

    On the API the refusal is problem+json; on pages, the error page with the same status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._check_method(request) or self._check_size(request) or self._check_input(request)
        response = refusal if refusal is not None else self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response = as_problem(response)
        return response

    @staticmethod
    def _check_method(request: HttpRequest) -> HttpResponse | None:
        """TRACE (and the like) would be answered as a GET by a plain view: no view here answers them."""
        if request.method not in NOT_ALLOWED:
            return None
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
        return response

    def _check_size(self, request: HttpRequest) -> HttpResponse | None:
        limit = body_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            # Django reads no body without a length: read it here (the server has de-chunked it), up to the limit.
            stream = request.META.get("wsgi.input")
            body = stream.read(limit + 1) if stream is not None else b""
            if len(body) > limit:
                return self._too_large(request, limit)
            request._body = body  # what request.body and the parsers read
            request.META["CONTENT_LENGTH"] = str(len(body))
            return None
        if length > limit:
            return self._too_large(request, limit)
        return None

    def _check_input(self, request: HttpRequest) -> HttpResponse | None:
        error: BadRequest | None = None
        if (
            "\x00" in request.path
            or _has_nul(request.GET.keys())
            or any(_has_nul(request.GET.getlist(key)) for key in request.GET)
            or _has_nul(request.COOKIES.values())
            or "\x00" in request.META.get("HTTP_AUTHORIZATION", "")
        ):
            error = NulCharacter()
        elif request.method == "POST" and request.META.get("CONTENT_TYPE", "").startswith(FORM_TYPES):
            try:
                post = request.POST
            except MultiPartParserError:
                error = UnreadableBody()
            else:
                if _has_nul(post.keys()) or any(_has_nul(post.getlist(key)) for key in post):
                    error = NulCharacter()
        elif request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            if "boundary=" not in request.META.get("CONTENT_TYPE", ""):
                error = UnreadableBody()
        elif "json" in request.META.get("CONTENT_TYPE", "") and request.method in ("POST", "PUT", "PATCH"):
            body = request.body
            if b"\x00" in body or b"\\u0000" in body.lower():
                try:
                    error = NulCharacter() if _json_has_nul(json.loads(body)) else None
                except ValueError:
                    error = NulCharacter() if b"\x00" in body else None
        if error is None:
            return None
        if request.path.startswith(API_PREFIX):
            return problems.from_error(error)
        if _has_nul(request.COOKIES.values()):
            # the page would read the session from this cookie: answer in plain text instead
            return HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
        from sco.core.doors import error_page

        return error_page(request, error)

    @staticmethod
    def _too_large(request: HttpRequest, limit: int) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            return problems.too_large(limit)
        return HttpResponse(
            _("The request body is larger than %(limit)s bytes.") % {"limit": limit},
            status=413,
            content_type="text/plain; charset=utf-8",
        )


class PrivateCacheMiddleware:
    """What a signed-in person sees is theirs: no shared cache, no copy on disk.

    ``Cache-Control: private, no-store`` on every answer to a signed-in request, page or API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response


class ApiTokenMiddleware:
    """`Authorization: Bearer <token>` signs an API request in as the token's owner.

    A bad token is a 401, never a silent fall back to anonymous."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if not header and request.method in ("POST", "PUT", "PATCH", "DELETE") and not request.user.is_authenticated:
            # Every write of the API needs someone to answer for it: say so before judging the body (a 422 listing
            # field errors to an anonymous caller answered the wrong question first).
            return problems.problem_response(
                status=401,
                code="not_authenticated",
                title=_("Not signed in"),
                detail=_("Sign in, or send a valid API token, to do this."),
            )
        if not header:
            # ninja's views are csrf-exempt; a browser session writing through the API must still prove its origin.
            if request.method not in ("GET", "HEAD", "OPTIONS") and settings.SESSION_COOKIE_NAME in request.COOKIES:
                refused = CsrfViewMiddleware(self.get_response).process_view(request, self.get_response, (), {})
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
