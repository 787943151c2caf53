from __future__ import annotations

from datetime import datetime

from django import template

register = template.Library()


@register.filter
def wall(value: datetime | None) -> datetime | None:
    """A venue-local time shown as it stands: without its zone, templates do not convert it to the server's zone."""
    if value is None:
        return None
    return value.replace(tzinfo=None)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key, [])
