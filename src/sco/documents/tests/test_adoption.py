import datetime as dt

import pytest
from django.utils import timezone

from sco.decisions.services import decision_close, position_record
from sco.documents import adoption, errors, services
from sco.documents.models import Status
from sco.members.models import State

pytestmark = pytest.mark.django_db


def test_a_silence_procedure_without_objection_adopts_the_document(draft, secretariat, all_heads):
    services.document_circulate(actor=secretariat, document=draft)
    start = timezone.now()
    decision = adoption.document_put_to_adoption(
        actor=secretariat, document=draft, rule="silence", deadline=start + dt.timedelta(hours=1), now=start
    )
    position_record(
        actor=all_heads["IN"],
        decision=decision,
        state=State.objects.get(code="IN"),
        kind="statement",
        text="India records its understanding of paragraph 2.",
    )
    decision_close(actor=secretariat, decision=decision, now=start + dt.timedelta(hours=2))
    draft.refresh_from_db()
    assert draft.status == Status.ADOPTED and not draft.restricted
    assert draft.adoption_procedure == "silence"
    context = adoption.page_context(viewer=None, document=draft)
    assert [p.text for p in context["procedures"][0]["statements"]] == [
        "India records its understanding of paragraph 2."
    ]


def test_an_objection_blocks_adoption_and_the_draft_stays_restricted(draft, secretariat, all_heads):
    services.document_circulate(actor=secretariat, document=draft)
    start = timezone.now()
    decision = adoption.document_put_to_adoption(
        actor=secretariat, document=draft, rule="silence", deadline=start + dt.timedelta(hours=1), now=start
    )
    position_record(
        actor=all_heads["RU"],
        decision=decision,
        state=State.objects.get(code="RU"),
        kind="objection",
        text="Paragraph 3 needs more work.",
    )
    decision_close(actor=secretariat, decision=decision, now=start + dt.timedelta(hours=2))
    draft.refresh_from_db()
    assert draft.status == Status.UNDER_NEGOTIATION and draft.restricted


def test_a_delegation_cannot_put_a_document_to_adoption(draft, head_of_delegation):
    from sco.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        adoption.document_put_to_adoption(
            actor=head_of_delegation("UZ"),
            document=draft,
            rule="silence",
            deadline=timezone.now() + dt.timedelta(days=1),
        )


def test_an_unknown_rule_is_refused(draft, secretariat):
    with pytest.raises(errors.DocumentInvalid):
        adoption.document_put_to_adoption(
            actor=secretariat, document=draft, rule="vote", deadline=timezone.now() + dt.timedelta(days=1)
        )
