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
