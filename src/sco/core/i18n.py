"""Names and titles held in three languages, with a fallback when one is missing."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

LANG_SUFFIXES = ("en", "ru", "zh")
_FALLBACK = {"en": ("en", "ru", "zh"), "ru": ("ru", "en", "zh"), "zh": ("zh", "en", "ru")}


def lang_suffix(language: str | None = None) -> str:
    language = (language or get_language() or "en").lower()
    if language.startswith("zh"):
        return "zh"
    if language.startswith("ru"):
        return "ru"
    return "en"


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """The value of `field` in the active language, else the first of the others that is filled."""
    for suffix in _FALLBACK[lang_suffix(language)]:
        value = getattr(obj, f"{field}_{suffix}", "")
        if value:
            return str(value)
    return ""
