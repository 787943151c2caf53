"""The page header (the brand, the language switch, the signed-in person's links, the main navigation), kept across
requests (core.fragments) for one viewer, language and section of the platform: every page shows it, and rendering it
anew cost a signed-in page about as much as the rest of the page. What differs from one request to the next (the CSRF
token, the address to come back to after switching language or signing in) is put in after, in place of marks.

The kept entry is keyed by everything it shows: the person and how they are named, their unread count, the language,
the section (which link is current) and the template's own text, so an edited header is never served from before."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.template.defaultfilters import urlencode
from django.template.loader import get_template, render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from sco.core import fragments
from sco.core.selectors import unread_count
from sco.core.users import signed_in

HEADER = "header"
TEMPLATE = "includes/header.html"
TIMEOUT = 600

# The parts the header names by hand (includes/header.html); every other part with an `index` page gets a link after
# them, named by its AppConfig.verbose_name.
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


@cache
def _revision() -> str:
    return hashlib.sha256(get_template(TEMPLATE).template.source.encode()).hexdigest()[:12]  # type: ignore[attr-defined]


def render(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    match = request.resolver_match
    app_name, url_name = (match.app_name, match.url_name or "") if match else ("", "")
    is_home = request.path == "/"
    person = signed_in(user)
    unread = unread_count(viewer=user) if person else 0

    def compute() -> tuple[str, str, str, str]:
        token, back, login_next = fragments.csrf_mark(), fragments.csrf_mark(), fragments.csrf_mark()
        context: dict[str, Any] = {
            "csrf_token": token,
            "back": back,
            "login_next": login_next,
            "signed_in": person,
            "user": user,
            "unread_notifications": unread,
            "app_name": app_name,
            "url_name": url_name,
            "is_home": is_home,
            "nav_parts": [(part, url, apps.get_app_config(part).verbose_name) for part, url in _part_links()],
        }
        return render_to_string(TEMPLATE, context), token, back, login_next

    said = f"{_revision()}|{app_name}|{url_name}|{is_home}|{unread}|{user if person else ''}"
    html, token, back, login_next = fragments.cached(HEADER, user, compute, extra=said, timeout=TIMEOUT)
    html = fragments.with_csrf(html, token, request).replace(back, escape(request.get_full_path()))
    return html if person else html.replace(login_next, escape(urlencode(request.path)))
