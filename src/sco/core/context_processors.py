from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sco.core.selectors import unread_count


def platform(request: HttpRequest) -> dict[str, Any]:
    return {"unread_notifications": unread_count(viewer=request.user) if hasattr(request, "user") else 0}
