"""Two delegates recording at the same moment lose nothing. Needs PostgreSQL: SQLite has no row locks to race on."""

import pytest
from django.db import connection

from sco.core import audit
from sco.core.models import AuditEntry
from sco.core.testing import at_once
from sco.decisions import services
from sco.decisions.models import Position, PositionChange

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL"),
]


def test_two_states_recording_at_the_same_moment_both_keep_their_positions(open_decision, all_heads, state):
    decision = open_decision()
    kz, cn = state("KZ"), state("CN")
    results = at_once(
        lambda: services.position_record(actor=all_heads["KZ"], decision=decision, state=kz, kind="support"),
        lambda: services.position_record(
            actor=all_heads["CN"], decision=decision, state=cn, kind="objection", text="Financing unclear"
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert dict(Position.objects.filter(decision=decision).values_list("state__code", "kind")) == {
        "KZ": "support",
        "CN": "objection",
    }
    assert PositionChange.objects.filter(decision=decision).count() == 2
    assert AuditEntry.objects.filter(action="position.recorded").count() == 2
    assert audit.verify() == []


def test_the_same_state_recording_twice_at_once_keeps_the_last_and_both_in_the_history(
    open_decision, head_of_delegation, make_mandate, state
):
    decision = open_decision()
    ir = state("IR")
    head = head_of_delegation("IR")
    delegate = make_mandate("d-ir", "delegate", state="IR", bodies=["swg-investment"])
    results = at_once(
        lambda: services.position_record(actor=head, decision=decision, state=ir, kind="support"),
        lambda: services.position_record(
            actor=delegate, decision=decision, state=ir, kind="statement", text="Views on the timetable"
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    changes = list(PositionChange.objects.filter(decision=decision).order_by("pk"))
    assert len(changes) == 2
    assert {c.kind for c in changes} == {"support", "statement"}
    held = Position.objects.get(decision=decision, state=ir)
    assert (held.kind, held.recorded_by_id) == (changes[-1].kind, changes[-1].recorded_by_id)  # the last one wins
    entries = list(AuditEntry.objects.filter(action="position.recorded").order_by("seq"))
    assert [e.after["kind"] for e in entries] == [c.kind for c in changes]
    assert entries[0].before is None
    assert entries[1].before["kind"] == changes[0].kind
    assert audit.verify() == []


def test_a_close_racing_a_position_either_counts_it_or_refuses_it_never_half(
    open_decision, all_heads, secretariat, state
):
    decision = open_decision()
    for code in ("CN", "IN", "IR", "KG", "PK", "RU", "TJ", "UZ", "BY"):
        services.position_record(actor=all_heads[code], decision=decision, state=state(code), kind="support")
    results = at_once(
        lambda: services.position_record(actor=all_heads["KZ"], decision=decision, state=state("KZ"), kind="support"),
        lambda: services.decision_close(actor=secretariat, decision=decision),
    )
    decision.refresh_from_db()
    recorded = Position.objects.filter(decision=decision, state=state("KZ")).exists()
    if recorded:
        assert decision.status == "adopted"
    else:
        assert type(results[0]).__name__ == "DecisionClosed"
        assert decision.status == "lapsed"
    assert audit.verify() == []


def test_two_openings_on_the_same_record_at_the_same_moment_one_wins_the_other_is_told_which(open_decision, swg):
    from sco.decisions.errors import DecisionAlreadyOpen
    from sco.decisions.models import Decision

    results = at_once(
        lambda: open_decision(subject=swg, title="Opened by the chair"),
        lambda: open_decision(subject=swg, rule="silence", title="Opened by the Secretariat"),
    )
    won = [r for r in results if isinstance(r, Decision)]
    lost = [r for r in results if isinstance(r, DecisionAlreadyOpen)]
    assert (len(won), len(lost)) == (1, 1), results
    assert lost[0].field_errors == {"open_decision": [str(won[0].pk)]}
    assert Decision.objects.filter(status="open").count() == 1
    assert AuditEntry.objects.filter(action="decision.opened").count() == 1
    assert audit.verify() == []
