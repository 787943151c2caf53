"""One procedure at a time on a record: a second opening is refused (409 naming the open one), in the service, the
API and the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from sco.core.models import AuditEntry
from sco.decisions import services
from sco.decisions.errors import DecisionAlreadyOpen
from sco.decisions.models import Decision


def test_a_silence_procedure_is_refused_while_a_consensus_on_the_same_record_is_open_and_nothing_is_stored(
    open_decision, swg
):
    first = open_decision(subject=swg, title="Consensus on the list")
    with pytest.raises(DecisionAlreadyOpen) as refused:
        open_decision(subject=swg, rule="silence", title="Silence on the list")
    assert refused.value.status == 409
    assert "Consensus on the list" in refused.value.message
    assert refused.value.field_errors == {"open_decision": [str(first.pk)]}
    assert list(Decision.objects.values_list("title_en", flat=True)) == ["Consensus on the list"]
    assert AuditEntry.objects.filter(action="decision.opened").count() == 1


def test_once_the_first_is_closed_a_new_procedure_may_be_opened(open_decision, swg, secretariat):
    first = open_decision(subject=swg, title="First")
    services.decision_close(actor=secretariat, decision=first)
    second = open_decision(subject=swg, rule="silence", title="Second")
    assert second.status == "open"


def test_a_procedure_past_its_deadline_not_yet_stored_is_decided_before_the_next_opens(open_decision, swg):
    past = timezone.now() - dt.timedelta(days=20)
    first = open_decision(subject=swg, title="Lapsed, not stored", now=past)
    second = open_decision(subject=swg, title="Next")
    first.refresh_from_db()
    assert (first.status, second.status) == ("lapsed", "open")
    assert AuditEntry.objects.filter(action="decision.closed_at_deadline").count() == 1


def test_the_database_holds_one_open_procedure_per_record_whatever_the_code_does(open_decision, swg, secretariat):
    first = open_decision(subject=swg)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            title_en="Written around the service",
            subject_type=ContentType.objects.get_for_model(swg),
            subject_id=swg.pk,
            body=first.body,
            rule="consensus",
            opened_at=timezone.now(),
            deadline=timezone.now() + dt.timedelta(days=1),
            opened_by=secretariat,
        )


def test_the_api_answers_409_problem_json_naming_the_open_procedure(
    api, public_subjects, open_decision, swg, secretariat
):
    first = open_decision(subject=swg, title="Consensus on the list")
    api.as_user(secretariat)
    response = api.post_json(
        "/api/v1/decisions/",
        {
            "subject_type": "members.body",
            "subject_id": swg.pk,
            "body": "swg-investment",
            "rule": "silence",
            "deadline": (timezone.now() + dt.timedelta(days=5)).isoformat(),
            "title_en": "Silence on the list",
        },
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "decision_already_open"
    assert "Consensus on the list" in body["detail"]
    assert body["errors"] == {"open_decision": [str(first.pk)]}
