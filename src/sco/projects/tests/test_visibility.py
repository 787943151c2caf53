"""A project is never shown to someone who may not see it: not in lists, search, counts, exports or the API."""

from __future__ import annotations

import pytest

from sco.projects import selectors
from sco.projects.errors import ProjectNotFound


def titles(viewer):
    return set(selectors.project_list(viewer=viewer).values_list("title_en", flat=True))


def test_the_public_sees_public_projects_only(three, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser()) == {"Open railway"}


def test_a_member_delegate_outside_the_project_sees_public_and_members_only(three, head_of_delegation):
    assert titles(head_of_delegation("IN")) == {"Open railway", "Members railway"}


def test_a_participating_state_and_the_sponsor_see_the_closed_project(three, head_of_delegation):
    assert "Closed railway" in titles(head_of_delegation("CN"))
    assert titles(head_of_delegation("KZ")) == {"Open railway", "Members railway", "Closed railway", "Draft railway"}


def test_the_secretariat_sees_everything_but_drafts(three, secretariat):
    assert titles(secretariat) == {"Open railway", "Members railway", "Closed railway"}


def test_fetching_a_hidden_project_answers_not_found(three, head_of_delegation):
    with pytest.raises(ProjectNotFound):
        selectors.project_get(viewer=head_of_delegation("IN"), project_id=three["participants"].pk)


def test_search_and_counts_do_not_leak(three, api):
    body = api.get_json("/api/v1/projects/?q=railway").json()
    assert body["count"] == 1 and [p["title"] for p in body["items"]] == ["Open railway"]
    assert api.get_json(f"/api/v1/projects/{three['members'].pk}").status_code == 404
    html = api.get("/projects/?q=railway").content.decode()
    assert "Open railway" in html and "Members railway" not in html and "Closed railway" not in html


def test_exports_hold_public_projects_only(three, api):
    package = api.get_json("/projects/open-data/oc4ids.json").json()
    assert [p["title"] for p in package["projects"]] == ["Open railway"]
    csv_text = api.get("/projects/open-data/projects.csv").content.decode()
    assert "Open railway" in csv_text and "Members railway" not in csv_text and "Draft railway" not in csv_text


@pytest.mark.parametrize("size", [5, 50])
def test_the_api_list_costs_the_same_queries_whatever_the_page_size(
    make_project, api, django_assert_num_queries, size, head_of_delegation
):
    for i in range(12):
        make_project(status="submitted", title_en=f"Project {i}")
    viewer = head_of_delegation("IN")
    api.as_user(viewer)
    with django_assert_num_queries(QUERIES_API):
        assert api.get_json(f"/api/v1/projects/?page_size={size}").status_code == 200
    with django_assert_num_queries(QUERIES_API_KEPT):  # the page is kept for the viewer's audience
        assert api.get_json(f"/api/v1/projects/?page_size={size}").status_code == 200


@pytest.mark.parametrize("size", [10, 50])
def test_the_list_page_costs_the_same_queries_whatever_the_page_size(
    make_project, client, django_assert_num_queries, size
):
    for i in range(12):
        make_project(status="submitted", title_en=f"Project {i}")
    with django_assert_num_queries(QUERIES_PAGE):
        assert client.get(f"/projects/?size={size}").status_code == 200


# The first read: 7, one more since the page is kept per audience (sco.projects.audience): whether the viewer
# created a project their audience does not see (then the page is theirs alone), itself kept afterwards, and one
# more since the token and its user are read apart (each then kept: core.kept_users).
QUERIES_API = 9
QUERIES_API_KEPT = 1  # the token again, once, after its first use was stamped; nothing of projects
QUERIES_PAGE = 4


def test_an_attachment_of_a_hidden_project_is_not_found(three, head_of_delegation, client, settings, tmp_path):
    from sco.projects import services

    settings.MEDIA_ROOT = tmp_path
    attachment = services.attachment_add(
        actor=head_of_delegation("KZ"),
        project=three["members"],
        content=b"%PDF-1.4\n%%EOF",
        filename="a.pdf",
        document_type="feasibilityStudy",
        title="A",
    )
    assert client.get(f"/projects/{three['members'].pk}/attachments/{attachment.pk}/").status_code == 404
    client.force_login(head_of_delegation("IN"))
    assert client.get(f"/projects/{three['members'].pk}/attachments/{attachment.pk}/").status_code == 200


def test_decisions_on_a_hidden_project_are_hidden_too(make_project, secretariat, head_of_delegation, api):
    from sco.projects import services

    project = make_project(status="appraisal", visibility="participants")
    project = services.project_transition(actor=secretariat, project=project, name="refer_to_decision")
    assert project.decision_ref
    assert api.get_json(f"/api/v1/decisions/{project.decision_ref}").status_code == 404
    api.as_user(head_of_delegation("KZ"))
    assert api.get_json(f"/api/v1/decisions/{project.decision_ref}").status_code == 200


@pytest.mark.parametrize("comments", [2, 20])
def test_the_project_page_costs_the_same_queries_whatever_the_discussion_size(
    make_project, head_of_delegation, client, django_assert_max_num_queries, comments
):
    from sco.projects import services

    project = make_project(status="submitted")
    author = head_of_delegation("IN")
    for i in range(comments):
        services.comment_post(actor=author, project=project, body=f"Comment {i}", language="en")
    with django_assert_max_num_queries(QUERIES_DETAIL):
        assert client.get(f"/projects/{project.pk}/").status_code == 200


QUERIES_DETAIL = 13  # with the corridors section asking whether the project edits the network (1)
