"""Bad input gets a clear 4xx problem+json and changes nothing."""

import json

from django.test import Client

from sco.core.models import AuditEntry
from sco.members.models import Mandate

PROBLEM = "application/problem+json"


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["code"]
    return body


def test_malformed_json_is_a_400_problem(api, secretariat):
    api.as_user(secretariat)
    body = _problem(api.post_json("/api/v1/members/delegations", "{not json"), 400)
    assert body["code"] == "malformed_body"


def test_wrong_types_are_a_422_problem_with_field_errors(api, secretariat):
    api.as_user(secretariat)
    body = _problem(api.post_json("/api/v1/members/delegations", {"username": "x", "role": 5, "start": "soon"}), 422)
    assert "role" in body["errors"] and "start" in body["errors"]
    assert not Mandate.objects.exclude(user=secretariat).exists()


def test_unknown_ids_are_a_404_problem(api, organisation):
    _problem(api.get_json("/api/v1/members/states/XX"), 404)
    _problem(api.get_json("/api/v1/members/bodies/no-such-body"), 404)
    _problem(api.get_json("/api/v1/no/such/path"), 404)


def test_an_oversized_body_is_a_413_problem_and_stores_nothing(api, secretariat, settings):
    api.as_user(secretariat)
    before = AuditEntry.objects.count()
    huge = json.dumps({"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10), "role": "delegate"})
    _problem(api.post_json("/api/v1/members/delegations", huge), 413)
    assert AuditEntry.objects.count() == before


def test_a_session_write_without_csrf_token_is_refused(make_user, organisation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("alice"))
    response = client.post("/api/v1/tokens", json.dumps({"name": "x"}), content_type="application/json")
    body = _problem(response, 403)
    assert body["code"] == "csrf_failed"


def test_anonymous_writes_are_a_401_problem(api, organisation):
    _problem(api.post_json("/api/v1/members/delegations", {"username": "x", "role": "delegate"}), 401)


def test_errors_speak_the_requested_language(api, organisation):
    body = _problem(api.get_json("/api/v1/members/states/XX", HTTP_ACCEPT_LANGUAGE="ru"), 404)
    assert body["title"] == "Не найдено"
