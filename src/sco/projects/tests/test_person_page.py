"""A signed-in person's project page body is kept for them alone (views.page._person_body): it never holds a CSRF
token of its own (each response puts in its own), and what changes their page (following, a mandate, a write on the
project) shows on the next request."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.utils import timezone

from sco.members import services as members
from sco.members.models import Mandate
from sco.projects import services

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def page(client: Client, project: Any) -> str:
    response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_body_takes_each_sessions_own_csrf_token(
    make_project: Callable[..., Any], head_of_delegation: Callable[[str], Any]
) -> None:
    project = make_project(status="under_discussion")
    india = head_of_delegation("IN")
    first = Client(enforce_csrf_checks=True)
    first.force_login(india)
    page(first, project)  # the body is kept now
    second = Client(enforce_csrf_checks=True)  # another session of the same person: another CSRF secret
    second.force_login(india)
    text = page(second, project)
    tokens = TOKEN.findall(text)
    assert len(tokens) >= 2  # the follow form and the comment form at least
    secret = second.cookies["csrftoken"].value
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    response = second.post(f"/projects/{project.pk}/follow/", {"follow": "1", "csrfmiddlewaretoken": tokens[0]})
    assert response.status_code in (200, 302)
    assert "Stop following" in page(second, project)  # and following shows at once


def test_ending_a_mandate_changes_the_kept_page_at_once(
    client: Client, make_project: Callable[..., Any], head_of_delegation: Callable[[str], Any], secretariat: Any
) -> None:
    project = make_project(status="under_discussion")
    india = head_of_delegation("IN")
    client.force_login(india)
    assert 'id="comment-form"' in page(client, project)
    for mandate in Mandate.objects.filter(user=india):
        members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert 'id="comment-form"' not in page(client, project)


def test_a_restricted_project_is_not_found_at_once_when_the_mandate_ends(
    client: Client, make_project: Callable[..., Any], head_of_delegation: Callable[[str], Any], secretariat: Any
) -> None:
    project = make_project(status="submitted", visibility="members", title_en="Members railway")
    india = head_of_delegation("IN")
    client.force_login(india)
    assert "Members railway" in page(client, project)
    for mandate in Mandate.objects.filter(user=india):
        members.mandate_end(actor=secretariat, mandate=mandate, end=timezone.localdate())
    assert client.get(f"/projects/{project.pk}/").status_code == 404


def test_a_deactivated_secretariat_account_loses_its_kept_moderation_view(
    client: Client, make_project: Callable[..., Any], head_of_delegation: Callable[[str], Any], secretariat: Any
) -> None:
    project = make_project(status="under_discussion")
    comment = services.comment_post(
        actor=head_of_delegation("IN"), project=project, body="Hidden remark", language="en"
    )
    services.comment_hide(actor=secretariat, comment=comment, reason="Off topic")
    client.force_login(secretariat)
    assert "Hidden remark" in page(client, project)  # the Secretariat reads hidden comments
    secretariat.is_active = False
    secretariat.save(update_fields=["is_active"])
    response = client.get(f"/projects/{project.pk}/")
    assert "Hidden remark" not in response.content.decode()


def test_one_persons_kept_page_never_reaches_another(
    make_project: Callable[..., Any], head_of_delegation: Callable[[str], Any]
) -> None:
    project = make_project(status="under_discussion")  # sponsored by Kazakhstan
    kazakhstan, india = head_of_delegation("KZ"), head_of_delegation("IN")
    sponsor = Client()
    sponsor.force_login(kazakhstan)
    assert 'id="appraisal-form"' in page(sponsor, project)  # the sponsor records the appraisal
    other = Client()
    other.force_login(india)
    assert 'id="appraisal-form"' not in page(other, project)
