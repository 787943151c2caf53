from datetime import UTC, datetime, timedelta

import pytest

from sco.core.errors import NotPermitted
from sco.core.models import AuditEntry, Notification
from sco.events import services
from sco.events.errors import (
    AlreadyRegistered,
    EventInvalid,
    NoPlaceFree,
    NotEligible,
    RegistrationDeadlinePassed,
    RegistrationFull,
)
from sco.events.models import Event, EventFeedEntry, Registration

pytestmark = pytest.mark.django_db

BEFORE = datetime(2024, 6, 1, tzinfo=UTC)


def test_an_event_in_astana_is_stored_in_utc_with_the_offset_of_its_date(make_event):
    summer = make_event()
    assert summer.starts_at == datetime(2024, 7, 3, 5, 0, tzinfo=UTC)
    winter = make_event(start_local=datetime(2024, 2, 1, 10, 0), end_local=datetime(2024, 2, 1, 18, 0))
    assert winter.starts_at == datetime(2024, 2, 1, 4, 0, tzinfo=UTC)
    assert AuditEntry.objects.filter(action="event.created").count() == 2
    assert EventFeedEntry.objects.filter(event=summer).exists()


def test_an_end_before_its_start_is_refused_and_nothing_is_stored(event_data, secretariat):
    data = event_data(end_local=datetime(2024, 7, 2, 10, 0))
    with pytest.raises(EventInvalid) as info:
        services.event_create(actor=secretariat, data=data)
    assert "end" in info.value.field_errors
    assert not Event.objects.exists() and not AuditEntry.objects.filter(action="event.created").exists()


def test_a_time_the_clock_skipped_is_refused_with_a_clear_error(event_data, secretariat):
    data = event_data(
        time_zone="Europe/Berlin", start_local=datetime(2024, 3, 31, 2, 30), end_local=datetime(2024, 3, 31, 5, 0)
    )
    with pytest.raises(EventInvalid) as info:
        services.event_create(actor=secretariat, data=data)
    assert "does not exist" in info.value.field_errors["start"][0]
    assert not Event.objects.exists()


def test_the_hour_astana_lived_twice_is_refused_as_ambiguous(event_data, secretariat):
    data = event_data(start_local=datetime(2024, 2, 29, 23, 30), end_local=datetime(2024, 3, 1, 9, 0))
    with pytest.raises(EventInvalid) as info:
        services.event_create(actor=secretariat, data=data)
    assert "twice" in info.value.field_errors["start"][0]
    assert not Event.objects.exists()


def test_an_unknown_time_zone_is_refused(event_data, secretariat):
    with pytest.raises(EventInvalid) as info:
        services.event_create(actor=secretariat, data=event_data(time_zone="Asia/Astana"))
    assert "time_zone" in info.value.field_errors
    assert not Event.objects.exists()


def test_a_delegation_may_not_organise_another_states_event(event_data, head_of_delegation):
    from sco.members.models import State

    with pytest.raises(NotPermitted):
        services.event_create(
            actor=head_of_delegation("IN"), data=event_data(organiser_state=State.objects.get(code="KZ"))
        )
    assert not Event.objects.exists()


def test_a_session_in_the_event_zone_is_stored_and_one_outside_the_event_is_refused(make_event, secretariat):
    event = make_event()
    session = services.session_add(
        actor=secretariat,
        event=event,
        data=services.SessionData(
            title_en="Plenary",
            start_local=datetime(2024, 7, 3, 10, 0),
            end_local=datetime(2024, 7, 3, 12, 0),
            room="Hall A",
            speakers=[services.SpeakerData(name="Speaker One")],
        ),
    )
    assert session.starts_at == datetime(2024, 7, 3, 5, 0, tzinfo=UTC)
    assert session.speakers.count() == 1
    with pytest.raises(EventInvalid):
        services.session_add(
            actor=secretariat,
            event=event,
            data=services.SessionData(
                title_en="Late", start_local=datetime(2024, 7, 3, 17, 0), end_local=datetime(2024, 7, 3, 20, 0)
            ),
        )
    assert event.sessions.count() == 1


def test_the_second_delegate_waits_and_is_promoted_when_the_first_withdraws(
    make_event, head_of_delegation, secretariat
):
    event = make_event()
    kz, cn = head_of_delegation("KZ"), head_of_delegation("CN")
    first = services.registration_create(actor=kz, event=event, now=BEFORE)
    second = services.registration_create(actor=cn, event=event, now=BEFORE + timedelta(minutes=1))
    assert (first.status, second.status) == ("pending", "waitlisted")
    assert first.delegation.code == "KZ"
    with pytest.raises(NoPlaceFree):
        services.registration_decide(actor=secretariat, registration=second, approve=True)
    services.registration_decide(actor=secretariat, registration=first, approve=True)
    services.registration_withdraw(actor=kz, registration=first)
    second.refresh_from_db()
    assert second.status == "pending"
    services.registration_decide(actor=secretariat, registration=second, approve=True)
    second.refresh_from_db()
    assert second.status == "approved"


def test_raising_the_capacity_promotes_the_waiting_list(make_event, event_data, head_of_delegation, secretariat):
    event = make_event()
    services.registration_create(actor=head_of_delegation("KZ"), event=event, now=BEFORE)
    waiting = services.registration_create(actor=head_of_delegation("CN"), event=event, now=BEFORE)
    services.event_update(actor=secretariat, event=event, data=event_data(capacity=2))
    waiting.refresh_from_db()
    assert waiting.status == "pending"


def test_a_registration_past_the_deadline_is_refused_and_nothing_is_stored(make_event, head_of_delegation):
    event = make_event(registration_closes_local=datetime(2024, 6, 1, 0, 0))
    with pytest.raises(RegistrationDeadlinePassed):
        services.registration_create(actor=head_of_delegation("KZ"), event=event, now=datetime(2024, 6, 2, tzinfo=UTC))
    assert not Registration.objects.exists()


def test_a_full_event_without_a_waiting_list_refuses(make_event, head_of_delegation):
    event = make_event(keeps_waitlist=False)
    services.registration_create(actor=head_of_delegation("KZ"), event=event, now=BEFORE)
    with pytest.raises(RegistrationFull):
        services.registration_create(actor=head_of_delegation("CN"), event=event, now=BEFORE)
    assert Registration.objects.count() == 1


def test_registering_twice_is_refused(make_event, head_of_delegation):
    event = make_event(capacity=5)
    services.registration_create(actor=head_of_delegation("KZ"), event=event, now=BEFORE)
    with pytest.raises(AlreadyRegistered):
        services.registration_create(actor=head_of_delegation("KZ"), event=event, now=BEFORE)


def test_a_person_without_a_delegation_may_not_register_for_a_delegations_only_event(make_event, make_user):
    with pytest.raises(NotEligible):
        services.registration_create(actor=make_user("someone"), event=make_event(), now=BEFORE)
    assert not Registration.objects.exists()


def test_moving_an_event_bumps_its_sequence_and_tells_the_participants(
    make_event, event_data, head_of_delegation, secretariat, django_capture_on_commit_callbacks
):
    event = make_event()
    kz = head_of_delegation("KZ")
    services.registration_create(actor=kz, event=event, now=BEFORE)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_update(
            actor=secretariat, event=event, data=event_data(start_local=datetime(2024, 7, 3, 11, 0))
        )
    assert event.sequence == 1
    note = Notification.objects.get(recipient=kz, kind="event.changed")
    assert "11:00" in note.text and "Asia/Almaty" in note.text
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_update(
            actor=secretariat,
            event=event,
            data=event_data(start_local=datetime(2024, 7, 3, 11, 0), description_en="Only the text changed"),
        )
    assert event.sequence == 1
    assert Notification.objects.filter(recipient=kz, kind="event.changed").count() == 1


def test_reminders_go_once_to_approved_participants_of_events_starting_soon(
    make_event, head_of_delegation, secretariat
):
    event = make_event()
    registration = services.registration_create(actor=head_of_delegation("KZ"), event=event, now=BEFORE)
    services.registration_decide(actor=secretariat, registration=registration, approve=True)
    assert services.reminders_send(now=event.starts_at - timedelta(days=3)) == 0
    soon = event.starts_at - timedelta(hours=5)
    assert services.reminders_send(now=soon) == 1
    assert services.reminders_send(now=soon) == 0
    assert Notification.objects.filter(kind="event.reminder").count() == 1


def test_outcome_links_hold_their_own_label_whether_or_not_the_documents_part_exists(make_event, secretariat):
    event = make_event()
    link = services.outcome_link_add(
        actor=secretariat, event=event, kind="document", label_en="Astana Declaration", target_id="42"
    )
    assert link.label == "Astana Declaration" and link.target_id == "42"
    with pytest.raises(EventInvalid):
        services.outcome_link_add(actor=secretariat, event=event, kind="treaty", label_en="x")
    services.follow_up_add(actor=secretariat, event=event, text_en="Report on the Energy Strategy")
    assert event.follow_ups.count() == 1
