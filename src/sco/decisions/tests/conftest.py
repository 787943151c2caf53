"""Fixtures for the decisions part. Bodies stand in as subjects: the registry is what a subject part plugs into."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # imported inside the fixtures, so the pure tests also run without Django (-p no:django)
    from sco.decisions.models import Decision
    from sco.decisions.subjects import SubjectKind
    from sco.members.models import Body, State


@pytest.fixture
def decided() -> list[Decision]:
    """Every procedure whose outcome was stored while the subject kind was registered, in order."""
    return []


@pytest.fixture
def public_subjects(decided: list[Decision]) -> Iterator[SubjectKind]:
    """Bodies as a subject kind everybody may see (anonymous readers too)."""
    from sco.decisions import subjects
    from sco.members.models import Body

    with subjects.registered(
        Body,
        visible=lambda viewer, qs: qs,
        url=lambda body: f"/members/bodies/#{body.code}",
        label=lambda body: body.name,
        on_decided=decided.append,
    ) as kind:
        yield kind


@pytest.fixture
def restricted_subjects() -> Iterator[SubjectKind]:
    """Institutions as a subject kind only the Secretariat may see."""
    from sco.decisions import subjects
    from sco.members.models import Institution
    from sco.members.permissions import is_secretariat

    with subjects.registered(
        Institution, visible=lambda viewer, qs: qs if is_secretariat(viewer) else qs.none()
    ) as kind:
        yield kind


@pytest.fixture
def swg(organisation: None) -> Body:
    from sco.members.models import Body

    return Body.objects.get(code="swg-investment")


@pytest.fixture
def state(organisation: None) -> Callable[[str], State]:
    from sco.members.models import State

    return lambda code: State.objects.get(code=code)


@pytest.fixture
def open_decision(
    public_subjects: SubjectKind, secretariat: Any, swg: Body, state: Callable[[str], State]
) -> Callable[..., Decision]:
    """open_decision(rule=, days=, concerned=, subject=): opened through the service, as the Secretariat, in the
    investment working group, on a fresh subject unless one is given."""
    from django.utils import timezone

    from sco.decisions import services

    made = iter(range(1, 10_000))

    def fresh_subject() -> Body:
        """A body of its own for each procedure: one procedure at a time may be open on a record."""
        from sco.members.models import Body

        n = next(made)
        return Body.objects.create(code=f"test-subject-{n}", kind="working_group", name_en=f"Test subject {n}")

    def make(
        *,
        rule: str = "consensus",
        days: float = 14,
        concerned: str | None = None,
        subject: Any = None,
        title: str = "Approval of the list of projects (test)",
        now: dt.datetime | None = None,
    ) -> Decision:
        now = now or timezone.now()
        return services.decision_open(
            actor=secretariat,
            subject=subject or fresh_subject(),
            body=swg,
            rule=rule,
            deadline=now + dt.timedelta(days=days),
            title_en=title,
            title_ru="Утверждение перечня проектов (тест)",
            title_zh="批准项目清单（测试）",
            concerned_state=state(concerned) if concerned else None,
            now=now,
        )

    return make


@pytest.fixture(autouse=True)
def fast_passwords(request: pytest.FixtureRequest) -> None:
    """Test users need no costly password hashing (Argon2 takes most of a test's setup otherwise)."""
    if request.config.pluginmanager.hasplugin("django"):  # the pure tests also run with -p no:django
        request.getfixturevalue("settings").PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
