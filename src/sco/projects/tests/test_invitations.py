"""Taking part is the state's own act: the sponsor invites, a delegate of the invited state accepts or declines."""

from __future__ import annotations

import pytest
from django.core import mail

from sco.core.audit import verify
from sco.core.models import AuditEntry, Notification
from sco.members.models import State
from sco.members.permissions import MayNotActForState
from sco.projects import selectors, services
from sco.projects.errors import InvitationAnswered, InvitationRefused, NotSponsor, ProjectInvalid
from sco.projects.models import Invitation, Participation, Project
from sco.projects.tests.conftest import project_data


def cn() -> State:
    return State.objects.get(code="CN")


def test_the_sponsor_can_no_longer_enrol_another_state_itself_and_nothing_is_stored(head_of_delegation):
    with pytest.raises(ProjectInvalid) as refused:
        services.project_create(actor=head_of_delegation("KZ"), data=project_data(participating_states=["CN"]))
    assert "participating_states" in refused.value.field_errors
    assert Project.objects.count() == 0


def test_editing_cannot_add_another_state_either_but_keeps_those_that_joined(make_project, head_of_delegation):
    kz = head_of_delegation("KZ")
    project = make_project()
    with pytest.raises(ProjectInvalid):
        services.project_update(actor=kz, project=project, data=project_data(participating_states=["CN"]))
    assert not Participation.objects.filter(project=project, state__code="CN").exists()


def test_china_takes_part_only_once_its_own_delegate_accepts_and_both_acts_are_audited(
    make_project, head_of_delegation, django_capture_on_commit_callbacks
):
    project = make_project(status="submitted", visibility="participants")
    kz, china = head_of_delegation("KZ"), head_of_delegation("CN")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_send(actor=kz, project=project, state=cn())
    assert not Participation.objects.filter(project=project, state=cn()).exists()
    assert Notification.objects.filter(recipient=china, kind="project.invitation").exists()
    assert any(china.email in m.to for m in mail.outbox)
    # While invited, China's delegate may see the participants-only project, to decide.
    assert selectors.project_get(viewer=china, project_id=project.pk).pk == project.pk

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_answer(actor=china, invitation=invitation, accept=True)
    participation = Participation.objects.get(project=project, state=cn())
    assert participation.role == "participant"
    invited = AuditEntry.objects.get(action="project.state_invited")
    accepted = AuditEntry.objects.get(action="project.invitation_accepted")
    assert (invited.actor_id, invited.on_behalf_of) == (kz.pk, "state:KZ")
    assert (accepted.actor_id, accepted.on_behalf_of) == (china.pk, "state:CN")
    assert Notification.objects.filter(recipient=kz, kind="project.invitation_answered").exists()
    assert verify() == []


def test_a_declined_invitation_enrols_nobody_and_hides_the_project_again(make_project, head_of_delegation):
    project = make_project(status="submitted", visibility="participants")
    china = head_of_delegation("CN")
    invitation = services.invitation_send(actor=head_of_delegation("KZ"), project=project, state=cn())
    services.invitation_answer(actor=china, invitation=invitation, accept=False)
    assert not Participation.objects.filter(project=project, state=cn()).exists()
    assert AuditEntry.objects.filter(action="project.invitation_declined", on_behalf_of="state:CN").exists()
    assert not Project.objects.visible_to(china).filter(pk=project.pk).exists()


def test_only_the_sponsor_invites_and_only_the_invited_state_answers_once(make_project, head_of_delegation):
    project = make_project(status="submitted")
    with pytest.raises(NotSponsor):
        services.invitation_send(actor=head_of_delegation("IN"), project=project, state=cn())
    invitation = services.invitation_send(actor=head_of_delegation("KZ"), project=project, state=cn())
    with pytest.raises(InvitationRefused):
        services.invitation_send(actor=head_of_delegation("KZ"), project=project, state=cn())
    with pytest.raises(MayNotActForState):
        services.invitation_answer(actor=head_of_delegation("RU"), invitation=invitation, accept=True)
    services.invitation_answer(actor=head_of_delegation("CN"), invitation=invitation, accept=True)
    with pytest.raises(InvitationAnswered):
        services.invitation_answer(actor=head_of_delegation("CN"), invitation=invitation, accept=False)
    assert Invitation.objects.get().status == "accepted"


def test_a_draft_cannot_be_shown_to_an_invited_state(make_project, head_of_delegation):
    with pytest.raises(InvitationRefused):
        services.invitation_send(actor=head_of_delegation("KZ"), project=make_project(), state=cn())


def test_the_pages_let_the_sponsor_invite_and_chinas_delegate_accept(make_project, head_of_delegation, client):
    project = make_project(status="submitted", visibility="participants")
    client.force_login(head_of_delegation("KZ"))
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="invite-state"' in page
    response = client.post(f"/projects/{project.pk}/invitations/", {"state": "CN"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(project=project, state__code="CN")
    client.force_login(head_of_delegation("CN"))
    home = client.get("/").content.decode()
    assert f"/projects/{project.pk}/#participation" in home
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert f"/projects/{project.pk}/invitations/{invitation.pk}/answer/" in page
    client.post(f"/projects/{project.pk}/invitations/{invitation.pk}/answer/", {"answer": "accept"})
    assert Participation.objects.filter(project=project, state__code="CN").exists()
    # Someone else's invitation is not there for them: not found.
    client.force_login(head_of_delegation("IN"))
    other = client.post(f"/projects/{project.pk}/invitations/{invitation.pk}/answer/", {"answer": "decline"})
    assert other.status_code == 404


def test_the_api_invites_and_answers(make_project, head_of_delegation, api):
    project = make_project(status="submitted")
    api.as_user(head_of_delegation("KZ"))
    sent = api.post_json(f"/api/v1/projects/{project.pk}/invitations", {"state": "CN"})
    assert sent.status_code == 201, sent.content
    assert sent.json()["status"] == "pending"
    again = api.post_json(f"/api/v1/projects/{project.pk}/invitations", {"state": "CN"})
    assert again.status_code == 409 and again.json()["code"] == "invitation_refused"
    api.as_user(head_of_delegation("CN"))
    answered = api.post_json(f"/api/v1/projects/{project.pk}/invitations/{sent.json()['id']}/answer", {"accept": True})
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    states = {p["state"] for p in api.get_json(f"/api/v1/projects/{project.pk}").json()["participations"]}
    assert "CN" in states


def test_the_form_offers_no_other_state_to_enrol_and_shows_the_refusal_on_the_field(head_of_delegation, client):
    client.force_login(head_of_delegation("KZ"))
    form = client.get("/projects/new/").content.decode()
    options = form.split('id="participating_states"')[1].split("</select>")[0]
    assert 'value="KZ"' in options and 'value="CN"' not in options
    data = {
        "title_en": "Forced enrolment",
        "sector": "transport.rail",
        "project_type": "expansion",
        "sponsor_kind": "state_agency",
        "sponsor_name": "Railway",
        "sponsor_state": "KZ",
        "visibility": "public",
        "participating_states": ["CN"],
    }
    response = client.post("/projects/new/", data)
    assert response.status_code == 422
    assert 'id="participating_states-error"' in response.content.decode()
    assert not Project.objects.exists()
