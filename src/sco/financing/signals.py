"""The maintained totals (``services.totals``) are a cache of the projects and the ledger: when the projects part
saves or deletes a project, a participation or an invitation, the project's share of the totals is brought in line in
that same transaction (``totals.refile``), and the dashboards' cached views are dropped. This is the only thing these
receivers do. They cost one query for a project outside the financing stages; rows written without the models'
signals (bulk loads, ``QuerySet.update``, raw SQL) are followed by ``sco financing_rebuild_totals``."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete

from sco.projects.models import Invitation, Participation, Project


def _filed(project_id: int) -> bool:
    from sco.financing.models import PipelineFiling

    return PipelineFiling.objects.filter(project_id=project_id).exists()


def project_saved(sender: Any, instance: Project, raw: bool = False, **kwargs: Any) -> None:
    from sco.financing.services import FINANCEABLE, totals

    if raw:
        return
    if instance.status in FINANCEABLE or _filed(instance.pk):
        totals.refile(instance.pk)


def project_deleted(sender: Any, instance: Project, **kwargs: Any) -> None:
    from sco.financing.services import totals

    totals.unfile(instance.pk)


def taking_part_changed(sender: Any, instance: Participation | Invitation, raw: bool = False, **kwargs: Any) -> None:
    from sco.financing.services import totals

    if raw:
        return
    if _filed(instance.project_id):
        totals.refile(instance.project_id)


def connect() -> None:
    post_save.connect(project_saved, sender=Project, dispatch_uid="financing.totals.project_saved")
    pre_delete.connect(project_deleted, sender=Project, dispatch_uid="financing.totals.project_deleted")
    for model in (Participation, Invitation):
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(taking_part_changed, sender=model, dispatch_uid=f"financing.totals.{model.__name__}.{name}")
