from __future__ import annotations

from django.core import mail

from sco.core.models import Notification
from sco.projects import services


def test_followers_hear_of_comments_and_status_changes_in_the_app_and_by_mail(
    make_project, head_of_delegation, secretariat, django_capture_on_commit_callbacks
):
    project = make_project(status="submitted")
    follower = head_of_delegation("UZ")
    services.follow_set(actor=follower, project=project, following=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(actor=head_of_delegation("IN"), project=project, body="Question", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.project_transition(actor=secretariat, project=project, name="start_screening")
    kinds = list(Notification.objects.filter(recipient=follower).values_list("kind", flat=True))
    assert sorted(kinds) == ["project.comment", "project.status"]
    assert any(follower.email in m.to for m in mail.outbox)


def test_a_mentioned_delegation_is_told_in_its_own_language(
    make_project, head_of_delegation, django_capture_on_commit_callbacks
):
    from sco.members.models import State

    project = make_project(status="submitted")
    russian = head_of_delegation("RU")
    russian.language = "ru"
    russian.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(
            actor=head_of_delegation("IN"),
            project=project,
            body="@RU?",
            language="en",
            mentions=[State.objects.get(code="RU")],
        )
    note = Notification.objects.get(recipient=russian, kind="project.mention")
    assert "Вашу делегацию упомянули" in note.text


def test_opening_the_decision_asks_every_member_for_its_position(
    make_project, secretariat, all_heads, django_capture_on_commit_callbacks
):
    project = make_project(status="appraisal")
    with django_capture_on_commit_callbacks(execute=True):
        services.project_transition(actor=secretariat, project=project, name="refer_to_decision")
    told = set(Notification.objects.exclude(kind__startswith="project.").values_list("recipient__username", flat=True))
    assert {f"hod-{c.lower()}" for c in all_heads} <= told


def test_a_members_only_project_mentioning_a_state_does_not_tell_its_cert_analyst_who_may_not_see_it(
    make_project, head_of_delegation, make_mandate, django_capture_on_commit_callbacks
):
    from sco.members.models import State

    project = make_project(status="submitted", visibility="members", title_en="Members-only line")
    analyst = make_mandate("cert-kz", "cert_analyst", state="KZ", institution="kz-cert")
    delegate = make_mandate("delegate-kz", "delegate", state="KZ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(
            actor=head_of_delegation("IN"),
            project=project,
            body="@KZ?",
            language="en",
            mentions=[State.objects.get(code="KZ")],
        )
    told = set(Notification.objects.filter(kind="project.mention").values_list("recipient", flat=True))
    assert delegate.pk in told
    assert analyst.pk not in told
    assert not [m for m in mail.outbox if analyst.email in m.to]
