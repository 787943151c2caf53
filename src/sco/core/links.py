"""Links and lines that leave the page: absolute URLs for e-mails and calendar feeds, subjects cut at a word."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from django.conf import settings


def absolute_url(url: str) -> str:
    """`/events/3/` as `http://host/events/3/` (settings.SCO_BASE_URL); an absolute URL or an empty one unchanged."""
    if not url or urlsplit(url).scheme:
        return url
    return urljoin(settings.SCO_BASE_URL + "/", url.lstrip("/"))


def cut_at_word(text: str, limit: int) -> str:
    """At most `limit` characters, cut at the last space before it with an ellipsis; never mid-word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > 0:
        head = head[:space]
    return head.rstrip(" ,;:.-–—") + "…"
