"""Scheduled jobs of the exchange, run by the Celery worker (`sco.celery_app` says how a part adds jobs)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from sco.infosec import services


@shared_task(name="sco.infosec.fold_sensitive_reads")
def fold_sensitive_reads() -> int:
    """Writes the logged AMBER and RED reads into the audit chain (`services.sensitive_reads_fold`)."""
    total = 0
    while written := services.sensitive_reads_fold():
        total += written
    return total


# Reads reach the audit chain within a minute of being served.
SCHEDULE: dict[str, dict[str, Any]] = {
    "sco.infosec.fold_sensitive_reads": {"task": "sco.infosec.fold_sensitive_reads", "schedule": 60.0},
}
