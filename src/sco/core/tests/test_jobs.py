"""Core's jobs: e-mail leaves through the worker, and a broker that cannot take a job does not lose it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from sco.core import notifications
from sco.core.links import absolute_url
from sco.core.tasks import enqueue, send_mail_task


@pytest.mark.django_db
def test_a_notification_e_mail_is_sent_by_the_mail_job_after_commit(make_user, django_capture_on_commit_callbacks):
    user = make_user("anna")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notifications.notify(
            recipients=[user], about=None, kind="test", render=lambda: "A decision needs you", url="/x/"
        )
        assert mail.outbox == []  # nothing leaves before the commit
    # one mail on commit (the other callback renews the cached unread counts, core.notifications.forget)
    assert [getattr(c, "func", None) for c in callbacks].count(notifications._mail) == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].body == f"A decision needs you\n\n{absolute_url('/x/')}"  # links in mail are absolute


def test_a_job_the_broker_refuses_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(**kwargs: Any) -> None:
        raise ConnectionError("the broker is down")

    monkeypatch.setattr(send_mail_task, "delay", refused)
    enqueue(send_mail_task, subject="Hello", message="Body", recipient_list=["a@test.example"])
    assert [m.subject for m in mail.outbox] == ["Hello"]


@pytest.mark.django_db
def test_the_scheduler_writes_audit_checkpoints():
    """Beat runs `sco.core.audit_checkpoint` every ten minutes; each run appends the signed head outside the DB."""
    from sco.celery_app import schedule
    from sco.core import audit
    from sco.core.tasks import audit_checkpoint

    assert schedule()["sco.core.audit_checkpoint"]["task"] == audit_checkpoint.name
    before = len(audit.checkpoints())
    audit_checkpoint.apply()
    assert len(audit.checkpoints()) == before + 1
