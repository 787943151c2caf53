"""RFC 9457 problem details: the one shape every API error takes."""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse
from django.utils.translation import gettext as _

from sco.core.errors import ScoError

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_response(
    *, status: int, code: str, title: str, detail: str, errors: dict[str, list[str]] | None = None, **extra: Any
) -> JsonResponse:
    body: dict[str, Any] = {
        "type": f"/api/v1/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return JsonResponse(
        body, status=status, content_type=PROBLEM_CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def from_error(error: ScoError) -> JsonResponse:
    return problem_response(
        status=error.status, code=error.code, title=str(error.title), detail=error.message, errors=error.field_errors
    )


def too_large(limit: int) -> JsonResponse:
    return problem_response(
        status=413,
        code="too_large",
        title=_("Request too large"),
        detail=_("The request body is larger than %(limit)s bytes.") % {"limit": limit},
    )
