"""Which of a set of time spans overlap. No Django import.

A delegation sees when two of its registrations clash; spans are half-open, so a meeting that ends at 12:00 does
not clash with one that starts at 12:00.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Timed(Generic[K]):
    key: K
    start: datetime
    end: datetime


def spans_overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def overlapping_pairs(items: Iterable[Timed[K]]) -> list[tuple[K, K]]:
    """Every pair of items whose spans overlap, each pair once, ordered by the first item's start.

    A sweep over the items sorted by start: O(n log n + pairs), so a delegation with hundreds of registrations
    costs little.
    """
    ordered = sorted(items, key=lambda t: (t.start, t.end))
    active: list[Timed[K]] = []
    pairs: list[tuple[K, K]] = []
    for item in ordered:
        active = [a for a in active if a.end > item.start]
        pairs.extend((a.key, item.key) for a in active)
        active.append(item)
    return pairs


def clashing_keys(items: Iterable[Timed[K]]) -> set[K]:
    """The keys of items that overlap at least one other item."""
    return {key for pair in overlapping_pairs(items) for key in pair}
