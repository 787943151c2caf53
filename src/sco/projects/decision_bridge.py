"""The one place where projects talk to the decisions part. Projects never decide: they open a procedure through the
decisions services, show its positions table, and read its outcome (src/sco/decisions/README.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from sco.projects import cache
from sco.projects.models import Project

DECISION_BODY = "swg-investment"  # the Special Working Group on Investment Promotion (members' demo facts)
DECISION_DAYS = 14


def audience(project: Project) -> set[int] | None:
    """The states that may see the project: every member state, unless it is shown to its participants only (then
    its sponsoring, host and participating states, and those invited while they have not answered; see
    Project.objects.visible_to). These are the states that decide on it."""
    from sco.projects.models import Invitation, InvitationStatus, Visibility

    if project.visibility != Visibility.PARTICIPANTS:
        return None
    invited = Invitation.objects.filter(project=project, status=InvitationStatus.PENDING).values_list("state_id")
    return {
        project.sponsor_state_id,
        *project.participations.values_list("state_id", flat=True),
        *(state_id for (state_id,) in invited),
    }


def deciders(project: Project) -> list[Any]:
    """The states that would decide on the project if it were referred today (the page says so before)."""
    from sco.decisions.selectors import eligible_states_for
    from sco.members.models import Body

    body = Body.objects.filter(code=DECISION_BODY).first()
    if body is None:
        return []
    return eligible_states_for(subject=project, body=body, on=timezone.localdate())


def register() -> None:
    """Make projects decidable subjects: a decision is visible exactly when its project is, and is decided by the
    states that may see the project."""
    from sco.decisions import subjects

    def visible(viewer: Any, qs: QuerySet[Project]) -> QuerySet[Project]:
        return qs.filter(pk__in=Project.objects.visible_to(viewer).values("pk"))

    subjects.register(
        Project,
        visible=visible,
        audience=audience,
        url=lambda project: reverse("projects:detail", args=[project.pk]),
        label=lambda project: project.title,
        on_decided=_on_decided,
        on_changed=lambda decision: cache.touch(decision.subject_id),
    )


def _on_decided(decision: Any) -> None:
    """Runs in the transaction that stores the outcome: followers hear of it once it has committed. The project
    moves on only when the Secretariat or the chair takes the next lifecycle step (approve, reject, return)."""
    from django.db import transaction

    from sco.projects import notifications

    project_id = decision.subject_id
    transaction.on_commit(lambda: notifications.status_changed(project_id=project_id, actor_id=None))


def _decision(project: Project) -> Any:
    from sco.decisions.models import Decision

    if not project.decision_ref:
        return None
    return Decision.objects.filter(pk=project.decision_ref).prefetch_related("eligible_states", "positions").first()


def outcome(project: Project) -> str | None:
    """ "adopted", "not_adopted" (blocked or lapsed), or None while no procedure has reached its outcome."""
    decision = _decision(project)
    if decision is None:
        return None
    status = decision.outcome(now=timezone.now()).status.value
    if status == "adopted":
        return "adopted"
    if status in ("blocked", "lapsed"):
        return "not_adopted"
    return None


def open_for(*, actor: Any, project: Project) -> Any:
    """Open a consensus procedure on the project in the investment working group; keep its id on the project.
    Called inside project_transition's transaction, so a refusal here leaves the project where it was."""
    from sco.decisions.services import decision_open
    from sco.members.models import Body

    decision = decision_open(
        actor=actor,
        subject=project,
        body=Body.objects.get(code=DECISION_BODY),
        rule="consensus",
        deadline=timezone.now() + dt.timedelta(days=DECISION_DAYS),
        title_en=f"Approval of the investment project “{project.title_en or project}”"[:300],
        title_ru=f"Одобрение инвестиционного проекта «{project.title_ru or project}»"[:300],
        title_zh=f"批准投资项目“{project.title_zh or project}”"[:300],
    )
    project.decision_ref = decision.pk
    return decision


def context(request: Any, project: Project, *, with_form: bool = True) -> dict[str, Any] | None:
    """The decisions part's positions table and HTMX position form, for the project page. Without the form, the
    table is the same for everyone who may see the project."""
    from sco.decisions import contract, selectors
    from sco.decisions.errors import DecisionNotFound

    if not project.decision_ref:
        return None
    try:
        decision = selectors.decision_get(viewer=request.user, decision_id=project.decision_ref)
    except DecisionNotFound:
        return None
    ctx = contract.positions_context(request.user, decision, now=timezone.now())
    if not with_form:
        ctx["form"] = None
    ctx["url"] = reverse("decisions:detail", args=[decision.pk])
    return ctx


def form_context(request: Any, project: Project) -> dict[str, Any] | None:
    """The position form of the project's open procedure, for a viewer who may record a position in it; the table
    of positions comes from the page's shared parts."""
    from sco.decisions import contract, selectors
    from sco.decisions.errors import DecisionNotFound

    if not project.decision_ref:
        return None
    try:
        decision = selectors.decision_for_write(viewer=request.user, decision_id=project.decision_ref)
    except DecisionNotFound:
        return None
    form = contract.position_form(request.user, decision)
    if form is None:
        return None
    return {"decision": decision, "form": form, "is_open": True}
