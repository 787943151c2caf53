from __future__ import annotations

from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from sco.core.selectors import unread_count

# The parts the header names by hand (base.html); every other part with an `index` page gets a link after them.
NAMED_IN_HEADER = frozenset({"core", "members", "decisions", "projects", "documents", "events"})


@cache
def _part_links() -> tuple[tuple[str, str], ...]:
    links = []
    for part in settings.SCO_PARTS:
        if part in NAMED_IN_HEADER:
            continue
        try:
            links.append((part, reverse(f"{part}:index")))
        except NoReverseMatch:
            continue
    return tuple(links)


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "unread_notifications": unread_count(viewer=request.user) if hasattr(request, "user") else 0,
        # (app name, URL, the part's name in the reader's language: its AppConfig.verbose_name)
        "nav_parts": [(part, url, apps.get_app_config(part).verbose_name) for part, url in _part_links()],
    }
