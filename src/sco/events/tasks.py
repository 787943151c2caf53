"""Scheduled jobs of the events part, run by the Celery worker (see `sco.celery_app` for how a part adds jobs)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from sco.events.services import reminders_send


@shared_task(name="sco.events.send_reminders")
def send_reminders(hours_before: int = 24) -> int:
    """Remind approved participants of events that start soon, once each (`sco events_send_reminders`)."""
    return reminders_send(hours_before=hours_before)


SCHEDULE: dict[str, dict[str, Any]] = {
    "sco.events.send_reminders": {"task": "sco.events.send_reminders", "schedule": 15 * 60.0},
}
