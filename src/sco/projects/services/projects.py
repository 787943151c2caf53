"""Drafting, editing and moving a project through its lifecycle."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit, hooks
from sco.core.errors import NotPermitted
from sco.core.models import User
from sco.members import permissions as members_permissions
from sco.members.permissions import ensure_signed_in
from sco.projects import lifecycle, notifications
from sco.projects.errors import (
    NotSponsor,
    ProjectInvalid,
    ProjectNotEditable,
    TransitionRefused,
)
from sco.projects.lifecycle import Check, Role, Status
from sco.projects.models import (
    Appraisal,
    Comment,
    CommentKind,
    ParticipationRole,
    Project,
    ProjectVersion,
)
from sco.projects.permissions import roles_on
from sco.projects.rules import ProjectData
from sco.projects.services.common import (
    ATTACHED_ITEMS,
    JUDGED_ITEMS,
    SCREENING_CHECKLIST,
    _Clean,
    _clean,
    _set_participants,
    screening_state,
    snapshot,
)


@transaction.atomic
def project_create(*, actor: User, data: ProjectData) -> Project:
    ensure_signed_in(actor)
    clean = _clean(data)
    members_permissions.ensure_may_act_for(actor, clean.sponsor_state)
    _ensure_own_act(actor, clean, already=set())
    project = Project.objects.create(**clean.values, sponsor_state=clean.sponsor_state, created_by=actor)
    project.goals.set(clean.goals)
    _set_participants(project, clean)
    audit.record(
        actor=actor, on_behalf_of=clean.sponsor_state, action="project.created", target=project, after=snapshot(project)
    )
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, data: ProjectData) -> Project:
    ensure_signed_in(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if Role.SPONSOR not in roles_on(actor, project):
        raise NotSponsor()
    if project.status not in lifecycle.EDITABLE:
        raise ProjectNotEditable()
    clean = _clean(data)
    if clean.sponsor_state.pk != project.sponsor_state_id:
        members_permissions.ensure_may_act_for(actor, clean.sponsor_state)
    _ensure_own_act(actor, clean, already=set(project.participations.values_list("state_id", flat=True)))
    before = snapshot(project)
    for name, value in clean.values.items():
        setattr(project, name, value)
    project.sponsor_state = clean.sponsor_state
    project.save()
    project.goals.set(clean.goals)
    _set_participants(project, clean)
    audit.record(
        actor=actor,
        on_behalf_of=project.sponsor_state,
        action="project.updated",
        target=project,
        before=before,
        after=snapshot(project),
    )
    return project


def _ensure_own_act(actor: User, clean: _Clean, *, already: set[int]) -> None:
    """A participating state takes part by its own act: the sponsor lists only states that already take part or
    that the sponsor's own delegate acts for; any other is invited from the project page and accepts itself."""
    others = [
        s for s in clean.participating_states if s.pk not in already and not members_permissions.may_act_for(actor, s)
    ]
    if others:
        raise ProjectInvalid(
            field_errors={
                "participating_states": [
                    _(
                        "%(states)s: a state takes part by its own act. Invite it from the project page once the "
                        "project is submitted; a delegate of that state accepts."
                    )
                    % {"states": ", ".join(s.name for s in others)}
                ]
            }
        )


def required_fields_missing(project: Project) -> list[str]:
    """The fields a project needs before it is submitted; a title and a summary in any one language suffice."""
    missing = [
        group
        for group in ("title", "summary")
        if not any(getattr(project, f"{group}_{lang}") for lang in ("en", "ru", "zh"))
    ]
    missing += [
        name
        for name in ("sector", "project_type", "sponsor_name", "currency", "start_date")
        if not getattr(project, name)
    ]
    if project.total_cost is None:
        missing.append("total_cost")
    if project.requested_financing is None:
        missing.append("requested_financing")
    if not project.participations.filter(role=ParticipationRole.HOST).exists():
        missing.append("host_states")
    return missing


def _facts(project: Project, *, reason: str) -> dict[Check, bool]:
    from sco.projects import decision_bridge

    outcome = decision_bridge.outcome(project)
    facts = {
        Check.REQUIRED_FIELDS_COMPLETE: not required_fields_missing(project),
        Check.SCREENING_CHECKLIST_COMPLETE: all(screening_state(project).values()),
        Check.NO_OPEN_QUESTIONS: not Comment.objects.filter(
            project=project, kind=CommentKind.QUESTION, answered_at__isnull=True, hidden_at__isnull=True
        ).exists(),
        Check.APPRAISAL_RECORDED: Appraisal.objects.filter(project=project).exclude(rows=[]).exists(),
        Check.DECISION_OPENED: True,  # the service opens the decision as part of the step (decision_bridge)
        Check.DECISION_ADOPTED: outcome == "adopted",
        Check.DECISION_NOT_ADOPTED: outcome == "not_adopted",
        Check.REASON_GIVEN: bool(reason.strip()),
    }
    # Facts that other parts hold (e.g. financing: FINANCIAL_CLOSE): ``hooks.register("project_facts")`` with
    # ``fn(project) -> dict[str, bool]`` keyed by Check values. A check no part answers stays failed.
    known = {c.value for c in Check}
    for fn in hooks.get("project_facts"):
        for name, value in fn(project).items():
            if name in known:
                facts[Check(name)] = bool(value)
    return facts


def check_label(check: Check) -> str:
    labels = {
        Check.REQUIRED_FIELDS_COMPLETE: _("every required field is filled in"),
        Check.SCREENING_CHECKLIST_COMPLETE: _("every item of the screening checklist holds"),
        Check.NO_OPEN_QUESTIONS: _("every question to the sponsor is answered"),
        Check.APPRAISAL_RECORDED: _("the appraisal's cash-flow table is filled in"),
        Check.DECISION_OPENED: _("a decision procedure is opened"),
        Check.DECISION_ADOPTED: _("the decision is adopted"),
        Check.DECISION_NOT_ADOPTED: _("the decision is closed without adoption"),
        Check.REASON_GIVEN: _("a reason is given"),
        Check.FINANCIAL_CLOSE: _("commitments cover the total cost (financial close)"),
    }
    return str(labels[check])


def required_field_label(name: str) -> str:
    labels = {
        "title": _("a title (in any language)"),
        "summary": _("a summary (in any language)"),
        "sector": _("sector"),
        "project_type": _("type"),
        "sponsor_name": _("sponsoring agency or company"),
        "currency": _("currency"),
        "start_date": _("start"),
        "total_cost": _("total cost"),
        "requested_financing": _("requested financing"),
        "host_states": _("host states"),
    }
    return str(labels.get(name, name))


def transition_label(name: str) -> str:
    labels = {
        "submit": _("Submit"),
        "resubmit": _("Resubmit"),
        "start_screening": _("Start screening"),
        "open_discussion": _("Open the discussion"),
        "start_appraisal": _("Start the appraisal"),
        "refer_to_decision": _("Refer to a decision"),
        "approve": _("Approve"),
        "reject": _("Reject"),
        "return_for_revision": _("Return for revision"),
        "start_financing": _("Start financing"),
        "start_implementation": _("Start implementation"),
        "complete": _("Mark completed"),
        "withdraw": _("Withdraw"),
        "cancel": _("Cancel"),
    }
    return str(labels.get(name, name))


@transaction.atomic
def project_transition(*, actor: User, project: Project, name: str, reason: str = "") -> Project:
    """Take lifecycle step ``name``. Refused with a 409 naming what is missing and what may be done instead."""
    ensure_signed_in(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    roles = roles_on(actor, project)
    status = Status(project.status)
    verdict = lifecycle.evaluate(name, status=status, roles=roles, facts=_facts(project, reason=reason))
    if not verdict.allowed:
        allowed = [t.name for t in lifecycle.next_steps(status=status, roles=roles)]
        if verdict.refusal is lifecycle.Refusal.NOT_ALLOWED and not allowed:
            raise NotPermitted()
        missing: list[str] = []
        if verdict.refusal is lifecycle.Refusal.PRECONDITION:
            labels = []
            for c in verdict.failed_checks:
                labels.append(check_label(c))
                if c is Check.REQUIRED_FIELDS_COMPLETE:
                    missing = required_fields_missing(project)
                    labels[-1] += (
                        " ("
                        + _("missing: %(fields)s") % {"fields": ", ".join(required_field_label(f) for f in missing)}
                        + ")"
                    )
            why = "; ".join(labels)
            why = _("this needs: %(checks)s") % {"checks": why}
        elif verdict.refusal is lifecycle.Refusal.NOT_ALLOWED:
            why = _("your role may not take this step")
        elif verdict.refusal is lifecycle.Refusal.WRONG_STATE:
            why = _("the project is %(status)s") % {"status": project.get_status_display()}
        else:
            why = _("there is no such step")
        raise TransitionRefused(
            step=transition_label(name),
            reason=why,
            field_errors={
                "allowed_transitions": allowed,
                "failed_checks": [c.value for c in verdict.failed_checks],
                "missing_fields": missing,
            },
        )
    assert verdict.transition is not None
    before = {"status": project.status}
    if name in ("submit", "resubmit"):
        _cut_version(actor=actor, project=project)
    if name == "refer_to_decision":
        from sco.projects import decision_bridge

        decision_bridge.open_for(actor=actor, project=project)
    project.status = verdict.transition.target.value
    project.save(update_fields=["status", "updated_at", "version_count", "decision_ref"])
    audit.record(
        actor=actor,
        action=f"project.{name}",
        target=project,
        before=before,
        after={"status": project.status, "reason": reason.strip()},
    )
    transaction.on_commit(lambda: notifications.status_changed(project_id=project.pk, actor_id=actor.pk))
    return project


def _cut_version(*, actor: User, project: Project) -> ProjectVersion:
    project.version_count += 1
    return ProjectVersion.objects.create(
        project=project, number=project.version_count, data=snapshot(project), created_by=actor
    )


@transaction.atomic
def screening_update(*, actor: User, project: Project, checklist: Mapping[str, bool]) -> Project:
    ensure_signed_in(actor)
    members_permissions.ensure_secretariat(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != Status.SCREENING:
        raise TransitionRefused(step=_("Screening"), reason=_("the project is not in screening"))
    unknown = set(checklist) - set(SCREENING_CHECKLIST)
    if unknown:
        raise ProjectInvalid(field_errors={"checklist": [_("Unknown checklist item.")]})
    facts = screening_state(project)
    untrue = [item for item in ATTACHED_ITEMS if checklist.get(item) and not facts[item]]
    if untrue:
        raise ProjectInvalid(
            field_errors={
                item: [_("No such document is attached: this item is true once one is attached, not ticked.")]
                for item in untrue
            }
        )
    before = dict(project.screening)
    # Only the judged items are stored: the attached ones are read from the attachments whenever asked.
    project.screening = {item: bool(checklist.get(item, False)) for item in JUDGED_ITEMS}
    project.save(update_fields=["screening", "updated_at"])
    audit.record(actor=actor, action="project.screened", target=project, before=before, after=project.screening)
    return project
