"""Field-by-field difference between two frozen versions of a project. Pure module (no Django)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        if self.before in (None, "", [], {}):
            return "added"
        if self.after in (None, "", [], {}):
            return "removed"
        return "changed"


def diff(before: Mapping[str, Any], after: Mapping[str, Any], *, order: tuple[str, ...] = ()) -> list[Change]:
    """Every field whose value differs, in ``order`` first, then alphabetically. Lists compare as sets of
    values when their items are plain (states, goals), so reordering is not a change."""
    names = list(order) + sorted((set(before) | set(after)) - set(order))
    changes: list[Change] = []
    for name in names:
        a, b = before.get(name), after.get(name)
        if _same(a, b):
            continue
        changes.append(Change(field=name, before=a, after=b))
    return changes


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list) and all(isinstance(v, str | int) for v in a + b):
        return sorted(map(str, a)) == sorted(map(str, b))
    return bool(a == b)
