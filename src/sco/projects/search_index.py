"""Keeps the projects' terms in the platform's full-text index (core.search) as projects are written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sco.core import hooks, search
from sco.projects.models import Project
from sco.projects.selectors import SEARCH_KIND, SEARCH_TEXTS, SEARCH_TITLES


def on_save(sender: Any, instance: Project, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        search.index(
            SEARCH_KIND,
            instance.pk,
            titles=[getattr(instance, name) for name in SEARCH_TITLES],
            texts=[getattr(instance, name) for name in SEARCH_TEXTS],
        )


def on_delete(sender: Any, instance: Project, **kwargs: Any) -> None:
    search.forget(SEARCH_KIND, instance.pk)


def every_project() -> tuple[str, Iterator[search.Row]]:
    """For `sco search_reindex`: every project's terms (after a bulk load that bypassed the signals)."""
    rows = Project.objects.order_by("pk").values_list("pk", *SEARCH_TITLES, *SEARCH_TEXTS).iterator(chunk_size=2000)
    n = len(SEARCH_TITLES)
    return SEARCH_KIND, ((row[0], row[1 : n + 1], row[n + 1 :]) for row in rows)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(on_save, sender=Project, dispatch_uid="projects-search-save")
    post_delete.connect(on_delete, sender=Project, dispatch_uid="projects-search-delete")
    hooks.register("search_reindex")(every_project)
