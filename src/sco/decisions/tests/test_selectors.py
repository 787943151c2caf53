import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from sco.decisions import selectors, services
from sco.decisions.errors import DecisionNotFound
from sco.decisions.models import Decision
from sco.decisions.tests.factories import DecisionFactory, PositionFactory
from sco.members.models import Institution, State


@pytest.fixture
def restricted_decision(restricted_subjects, open_decision):
    return open_decision(subject=Institution.objects.get(code="sco-development-bank"), title="Restricted (test)")


def test_a_decision_on_a_subject_the_viewer_may_not_see_is_not_found_and_not_listed(
    restricted_decision, open_decision, head_of_delegation
):
    visible = open_decision(title="Public (test)")
    hod = head_of_delegation("KZ")
    assert [d.pk for d in selectors.decision_list(viewer=hod)] == [visible.pk]
    assert selectors.decision_list(viewer=hod).count() == 1
    with pytest.raises(DecisionNotFound):
        selectors.decision_get(viewer=hod, decision_id=restricted_decision.pk)


def test_the_secretariat_sees_every_decision(restricted_decision, open_decision, secretariat):
    open_decision(title="Public (test)")
    assert selectors.decision_list(viewer=secretariat).count() == 2
    assert selectors.decision_get(viewer=secretariat, decision_id=restricted_decision.pk) == restricted_decision


def test_a_decision_on_an_unregistered_subject_kind_is_seen_by_the_secretariat_only(
    open_decision, public_subjects, secretariat, head_of_delegation
):
    from sco.decisions import subjects
    from sco.members.models import Body

    decision = open_decision()
    subjects.unregister(Body)
    try:
        with pytest.raises(DecisionNotFound):
            selectors.decision_get(viewer=head_of_delegation("CN"), decision_id=decision.pk)
        assert selectors.decision_get(viewer=secretariat, decision_id=decision.pk) == decision
    finally:
        subjects.register(Body, visible=lambda viewer, qs: qs)


def test_anonymous_readers_see_decisions_on_public_subjects(open_decision):
    decision = open_decision()
    assert selectors.decision_get(viewer=AnonymousUser(), decision_id=decision.pk) == decision


def test_a_past_deadline_reads_as_decided_in_the_status_filter_before_the_job_runs(open_decision, secretariat):
    due = open_decision(rule="silence", days=1, title="Due")
    running = open_decision(rule="silence", days=5, title="Running")
    later = due.deadline + dt.timedelta(hours=1)
    assert [d.pk for d in selectors.decision_list(viewer=secretariat, status="adopted", now=later)] == [due.pk]
    assert [d.pk for d in selectors.decision_list(viewer=secretariat, status="open", now=later)] == [running.pk]
    services.decisions_close_due(now=later)
    assert [d.pk for d in selectors.decision_list(viewer=secretariat, status="adopted", now=later)] == [due.pk]


def test_position_rows_list_every_eligible_state_and_what_the_viewer_may_record(
    open_decision, head_of_delegation, state
):
    decision = open_decision(rule="consensus_minus_one", concerned="BY")
    hod = head_of_delegation("KZ")
    services.position_record(actor=hod, decision=decision, state=state("KZ"), kind="support")
    decision = selectors.decision_get(viewer=hod, decision_id=decision.pk)
    rows = {r.state.code: r for r in selectors.position_rows(viewer=hod, decision=decision)}
    assert len(rows) == 10
    assert rows["KZ"].position.kind == "support"
    assert rows["KZ"].may_record
    assert not rows["CN"].may_record
    assert rows["CN"].position is None
    assert not rows["BY"].counts


def test_decisions_awaiting_lists_open_procedures_where_my_state_has_not_spoken(
    open_decision, head_of_delegation, state
):
    spoken = open_decision(title="Spoken")
    waiting = open_decision(title="Waiting")
    hod = head_of_delegation("IR")
    services.position_record(actor=hod, decision=spoken, state=state("IR"), kind="no_objection")
    assert [(d.pk, [s.code for s in states]) for d, states in selectors.decisions_awaiting(viewer=hod)] == [
        (waiting.pk, ["IR"])
    ]


def _queries(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_listing_decisions_costs_the_same_number_of_queries_for_5_or_20(
    public_subjects, secretariat, head_of_delegation
):
    """The Secretariat check, the list, three prefetches, and each registered subject kind's visibility filter:
    the count depends on how many parts register subjects, never on how many decisions there are."""
    hod = head_of_delegation("KZ")
    members = list(State.objects.members_on(timezone.localdate()))
    now = timezone.now()
    list(selectors.decision_list(viewer=hod, now=now))  # warm the process-wide caches (content types)
    counts = {}
    for n in (5, 20):
        while Decision.objects.count() < n:
            decision = DecisionFactory(opened_by=secretariat, eligible=members)
            for member in members[:3]:
                PositionFactory(decision=decision, state=member, recorded_by=hod)
        found: list = []
        counts[n] = _queries(
            lambda found=found: found.extend(d.outcome(now=now) for d in selectors.decision_list(viewer=hod, now=now))
        )
        assert len(found) == n and all(len(o.silent) == 7 for o in found)
    assert counts[5] == counts[20] <= 12


def test_reading_one_decision_with_its_positions_costs_a_fixed_number_of_queries(open_decision, all_heads, state):
    decision = open_decision()
    hod = all_heads["KZ"]

    def read():
        found = selectors.decision_get(viewer=hod, decision_id=decision.pk)
        rows = selectors.position_rows(viewer=hod, decision=found)
        found.outcome(now=timezone.now())
        return rows

    services.position_record(actor=hod, decision=decision, state=state("KZ"), kind="support")
    read()  # warm the process-wide caches (content types)
    with_one = _queries(read)
    for code, user in all_heads.items():
        services.position_record(actor=user, decision=decision, state=state(code), kind="support")
    assert _queries(read) == with_one <= 12
    assert len(read()) == 10
