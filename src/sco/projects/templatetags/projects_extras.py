from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pct(value: Any, digits: int = 2) -> str:
    """0.0523 -> "5.23 %" in the active locale's number format; None -> "—"."""
    if value is None:
        return "—"
    return f"{number_format(round(float(value) * 100, int(digits)), decimal_pos=int(digits))} %"
