"""A small registry through which parts plug into each other without importing each other's views.

Known hooks:
- "home_panel": fn(request) -> str | None, HTML for a panel on the home page (rendered in order of registration).
- "attention": fn(user) -> list[AttentionItem], what waits for this user (positions to record, answers due...).
- "project_panel": fn(request, project) -> str | None, a section another part adds to a project page (financing,
  corridors), rendered per request below the page's shared, cached body.
- "home_context": fn(request) -> dict, values the home page's template reads (members gives "chair").
- "me_facts": fn(user) -> dict, what `/api/v1/me` says of whom the user acts for (members gives "acts_for",
  "secretariat", "chair").
- "search_reindex": fn() -> (kind, iterable of (object_id, [texts])), every record a part keeps in the full-text
  index (core.search), for `sco search_reindex` after a bulk load.
- "project_facts": fn(project) -> dict[str, bool], lifecycle preconditions another part evaluates, keyed by
  ``projects.lifecycle.Check`` values (financing answers "financial_close").
- "oc4ids_budget": fn(project_ids) -> dict[int, dict], extra ``budget`` members (finance, budgetBreakdowns) of the
  public projects in the OC4IDS package, from the part that holds them.
- "demo": registered by nothing; demo loaders are found by module name (see core.demo).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_registry: dict[str, list[Callable[..., Any]]] = defaultdict(list)


@dataclass(frozen=True)
class AttentionItem:
    text: str
    url: str
    due: str = ""


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        if fn not in _registry[name]:
            _registry[name].append(fn)
        return fn

    return decorator


def get(name: str) -> list[Callable[..., Any]]:
    return list(_registry[name])
