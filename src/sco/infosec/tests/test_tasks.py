"""The minute job that folds the logged AMBER and RED reads into the audit chain, run by a real Celery worker over
Redis against the test database (PostgreSQL: the fold takes its rows with FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import socket
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from sco.core import audit, testing
from sco.core.models import AuditEntry
from sco.infosec.models import SensitiveRead
from sco.infosec.tests.conftest import CertSetup, TaxiiClient, indicator, objects_url
from sco.infosec.tlp import Tlp

REDIS_URL = "redis://127.0.0.1:6379/13"


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        return False
    return True


def test_the_fold_job_is_on_the_minute_schedule() -> None:
    from sco.celery_app import app

    app.finalize()
    entry = app.conf.beat_schedule["sco.infosec.fold_sensitive_reads"]
    assert entry["schedule"] == 60.0 and entry["task"] in app.tasks


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: SKIP LOCKED, and a second process")
@pytest.mark.skipif(not _redis_answers(), reason="Redis does not answer at 127.0.0.1:6379")
def test_a_real_worker_folds_the_sensitive_reads_into_the_audit_chain(
    certs: CertSetup, taxii: Callable[[str], TaxiiClient], tmp_path: Path, settings: Any
) -> None:
    from kombu import Connection

    settings.CELERY_TASK_ALWAYS_EAGER = False  # this job goes to the worker's broker
    from sco.celery_app import app

    kz_id, uz_id = certs.certs["KZ"].identity_id, certs.certs["UZ"].identity_id
    amber = indicator(kz_id, "192.0.2.200", level=Tlp.AMBER, audience=[uz_id])
    assert taxii("KZ").post(objects_url(certs.exchange), {"objects": [amber]}).status_code == 202
    assert taxii("UZ").get(objects_url(certs.exchange)).status_code == 200  # an AMBER read, logged
    read = SensitiveRead.objects.get(audit_seq__isnull=True)
    prefix = f"test-infosec-{uuid.uuid4().hex[:8]}"  # this test's own keys in the shared Redis database
    options = {"global_keyprefix": f"{prefix}:celery:"}
    command = [sys.executable, "-m", "sco.cli", "worker", "--pool", "solo", "--concurrency", "1"]
    env = testing.process_env(tmp_path, SCO_TASKS_INLINE="0", REDIS_URL=REDIS_URL, SCO_CACHE_PREFIX=prefix)
    log = tmp_path / "worker.log"
    with testing.running(command, env=env, log=log) as worker:
        with Connection(REDIS_URL, transport_options=options) as connection:
            app.send_task("sco.infosec.fold_sensitive_reads", connection=connection)

        def folded() -> bool:
            assert worker.poll() is None, log.read_text()[-3000:]
            read.refresh_from_db()
            return read.audit_seq is not None

        testing.wait_for(folded, timeout=25, what="the worker to fold the read into the audit chain")
    entry = AuditEntry.objects.get(seq=read.audit_seq)
    assert entry.action == "infosec.sensitive_read" and entry.actor == certs.users["UZ"]
    assert entry.after["objects"] == [[amber["id"], amber["modified"], "TLP:AMBER"]]
    assert audit.verify() == []  # the chain the worker extended still holds
    assert not SensitiveRead.objects.filter(audit_seq__isnull=True).exists()
