"""The JSON door: every part's router under /api/v1/, one error shape (RFC 9457 problem+json)."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from django.conf import settings
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from sco.core import faults, problems
from sco.core.errors import OutOfRange, ScoError
from sco.core.middleware import UnreadableBody

logger = logging.getLogger(__name__)

PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details: every error the API answers has this shape.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string", "description": "/api/v1/problems/<code>"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "description": "A stable identifier clients may rely on."},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Messages by field, for invalid input.",
        },
    },
}
# What any operation may answer besides its success, and why (one list, so the document and the server agree).
ERROR_RESPONSES = {
    "400": "The request cannot be read: a NUL character, a malformed JSON or multipart body, a number out of range.",
    "401": "Not signed in, or the API token is unknown, revoked or expired.",
    "403": "Not permitted (acting for another state, a missing CSRF token with a session).",
    "404": "Not found, or not visible to you.",
    "422": "Invalid input, with the errors by field.",
}
WRITE_ERROR_RESPONSES = {
    "409": "Conflict with the record's present state.",
    "413": "The request body is larger than the limit.",
}
WRITE_METHODS = ("post", "put", "patch", "delete")


class ScoNinjaAPI(NinjaAPI):
    """Ninja, with every operation documenting the errors it can answer as problem+json (issue #11, item 3)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                errors = {**ERROR_RESPONSES, **(WRITE_ERROR_RESPONSES if method in WRITE_METHODS else {})}
                responses = operation["responses"]
                for status, description in errors.items():
                    if status not in responses and int(status) not in responses:  # ninja keys its own by int
                        responses[status] = {"description": description, "content": problem}
        return schema


api = ScoNinjaAPI(
    title="SCO Cooperation Platform API",
    version="1",
    description=(
        "Members, bodies, chairmanships, delegations, decisions, investment projects, strategic documents and events "
        "of the Shanghai Cooperation Organisation.\n\n"
        "Authentication: a browser session (with its CSRF token for writes), or a personal API token sent as "
        "`Authorization: Bearer sco_…` (make one under Account → API tokens or with `sco token create`).\n\n"
        "Errors are `application/problem+json` (RFC 9457) with a stable `code` and, for invalid input, "
        "`errors` by field."
    ),
    urls_namespace="api",
    openapi_extra={
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "A personal API token."},
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            }
        },
        "security": [{"bearer": []}, {"session": []}, {}],
    },
)


@api.exception_handler(ScoError)
def _sco_error(request: HttpRequest, exc: ScoError) -> HttpResponse:
    return problems.from_error(exc)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", []) if part not in ("body", "payload", "query", "path")]
        errors.setdefault(".".join(loc) or "body", []).append(str(error.get("msg", "")))
    return problems.problem_response(
        status=422,
        code="invalid_input",
        title=_("Invalid input"),
        detail=_("Some fields are not valid."),
        errors=errors,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.problem_response(
        status=401,
        code="not_authenticated",
        title=_("Not signed in"),
        detail=_("Sign in, or send a valid API token, to do this."),
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.problem_response(
        status=404, code="not_found", title=_("Not found"), detail=_("Nothing was found here, or you may not see it.")
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return problems.problem_response(
            status=400,
            code="malformed_body",
            title=_("Malformed request"),
            detail=_("The request body is not valid JSON."),
        )
    return problems.problem_response(
        status=exc.status_code, code="http_error", title=_("The request could not be carried out."), detail=str(exc)
    )


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
@api.exception_handler(RedisConnectionError)
@api.exception_handler(RedisTimeoutError)
def _database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    return faults.unavailable(request, exc)


@api.exception_handler(MultiPartParserError)
def _unreadable_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.from_error(UnreadableBody())


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problems.from_error(OutOfRange())


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unexpected error in the API")
    return problems.problem_response(
        status=500,
        code="internal_error",
        title=_("Internal error"),
        detail=_("Something went wrong on our side; nothing was changed."),
    )


for part in settings.SCO_PARTS:
    try:
        module = importlib.import_module(f"sco.{part}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"sco.{part}.api":
            raise
        continue
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router(f"/{part}/" if part != "core" else "/", router)
