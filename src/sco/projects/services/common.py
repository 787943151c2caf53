"""What the write services share: the checked input, constants, and the frozen snapshot of a project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.members.models import State
from sco.projects import oc4ids_codelists, rules
from sco.projects.errors import (
    ProjectInvalid,
)
from sco.projects.models import (
    Goal,
    Participation,
    ParticipationRole,
    Project,
)
from sco.projects.rules import ProjectData

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

# The items a fact decides: true exactly when an attachment of that OC4IDS document type is on the project. They are
# computed (screening_state), never ticked: a screening cannot certify a document that is not there.
ATTACHED_ITEMS: dict[str, str] = {
    "feasibility_study": "feasibilityStudy",
    "environmental_assessment": "environmentalImpact",
}
# The items that are the Secretariat's judgement, ticked on the screening form.
JUDGED_ITEMS: tuple[str, ...] = tuple(item for item in SCREENING_CHECKLIST if item not in ATTACHED_ITEMS)


def screening_state(project: Project) -> dict[str, bool]:
    """Every checklist item as it stands: the Secretariat's ticks for judged items, the attachments for the rest.
    Uses prefetched ``attachments`` when loaded."""
    attached = {a.document_type for a in project.attachments.all()}
    ticks = project.screening or {}
    return {
        item: (ATTACHED_ITEMS[item] in attached) if item in ATTACHED_ITEMS else bool(ticks.get(item))
        for item in SCREENING_CHECKLIST
    }


# Attachments: what may be uploaded and how big. The check looks at the bytes, not at the name or the
# declared type; anything else (HTML, SVG, scripts, archives) is refused.
ATTACHMENT_MAX_BYTES = settings.SCO_MAX_UPLOAD_BYTES  # the platform's one upload limit
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
class _Clean:
    values: dict[str, Any]
    sponsor_state: State
    host_states: list[State]
    participating_states: list[State]
    goals: list[Goal]


def _clean(data: ProjectData) -> _Clean:
    """Check everything and collect every error; nothing is written until all of it passes. The rules that need no
    database are `projects.rules.check_fields` (pure, property-tested); here the states and goals are looked up."""
    values, errors = rules.check_fields(data)
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
