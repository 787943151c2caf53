import datetime as dt

import pytest
from django.utils import timezone

from sco.decisions.models import Decision, Position
from sco.members.models import Body, Institution

PROBLEM = "application/problem+json"


@pytest.fixture
def decision(open_decision):
    return open_decision()


def test_the_openapi_document_lists_the_decision_endpoints(api):
    paths = api.get_json("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/decisions/",
        "/api/v1/decisions/{decision_id}",
        "/api/v1/decisions/{decision_id}/positions",
        "/api/v1/decisions/{decision_id}/history",
        "/api/v1/decisions/{decision_id}/extend",
        "/api/v1/decisions/{decision_id}/close",
    ):
        assert path in paths


def test_a_head_of_delegation_records_a_position_through_the_api(api, decision, head_of_delegation):
    api.as_user(head_of_delegation("KZ"))
    response = api.post_json(f"/api/v1/decisions/{decision.pk}/positions", {"state": "KZ", "kind": "support"})
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "KZ"
    detail = api.get_json(f"/api/v1/decisions/{decision.pk}").json()
    assert {row["state"]: row["position"] and row["position"]["kind"] for row in detail["states"]}["KZ"] == "support"
    assert detail["outcome"]["status"] == "open"
    assert "KZ" not in detail["outcome"]["silent"]


def test_a_delegate_of_one_state_cannot_record_another_states_position_through_the_api(
    api, decision, head_of_delegation
):
    api.as_user(head_of_delegation("KZ"))
    response = api.post_json(
        f"/api/v1/decisions/{decision.pk}/positions", {"state": "CN", "kind": "objection", "text": "x"}
    )
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "may_not_act_for_state"
    assert not Position.objects.exists()


def test_an_objection_without_reasons_answers_422_by_field_and_stores_nothing(api, decision, head_of_delegation):
    api.as_user(head_of_delegation("IN"))
    response = api.post_json(f"/api/v1/decisions/{decision.pk}/positions", {"state": "IN", "kind": "objection"})
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "position_invalid"
    assert "text" in response.json()["errors"]
    assert not Position.objects.exists()


def test_an_unknown_position_kind_answers_422(api, decision, head_of_delegation):
    api.as_user(head_of_delegation("IN"))
    response = api.post_json(f"/api/v1/decisions/{decision.pk}/positions", {"state": "IN", "kind": "veto"})
    assert response.status_code == 422
    assert "kind" in response.json()["errors"]


def test_recording_without_signing_in_answers_401(api, decision):
    response = api.post_json(f"/api/v1/decisions/{decision.pk}/positions", {"state": "KZ", "kind": "support"})
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_a_decision_the_viewer_may_not_see_answers_404_everywhere(
    api, restricted_subjects, open_decision, head_of_delegation
):
    hidden = open_decision(subject=Institution.objects.get(code="sco-development-bank"))
    api.as_user(head_of_delegation("KZ"))
    for response in (
        api.get_json(f"/api/v1/decisions/{hidden.pk}"),
        api.get_json(f"/api/v1/decisions/{hidden.pk}/history"),
        api.post_json(f"/api/v1/decisions/{hidden.pk}/positions", {"state": "KZ", "kind": "support"}),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    listing = api.get_json("/api/v1/decisions/").json()
    assert listing["count"] == 0
    assert not Position.objects.exists()


def test_the_list_is_paginated_and_filters_by_outcome(api, open_decision, secretariat):
    open_decision(title="One")
    open_decision(title="Two")
    api.as_user(secretariat)
    body = api.get_json("/api/v1/decisions/?page_size=1").json()
    assert body["count"] == 2
    assert body["pages"] == 2
    assert len(body["items"]) == 1
    assert api.get_json("/api/v1/decisions/?status=adopted").json()["count"] == 0
    assert api.get_json("/api/v1/decisions/?status=open").json()["count"] == 2


def test_the_secretariat_opens_extends_and_closes_a_procedure_through_the_api(api, public_subjects, secretariat, swg):
    api.as_user(secretariat)
    deadline = timezone.now() + dt.timedelta(days=10)
    opened = api.post_json(
        "/api/v1/decisions/",
        {
            "subject_type": "members.body",
            "subject_id": swg.pk,
            "body": "swg-investment",
            "rule": "silence",
            "deadline": deadline.isoformat(),
            "title_en": "Approval by silence (test)",
        },
    )
    assert opened.status_code == 201, opened.content
    decision_id = opened.json()["id"]
    assert len(opened.json()["states"]) == 10
    later = (deadline + dt.timedelta(days=3)).isoformat()
    extended = api.post_json(f"/api/v1/decisions/{decision_id}/extend", {"deadline": later})
    assert extended.status_code == 200, extended.content
    closed = api.post_json(f"/api/v1/decisions/{decision_id}/close")
    assert closed.status_code == 200
    # Closed early: the silence period had not run out, and nobody had spoken.
    assert closed.json()["outcome"] == closed.json()["outcome"] | {"status": "lapsed", "stored": True}
    again = api.post_json(f"/api/v1/decisions/{decision_id}/close")
    assert again.status_code == 409
    assert again.json()["code"] == "decision_closed"


def test_a_delegate_cannot_open_or_close_through_the_api(api, decision, head_of_delegation, swg):
    api.as_user(head_of_delegation("PK"))
    response = api.post_json(
        "/api/v1/decisions/",
        {
            "subject_type": "members.body",
            "subject_id": swg.pk,
            "body": "swg-investment",
            "rule": "consensus",
            "deadline": (timezone.now() + dt.timedelta(days=1)).isoformat(),
            "title_en": "x",
        },
    )
    assert response.status_code == 403
    assert api.post_json(f"/api/v1/decisions/{decision.pk}/close").status_code == 403
    assert Decision.objects.count() == 1


def test_opening_on_an_unregistered_kind_answers_422(api, secretariat, organisation):
    api.as_user(secretariat)
    response = api.post_json(
        "/api/v1/decisions/",
        {
            "subject_type": "core.user",
            "subject_id": secretariat.pk,
            "body": "swg-investment",
            "rule": "consensus",
            "deadline": (timezone.now() + dt.timedelta(days=1)).isoformat(),
            "title_en": "x",
        },
    )
    assert response.status_code == 422
    assert response.json()["code"] == "subject_not_decidable"


def test_the_history_keeps_every_recording_in_order(api, decision, head_of_delegation):
    api.as_user(head_of_delegation("RU"))
    url = f"/api/v1/decisions/{decision.pk}/positions"
    api.post_json(url, {"state": "RU", "kind": "objection", "text": "Needs more study"})
    api.post_json(url, {"state": "RU", "kind": "no_objection"})
    history = api.get_json(f"/api/v1/decisions/{decision.pk}/history").json()
    assert [h["kind"] for h in history["items"]] == ["objection", "no_objection"]


def test_the_list_filters_by_subject(api, open_decision, secretariat, organisation):
    open_decision()
    other = Body.objects.get(code="cmfa")
    open_decision(subject=other, title="On another subject")
    api.as_user(secretariat)
    body = api.get_json(f"/api/v1/decisions/?subject_type=members.body&subject_id={other.pk}").json()
    assert [d["title"] for d in body["items"]] == ["On another subject"]


def test_the_list_count_stops_at_its_cap_and_says_so(api, open_decision, secretariat, monkeypatch):
    """Issue #16: each procedure counted costs a probe of its subject, so the count stops at COUNT_CAP."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sco.decisions import selectors

    for title in ("One", "Two", "Three"):
        open_decision(title=title)
    api.as_user(secretariat)
    assert api.get_json("/api/v1/decisions/").json()["count_capped"] is False
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    with CaptureQueriesContext(connection) as ctx:
        body = api.get_json("/api/v1/decisions/?page_size=1").json()
    assert body["count"] == 2 and body["count_capped"] is True and body["pages"] == 2
    assert len(body["items"]) == 1
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and "LIMIT 3" in counts[0].upper()
