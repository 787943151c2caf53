"""The decision step goes through the decisions part: projects open the procedure and read its outcome."""

from __future__ import annotations

import pytest

from sco.decisions import services as decisions
from sco.members.models import State
from sco.members.permissions import MayNotActForState
from sco.projects import services
from sco.projects.errors import TransitionRefused


def refer(project, secretariat):
    return services.project_transition(actor=secretariat, project=project, name="refer_to_decision")


def test_referring_opens_a_consensus_procedure_of_the_member_states(make_project, secretariat, all_heads):
    project = make_project(status="appraisal")
    project = refer(project, secretariat)
    assert project.status == "decision" and project.decision_ref
    from sco.decisions.models import Decision

    decision = Decision.objects.get(pk=project.decision_ref)
    assert decision.rule == "consensus" and decision.subject == project
    assert decision.eligible_states.count() == 10


def test_approval_waits_for_consensus_then_follows_it(make_project, secretariat, all_heads):
    from sco.decisions.models import Decision

    project = refer(make_project(status="appraisal"), secretariat)
    with pytest.raises(TransitionRefused) as caught:
        services.project_transition(actor=secretariat, project=project, name="approve")
    assert caught.value.field_errors["failed_checks"] == ["decision_adopted"]
    decision = Decision.objects.get(pk=project.decision_ref)
    for code, user in all_heads.items():
        kind, text = ("statement", "We record our view.") if code == "IN" else ("support", "")
        decisions.position_record(
            actor=user, decision=decision, state=State.objects.get(code=code), kind=kind, text=text
        )
    decisions.decision_close(actor=secretariat, decision=decision)
    services.project_transition(actor=secretariat, project=project, name="approve")
    project.refresh_from_db()
    assert project.status == "approved"


def test_an_objection_blocks_and_the_project_can_then_be_rejected_with_a_reason(make_project, secretariat, all_heads):
    from sco.decisions.models import Decision

    project = refer(make_project(status="appraisal"), secretariat)
    decision = Decision.objects.get(pk=project.decision_ref)
    decisions.position_record(
        actor=all_heads["BY"], decision=decision, state=State.objects.get(code="BY"), kind="objection", text="Not yet"
    )
    decisions.decision_close(actor=secretariat, decision=decision)
    with pytest.raises(TransitionRefused):
        services.project_transition(actor=secretariat, project=project, name="approve")
    services.project_transition(actor=secretariat, project=project, name="reject", reason="Blocked by consensus")
    project.refresh_from_db()
    assert project.status == "rejected"


def test_a_delegate_cannot_record_another_states_position(make_project, secretariat, all_heads):
    from sco.decisions.models import Decision

    project = refer(make_project(status="appraisal"), secretariat)
    decision = Decision.objects.get(pk=project.decision_ref)
    with pytest.raises(MayNotActForState):
        decisions.position_record(
            actor=all_heads["KZ"], decision=decision, state=State.objects.get(code="CN"), kind="support", text=""
        )


def test_the_project_page_shows_the_positions_table(make_project, secretariat, all_heads, client):
    project = refer(make_project(status="appraisal"), secretariat)
    client.force_login(all_heads["CN"])
    html = client.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="positions"' in html and 'data-state="KZ"' in html and 'name="kind"' in html


def test_a_participants_only_project_is_decided_by_the_states_that_see_it_and_no_other_state_hears_of_it(
    make_project, take_part, secretariat, all_heads, django_capture_on_commit_callbacks
):
    from django.core import mail

    from sco.core.models import Notification
    from sco.decisions.models import Decision

    project = take_part(make_project(status="appraisal", visibility="participants", title_en="Closed line"), "CN")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project = refer(project, secretariat)
    decision = Decision.objects.get(pk=project.decision_ref)
    assert sorted(decision.eligible_states.values_list("code", flat=True)) == ["CN", "KZ"]
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told & {f"hod-{c.lower()}" for c in all_heads} == {"hod-kz", "hod-cn"}
    outsiders = {u.email for code, u in all_heads.items() if code not in ("KZ", "CN")}
    assert not [m for m in mail.outbox if set(m.to) & outsiders]
    assert not any("Closed line" in m.subject for m in mail.outbox if set(m.to) & outsiders)
    # The two that see it can adopt it: it does not lapse for want of states that could never see it.
    for code in ("KZ", "CN"):
        decisions.position_record(
            actor=all_heads[code], decision=decision, state=State.objects.get(code=code), kind="support"
        )
    decisions.decision_close(actor=secretariat, decision=decision)
    assert services.project_transition(actor=secretariat, project=project, name="approve").status == "approved"


def test_the_page_says_who_will_decide_before_the_referral(make_project, take_part, secretariat, client):
    project = take_part(make_project(status="appraisal", visibility="participants"), "CN")
    client.force_login(secretariat)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    deciders = page.split('id="deciders"')[1].split("</p>")[0]
    assert "China" in deciders and "Kazakhstan" in deciders and "India" not in deciders
    note = page.split('data-note="refer_to_decision"')[1].split("</span>")[0]
    assert "China" in note and "India" not in note
    public = make_project(status="appraisal", title_en="Open line")
    page = client.get(f"/projects/{public.pk}/").content.decode()
    assert "India" in page.split('id="deciders"')[1].split("</p>")[0]


def test_a_second_procedure_on_a_project_under_decision_is_refused_with_409(make_project, secretariat, api):
    import datetime as dt

    from django.utils import timezone

    project = refer(make_project(status="appraisal"), secretariat)
    api.as_user(secretariat)
    response = api.post_json(
        "/api/v1/decisions/",
        {
            "subject_type": "projects.project",
            "subject_id": project.pk,
            "body": "swg-investment",
            "rule": "silence",
            "deadline": (timezone.now() + dt.timedelta(days=3)).isoformat(),
            "title_en": "Silence on the same project",
        },
    )
    assert response.status_code == 409
    assert response.json()["code"] == "decision_already_open"
    assert response.json()["errors"] == {"open_decision": [str(project.decision_ref)]}
