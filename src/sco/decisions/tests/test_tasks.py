"""The decisions part's scheduled jobs, run by a real Celery worker over the test database."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from sco.core import testing
from sco.core.models import AuditEntry


def test_every_part_s_schedule_is_read_into_beat() -> None:
    from sco.celery_app import app, schedule

    app.finalize()
    assert schedule()["sco.decisions.close_due"]["schedule"] == 60.0
    assert {"sco.decisions.close_due", "sco.decisions.remind", "sco.events.send_reminders"} <= set(
        app.conf.beat_schedule
    )
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks


def test_the_close_due_task_stores_the_outcome(open_decision: object) -> None:
    from sco.decisions.tasks import close_due

    decision = open_decision(rule="silence", days=1, now=timezone.now() - dt.timedelta(days=2))  # type: ignore[operator]
    assert close_due.delay().get() == 1
    decision.refresh_from_db()
    assert decision.status == "adopted"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_closes_a_decision_at_its_deadline(open_decision: object, tmp_path: Path, settings: Any) -> None:
    """A Celery worker process on the filesystem broker gets the job due at the deadline and stores the outcome."""
    settings.CELERY_TASK_ALWAYS_EAGER = False  # this job goes to the worker's broker
    from kombu import Connection

    from sco.celery_app import app

    decision = open_decision(rule="silence", days=3 / 86400)  # type: ignore[operator]
    assert decision.status == "open"
    command = [sys.executable, "-m", "sco.cli", "worker", "--pool", "solo", "--concurrency", "1"]
    env = testing.process_env(tmp_path, SCO_TASKS_INLINE="0")
    with testing.running(command, env=env, log=tmp_path / "worker.log") as worker:
        broker = tmp_path / "broker" / "queue"
        options = {"data_folder_in": str(broker), "data_folder_out": str(broker), "store_processed": False}
        options["control_folder"] = str(tmp_path / "broker" / "control")
        testing.wait_for(broker.exists, timeout=120, what="the worker's broker folder")
        with Connection("filesystem://", transport_options=options) as connection:
            app.send_task("sco.decisions.close_due", eta=decision.deadline, connection=connection)

        def closed() -> bool:
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
            decision.refresh_from_db()
            return decision.status != "open"

        testing.wait_for(closed, timeout=120, what="the worker to close the decision")
    assert decision.status == "adopted"
    assert decision.decided_at is not None and decision.decided_at >= decision.deadline
    entry = AuditEntry.objects.get(action="decision.closed_at_deadline")
    assert entry.actor is None
