"""Number formatting for the trade pages: US dollars shown in millions, localized."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def musd(value: float | None) -> str:
    """US dollars as US$ million with two decimals, in the active language's number format."""
    if value is None:
        return "—"
    return number_format(round(value / 1e6, 2), decimal_pos=2, use_l10n=True, force_grouping=True)


@register.filter
def raw_musd(value: float | None) -> str:
    """The same figure for machines (data-value attributes): a plain decimal point, no grouping."""
    return "" if value is None else f"{value / 1e6:.2f}"


@register.filter
def pct(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return sign + number_format(round(value, places), decimal_pos=places, use_l10n=True) + "%"


@register.filter
def ratio(value: float | None) -> str:
    return "—" if value is None else number_format(round(value, 3), decimal_pos=3, use_l10n=True)


@register.filter
def name_of(names: dict[str, str], code: str) -> str:
    return names.get(code, code)


@register.filter
def cell(matrix: dict[tuple[str, str], Any], key: str) -> Any:
    a, _, b = key.partition(":")
    return matrix.get((a, b))
