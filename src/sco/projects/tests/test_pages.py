from __future__ import annotations

import pytest


@pytest.fixture
def logged_in(client):
    def do(user):
        client.force_login(user)
        return client

    return do


def test_the_list_filters_by_status_sector_host_and_text(make_project, client):
    make_project(status="submitted", title_en="Rail one")
    make_project(status="submitted", title_en="Power two", sector="energy.hydropower", sponsor="KG")
    html = client.get("/projects/?sector=energy").content.decode()
    assert "Power two" in html and "Rail one" not in html
    html = client.get("/projects/?host_state=KZ").content.decode()
    assert "Rail one" in html and "Power two" not in html
    html = client.get("/projects/?q=power").content.decode()
    assert "Power two" in html and "Rail one" not in html
    assert "Rail one" not in client.get("/projects/?status=draft").content.decode()


def test_the_project_page_shows_the_next_steps_for_the_viewer(make_project, logged_in, head_of_delegation):
    project = make_project()
    html = logged_in(head_of_delegation("KZ")).get(f"/projects/{project.pk}/").content.decode()
    assert 'data-step="submit"' in html and 'data-step="withdraw"' in html


def test_the_create_form_shows_field_errors_and_stores_nothing(logged_in, head_of_delegation):
    from sco.projects.models import Project

    response = logged_in(head_of_delegation("KZ")).post("/projects/new/", {"title_en": "", "sponsor_state": "KZ"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="title_en-error"' in html and 'id="sector-error"' in html
    assert Project.objects.count() == 0


def test_posting_a_comment_with_htmx_returns_the_discussion_fragment(make_project, logged_in, head_of_delegation):
    project = make_project(status="submitted")
    client = logged_in(head_of_delegation("IN"))
    response = client.post(
        f"/projects/{project.pk}/comments/", {"body": "Hello", "language": "en"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section id="discussion"') and "Hello" in html
    bad = client.post(f"/projects/{project.pk}/comments/", {"body": "", "language": "en"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 422 and 'role="alert"' in bad.content.decode()


def test_attachments_are_downloads_never_rendered(make_project, head_of_delegation, client, settings, tmp_path):
    from sco.projects import services

    settings.MEDIA_ROOT = tmp_path
    project = make_project(status="submitted")
    attachment = services.attachment_add(
        actor=head_of_delegation("KZ"),
        project=project,
        content=b"%PDF-1.4 x\n%%EOF\n",
        filename="<script>.pdf",
        document_type="feasibilityStudy",
        title="FS",
    )
    response = client.get(f"/projects/{project.pk}/attachments/{attachment.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_appraisal_page_shows_every_irr_and_the_chart(make_project, logged_in, head_of_delegation):
    project = make_project(status="submitted")
    client = logged_in(head_of_delegation("KZ"))
    client.post(
        f"/projects/{project.pk}/appraisal/",
        {
            "financial_rate": "0.1",
            "social_rate": "0.1",
            "rows": "2026, 1600, 0, 0, 0\n2027, 0, 0, 10000, 10000\n2028, 10000, 0, 0, 0",
        },
    )
    html = client.get(f"/projects/{project.pk}/").content.decode()
    assert "irr-multiple" in html and "25" in html and "400" in html
    assert "<svg" in html and 'id="sensitivity"' in html


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_the_pages_render_in_each_language(make_project, client, language):
    project = make_project(status="submitted")
    client.cookies["django_language"] = language
    assert client.get("/projects/", HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    assert client.get(f"/projects/{project.pk}/", HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_the_form_validates_in_place_with_htmx_and_redirects_when_saved(logged_in, head_of_delegation):
    client = logged_in(head_of_delegation("KZ"))
    bad = client.post("/projects/new/", {"title_en": "", "sponsor_state": "KZ"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 422 and 'id="title_en-error"' in bad.content.decode()
    good = client.post(
        "/projects/new/",
        {
            "title_en": "Line",
            "sector": "transport.rail",
            "project_type": "construction",
            "sponsor_kind": "company",
            "sponsor_name": "Railways",
            "sponsor_state": "KZ",
            "visibility": "public",
        },
        HTTP_HX_REQUEST="true",
    )
    assert good.status_code == 204 and good["HX-Redirect"].startswith("/projects/")


def test_the_sponsor_sees_open_questions_in_what_waits_for_them(make_project, head_of_delegation):
    from sco.core import hooks
    from sco.projects import services

    project = make_project(status="submitted")
    services.comment_post(actor=head_of_delegation("IN"), project=project, body="?", language="en", kind="question")
    items = [item for fn in hooks.get("attention") for item in fn(head_of_delegation("KZ"))]
    assert any(f"/projects/{project.pk}/" in item.url for item in items)


def test_the_versions_section_shows_the_difference_field_by_field(
    make_project, logged_in, head_of_delegation, secretariat
):
    from sco.projects import services
    from sco.projects.tests.conftest import project_data

    project = make_project(status="screening")
    services.project_transition(actor=secretariat, project=project, name="return_for_revision", reason="Costs?")
    hod = head_of_delegation("KZ")
    services.project_update(actor=hod, project=project, data=project_data(total_cost="1200000000"))
    services.project_transition(actor=hod, project=project, name="resubmit")
    html = logged_in(hod).get(f"/projects/{project.pk}/?a=1&b=2").content.decode()
    assert 'id="diff"' in html and "Total cost" in html and "1200000000.00" in html
