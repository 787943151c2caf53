from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from sco.core.i18n import localized

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> str:
    """{{ state|tr:"name" }}: the field in the active language, with a fallback."""
    return localized(obj, field)


@register.simple_tag
def lang_code() -> str:
    return get_language() or "en"


@register.simple_tag(takes_context=True)
def page_header(context: Any) -> str:
    """The page's header, kept across requests (core.header)."""
    from django.utils.safestring import mark_safe

    from sco.core import header

    return mark_safe(header.render(context["request"]))  # rendered by includes/header.html, escaped there
