"""Who may see a record: the question every notice asks before it names a record to a person.

A part whose records can be restricted registers, in its ``AppConfig.ready()``, how a viewer's view of them is
narrowed (the same function its selectors use):

    visibility.register(Event, lambda viewer, qs: qs.filter(pk__in=event_list(viewer=viewer).values("pk")))

Parts that put records to decisions register them through ``sco.decisions.subjects.register``, which registers
them here too. ``core.notifications.notify(about=record)`` then sends a notice (in the app and by e-mail) only to
the recipients who may see ``record``: a person who would get "not found" on a record never reads its title in a
notice. A record of a model nobody registered cannot be named in a notice at all (``Unregistered``), so a new kind
of notice cannot leak by forgetting to ask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models

Visible = Callable[[Any, models.QuerySet[Any]], models.QuerySet[Any]]

_rules: dict[str, Visible] = {}


class Unregistered(ImproperlyConfigured):
    """A notice names a record whose part never said who may see it: a programming error, not a user's."""


def register(model: type[models.Model], visible: Visible) -> None:
    _rules[model._meta.label_lower] = visible


def unregister(model: type[models.Model]) -> None:
    _rules.pop(model._meta.label_lower, None)


def rule_for(model: type[models.Model]) -> Visible | None:
    return _rules.get(model._meta.label_lower)


def may_see(viewer: Any, record: models.Model) -> bool:
    """Whether ``viewer`` may see ``record``, by its part's own rule (one query)."""
    visible = rule_for(type(record))
    if visible is None:
        raise Unregistered(f"{record._meta.label} has no visibility rule: register one in sco.core.visibility")
    return bool(visible(viewer, type(record)._default_manager.filter(pk=record.pk)).exists())


def who_may_see(viewers: Iterable[Any], record: models.Model) -> list[Any]:
    """The viewers, in their order, who may see ``record``."""
    return [viewer for viewer in viewers if may_see(viewer, record)]
