"""Open data: the public projects as an OC4IDS 0.9.5 package (``oc4ids`` maps, this reads), with what other parts add
to each project's budget through ``hooks.register("oc4ids_budget")`` (financing: ``finance`` and
``budgetBreakdowns``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from sco.core import hooks
from sco.projects import lifecycle, oc4ids, selectors
from sco.projects.models import Project, ProjectStatus


def _record(project: Project, *, base_url: str) -> oc4ids.ProjectRecord:
    parts = list(project.participations.all())
    return oc4ids.ProjectRecord(
        public_id=project.public_id,
        updated=project.updated_at,
        title=project.title_en or project.title_ru or project.title_zh,
        description=project.summary_en or project.summary_ru or project.summary_zh,
        status=lifecycle.Status(project.status),
        project_type=project.project_type,
        sector=project.sector,
        total_cost=project.total_cost,
        currency=project.currency,
        requested_financing=project.requested_financing,
        start_date=project.start_date,
        end_date=project.end_date,
        sponsor=oc4ids.PartyRecord(
            id=f"sponsor-{project.pk}",
            name=project.sponsor_name,
            country_name=project.sponsor_state.name_en,
        ),
        sponsor_is_state_agency=project.sponsor_kind == "state_agency",
        states=tuple(
            oc4ids.PartyRecord(
                id=f"state-{p.state.code}",
                name=p.state.name_en,
                country_name=p.state.name_en,
            )
            for p in parts
        ),
        locations=(
            (
                oc4ids.LocationRecord(
                    description=project.location,
                    longitude=float(project.longitude) if project.longitude is not None else None,
                    latitude=float(project.latitude) if project.latitude is not None else None,
                ),
            )
            if project.location
            else ()
        ),
        documents=tuple(
            oc4ids.DocumentRecord(
                id=str(a.pk),
                document_type=a.document_type,
                title=a.title,
                url=base_url + reverse("projects:attachment", args=[project.pk, a.pk]),
                media_type=a.media_type,
            )
            for a in project.attachments.all()
        ),
        goals=tuple(g.title_en for g in project.goals.all()),
        url=base_url + reverse("projects:detail", args=[project.pk]),
    )


def public_projects() -> QuerySet[Project]:
    """What open data publishes: exactly what an anonymous visitor may see."""
    return (
        Project.objects.visible_to(None)
        .exclude(status=ProjectStatus.DRAFT)
        .select_related("sponsor_state")
        .prefetch_related(selectors.participations_prefetch(), "goals", "attachments")
        .order_by("pk")
    )


def oc4ids_package(*, base_url: str, published: Any) -> dict[str, Any]:
    projects = list(public_projects())
    records = [_record(p, base_url=base_url) for p in projects]
    latest = max((r.updated for r in records), default=published)
    data = oc4ids.package(
        records,
        uri=base_url + reverse("projects:oc4ids"),
        publisher="SCO Cooperation Platform",
        published=latest,
    )
    _add_budget_extras(data["projects"], [p.pk for p in projects])
    return data


def _add_budget_extras(out: list[dict[str, Any]], ids: list[int]) -> None:
    """What other parts add to each public project's ``budget`` (financing: ``finance`` and ``budgetBreakdowns``)
    through ``hooks.register("oc4ids_budget")``: fn(project ids) -> {id: {"budget": {...}, "parties": [...]}}."""
    for fn in hooks.get("oc4ids_budget"):
        extras = fn(ids)
        for project, pk in zip(out, ids, strict=True):
            extra = extras.get(pk)
            if not extra:
                continue
            if extra.get("budget"):
                project.setdefault("budget", {}).update(extra["budget"])
            known = {party["id"] for party in project.get("parties", [])}
            new = [party for party in extra.get("parties", []) if party["id"] not in known]
            if new:
                project.setdefault("parties", []).extend(new)
