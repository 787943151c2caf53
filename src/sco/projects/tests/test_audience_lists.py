"""The signed-in list, search and API page are kept per audience (sco.projects.audience): a restricted project never
reaches a viewer who may not see it through a list kept for another audience, and every write that changes what an
audience sees (a project, its visibility, a participation, an invitation, a mandate) shows on the next request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sco.members import services as members
from sco.members.models import Mandate, State
from sco.projects import services
from sco.projects.audience import PUBLIC, Audience, audience_of, sharing_key

pytestmark = pytest.mark.django_db

PATHS = ("/projects/?size=50", "/projects/?q=railway", "/api/v1/projects/?page_size=50", "/api/v1/projects/?q=railway")


def seen(client: Client, user: Any) -> dict[str, str]:
    """What each kept list shows the user (a page, a search, the API page, an API search), as text."""
    client.force_login(user)
    found = {}
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        found[path] = response.content.decode()
    return found


def shows(client: Client, user: Any, title: str) -> bool:
    """Whether every kept list shows ``title`` to ``user`` (and fails if some do and some do not)."""
    found = {path: title in text for path, text in seen(client, user).items()}
    assert len(set(found.values())) == 1, found
    return next(iter(found.values()))


@pytest.fixture
def closed(make_project: Callable[..., Any], take_part: Callable[..., Any]) -> Any:
    """A participants-only railway project sponsored by Kazakhstan, China taking part."""
    return take_part(make_project(status="submitted", title_en="Closed railway", visibility="participants"), "CN")


def test_a_viewer_of_another_state_never_gets_a_list_kept_for_a_state_that_sees_more(
    client: Client, head_of_delegation: Callable[[str], Any], make_user: Callable[..., Any], closed: Any
) -> None:
    # Every account is made before the first list is kept (a new mandate replaces the versions, which would hide
    # a wrong key).
    china, india, kazakhstan, nobody = (*(head_of_delegation(c) for c in ("CN", "IN", "KZ")), make_user("nobody"))
    assert shows(client, china, "Closed railway")  # kept for China's audience first
    assert not shows(client, india, "Closed railway")
    assert not shows(client, nobody, "Closed railway")
    assert shows(client, kazakhstan, "Closed railway")  # the sponsor
    assert not shows(client, india, "Closed railway")


def test_the_secretariats_list_never_reaches_a_delegation(
    client: Client, head_of_delegation: Callable[[str], Any], secretariat: Any, closed: Any
) -> None:
    india = head_of_delegation("IN")  # every account made before the first list is kept
    assert shows(client, secretariat, "Closed railway")
    assert not shows(client, india, "Closed railway")


def test_an_anonymous_visitor_never_gets_a_signed_in_list(
    client: Client, head_of_delegation: Callable[[str], Any], make_project: Callable[..., Any]
) -> None:
    make_project(status="submitted", title_en="Members railway", visibility="members")
    assert shows(client, head_of_delegation("IN"), "Members railway")
    client.logout()
    for path in PATHS:
        assert "Members railway" not in client.get(path).content.decode()


def test_people_of_one_audience_share_one_list_and_the_second_reads_no_project(
    client: Client,
    head_of_delegation: Callable[[str], Any],
    make_mandate: Callable[..., Any],
    make_project: Callable[..., Any],
    django_assert_max_num_queries: Any,
) -> None:
    make_project(status="submitted", title_en="Members railway", visibility="members")
    india = head_of_delegation("IN")
    coordinator = make_mandate("nc-in", "national_coordinator", state="IN")
    assert audience_of(india) == audience_of(coordinator) == Audience(state_ids=(State.objects.get(code="IN").pk,))
    first = seen(client, india)
    other = Client()
    other.force_login(coordinator)
    other.get("/")  # the session and the coordinator's own facts, read once
    with django_assert_max_num_queries(3):  # session, user, whether they created a project their audience misses
        again = other.get(PATHS[0]).content.decode()
    assert "Members railway" in again and again.count("<tr>") == first[PATHS[0]].count("<tr>")


def test_a_person_who_created_a_project_their_audience_does_not_see_has_a_list_of_their_own(
    client: Client,
    make_user: Callable[..., Any],
    make_project: Callable[..., Any],
    head_of_delegation: Callable[..., Any],
    secretariat: Any,
) -> None:
    project = make_project(title_en="Own draft railway")  # a draft, created by hod-kz
    author = head_of_delegation("KZ")
    for mandate in Mandate.objects.filter(user=author):  # the fixture gave it more than once
        members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert audience_of(author) == PUBLIC
    assert sharing_key(author) != PUBLIC.key
    nobody = make_user("nobody")
    assert sharing_key(nobody) == PUBLIC.key
    assert shows(client, author, "Own draft railway")  # the author still sees what they created
    assert not shows(client, nobody, "Own draft railway")  # who shares the author's audience does not
    assert project.created_by == author


def test_a_new_restricted_project_shows_at_once_to_those_who_may_see_it_only(
    client: Client, head_of_delegation: Callable[[str], Any], make_project: Callable[..., Any], closed: Any
) -> None:
    kazakhstan, india = head_of_delegation("KZ"), head_of_delegation("IN")
    assert not shows(client, kazakhstan, "Second closed railway")
    assert not shows(client, india, "Second closed railway")
    make_project(status="submitted", title_en="Second closed railway", visibility="participants")
    assert shows(client, kazakhstan, "Second closed railway")
    assert not shows(client, india, "Second closed railway")


def test_a_visibility_change_shows_and_hides_at_once(
    client: Client, head_of_delegation: Callable[[str], Any], make_project: Callable[..., Any]
) -> None:
    project = make_project(status="submitted", title_en="Turning railway")
    india = head_of_delegation("IN")
    assert shows(client, india, "Turning railway")
    project.visibility = "participants"
    project.save()
    assert not shows(client, india, "Turning railway")
    assert shows(client, head_of_delegation("KZ"), "Turning railway")
    project.visibility = "members"
    project.save()
    assert shows(client, india, "Turning railway")


def test_an_invitation_and_a_participation_show_at_once(
    client: Client, head_of_delegation: Callable[[str], Any], closed: Any
) -> None:
    kazakhstan, india = head_of_delegation("KZ"), head_of_delegation("IN")
    assert not shows(client, india, "Closed railway")
    invitation = services.invitation_send(actor=kazakhstan, project=closed, state=State.objects.get(code="IN"))
    assert shows(client, india, "Closed railway")  # invited: India's delegates may look before they answer
    services.invitation_answer(actor=india, invitation=invitation, accept=False)
    assert not shows(client, india, "Closed railway")  # declined
    services.participation_join(actor=india, project=closed, state=State.objects.get(code="IN"))
    assert shows(client, india, "Closed railway")  # joined


def test_a_granted_and_an_ended_mandate_show_and_hide_at_once(
    client: Client, make_user: Callable[..., Any], secretariat: Any, closed: Any
) -> None:
    person = make_user("future-delegate")
    assert not shows(client, person, "Closed railway")
    china = State.objects.get(code="CN")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    mandate = members.mandate_grant(
        actor=secretariat, user=person, role="head_of_delegation", state=china, start=yesterday
    )
    assert shows(client, person, "Closed railway")
    members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert not shows(client, person, "Closed railway")


def test_a_project_seen_by_everyone_is_seen_by_every_audience_and_no_other_is(
    make_project: Callable[..., Any],
    head_of_delegation: Callable[[str], Any],
    make_user: Callable[..., Any],
    secretariat: Any,
) -> None:
    """The project page reads a public project's row without the rule (audience.seen_by_everyone): the rule must
    show such a project to everyone, and every other project must be hidden from someone."""
    from django.contrib.auth.models import AnonymousUser

    from sco.projects.audience import seen_by_everyone
    from sco.projects.models import Project

    viewers = [AnonymousUser(), make_user("nobody"), head_of_delegation("IN"), head_of_delegation("KZ"), secretariat]
    for status in ("draft", "submitted"):
        for visibility in ("public", "members", "participants"):
            project = make_project(status=status, visibility=visibility)
            seen = [Project.objects.visible_to(v).filter(pk=project.pk).exists() for v in viewers]
            assert seen_by_everyone(project) == all(seen), (status, visibility, seen)
