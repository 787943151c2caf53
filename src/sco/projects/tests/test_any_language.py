"""A project is proposed and submitted in any of the three languages; the refusal names what is missing."""

import pytest
from django.test import Client

from sco.projects import services
from sco.projects.errors import TransitionRefused
from sco.projects.models import Project
from sco.projects.tests.conftest import project_data

pytestmark = pytest.mark.django_db

RUSSIAN_ONLY = {
    "title_en": "",
    "title_ru": "Вторые пути на участке Достык — Мойынты",
    "title_zh": "",
    "summary_en": "",
    "summary_ru": "Второй путь для увеличения пропускной способности.",
}


def test_a_project_in_russian_alone_is_created_and_submitted(head_of_delegation):
    hod = head_of_delegation("KZ")
    project = services.project_create(actor=hod, data=project_data(**RUSSIAN_ONLY))
    assert services.required_fields_missing(project) == []
    services.project_transition(actor=hod, project=project, name="submit")
    project.refresh_from_db()
    assert project.status == "submitted" and str(project) == RUSSIAN_ONLY["title_ru"]


def test_a_project_in_chinese_alone_is_submitted(head_of_delegation):
    hod = head_of_delegation("CN")
    data = project_data(
        title_en="", title_ru="", title_zh="中吉乌铁路", summary_en="", summary_zh="连接三国的铁路。",
        sponsor_state="CN", host_states=["CN"], participating_states=[],
    )  # fmt: skip
    project = services.project_create(actor=hod, data=data)
    services.project_transition(actor=hod, project=project, name="submit")
    project.refresh_from_db()
    assert project.status == "submitted"


def test_a_project_with_no_title_in_any_language_is_refused_on_the_field_of_the_page_language(head_of_delegation):
    from django.utils import translation

    from sco.core.errors import InvalidInput

    with translation.override("ru"), pytest.raises(InvalidInput) as caught:
        services.project_create(
            actor=head_of_delegation("KZ"), data=project_data(title_en="", title_ru="", title_zh="")
        )
    assert list(caught.value.field_errors) == ["title_ru"]


def test_the_refusal_to_submit_names_the_missing_fields(head_of_delegation):
    hod = head_of_delegation("KZ")
    project = services.project_create(
        actor=hod, data=project_data(summary_en="", currency="", total_cost=None, requested_financing=None)
    )
    from django.utils import translation

    with translation.override("en"), pytest.raises(TransitionRefused) as caught:
        services.project_transition(actor=hod, project=project, name="submit")
    assert caught.value.field_errors["missing_fields"] == ["summary", "currency", "total_cost", "requested_financing"]
    message = str(caught.value.message)
    assert "a summary (in any language)" in message and "currency" in message and "total cost" in message


def test_the_russian_form_marks_required_fields_and_saves_a_russian_only_draft(client: Client, head_of_delegation):
    hod = head_of_delegation("KZ")
    client.force_login(hod)
    client.cookies["django_language"] = "ru"
    html = client.get("/projects/new/").content.decode()
    assert 'id="required-note"' in html and 'name="title_en"' in html
    assert 'name="title_en" lang="en" value="" maxlength="300" required' not in html
    post = {k: v for k, v in vars(project_data(**RUSSIAN_ONLY)).items() if v is not None}
    post["total_cost"], post["requested_financing"] = "1000000000", "250000000"
    r = client.post("/projects/new/", post)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert Project.objects.get(title_ru=RUSSIAN_ONLY["title_ru"]).title_en == ""


def test_the_open_data_index_names_the_published_files(client: Client, make_project):
    make_project(status="submitted", title_en="Open railway")
    html = client.get("/projects/open-data/").content.decode()
    assert 'href="/projects/open-data/oc4ids.json"' in html and 'href="/projects/open-data/projects.csv"' in html
    assert "1 public project" in html
