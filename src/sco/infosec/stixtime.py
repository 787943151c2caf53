"""STIX and TAXII timestamps. No Django import.

STIX timestamps carry milliseconds (or more); TAXII's date_added carries microseconds (TAXII 2.1 section 2)."""

from __future__ import annotations

import datetime as dt


def parse(value: str) -> dt.datetime:
    text = value.strip()
    if not text.endswith("Z"):
        raise ValueError(f"not a UTC timestamp: {value!r}")
    when = dt.datetime.fromisoformat(text[:-1])
    return when.replace(tzinfo=dt.UTC)


def stix(when: dt.datetime) -> str:
    """Milliseconds, or microseconds when the value has them."""
    when = when.astimezone(dt.UTC)
    base = when.strftime("%Y-%m-%dT%H:%M:%S")
    if when.microsecond % 1000:
        return f"{base}.{when.microsecond:06d}Z"
    return f"{base}.{when.microsecond // 1000:03d}Z"


def taxii(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
