"""Notices about procedures: only to those who may see them, and no longer waiting once nothing is asked."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from sco.core.models import Notification
from sco.decisions import services


def _open(secretariat, subject, body, *, days=14):
    return services.decision_open(
        actor=secretariat,
        subject=subject,
        body=body,
        rule="consensus",
        deadline=timezone.now() + dt.timedelta(days=days),
        title_en="Restricted: transfer of the reserve to the named institution",
    )


def test_a_procedure_on_a_record_the_heads_may_not_see_notifies_none_of_them_in_the_app_or_by_mail(
    restricted_subjects, secretariat, all_heads, swg, organisation, django_capture_on_commit_callbacks
):
    from sco.members.models import Institution

    subject = Institution.objects.first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _open(secretariat, subject, swg)
    assert not Notification.objects.filter(recipient__in=all_heads.values()).exists()
    heads_mail = {u.email for u in all_heads.values()}
    assert not [m for m in mail.outbox if set(m.to) & heads_mail]
    assert not any("Restricted" in m.subject for m in mail.outbox)


def test_a_procedure_on_a_public_record_notifies_every_head_in_the_app_and_by_mail(
    open_decision, all_heads, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        open_decision()
    told = set(Notification.objects.filter(kind="decision.position_needed").values_list("recipient", flat=True))
    assert {u.pk for u in all_heads.values()} <= told
    assert {u.email for u in all_heads.values()} <= {to for m in mail.outbox for to in m.to}


def test_once_the_outcome_is_stored_nobody_is_still_asked_for_a_position_on_the_home_page(
    open_decision, all_heads, secretariat, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = open_decision(title="Closed early, asked of everyone")
    hod = all_heads["IR"]
    client.force_login(hod)
    assert "Closed early, asked of everyone" in client.get("/").content.decode()
    services.decision_close(actor=secretariat, decision=decision)
    page = client.get("/").content.decode()
    assert "Closed early, asked of everyone" not in page
    assert not Notification.objects.filter(kind="decision.position_needed", read_at__isnull=True).exists()


def test_a_state_that_has_spoken_is_no_longer_asked_but_the_others_still_are(
    open_decision, all_heads, state, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = open_decision()
    services.position_record(actor=all_heads["KZ"], decision=decision, state=state("KZ"), kind="support")
    unread = set(
        Notification.objects.filter(kind="decision.position_needed", read_at__isnull=True).values_list(
            "recipient__username", flat=True
        )
    )
    assert "hod-kz" not in unread
    assert "hod-cn" in unread
