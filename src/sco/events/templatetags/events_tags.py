from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

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


def _pattern(patterns: dict[str, str], default: str) -> str:
    return patterns.get((get_language() or "en").split("-")[0], default)


@register.filter
def longday(value: date | None) -> str:
    """A day as each language writes it: 3 July 2024, 3 июля 2024, 2024年7月3日 (Russian takes the genitive)."""
    if value is None:
        return ""
    return date_format(value, _pattern({"zh": "Y年n月j日", "ru": "j E Y"}, "j F Y"))


@register.filter
def shortday(value: date | None) -> str:
    """A day in short: 3 Jul 2024, 3 июля 2024, 2024年7月3日."""
    if value is None:
        return ""
    return date_format(value, _pattern({"zh": "Y年n月j日", "ru": "j E Y"}, "j M Y"))


@register.filter
def monthyear(value: date | None) -> str:
    """A month: July 2024, Июль 2024, 2024年7月."""
    if value is None:
        return ""
    return date_format(value, _pattern({"zh": "Y年n月"}, "F Y"))
