"""The events part's scheduled job, as the worker runs it (in the test's process: CELERY_TASK_ALWAYS_EAGER)."""

from datetime import datetime

import pytest

from sco.core.models import Notification
from sco.events import services
from sco.events.tasks import SCHEDULE, send_reminders


@pytest.mark.django_db
def test_the_reminder_job_reminds_once_however_often_it_runs(make_event, head_of_delegation, secretariat):
    event = make_event(start_local=datetime(2027, 7, 3, 10, 0), end_local=datetime(2027, 7, 3, 18, 0))
    registration = services.registration_create(actor=head_of_delegation("KZ"), event=event)
    services.registration_decide(actor=secretariat, registration=registration, approve=True)
    assert send_reminders.delay(hours_before=20000).get() == 1
    assert send_reminders.delay(hours_before=20000).get() == 0
    assert Notification.objects.filter(kind="event.reminder").count() == 1
    assert SCHEDULE["sco.events.send_reminders"]["task"] == send_reminders.name
