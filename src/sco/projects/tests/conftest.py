from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from sco.projects import services

ROWS = [
    {"year": 2026, "capex": "1000", "opex": "0", "revenues": "0", "economic_benefits": "0"},
    *[{"year": 2027 + i, "capex": "0", "opex": "40", "revenues": "120", "economic_benefits": "200"} for i in range(15)],
]


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Each test starts with no cached project list (the locmem cache outlives a test's database)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def project_data(**overrides: Any) -> services.ProjectData:
    values: dict[str, Any] = {
        "title_en": "Second track on a railway section",
        "title_ru": "Вторые пути на участке железной дороги",
        "title_zh": "铁路区段第二线",
        "summary_en": "A second track to raise capacity.",
        "sector": "transport.rail",
        "project_type": "expansion",
        "sponsor_kind": "state_agency",
        "sponsor_name": "National railway company",
        "sponsor_state": "KZ",
        "host_states": ["KZ"],
        "participating_states": [],
        "location": "Dostyk - Moyynty",
        "total_cost": Decimal("1000000000"),
        "currency": "USD",
        "requested_financing": Decimal("250000000"),
        "start_date": "2026-01-01",
        "end_date": "2030-12-31",
    }
    values.update(overrides)
    return services.ProjectData(**values)


@pytest.fixture
def three(make_project: Callable[..., Any], take_part: Callable[..., Any]) -> dict[str, Any]:
    """A public, a members-only, a participants-only (China takes part) and a draft project, all sponsored by KZ."""
    return {
        "public": make_project(status="submitted", title_en="Open railway"),
        "members": make_project(status="submitted", title_en="Members railway", visibility="members"),
        "participants": take_part(
            make_project(status="submitted", title_en="Closed railway", visibility="participants"), "CN"
        ),
        "draft": make_project(title_en="Draft railway"),
    }


@pytest.fixture
def take_part(head_of_delegation: Callable[[str], Any]) -> Callable[..., Any]:
    """take_part(project, "CN"): the sponsor invites the state and its head of delegation accepts (the state's own
    act). Returns the project as stored."""

    def join(project: Any, *codes: str) -> Any:
        from sco.members.models import State

        sponsor = head_of_delegation(project.sponsor_state.code)
        for code in codes:
            invitation = services.invitation_send(actor=sponsor, project=project, state=State.objects.get(code=code))
            services.invitation_answer(actor=head_of_delegation(code), invitation=invitation, accept=True)
        project.refresh_from_db()
        return project

    return join


@pytest.fixture
def make_project(head_of_delegation: Callable[[str], Any]) -> Callable[..., Any]:
    """make_project(status="screening", visibility="members", sponsor="KZ") through the services."""

    def make(*, sponsor: str = "KZ", status: str = "draft", **overrides: Any) -> Any:
        actor = head_of_delegation(sponsor)
        project = services.project_create(
            actor=actor, data=project_data(sponsor_state=sponsor, host_states=[sponsor], **overrides)
        )
        if status != "draft":
            walk_to(project, status)
            project.refresh_from_db()
        return project

    return make


def attach_screening_documents(project: Any, sponsor: Any) -> None:
    """The feasibility study and the environmental assessment the screening checklist looks for (tiny PDFs)."""
    for document_type, title in (("feasibilityStudy", "Feasibility study"), ("environmentalImpact", "EIA")):
        services.attachment_add(
            actor=sponsor,
            project=project,
            content=b"%PDF-1.4 test\n%%EOF\n",
            filename=f"{document_type}.pdf",
            document_type=document_type,
            title=title,
        )


def walk_to(project: Any, status: str) -> None:
    """Take the project along the main path through the services until it reaches ``status``."""
    from sco.core.models import User
    from sco.members.models import Mandate

    sponsor = User.objects.get(username=f"hod-{project.sponsor_state.code.lower()}")
    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None:
        secretariat = User.objects.create_user(username="secretariat", password="x")
        Mandate.objects.create(user=secretariat, role="secretariat", start="2024-01-01")
    path = [
        ("submit", sponsor, "submitted"),
        ("start_screening", secretariat, "screening"),
        ("open_discussion", secretariat, "under_discussion"),
        ("start_appraisal", secretariat, "appraisal"),
    ]
    for name, actor, reached in path:
        if name == "open_discussion":
            attach_screening_documents(project, sponsor)
            services.screening_update(
                actor=secretariat, project=project, checklist=dict.fromkeys(services.SCREENING_CHECKLIST, True)
            )
        project = services.project_transition(actor=actor, project=project, name=name)
        if reached == "appraisal":
            services.appraisal_save(
                actor=sponsor, project=project, financial_rate="0.04", social_rate="0.05", rows=ROWS
            )
        if reached == status:
            return
    raise ValueError(f"walk_to stops at appraisal; {status} needs a decision")
