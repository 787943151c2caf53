"""Every write on projects: one transaction, the permission question first, one audit entry."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.errors import NotAuthenticated, NotPermitted
from sco.core.models import User
from sco.members import permissions as members_permissions
from sco.members.models import State
from sco.projects import lifecycle, notifications, oc4ids_codelists
from sco.projects.appraisal import CashFlowTable, YearFlows
from sco.projects.errors import (
    AlreadyParticipating,
    AppraisalInvalid,
    AttachmentRefused,
    CommentInvalid,
    DiscussionClosed,
    NotSponsor,
    ProjectInvalid,
    ProjectNotEditable,
    TransitionRefused,
)
from sco.projects.lifecycle import Check, Role, Status
from sco.projects.models import (
    Appraisal,
    Attachment,
    Comment,
    CommentKind,
    Follow,
    Goal,
    Participation,
    ParticipationRole,
    Project,
    ProjectVersion,
    SponsorKind,
    Visibility,
)
from sco.projects.permissions import roles_on

SECTORS = {code for code, _ in oc4ids_codelists.PROJECT_SECTOR}
TYPES = {code for code, _ in oc4ids_codelists.PROJECT_TYPE}
DOCUMENT_TYPES = {code for code, _ in oc4ids_codelists.DOCUMENT_TYPE}
LANGUAGES = {code for code, _ in settings.LANGUAGES}

# What a screening looks at (the G20 project-preparation dimensions, as the SOURCE platform frames them, plus the
# documents OC4IDS expects at preparation). Labels live in the views, translated.
SCREENING_CHECKLIST: tuple[str, ...] = (
    "rationale",
    "options",
    "commercial_viability",
    "affordability",
    "deliverability",
    "feasibility_study",
    "environmental_assessment",
)

# Attachments: what may be uploaded and how big. The check looks at the bytes, not at the name or the
# declared type; anything else (HTML, SVG, scripts, archives) is refused.
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
ATTACHMENT_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument"),
)
OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

VERSION_FIELDS: tuple[str, ...] = (
    "title_en",
    "title_ru",
    "title_zh",
    "summary_en",
    "summary_ru",
    "summary_zh",
    "sector",
    "project_type",
    "sponsor_kind",
    "sponsor_name",
    "sponsor_state",
    "host_states",
    "participating_states",
    "location",
    "longitude",
    "latitude",
    "total_cost",
    "currency",
    "requested_financing",
    "start_date",
    "end_date",
    "goals",
    "visibility",
)


@dataclass
class ProjectData:
    """What a sponsor fills in. Strings as typed; the service parses and checks them."""

    title_en: str = ""
    title_ru: str = ""
    title_zh: str = ""
    summary_en: str = ""
    summary_ru: str = ""
    summary_zh: str = ""
    sector: str = ""
    project_type: str = ""
    sponsor_kind: str = SponsorKind.STATE_AGENCY
    sponsor_name: str = ""
    sponsor_state: str = ""  # ISO alpha-2
    host_states: list[str] = field(default_factory=list)
    participating_states: list[str] = field(default_factory=list)
    location: str = ""
    longitude: str | Decimal | None = None
    latitude: str | Decimal | None = None
    total_cost: str | Decimal | None = None
    currency: str = ""
    requested_financing: str | Decimal | None = None
    start_date: date | str | None = None
    end_date: date | str | None = None
    goals: list[str] = field(default_factory=list)
    visibility: str = Visibility.PUBLIC


def _require_user(actor: Any) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotAuthenticated()


def _decimal(value: Any, name: str, errors: dict[str, list[str]], *, minimum: Decimal | None = None) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        errors.setdefault(name, []).append(_("Enter a number."))
        return None
    if not number.is_finite():
        errors.setdefault(name, []).append(_("Enter a number."))
        return None
    if minimum is not None and number < minimum:
        errors.setdefault(name, []).append(_("The number may not be negative."))
        return None
    return number


def _date(value: Any, name: str, errors: dict[str, list[str]]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(name, []).append(_("Enter a date as YYYY-MM-DD."))
        return None


@dataclass
class _Clean:
    values: dict[str, Any]
    sponsor_state: State
    host_states: list[State]
    participating_states: list[State]
    goals: list[Goal]


def _clean(data: ProjectData) -> _Clean:
    """Check everything and collect every error; nothing is written until all of it passes."""
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for name in ("title_en", "title_ru", "title_zh"):
        text = (getattr(data, name) or "").strip()
        if len(text) > 300:
            errors.setdefault(name, []).append(_("At most 300 characters."))
        values[name] = text
    if not values["title_en"]:
        errors.setdefault("title_en", []).append(_("Give the project a title in English."))
    for name in ("summary_en", "summary_ru", "summary_zh"):
        values[name] = (getattr(data, name) or "").strip()
    if data.sector not in SECTORS:
        errors.setdefault("sector", []).append(_("Choose a sector from the list."))
    values["sector"] = data.sector
    if data.project_type not in TYPES:
        errors.setdefault("project_type", []).append(_("Choose a project type from the list."))
    values["project_type"] = data.project_type
    if data.sponsor_kind not in SponsorKind.values:
        errors.setdefault("sponsor_kind", []).append(_("Choose who sponsors the project."))
    values["sponsor_kind"] = data.sponsor_kind
    values["sponsor_name"] = (data.sponsor_name or "").strip()[:300]
    if not values["sponsor_name"]:
        errors.setdefault("sponsor_name", []).append(_("Name the sponsoring agency or company."))
    if data.visibility not in Visibility.values:
        errors.setdefault("visibility", []).append(_("Choose who may see the project."))
    values["visibility"] = data.visibility
    values["location"] = (data.location or "").strip()[:300]
    values["longitude"] = _decimal(data.longitude, "longitude", errors)
    values["latitude"] = _decimal(data.latitude, "latitude", errors)
    if values["longitude"] is not None and not Decimal(-180) <= values["longitude"] <= Decimal(180):
        errors.setdefault("longitude", []).append(_("Longitude lies between -180 and 180."))
    if values["latitude"] is not None and not Decimal(-90) <= values["latitude"] <= Decimal(90):
        errors.setdefault("latitude", []).append(_("Latitude lies between -90 and 90."))
    values["total_cost"] = _decimal(data.total_cost, "total_cost", errors, minimum=Decimal(0))
    values["requested_financing"] = _decimal(
        data.requested_financing, "requested_financing", errors, minimum=Decimal(0)
    )
    currency = (data.currency or "").strip().upper()
    if currency and currency not in oc4ids_codelists.CURRENCY:
        errors.setdefault("currency", []).append(_("Use an ISO 4217 currency code, such as USD or CNY."))
    if (values["total_cost"] is not None or values["requested_financing"] is not None) and not currency:
        errors.setdefault("currency", []).append(_("Say which currency the amounts are in."))
    values["currency"] = currency
    if (
        values["total_cost"] is not None
        and values["requested_financing"] is not None
        and values["requested_financing"] > values["total_cost"]
    ):
        errors.setdefault("requested_financing", []).append(_("The financing requested exceeds the total cost."))
    values["start_date"] = _date(data.start_date, "start_date", errors)
    values["end_date"] = _date(data.end_date, "end_date", errors)
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        errors.setdefault("end_date", []).append(_("The end comes before the start."))
    codes = {data.sponsor_state, *data.host_states, *data.participating_states}
    states = {s.code: s for s in State.objects.filter(code__in=[c for c in codes if c])}
    sponsor_state = states.get(data.sponsor_state)
    if sponsor_state is None:
        errors.setdefault("sponsor_state", []).append(_("Choose the sponsoring state."))
    hosts = [states[c] for c in dict.fromkeys(data.host_states) if c in states]
    if len(hosts) != len(set(data.host_states)):
        errors.setdefault("host_states", []).append(_("Unknown state."))
    participants = [states[c] for c in dict.fromkeys(data.participating_states) if c in states]
    if len(participants) != len(set(data.participating_states)):
        errors.setdefault("participating_states", []).append(_("Unknown state."))
    goals = list(Goal.objects.filter(code__in=data.goals))
    if len(goals) != len(set(data.goals)):
        errors.setdefault("goals", []).append(_("Unknown goal."))
    if errors:
        raise ProjectInvalid(field_errors=errors)
    assert sponsor_state is not None
    return _Clean(
        values=values, sponsor_state=sponsor_state, host_states=hosts, participating_states=participants, goals=goals
    )


def snapshot(project: Project) -> dict[str, Any]:
    parts = list(project.participations.select_related("state").order_by("state__code"))
    data: dict[str, Any] = {}
    for name in VERSION_FIELDS:
        if name == "sponsor_state":
            data[name] = project.sponsor_state.code
        elif name == "host_states":
            data[name] = [p.state.code for p in parts if p.role == ParticipationRole.HOST]
        elif name == "participating_states":
            data[name] = [p.state.code for p in parts if p.role == ParticipationRole.PARTICIPANT]
        elif name == "goals":
            data[name] = sorted(g.code for g in project.goals.all())
        else:
            value = getattr(project, name)
            data[name] = value if value is None or isinstance(value, str) else str(value)
    return data


def _set_participants(project: Project, clean: _Clean) -> None:
    now = timezone.now()
    wanted: dict[int, str] = {s.pk: ParticipationRole.PARTICIPANT for s in clean.participating_states}
    wanted.update({s.pk: ParticipationRole.HOST for s in clean.host_states})
    existing = {p.state_id: p for p in project.participations.all()}
    for state_id, participation in existing.items():
        if state_id not in wanted:
            participation.delete()
        elif participation.role != wanted[state_id]:
            participation.role = wanted[state_id]
            participation.save(update_fields=["role"])
    for state_id, role in wanted.items():
        if state_id not in existing:
            Participation.objects.create(project=project, state_id=state_id, role=role, joined_at=now)


@transaction.atomic
def project_create(*, actor: User, data: ProjectData) -> Project:
    _require_user(actor)
    clean = _clean(data)
    members_permissions.ensure_may_act_for(actor, clean.sponsor_state)
    project = Project.objects.create(**clean.values, sponsor_state=clean.sponsor_state, created_by=actor)
    project.goals.set(clean.goals)
    _set_participants(project, clean)
    audit.record(
        actor=actor, on_behalf_of=clean.sponsor_state, action="project.created", target=project, after=snapshot(project)
    )
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, data: ProjectData) -> Project:
    _require_user(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if Role.SPONSOR not in roles_on(actor, project):
        raise NotSponsor()
    if project.status not in lifecycle.EDITABLE:
        raise ProjectNotEditable()
    clean = _clean(data)
    if clean.sponsor_state.pk != project.sponsor_state_id:
        members_permissions.ensure_may_act_for(actor, clean.sponsor_state)
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


def required_fields_missing(project: Project) -> list[str]:
    missing = [
        name
        for name in ("title_en", "summary_en", "sector", "project_type", "sponsor_name", "currency", "start_date")
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

    checklist = project.screening or {}
    outcome = decision_bridge.outcome(project)
    return {
        Check.REQUIRED_FIELDS_COMPLETE: not required_fields_missing(project),
        Check.SCREENING_CHECKLIST_COMPLETE: all(checklist.get(item) for item in SCREENING_CHECKLIST),
        Check.NO_OPEN_QUESTIONS: not Comment.objects.filter(
            project=project, kind=CommentKind.QUESTION, answered_at__isnull=True, hidden_at__isnull=True
        ).exists(),
        Check.APPRAISAL_RECORDED: Appraisal.objects.filter(project=project).exclude(rows=[]).exists(),
        Check.DECISION_OPENED: True,  # the service opens the decision as part of the step (decision_bridge)
        Check.DECISION_ADOPTED: outcome == "adopted",
        Check.DECISION_NOT_ADOPTED: outcome == "not_adopted",
        Check.REASON_GIVEN: bool(reason.strip()),
    }


def check_label(check: Check) -> str:
    labels = {
        Check.REQUIRED_FIELDS_COMPLETE: _("every required field is filled in"),
        Check.SCREENING_CHECKLIST_COMPLETE: _("every item of the screening checklist is ticked"),
        Check.NO_OPEN_QUESTIONS: _("every question to the sponsor is answered"),
        Check.APPRAISAL_RECORDED: _("the appraisal's cash-flow table is filled in"),
        Check.DECISION_OPENED: _("a decision procedure is opened"),
        Check.DECISION_ADOPTED: _("the decision is adopted"),
        Check.DECISION_NOT_ADOPTED: _("the decision is closed without adoption"),
        Check.REASON_GIVEN: _("a reason is given"),
    }
    return str(labels[check])


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
    _require_user(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    roles = roles_on(actor, project)
    status = Status(project.status)
    verdict = lifecycle.evaluate(name, status=status, roles=roles, facts=_facts(project, reason=reason))
    if not verdict.allowed:
        allowed = [t.name for t in lifecycle.next_steps(status=status, roles=roles)]
        if verdict.refusal is lifecycle.Refusal.NOT_ALLOWED and not allowed:
            raise NotPermitted()
        if verdict.refusal is lifecycle.Refusal.PRECONDITION:
            why = "; ".join(check_label(c) for c in verdict.failed_checks)
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
def participation_join(*, actor: User, project: Project, state: State) -> Participation:
    """A state joins a project it did not take part in (art. 16: it may join later)."""
    _require_user(actor)
    members_permissions.ensure_may_act_for(actor, state)
    if project.status in lifecycle.TERMINAL:
        raise TransitionRefused(step=_("Join"), reason=_("the project is closed"))
    if Participation.objects.filter(project=project, state=state).exists():
        raise AlreadyParticipating()
    participation = Participation.objects.create(
        project=project, state=state, role=ParticipationRole.PARTICIPANT, joined_at=timezone.now()
    )
    audit.record(
        actor=actor, on_behalf_of=state, action="project.state_joined", target=project, after={"state": state.code}
    )
    return participation


@transaction.atomic
def screening_update(*, actor: User, project: Project, checklist: Mapping[str, bool]) -> Project:
    _require_user(actor)
    members_permissions.ensure_secretariat(actor)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != Status.SCREENING:
        raise TransitionRefused(step=_("Screening"), reason=_("the project is not in screening"))
    unknown = set(checklist) - set(SCREENING_CHECKLIST)
    if unknown:
        raise ProjectInvalid(field_errors={"checklist": [_("Unknown checklist item.")]})
    before = dict(project.screening)
    project.screening = {item: bool(checklist.get(item, False)) for item in SCREENING_CHECKLIST}
    project.save(update_fields=["screening", "updated_at"])
    audit.record(actor=actor, action="project.screened", target=project, before=before, after=project.screening)
    return project


def _sniff(head: bytes, name: str) -> str | None:
    for signature, media_type in ATTACHMENT_SIGNATURES:
        if head.startswith(signature):
            if media_type.startswith("application/vnd.openxmlformats"):
                return OFFICE_TYPES.get(name.rsplit(".", 1)[-1].lower())
            return media_type
    return None


@transaction.atomic
def attachment_add(
    *, actor: User, project: Project, content: bytes, filename: str, document_type: str, title: str
) -> Attachment:
    _require_user(actor)
    if Role.SPONSOR not in roles_on(actor, project) and not members_permissions.is_secretariat(actor):
        raise NotSponsor()
    errors: dict[str, list[str]] = {}
    if document_type not in DOCUMENT_TYPES:
        errors["document_type"] = [_("Choose a document type from the list.")]
    title = (title or "").strip()[:300] or filename[:300]
    if not content:
        errors["file"] = [_("The file is empty.")]
    elif len(content) > ATTACHMENT_MAX_BYTES:
        errors["file"] = [_("The file is larger than %(mb)s MB.") % {"mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)}]
    media_type = _sniff(content[:16], filename) if content else None
    if content and media_type is None:
        errors.setdefault("file", []).append(_("Only PDF, PNG, JPEG, DOCX and XLSX files are accepted."))
    if errors:
        raise AttachmentRefused(field_errors=errors)
    assert media_type is not None
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        project=project,
        document_type=document_type,
        title=title,
        original_name=filename[:255],
        media_type=media_type,
        size=len(content),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(digest, ContentFile(content), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="project.attachment_added",
        target=project,
        after={"attachment": attachment.pk, "sha256": digest, "size": len(content), "type": media_type},
    )
    return attachment


def _commenter_state(actor: User, project: Project, on_behalf_of: State | None) -> State | None:
    if on_behalf_of is not None:
        members_permissions.ensure_may_act_for(actor, on_behalf_of)
        return on_behalf_of
    if members_permissions.is_secretariat(actor):
        return None
    states = members_permissions.states_acted_for(actor)
    if not states:
        raise NotPermitted()
    return states[0]


DISCUSSION_OPEN = {
    Status.SUBMITTED,
    Status.SCREENING,
    Status.UNDER_DISCUSSION,
    Status.APPRAISAL,
    Status.DECISION,
    Status.RETURNED,
    Status.APPROVED,
    Status.FINANCING,
    Status.IMPLEMENTATION,
}


@transaction.atomic
def comment_post(
    *,
    actor: User,
    project: Project,
    body: str,
    language: str,
    kind: str = CommentKind.COMMENT,
    parent: Comment | None = None,
    on_behalf_of: State | None = None,
    mentions: Iterable[State] = (),
) -> Comment:
    """A comment, a question to the sponsor, or the sponsor's answer to a question (which closes it)."""
    _require_user(actor)
    state = _commenter_state(actor, project, on_behalf_of)
    if project.status not in DISCUSSION_OPEN:
        raise DiscussionClosed()
    errors: dict[str, list[str]] = {}
    body = (body or "").strip()
    if not body:
        errors["body"] = [_("Write something first.")]
    elif len(body) > 10000:
        errors["body"] = [_("At most 10,000 characters.")]
    if language not in LANGUAGES:
        errors["language"] = [_("Choose English, Russian or Chinese.")]
    if kind not in CommentKind.values:
        errors["kind"] = [_("Unknown kind of comment.")]
    if parent is not None and parent.project_id != project.pk:
        errors["parent"] = [_("The reply must be to a comment on this project.")]
    if kind == CommentKind.ANSWER:
        if parent is None or parent.kind != CommentKind.QUESTION:
            errors["parent"] = [_("An answer replies to a question.")]
        elif Role.SPONSOR not in roles_on(actor, project):
            raise NotSponsor()
    if errors:
        raise CommentInvalid(field_errors=errors)
    comment = Comment.objects.create(
        project=project, parent=parent, author=actor, on_behalf_of=state, kind=kind, body=body, language=language
    )
    mentioned = list(mentions)
    if mentioned:
        comment.mentions.set(mentioned)
    if kind == CommentKind.ANSWER and parent is not None and parent.answered_at is None:
        parent.answered_at = timezone.now()
        parent.save(update_fields=["answered_at"])
    audit.record(
        actor=actor,
        on_behalf_of=state or "",
        action=f"project.{kind}_posted",
        target=project,
        after={"comment": comment.pk, "parent": parent.pk if parent else None, "mentions": [s.code for s in mentioned]},
    )
    transaction.on_commit(lambda: notifications.comment_posted(comment_id=comment.pk))
    return comment


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Moderation hides a comment with a reason; the text stays in the database and the audit trail."""
    _require_user(actor)
    members_permissions.ensure_secretariat(actor)
    reason = (reason or "").strip()
    if not reason:
        raise CommentInvalid(field_errors={"reason": [_("Say why the comment is hidden.")]})
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason[:500]
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit.record(
        actor=actor,
        action="project.comment_hidden",
        target=comment.project,
        before={"comment": comment.pk, "body": comment.body},
        after={"reason": comment.hidden_reason},
    )
    return comment


def parse_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    errors: dict[str, list[str]] = {}
    out: list[dict[str, str]] = []
    for i, row in enumerate(rows):
        clean: dict[str, str] = {}
        try:
            clean["year"] = str(int(str(row.get("year", "")).strip()))
        except ValueError:
            errors.setdefault(f"rows.{i}.year", []).append(_("Enter a year."))
            continue
        for name in ("capex", "opex", "revenues", "economic_benefits"):
            value = _decimal(row.get(name) or "0", f"rows.{i}.{name}", errors, minimum=Decimal(0))
            clean[name] = str(value if value is not None else 0)
        out.append(clean)
    if not out and not errors:
        errors["rows"] = [_("Enter at least one year.")]
    years = [int(r["year"]) for r in out]
    if years and years != list(range(years[0], years[0] + len(years))):
        errors.setdefault("rows", []).append(_("Years must follow one another without gaps."))
    if len(out) > 100:
        errors.setdefault("rows", []).append(_("At most 100 years."))
    if errors:
        raise AppraisalInvalid(field_errors=errors)
    return out


def table_for(appraisal: Appraisal) -> CashFlowTable:
    rows = tuple(
        YearFlows(
            year=int(r["year"]),
            capex=Decimal(r["capex"]),
            opex=Decimal(r["opex"]),
            revenues=Decimal(r["revenues"]),
            economic_benefits=Decimal(r["economic_benefits"]),
        )
        for r in appraisal.rows
    )
    return CashFlowTable(rows=rows, financial_rate=appraisal.financial_rate, social_rate=appraisal.social_rate)


@transaction.atomic
def appraisal_save(
    *,
    actor: User,
    project: Project,
    financial_rate: Any,
    social_rate: Any,
    rows: Iterable[Mapping[str, Any]],
    notes: str = "",
) -> Appraisal:
    _require_user(actor)
    roles = roles_on(actor, project)
    if not roles & {Role.SPONSOR, Role.SECRETARIAT}:
        raise NotPermitted()
    if project.status in lifecycle.TERMINAL:
        raise TransitionRefused(step=_("Appraisal"), reason=_("the project is closed"))
    errors: dict[str, list[str]] = {}
    f_rate = _decimal(financial_rate, "financial_rate", errors)
    s_rate = _decimal(social_rate, "social_rate", errors)
    for name, rate in (("financial_rate", f_rate), ("social_rate", s_rate)):
        if rate is None and name not in errors:
            errors[name] = [_("Enter a rate, e.g. 0.05 for 5 %.")]
        elif rate is not None and not Decimal("-0.5") < rate < Decimal(1):
            errors[name] = [_("Enter the rate as a fraction between -0.5 and 1 (0.05 is 5 %).")]
    try:
        clean_rows = parse_rows(rows)
    except AppraisalInvalid as exc:
        errors.update(exc.field_errors)
        clean_rows = []
    if not project.currency:
        errors.setdefault("currency", []).append(_("Set the project's currency first."))
    if errors or f_rate is None or s_rate is None:
        raise AppraisalInvalid(field_errors=errors)
    appraisal, _created = Appraisal.objects.select_for_update().get_or_create(
        project=project,
        defaults={"currency": project.currency, "financial_rate": f_rate, "social_rate": s_rate, "rows": clean_rows},
    )
    before = {"financial_rate": appraisal.financial_rate, "social_rate": appraisal.social_rate, "rows": appraisal.rows}
    appraisal.currency = project.currency
    appraisal.financial_rate = f_rate
    appraisal.social_rate = s_rate
    appraisal.rows = clean_rows
    appraisal.notes = (notes or "").strip()
    appraisal.updated_by = actor
    appraisal.save()
    audit.record(
        actor=actor,
        action="project.appraisal_saved",
        target=project,
        before=before,
        after={"financial_rate": f_rate, "social_rate": s_rate, "rows": clean_rows},
    )
    return appraisal


@transaction.atomic
def follow_set(*, actor: User, project: Project, following: bool) -> bool:
    """Following is a personal preference, not a decision: no audit entry."""
    _require_user(actor)
    if following:
        Follow.objects.get_or_create(user=actor, project=project)
    else:
        Follow.objects.filter(user=actor, project=project).delete()
    return following


def screening_label(item: str) -> str:
    labels = {
        "rationale": _("Project rationale is stated"),
        "options": _("Options were appraised"),
        "commercial_viability": _("Commercial viability is shown"),
        "affordability": _("Affordability is shown"),
        "deliverability": _("Deliverability is shown"),
        "feasibility_study": _("A feasibility study is attached"),
        "environmental_assessment": _("An environmental assessment is attached"),
    }
    return str(labels.get(item, item))


def scenario_label(scenario: str) -> str:
    labels = {
        "base": _("Base case"),
        "costs_plus_20": _("Costs +20 %"),
        "benefits_minus_20": _("Benefits −20 %"),
        "delay_1_year": _("One year's delay"),
        "delay_2_years": _("Two years' delay"),
    }
    return str(labels.get(str(scenario), str(scenario)))
