import threading
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from sco.core.models import Notification
from sco.events import services
from sco.events.models import Registration

FUTURE = {"start_local": datetime(2027, 7, 3, 10, 0), "end_local": datetime(2027, 7, 3, 18, 0)}


@pytest.mark.django_db
def test_the_reminder_command_reminds_once_however_often_it_runs(make_event, head_of_delegation, secretariat):
    event = make_event(**FUTURE)
    registration = services.registration_create(actor=head_of_delegation("KZ"), event=event)
    services.registration_decide(actor=secretariat, registration=registration, approve=True)
    first, second = StringIO(), StringIO()
    call_command("events_send_reminders", "--hours", "20000", stdout=first)
    call_command("events_send_reminders", "--hours", "20000", stdout=second)
    assert first.getvalue().startswith("1 ") and second.getvalue().startswith("0 ")
    assert Notification.objects.filter(kind="event.reminder").count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_delegates_racing_for_the_last_place_get_one_place_and_one_wait(make_event, head_of_delegation):
    if connection.vendor != "postgresql":
        pytest.skip("row locks do nothing on SQLite; the PostgreSQL run covers this race")
    event = make_event(**FUTURE)
    people = [head_of_delegation("KZ"), head_of_delegation("CN"), head_of_delegation("RU")]
    barrier = threading.Barrier(len(people))
    errors: list[Exception] = []

    def register(person):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            services.registration_create(actor=person, event=event)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(Registration.objects.values_list("status", flat=True)) == ["pending", "waitlisted", "waitlisted"]
