"""Screening items a document decides are computed from the attachments, never ticked."""

from __future__ import annotations

import pytest

from sco.projects import services
from sco.projects.errors import ProjectInvalid, TransitionRefused
from sco.projects.tests.conftest import attach_screening_documents


def _screening(make_project, secretariat):
    project = make_project(status="submitted")
    return services.project_transition(actor=secretariat, project=project, name="start_screening")


def test_ticking_a_feasibility_study_that_is_not_attached_is_refused_and_nothing_is_stored(make_project, secretariat):
    project = _screening(make_project, secretariat)
    with pytest.raises(ProjectInvalid) as refused:
        services.screening_update(
            actor=secretariat, project=project, checklist=dict.fromkeys(services.SCREENING_CHECKLIST, True)
        )
    assert set(refused.value.field_errors) == {"feasibility_study", "environmental_assessment"}
    project.refresh_from_db()
    assert project.screening == {}
    assert services.screening_state(project)["feasibility_study"] is False


def test_the_judged_items_alone_do_not_open_the_discussion_without_the_documents(make_project, secretariat):
    project = _screening(make_project, secretariat)
    services.screening_update(actor=secretariat, project=project, checklist=dict.fromkeys(services.JUDGED_ITEMS, True))
    with pytest.raises(TransitionRefused) as caught:
        services.project_transition(actor=secretariat, project=project, name="open_discussion")
    assert caught.value.field_errors["failed_checks"] == ["screening_checklist_complete"]


def test_an_item_a_document_decides_is_true_exactly_when_that_document_is_attached(
    make_project, secretariat, head_of_delegation
):
    project = _screening(make_project, secretariat)
    services.screening_update(actor=secretariat, project=project, checklist=dict.fromkeys(services.JUDGED_ITEMS, True))
    assert services.screening_state(project)["feasibility_study"] is False
    attach_screening_documents(project, head_of_delegation("KZ"))
    state = services.screening_state(project)
    assert state["feasibility_study"] is True and state["environmental_assessment"] is True
    moved = services.project_transition(actor=secretariat, project=project, name="open_discussion")
    assert moved.status == "under_discussion"


def test_the_page_shows_attached_items_as_facts_not_as_boxes_to_tick(make_project, secretariat, client):
    project = _screening(make_project, secretariat)
    client.force_login(secretariat)
    html = client.get(f"/projects/{project.pk}/").content.decode()
    screening = html.split('id="screening"')[1].split("</section>")[0]
    assert 'name="feasibility_study"' not in screening
    assert 'data-item="feasibility_study"' in screening and "✗" in screening
    assert 'name="rationale"' in screening


def test_the_api_refuses_the_tick_and_reports_the_computed_items(make_project, secretariat, api):
    import json

    project = _screening(make_project, secretariat)
    api.as_user(secretariat)
    response = api.put(
        f"/api/v1/projects/{project.pk}/screening",
        json.dumps({"checklist": {"feasibility_study": True}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api.token}",
    )
    assert response.status_code == 422
    assert "feasibility_study" in response.json()["errors"]
    assert api.get_json(f"/api/v1/projects/{project.pk}").json()["screening"]["feasibility_study"] is False
