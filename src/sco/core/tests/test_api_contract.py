"""The API keeps its published contract: unique component names, every error documented as problem+json, the same
refusal with the same status everywhere, and 401 before anything else for an anonymous write (issue #11, item 3)."""

import pytest

from sco.api import ERROR_RESPONSES, WRITE_ERROR_RESPONSES, WRITE_METHODS, api

pytestmark = pytest.mark.django_db


def test_no_two_schemas_share_a_component_name(monkeypatch):
    from ninja.openapi.schema import OpenAPISchema

    clashes: list[str] = []
    original = OpenAPISchema.add_schema_definitions

    def add(self, definitions):  # type: ignore[no-untyped-def]
        for name, schema in definitions.items():
            if name in self.schemas and self.schemas[name] != schema:
                clashes.append(name)
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", add)
    api.get_openapi_schema(path_prefix="/api/v1/")
    assert clashes == [], "two schemas with one name: the published schema would describe only one of them"


def test_every_operation_documents_its_errors_as_problems(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status", "detail", "code"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {*ERROR_RESPONSES, *(WRITE_ERROR_RESPONSES if method in WRITE_METHODS else ())}
            assert expected <= set(operation["responses"]), (method, path)
            for status in expected:
                content = operation["responses"][status].get("content", {})
                assert "application/problem+json" in content or "application/json" in content, (method, path, status)


def test_an_anonymous_write_is_a_401_before_its_body_is_judged(client):
    for path in ("/api/v1/documents/", "/api/v1/projects/", "/api/v1/events/", "/api/v1/tokens"):
        response = client.post(path, "{}", content_type="application/json")
        assert response.status_code == 401, path
        assert response["Content-Type"] == "application/problem+json"


def test_registering_another_states_delegation_for_an_event_is_a_403_like_every_refusal_to_act_for_it(
    api, secretariat, head_of_delegation
):
    from sco.conftest import ApiClient
    from sco.events.tests.test_api import PAYLOAD

    event_id = api.as_user(secretariat).post_json("/api/v1/events/", {**PAYLOAD, "capacity": 5}).json()["id"]
    kazakh = ApiClient().as_user(head_of_delegation("KZ"))
    refused = kazakh.post_json(f"/api/v1/events/{event_id}/registrations", {"delegation": "RU"})
    assert refused.status_code == 403, refused.content
    assert refused.json()["code"] == "may_not_act_for_state"
