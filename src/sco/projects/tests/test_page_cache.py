"""The project page's shared parts come from the cache: never to someone who may not see the project, never
older than the last write, never with another viewer's forms or the Secretariat's view of hidden comments."""

from __future__ import annotations

import datetime as dt
import re
import time

from django.utils import timezone

from sco.decisions import services as decisions
from sco.members.models import State
from sco.projects import services
from sco.projects.cache import touch
from sco.projects.tests.conftest import ROWS

QUERIES_ANONYMOUS_CACHED = 1  # the project's row, which also carries the key of its cached parts
QUERIES_DELEGATE_CACHED = 3  # + session and user: the body is kept for the person (views.page._person_body) and
# their facts (mandates, follows, unread notices) are kept too (was 11 before the body was kept)


def page(client, project) -> str:
    response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html: str) -> str:
    """The page less its CSRF tokens, which are masked afresh on every response."""
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", html)


def test_the_anonymous_project_page_costs_one_query_once_its_parts_are_cached(
    make_project, client, head_of_delegation, django_assert_num_queries
):
    project = make_project(status="under_discussion")
    for i in range(5):
        services.comment_post(actor=head_of_delegation("IN"), project=project, body=f"Comment {i}", language="en")
    first = page(client, project)
    with django_assert_num_queries(QUERIES_ANONYMOUS_CACHED):
        again = page(client, project)
    assert without_tokens(again) == without_tokens(first)


def test_a_delegates_project_page_costs_a_fixed_number_of_queries_once_cached(
    make_project, client, head_of_delegation, django_assert_max_num_queries
):
    project = make_project(status="under_discussion")
    client.force_login(head_of_delegation("IN"))
    page(client, project)
    with django_assert_max_num_queries(QUERIES_DELEGATE_CACHED):
        text = page(client, project)
    assert 'name="csrfmiddlewaretoken"' in text and 'id="comment-form"' in text


def test_every_write_shows_on_the_next_read_of_the_cached_page(make_project, client, head_of_delegation, secretariat):
    project = make_project(status="under_discussion")
    india = head_of_delegation("IN")
    assert "First remark" not in page(client, project)

    comment = services.comment_post(actor=india, project=project, body="First remark", language="en")
    assert "First remark" in page(client, project)

    services.participation_join(actor=india, project=project, state=State.objects.get(code="IN"))
    assert "India" in page(client, project).split('id="overview"')[1].split("</dl>")[0]

    services.appraisal_save(
        actor=secretariat, project=project, financial_rate="0.04", social_rate="0.05", rows=ROWS, notes=""
    )
    assert 'id="indicators"' in page(client, project)

    services.comment_hide(actor=secretariat, comment=comment, reason="Off topic")
    text = page(client, project)
    assert "Off topic" in text and "First remark" not in text


def test_the_secretariat_reads_hidden_text_the_cached_page_does_not_hold(
    make_project, client, head_of_delegation, secretariat
):
    from django.test import Client

    project = make_project(status="under_discussion")
    comment = services.comment_post(actor=head_of_delegation("IN"), project=project, body="Sharp words", language="en")
    services.comment_hide(actor=secretariat, comment=comment, reason="Tone")
    assert "Sharp words" not in page(client, project)  # the cached parts are made now
    staff = Client()
    staff.force_login(secretariat)
    text = page(staff, project)
    assert "Sharp words" in text and 'name="reason"' in text
    assert "Sharp words" not in page(Client(), project)


def test_a_cached_page_of_a_restricted_project_is_never_served_to_others(make_project, client, head_of_delegation):
    from django.test import Client

    project = make_project(status="submitted", visibility="members", title_en="Members-only railway")
    delegate = Client()
    delegate.force_login(head_of_delegation("IN"))
    assert "Members-only railway" in page(delegate, project)
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_a_position_recorded_shows_on_the_next_read(make_project, client, secretariat, all_heads):
    from sco.decisions.models import Decision

    project = services.project_transition(
        actor=secretariat, project=make_project(status="appraisal"), name="refer_to_decision"
    )
    decision = Decision.objects.get(pk=project.decision_ref)
    before = page(client, project)
    assert "Not yet, thank you" not in before
    decisions.position_record(
        actor=all_heads["BY"],
        decision=decision,
        state=State.objects.get(code="BY"),
        kind="objection",
        text="Not yet, thank you",
    )
    assert "Not yet, thank you" in page(client, project)


def test_a_signed_in_delegate_gets_the_position_form_of_an_open_decision(make_project, client, secretariat, all_heads):
    project = services.project_transition(
        actor=secretariat, project=make_project(status="appraisal"), name="refer_to_decision"
    )
    assert "Record a position" not in page(client, project)  # anonymous: the cached table, no form
    client.force_login(all_heads["KG"])
    assert "Record a position" in page(client, project)


def test_an_open_decisions_cached_table_is_not_served_after_its_deadline(make_project, client, secretariat):
    from sco.decisions.models import Decision

    project = services.project_transition(
        actor=secretariat, project=make_project(status="appraisal"), name="refer_to_decision"
    )
    decision = Decision.objects.get(pk=project.decision_ref)
    # A procedure whose deadline is a moment away (set directly: no service moves a deadline closer).
    soon = timezone.now() + dt.timedelta(seconds=1.5)
    Decision.objects.filter(pk=decision.pk).update(deadline=soon)
    touch(project.pk)
    assert "Open until" in page(client, project)
    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)
    assert "Open until" not in page(client, project)


def test_the_states_named_as_deciding_follow_invitations_and_answers_on_the_cached_page(
    make_project, client, head_of_delegation, secretariat
):
    project = make_project(status="appraisal", visibility="participants")
    client.force_login(secretariat)

    def deciders() -> str:
        return page(client, project).split('id="deciders"')[1].split("</p>")[0]

    assert "China" not in deciders()
    invitation = services.invitation_send(
        actor=head_of_delegation("KZ"), project=project, state=State.objects.get(code="CN")
    )
    assert "China" in deciders()  # invited: it may see the project, so it would decide
    services.invitation_answer(actor=head_of_delegation("CN"), invitation=invitation, accept=False)
    assert "China" not in deciders()
