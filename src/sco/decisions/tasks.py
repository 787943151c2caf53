"""Scheduled jobs of decision procedures, run by the Celery worker (`sco.celery_app` says how a part adds jobs)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from sco.decisions import services


@shared_task(name="sco.decisions.close_due")
def close_due() -> int:
    """Store the outcome of every procedure whose deadline has passed (`sco decisions close-due`)."""
    return len(services.decisions_close_due())


@shared_task(name="sco.decisions.remind")
def remind() -> int:
    """Remind the states that have not spoken when a procedure closes within a day (`sco decisions remind`)."""
    return services.decisions_remind()


# A procedure's outcome is already right on read after its deadline; the job stores it within a minute of it.
SCHEDULE: dict[str, dict[str, Any]] = {
    "sco.decisions.close_due": {"task": "sco.decisions.close_due", "schedule": 60.0},
    "sco.decisions.remind": {"task": "sco.decisions.remind", "schedule": 15 * 60.0},
}
