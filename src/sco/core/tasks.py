"""Core's background jobs: e-mail leaves the web process through the worker."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


@shared_task(name="sco.core.send_mail", autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_mail_task(*, subject: str, message: str, recipient_list: list[str]) -> int:
    """Send one e-mail; a mail server that does not answer is tried again later (OSError: refused, timed out)."""
    return send_mail(subject=subject, message=message, from_email=None, recipient_list=recipient_list)


def enqueue(task: Any, /, **kwargs: Any) -> None:
    """Hand a job to the worker; if the broker cannot take it, run it here rather than lose it."""
    try:
        task.delay(**kwargs)
    except Exception:  # the broker is down or misconfigured: the job still runs, in this process
        logger.exception("could not queue %s; running it in this process", task.name)
        task.apply(kwargs=kwargs)


@shared_task(name="sco.core.audit_checkpoint")
def audit_checkpoint() -> int:
    """Append the signed head of the audit chain to the checkpoint file outside the database (`sco audit
    checkpoint`), so that cutting off the newest entries and moving the head back is caught by `sco audit verify`."""
    from sco.core import audit

    return audit.checkpoint().seq


# Every ten minutes: what an attacker who can write to the database could undo unnoticed is at most that window.
SCHEDULE: dict[str, dict[str, Any]] = {
    "sco.core.audit_checkpoint": {"task": "sco.core.audit_checkpoint", "schedule": 10 * 60.0},
}
