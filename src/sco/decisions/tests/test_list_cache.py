"""The API's kept list of procedures (decisions/cache.py): a page computed for one viewer never reaches a viewer who
may see less, and every write that changes who sees what, or what a page says, shows on the next request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from sco.decisions import services
from sco.members.models import Body, Institution, State

LIST = "/api/v1/decisions/"


def titles(api: Any, user: Any = None, query: str = "") -> list[str]:
    api.token = None
    if user is not None:
        api.as_user(user)
    response = api.get_json(LIST + query)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def project_procedure(head_of_delegation: Callable[[str], Any], secretariat: Any) -> Callable[..., tuple[Any, Any]]:
    """project_procedure(visibility="participants", partners=("CN",)): a project sponsored by KZ through the
    projects services, with a procedure opened on it (a decision is visible exactly when its project is)."""
    from sco.projects import services as projects
    from sco.projects.tests.conftest import project_data, walk_to

    def make(*, title: str, visibility: str = "public", partners: tuple[str, ...] = ()) -> tuple[Any, Any]:
        sponsor = head_of_delegation("KZ")
        project = projects.project_create(actor=sponsor, data=project_data(title_en=title, visibility=visibility))
        walk_to(project, "submitted")
        for code in partners:
            invitation = projects.invitation_send(actor=sponsor, project=project, state=State.objects.get(code=code))
            projects.invitation_answer(actor=head_of_delegation(code), invitation=invitation, accept=True)
        project.refresh_from_db()
        decision = services.decision_open(
            actor=secretariat,
            subject=project,
            body=Body.objects.get(code="swg-investment"),
            rule="consensus",
            deadline=timezone.now() + dt.timedelta(days=14),
            title_en=f"On {title}",
        )
        return project, decision

    return make


def test_a_page_kept_for_a_viewer_who_sees_more_never_reaches_one_who_sees_less(
    api, project_procedure, head_of_delegation, secretariat
):
    project_procedure(title="Open line")
    project_procedure(title="Closed line", visibility="participants", partners=("CN",))
    everything = ["On Closed line", "On Open line"]
    # Each reads the same query string, the one who sees most first: nobody gets a page computed for another.
    assert titles(api, secretariat) == everything
    assert titles(api, head_of_delegation("CN")) == everything
    assert titles(api, head_of_delegation("IN")) == ["On Open line"]
    assert titles(api) == ["On Open line"]
    assert titles(api, head_of_delegation("CN")) == everything
    assert api.get_json(LIST).json()["count"] == 2
    api.token = None
    assert api.get_json(LIST).json()["count"] == 1


def test_a_subject_only_the_secretariat_sees_stays_with_the_secretariat(
    api, restricted_subjects, open_decision, secretariat, make_mandate, head_of_delegation
):
    open_decision(subject=Institution.objects.get(code="sco-development-bank"), title="Hidden")
    open_decision(title="Shown")
    other = make_mandate("secretariat-2", "secretariat")
    assert titles(api, secretariat) == ["Shown", "Hidden"]
    assert titles(api, other) == ["Shown", "Hidden"]  # the Secretariat's class: the same page
    assert titles(api, head_of_delegation("KZ")) == ["Shown"]
    assert titles(api) == ["Shown"]


def test_a_write_that_hides_a_subject_shows_at_once(api, project_procedure, head_of_delegation):
    project, _decision = project_procedure(title="Open line")
    assert titles(api) == ["On Open line"]
    assert titles(api, head_of_delegation("IN")) == ["On Open line"]
    project.visibility = "participants"
    project.save()
    assert titles(api) == []
    assert titles(api, head_of_delegation("IN")) == []


def test_a_state_that_joins_sees_the_procedure_at_once(api, project_procedure, head_of_delegation):
    """Taking part is a write of another model than the subject's (a participation): it renews the kept pages."""
    from sco.projects import services as projects

    project, _decision = project_procedure(title="Closed line", visibility="participants", partners=("CN",))
    delegate = head_of_delegation("IN")
    assert titles(api, delegate) == []
    projects.participation_join(actor=delegate, project=project, state=State.objects.get(code="IN"))
    assert titles(api, delegate) == ["On Closed line"]


def test_a_granted_and_an_ended_mandate_show_at_once(
    api, project_procedure, make_user, secretariat, grant_since_yesterday
):
    from sco.members import services as members

    project_procedure(title="Open line")
    project_procedure(title="Members line", visibility="members")
    person = make_user("newcomer")
    assert titles(api, person) == ["On Open line"]
    mandate = grant_since_yesterday(person)
    assert titles(api, person) == ["On Members line", "On Open line"]
    members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert titles(api, person) == ["On Open line"]


def test_a_position_and_a_renamed_subject_show_at_once(api, open_decision, head_of_delegation, public_subjects):
    decision = open_decision(title="One")
    first = api.get_json(LIST).json()["items"][0]
    assert "KZ" in first["outcome"]["silent"]
    services.position_record(
        actor=head_of_delegation("KZ"), decision=decision, state=State.objects.get(code="KZ"), kind="support"
    )
    subject = decision.subject
    subject.name_en = "A new name"
    subject.save()
    api.token = None
    item = api.get_json(LIST).json()["items"][0]
    assert "KZ" not in item["outcome"]["silent"]
    assert item["subject"]["label"] == "A new name"


def test_a_procedure_reads_decided_once_its_deadline_passes(api, open_decision, monkeypatch):
    open_decision(title="Soon", days=1)
    assert api.get_json(LIST).json()["items"][0]["outcome"]["status"] == "open"
    assert api.get_json(LIST + "?status=open").json()["count"] == 1
    later = timezone.now() + dt.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert api.get_json(LIST).json()["items"][0]["outcome"]["status"] == "lapsed"
    assert api.get_json(LIST + "?status=open").json()["count"] == 0


def test_a_kept_page_is_read_with_no_query_of_its_own(api, open_decision, django_assert_max_num_queries):
    open_decision(title="One")
    api.get_json(LIST)
    with django_assert_max_num_queries(0):
        assert api.get_json(LIST).status_code == 200
