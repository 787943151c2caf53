import datetime as dt

import pytest
from django.utils import timezone

from sco.core.errors import NotAuthenticated
from sco.core.models import AuditEntry, Notification
from sco.decisions import services
from sco.decisions.errors import (
    DecisionClosed,
    DecisionInvalid,
    PositionInvalid,
    StateNotEligible,
    SubjectNotDecidable,
)
from sco.decisions.models import Decision, Position, PositionChange
from sco.members.models import State
from sco.members.permissions import ChairOrSecretariatOnly, MayNotActForState

MEMBERS_2025 = {"BY", "CN", "IN", "IR", "KG", "KZ", "PK", "RU", "TJ", "UZ"}


def record_all(decision, heads, kind="support", *, except_=(), now=None):
    for code, user in heads.items():
        if code not in except_:
            services.position_record(
                actor=user, decision=decision, state=State.objects.get(code=code), kind=kind, now=now
            )


# Opening


def test_opening_makes_the_members_on_the_opening_date_eligible_and_writes_one_audit_entry(open_decision):
    decision = open_decision()
    assert {s.code for s in decision.eligible_states.all()} == MEMBERS_2025
    assert decision.status == "open"
    entries = AuditEntry.objects.filter(action="decision.opened", target_id=str(decision.pk))
    assert entries.count() == 1
    assert sorted(entries.get().after["eligible"]) == sorted(MEMBERS_2025)


def test_opening_tells_each_eligible_states_people_that_a_position_is_needed(
    open_decision, all_heads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = open_decision()
    notes = Notification.objects.filter(kind="decision.position_needed")
    assert {n.recipient.username for n in notes} == {f"hod-{c.lower()}" for c in MEMBERS_2025}
    assert all(n.url == f"/decisions/{decision.pk}/" for n in notes)


def test_the_position_needed_notice_is_written_in_each_persons_language(
    open_decision, head_of_delegation, django_capture_on_commit_callbacks
):
    hod = head_of_delegation("RU")
    hod.language = "ru"
    hod.save()
    with django_capture_on_commit_callbacks(execute=True):
        open_decision()
    note = Notification.objects.get(recipient=hod)
    assert "Утверждение перечня проектов" in note.text


def test_a_delegate_may_not_open_a_procedure_and_nothing_is_stored(public_subjects, head_of_delegation, swg):
    with pytest.raises(ChairOrSecretariatOnly):
        services.decision_open(
            actor=head_of_delegation("IN"),
            subject=swg,
            body=swg,
            rule="consensus",
            deadline=timezone.now() + dt.timedelta(days=3),
            title_en="x",
        )
    assert not Decision.objects.exists()


def test_the_chair_may_open_a_procedure(public_subjects, chair, swg):
    decision = services.decision_open(
        actor=chair, subject=swg, body=swg, rule="silence", deadline=timezone.now() + dt.timedelta(days=3), title_en="x"
    )
    assert decision.opened_by == chair


def test_an_anonymous_person_may_not_open_a_procedure(public_subjects, swg, organisation):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAuthenticated):
        services.decision_open(
            actor=AnonymousUser(),
            subject=swg,
            body=swg,
            rule="consensus",
            deadline=timezone.now() + dt.timedelta(days=1),
            title_en="x",
        )


def test_bad_opening_input_names_every_field_and_stores_nothing(public_subjects, secretariat, swg, state):
    with pytest.raises(DecisionInvalid) as caught:
        services.decision_open(
            actor=secretariat,
            subject=swg,
            body=swg,
            rule="majority",
            deadline=timezone.now() - dt.timedelta(days=1),
            title_en="  ",
            concerned_state=state("BY"),
        )
    assert set(caught.value.field_errors) == {"rule", "title_en", "deadline", "concerned_state"}
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.filter(action="decision.opened").exists()


def test_consensus_minus_one_needs_a_state_concerned_that_is_a_member(public_subjects, secretariat, swg, state):
    for concerned in (None, state("TR") if State.objects.filter(code="TR").exists() else None):
        with pytest.raises(DecisionInvalid) as caught:
            services.decision_open(
                actor=secretariat,
                subject=swg,
                body=swg,
                rule="consensus_minus_one",
                deadline=timezone.now() + dt.timedelta(days=1),
                title_en="Suspension (test)",
                concerned_state=concerned,
            )
        assert "concerned_state" in caught.value.field_errors


def test_a_record_of_a_kind_nobody_registered_cannot_be_put_to_a_decision(secretariat, swg):
    with pytest.raises(SubjectNotDecidable):
        services.decision_open(
            actor=secretariat,
            subject=secretariat,
            body=swg,
            rule="consensus",
            deadline=timezone.now() + dt.timedelta(days=1),
            title_en="x",
        )


# Recording positions


def test_a_head_of_delegation_records_the_position_of_their_state(open_decision, head_of_delegation, state):
    decision = open_decision()
    hod = head_of_delegation("KZ")
    position = services.position_record(actor=hod, decision=decision, state=state("KZ"), kind="support")
    assert position.kind == "support"
    assert position.recorded_by == hod
    assert PositionChange.objects.filter(decision=decision, state=state("KZ")).count() == 1
    entry = AuditEntry.objects.get(action="position.recorded")
    assert entry.on_behalf_of == "state:KZ"
    assert entry.before is None
    assert entry.after["kind"] == "support"


def test_a_delegate_of_one_state_cannot_record_another_states_position_and_nothing_is_stored(
    open_decision, head_of_delegation, state
):
    decision = open_decision()
    with pytest.raises(MayNotActForState):
        services.position_record(
            actor=head_of_delegation("KZ"),
            decision=decision,
            state=state("CN"),
            kind="objection",
            text="Not ours to say",
        )
    assert not Position.objects.exists()
    assert not PositionChange.objects.exists()
    assert not AuditEntry.objects.filter(action="position.recorded").exists()


def test_a_delegate_acts_only_in_the_bodies_of_their_mandate(open_decision, make_mandate, state):
    decision = open_decision()
    elsewhere = make_mandate("d-kz-cmfa", "delegate", state="KZ", bodies=["cmfa"])
    here = make_mandate("d-kz-swg", "delegate", state="KZ", bodies=["swg-investment"])
    with pytest.raises(MayNotActForState):
        services.position_record(actor=elsewhere, decision=decision, state=state("KZ"), kind="support")
    services.position_record(actor=here, decision=decision, state=state("KZ"), kind="support")


def test_the_secretariat_cannot_record_a_states_position(open_decision, secretariat, state):
    decision = open_decision()
    with pytest.raises(MayNotActForState):
        services.position_record(actor=secretariat, decision=decision, state=state("KZ"), kind="support")


def test_a_changed_position_replaces_the_last_and_both_stay_in_the_history_and_the_audit(
    open_decision, head_of_delegation, state
):
    decision = open_decision()
    hod = head_of_delegation("IN")
    services.position_record(actor=hod, decision=decision, state=state("IN"), kind="objection", text="Route unclear")
    services.position_record(actor=hod, decision=decision, state=state("IN"), kind="statement", text="Noted, we agree")
    assert Position.objects.get(decision=decision, state=state("IN")).kind == "statement"
    assert list(PositionChange.objects.filter(decision=decision).values_list("kind", flat=True)) == [
        "objection",
        "statement",
    ]
    entries = AuditEntry.objects.filter(action="position.recorded").order_by("seq")
    assert [e.after["kind"] for e in entries] == ["objection", "statement"]
    assert entries.last().before["kind"] == "objection"


@pytest.mark.parametrize(
    ("kind", "text"), [("objection", ""), ("statement", "   "), ("veto", ""), ("support", "x" * 5001)]
)
def test_a_bad_position_is_refused_with_a_field_error_and_nothing_is_stored(
    open_decision, head_of_delegation, state, kind, text
):
    decision = open_decision()
    with pytest.raises(PositionInvalid) as caught:
        services.position_record(
            actor=head_of_delegation("PK"), decision=decision, state=state("PK"), kind=kind, text=text
        )
    assert caught.value.field_errors
    assert not Position.objects.exists()
    assert not AuditEntry.objects.filter(action="position.recorded").exists()


def test_a_position_after_the_deadline_is_refused_and_nothing_is_stored(open_decision, head_of_delegation, state):
    decision = open_decision(days=1)
    with pytest.raises(DecisionClosed):
        services.position_record(
            actor=head_of_delegation("KG"),
            decision=decision,
            state=state("KG"),
            kind="objection",
            text="Late",
            now=decision.deadline,
        )
    assert not Position.objects.exists()


def test_a_state_outside_the_eligible_states_cannot_record_a_position(open_decision, head_of_delegation, state):
    decision = open_decision()
    decision.eligible_states.remove(state("UZ"))  # as if Uzbekistan had joined after the opening
    with pytest.raises(StateNotEligible):
        services.position_record(actor=head_of_delegation("UZ"), decision=decision, state=state("UZ"), kind="support")


# Extending and closing


def test_the_secretariat_extends_an_open_procedure_to_a_later_deadline(open_decision, secretariat):
    decision = open_decision()
    later = decision.deadline + dt.timedelta(days=7)
    assert services.decision_extend(actor=secretariat, decision=decision, deadline=later).deadline == later
    entry = AuditEntry.objects.get(action="decision.extended")
    assert entry.after["deadline"] == later.isoformat()


def test_an_extension_to_an_earlier_deadline_is_refused(open_decision, secretariat):
    decision = open_decision()
    with pytest.raises(DecisionInvalid):
        services.decision_extend(
            actor=secretariat, decision=decision, deadline=decision.deadline - dt.timedelta(hours=1)
        )
    decision.refresh_from_db()
    assert not AuditEntry.objects.filter(action="decision.extended").exists()


def test_a_delegate_may_not_extend_or_close(open_decision, head_of_delegation):
    decision = open_decision()
    hod = head_of_delegation("TJ")
    with pytest.raises(ChairOrSecretariatOnly):
        services.decision_extend(actor=hod, decision=decision, deadline=decision.deadline + dt.timedelta(days=1))
    with pytest.raises(ChairOrSecretariatOnly):
        services.decision_close(actor=hod, decision=decision)
    decision.refresh_from_db()
    assert decision.status == "open"


def test_closing_early_a_consensus_every_state_supported_adopts_it(open_decision, all_heads, secretariat, decided):
    decision = open_decision()
    record_all(decision, all_heads)
    closed = services.decision_close(actor=secretariat, decision=decision)
    assert closed.status == "adopted"
    assert closed.closed_at is not None
    assert closed.decided_at is not None
    assert decided == [closed]
    assert AuditEntry.objects.get(action="decision.closed").after["status"] == "adopted"


def test_closing_early_a_consensus_with_a_silent_state_lapses_it(open_decision, all_heads, secretariat):
    decision = open_decision()
    record_all(decision, all_heads, except_=("IR",))
    closed = services.decision_close(actor=secretariat, decision=decision)
    assert closed.status == "lapsed"
    assert AuditEntry.objects.get(action="decision.closed").after["silent"] == ["IR"]


def test_one_objection_blocks_a_consensus(open_decision, all_heads, secretariat, state):
    decision = open_decision()
    record_all(decision, all_heads, except_=("IN",))
    services.position_record(
        actor=all_heads["IN"],
        decision=decision,
        state=state("IN"),
        kind="objection",
        text="The route crosses a disputed area",
    )
    assert services.decision_close(actor=secretariat, decision=decision).status == "blocked"
    assert AuditEntry.objects.get(action="decision.closed").after["objecting"] == ["IN"]


def test_a_closed_procedure_cannot_be_closed_again_nor_take_positions(open_decision, all_heads, secretariat, state):
    decision = open_decision()
    services.decision_close(actor=secretariat, decision=decision)
    with pytest.raises(DecisionClosed):
        services.decision_close(actor=secretariat, decision=decision)
    with pytest.raises(DecisionClosed):
        services.position_record(actor=all_heads["KZ"], decision=decision, state=state("KZ"), kind="support")
    with pytest.raises(DecisionClosed):
        services.decision_extend(
            actor=secretariat, decision=decision, deadline=decision.deadline + dt.timedelta(days=1)
        )


def test_a_silence_procedure_nobody_answered_is_adopted_when_the_job_runs_after_the_deadline(open_decision, decided):
    decision = open_decision(rule="silence", days=1)
    after = decision.deadline + dt.timedelta(minutes=1)
    assert decision.outcome(now=after).status.value == "adopted"  # on read, before the job
    closed = services.decisions_close_due(now=after)
    assert [d.pk for d in closed] == [decision.pk]
    decision.refresh_from_db()
    assert decision.status == "adopted"
    assert decision.outcome(now=after + dt.timedelta(days=30)).status.value == "adopted"  # on read, after the job
    assert decided == [decision]
    entry = AuditEntry.objects.get(action="decision.closed_at_deadline")
    assert entry.actor is None
    assert entry.actor_label == "system"


def test_the_closing_job_gives_the_outcome_read_before_it_ran_and_closes_each_procedure_once(
    open_decision, all_heads, state
):
    blocked = open_decision(days=1, title="A")
    lapsed = open_decision(days=1, title="B")
    still_open = open_decision(days=10, title="C")
    services.position_record(actor=all_heads["RU"], decision=blocked, state=state("RU"), kind="objection", text="No")
    after = blocked.deadline + dt.timedelta(seconds=1)
    read = {d.pk: d.outcome(now=after).status.value for d in (blocked, lapsed, still_open)}
    assert {d.pk for d in services.decisions_close_due(now=after)} == {blocked.pk, lapsed.pk}
    assert services.decisions_close_due(now=after) == []
    for d in (blocked, lapsed, still_open):
        d.refresh_from_db()
        assert d.outcome(now=after).status.value == read[d.pk]
    assert (blocked.status, lapsed.status, still_open.status) == ("blocked", "lapsed", "open")


def test_consensus_minus_one_is_adopted_over_the_objection_of_the_state_concerned(
    open_decision, all_heads, secretariat, state
):
    decision = open_decision(rule="consensus_minus_one", concerned="BY")
    record_all(decision, all_heads, except_=("BY",))
    services.position_record(
        actor=all_heads["BY"],
        decision=decision,
        state=state("BY"),
        kind="objection",
        text="We object to our suspension",
    )
    assert services.decision_close(actor=secretariat, decision=decision).status == "adopted"


def test_the_outcome_is_announced_to_the_states_and_the_opener(
    open_decision, all_heads, secretariat, django_capture_on_commit_callbacks
):
    decision = open_decision()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_close(actor=secretariat, decision=decision)
    notes = Notification.objects.filter(kind="decision.outcome")
    assert {n.recipient.username for n in notes} == {f"hod-{c.lower()}" for c in MEMBERS_2025} | {"secretariat"}


def test_the_reminder_reaches_only_the_silent_states_once(open_decision, all_heads, state):
    decision = open_decision(days=0.5)
    record_all(decision, all_heads, except_=("CN", "PK"))
    assert services.decisions_remind() == 2
    assert services.decisions_remind() == 0
    notes = Notification.objects.filter(kind="decision.deadline_near")
    assert {n.recipient.username for n in notes} == {"hod-cn", "hod-pk"}


def test_no_reminder_for_a_procedure_that_closes_later_than_a_day(open_decision, all_heads):
    open_decision(days=3)
    assert services.decisions_remind() == 0


def test_the_jobs_run_from_the_command_line(open_decision, all_heads):
    import io

    from django.core.management import call_command

    open_decision(days=0.5)
    out = io.StringIO()
    call_command("decisions", "remind", stdout=out)
    assert "10 reminders sent" in out.getvalue()
    call_command("decisions", "close-due", stdout=out)
    assert "0 closed" in out.getvalue()


def test_a_failing_subject_callback_leaves_the_procedure_open_and_unaudited(open_decision, secretariat, swg):
    from sco.decisions import subjects
    from sco.members.models import Body

    decision = open_decision()

    def refuse(decision):
        raise RuntimeError("the subject part could not move on")

    with subjects.registered(Body, visible=lambda viewer, qs: qs, on_decided=refuse), pytest.raises(RuntimeError):
        services.decision_close(actor=secretariat, decision=decision)
    decision.refresh_from_db()
    assert decision.status == "open"
    assert decision.closed_at is None
    assert not AuditEntry.objects.filter(action="decision.closed").exists()


def test_the_eligible_states_are_the_body_members_that_may_see_the_subject(public_subjects, secretariat, swg, state):
    from sco.decisions import subjects
    from sco.members.models import Body

    audience = {state("KZ").pk, state("CN").pk}
    with subjects.registered(Body, visible=lambda viewer, qs: qs, audience=lambda body: audience):
        decision = services.decision_open(
            actor=secretariat,
            subject=swg,
            body=swg,
            rule="consensus",
            deadline=timezone.now() + dt.timedelta(days=3),
            title_en="Seen by two",
        )
    assert sorted(decision.eligible_states.values_list("code", flat=True)) == ["CN", "KZ"]


def test_a_subject_no_member_may_see_cannot_be_put_to_a_decision(public_subjects, secretariat, swg):
    from sco.decisions import subjects
    from sco.members.models import Body

    with (
        subjects.registered(Body, visible=lambda viewer, qs: qs, audience=lambda body: set()),
        pytest.raises(DecisionInvalid) as refused,
    ):
        services.decision_open(
            actor=secretariat,
            subject=swg,
            body=swg,
            rule="consensus",
            deadline=timezone.now() + dt.timedelta(days=3),
            title_en="Seen by none",
        )
    assert "body" in refused.value.field_errors
    assert not Decision.objects.exists()
