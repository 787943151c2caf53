"""The parts whose records can be put to a decision (projects now, documents later) register them here.

A subject part says, in its AppConfig.ready():

    subjects.register(Project, visible=project_visible, url=lambda p: p.get_absolute_url(), on_decided=on_decided)

- ``visible(viewer, queryset)`` narrows a queryset of its records to those the viewer may see: a decision is
  visible exactly when its subject is (decisions never widen what a subject part shows). It is registered in
  ``sco.core.visibility`` too, so notices that name the record reach only those who may see it;
- ``audience(obj)`` the ids of the member states that may see the record, or None when every member state may
  (optional, None by default). A procedure's eligible states are the body's members in the audience: no state
  decides on what it may not see (SCO Charter art. 16: a project not every member joins is decided by those who
  take part; see README.md);
- ``url(obj)`` is where a person reads the subject (optional);
- ``label(obj)`` names the subject in the reader's language (optional, ``str(obj)`` otherwise);
- ``on_decided(decision)`` runs inside the transaction that stores a procedure's outcome, so the subject part can
  move its record on (optional);
- ``on_changed(decision)`` runs inside the transaction of every change to a procedure on the subject (opened, a
  position recorded, extended, closed), so a subject part that keeps a cached view of the procedure knows when it
  is stale (optional);
- ``depends_on`` the models whose writes may change who sees a record or how it is named (its own model is always
  one): the API's kept lists of procedures (decisions/cache.py) are renewed by each of their writes. By default
  every model that points at the subject's (a project's participations and invitations, among others).

Decisions on a record whose model is not registered are seen by the Secretariat only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models

from sco.core import visibility


@dataclass(frozen=True)
class SubjectKind:
    model: type[models.Model]
    visible: Callable[[Any, models.QuerySet[Any]], models.QuerySet[Any]]
    url: Callable[[Any], str] | None = None
    label: Callable[[Any], str] | None = None
    on_decided: Callable[[Any], None] | None = None
    on_changed: Callable[[Any], None] | None = None
    audience: Callable[[Any], Iterable[int] | None] | None = None
    depends_on: tuple[type[models.Model], ...] | None = None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


_kinds: dict[str, SubjectKind] = {}


def register(
    model: type[models.Model],
    *,
    visible: Callable[[Any, models.QuerySet[Any]], models.QuerySet[Any]],
    url: Callable[[Any], str] | None = None,
    label: Callable[[Any], str] | None = None,
    on_decided: Callable[[Any], None] | None = None,
    on_changed: Callable[[Any], None] | None = None,
    audience: Callable[[Any], Iterable[int] | None] | None = None,
    depends_on: Iterable[type[models.Model]] | None = None,
) -> SubjectKind:
    kind = SubjectKind(
        model=model,
        visible=visible,
        url=url,
        label=label,
        on_decided=on_decided,
        on_changed=on_changed,
        audience=audience,
        depends_on=None if depends_on is None else tuple(depends_on),
    )
    _put(kind)
    return kind


def _put(kind: SubjectKind) -> None:
    from sco.decisions import cache

    _kinds[kind.key] = kind
    visibility.register(kind.model, kind.visible)
    cache.connect_subject(kind.model, kind.depends_on)


def unregister(model: type[models.Model]) -> None:
    _kinds.pop(model._meta.label_lower, None)
    visibility.unregister(model)


@contextmanager
def registered(model: type[models.Model], **options: Any) -> Iterator[SubjectKind]:
    """Register for the length of a block (tests), then restore what was there before."""
    before = _kinds.get(model._meta.label_lower)
    kind = register(model, **options)
    try:
        yield kind
    finally:
        if before is None:
            unregister(model)
        else:
            _put(before)


def kinds() -> list[SubjectKind]:
    return list(_kinds.values())


def kind_for(key: str) -> SubjectKind | None:
    """The registered kind for a model label such as "projects.project"."""
    return _kinds.get(key.lower())


def kind_of_decision(decision: Any) -> SubjectKind | None:
    """The registered kind of a procedure's subject (content types come from Django's cache, not a query)."""
    from django.contrib.contenttypes.models import ContentType

    subject_type = ContentType.objects.get_for_id(decision.subject_type_id)
    return kind_for(f"{subject_type.app_label}.{subject_type.model}")


def changed(decision: Any) -> None:
    """Tell the subject's part that one of its procedures changed (call inside the write's transaction)."""
    kind = kind_of_decision(decision)
    if kind is not None and kind.on_changed is not None:
        kind.on_changed(decision)


def kind_of(obj: models.Model) -> SubjectKind | None:
    return _kinds.get(obj._meta.label_lower)


def subject_label(obj: Any) -> str:
    if obj is None:
        return ""
    kind = kind_of(obj)
    return kind.label(obj) if kind is not None and kind.label is not None else str(obj)


def subject_url(obj: Any) -> str:
    if obj is None:
        return ""
    kind = kind_of(obj)
    return kind.url(obj) if kind is not None and kind.url is not None else ""


def audience(obj: Any) -> frozenset[int] | None:
    """The ids of the states that may see `obj`, or None when every member state may (the subject part says)."""
    kind = kind_of(obj)
    if kind is None or kind.audience is None:
        return None
    ids = kind.audience(obj)
    return None if ids is None else frozenset(ids)
