from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """{{ labels|get_item:code }}: a dictionary's value for a key, or an empty string."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
