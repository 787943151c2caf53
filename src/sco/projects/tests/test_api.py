from __future__ import annotations

from sco.projects.tests.conftest import ROWS


def payload(**overrides):
    data = {
        "title_en": "Railway",
        "title_ru": "Железная дорога",
        "title_zh": "铁路",
        "summary_en": "A line.",
        "sector": "transport.rail",
        "project_type": "construction",
        "sponsor_name": "Railways",
        "sponsor_state": "KZ",
        "host_states": ["KZ"],
        "total_cost": "1000",
        "currency": "USD",
        "requested_financing": "100",
        "start_date": "2026-01-01",
    }
    data.update(overrides)
    return data


def test_create_and_read_a_project(api, head_of_delegation):
    api.as_user(head_of_delegation("KZ"))
    response = api.post_json("/api/v1/projects/", payload())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["host_states"] == ["KZ"]
    assert api.get_json(f"/api/v1/projects/{body['id']}").json()["title_zh"] == "铁路"


def test_bad_input_is_a_422_problem_with_field_errors(api, head_of_delegation):
    api.as_user(head_of_delegation("KZ"))
    response = api.post_json("/api/v1/projects/", payload(sector="space", currency="ZZZ"))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert {"sector", "currency"} <= set(response.json()["errors"])


def test_an_illegal_step_is_a_409_problem_with_the_allowed_steps(api, make_project, head_of_delegation):
    project = make_project()
    api.as_user(head_of_delegation("KZ"))
    response = api.post_json(f"/api/v1/projects/{project.pk}/transitions", {"name": "approve"})
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert body["errors"]["allowed_transitions"] == ["submit", "withdraw"]
    steps = api.get_json(f"/api/v1/projects/{project.pk}/next-steps").json()
    assert [s["name"] for s in steps] == ["submit", "withdraw"]


def test_writes_need_a_signed_in_user(api, make_project):
    assert api.post_json("/api/v1/projects/", payload()).status_code == 401


def test_appraisal_through_the_api_reports_every_irr(api, make_project, head_of_delegation):
    project = make_project(status="submitted")
    api.as_user(head_of_delegation("KZ"))
    rows = [
        {"year": 2026, "capex": 1600},
        {"year": 2027, "revenues": 10000, "economic_benefits": 10000},
        {"year": 2028, "capex": 10000},
    ]
    response = api.put(
        f"/api/v1/projects/{project.pk}/appraisal",
        data={"financial_rate": "0.1", "social_rate": "0.1", "rows": rows},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api.token}",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["base"]["eirr"]["kind"] == "multiple"
    assert [round(r, 4) for r in body["base"]["eirr"]["roots"]] == [0.25, 4.0]
    assert set(body["sensitivity"]) == {"base", "costs_plus_20", "benefits_minus_20", "delay_1_year", "delay_2_years"}
    assert len(ROWS) == 16


def test_comments_and_moderation_through_the_api(api, make_project, head_of_delegation, secretariat):
    project = make_project(status="submitted")
    api.as_user(head_of_delegation("RU"))
    response = api.post_json(
        f"/api/v1/projects/{project.pk}/comments", {"body": "Поддерживаем", "language": "ru", "mentions": ["KZ"]}
    )
    assert response.status_code == 201, response.content
    comment_id = response.json()["id"]
    api.as_user(secretariat)
    hidden = api.post_json(f"/api/v1/projects/{project.pk}/comments/{comment_id}/hide", {"reason": "Test"})
    assert hidden.json()["hidden"] is True
    api.token = None
    listed = api.get_json(f"/api/v1/projects/{project.pk}/comments").json()
    assert listed[0]["body"] is None and listed[0]["hidden_reason"] == "Test"


def test_the_openapi_document_lists_the_projects_api(api, db):
    paths = api.get_json("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/projects/",
        "/api/v1/projects/{project_id}/transitions",
        "/api/v1/projects/{project_id}/appraisal",
        "/api/v1/projects/{project_id}/comments",
        "/api/v1/projects/oc4ids.json",
    ):
        assert path in paths
