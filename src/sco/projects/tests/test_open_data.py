"""The OC4IDS package the platform serves validates against the OC4IDS 0.9 schema and codelists."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from sco.projects.tests.test_oc4ids import validate_package


def test_the_served_oc4ids_package_of_the_demo_projects_validates(db, client):
    call_command("demo", stdout=io.StringIO())
    data = client.get("/projects/open-data/oc4ids.json").json()
    assert len(data["projects"]) >= 3
    assert validate_package(data) == []
    assert client.get("/api/v1/projects/oc4ids.json").json()["projects"] == data["projects"]


def test_the_command_line_writes_the_same_package_and_a_csv(db, tmp_path):
    call_command("demo", stdout=io.StringIO())
    out = tmp_path / "package.json"
    call_command("projects_export", "--output", str(out))
    data = json.loads(out.read_text())
    assert validate_package(data) == []
    csv_out = tmp_path / "projects.csv"
    call_command("projects_export", "--format", "csv", "--output", str(csv_out))
    lines = csv_out.read_text().splitlines()
    assert lines[0].startswith("id,title,status") and len(lines) == len(data["projects"]) + 1


def test_a_title_that_is_a_formula_goes_out_as_text_in_every_projects_csv(db, client, make_project):
    import csv

    make_project(status="submitted", title_en='=HYPERLINK("http://evil.example","click")')
    for path in ("/projects/open-data/projects.csv", "/api/v1/projects/export.csv"):
        response = client.get(path)
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        titles = [row[1] for row in rows[1:]]
        assert titles == ['\'=HYPERLINK("http://evil.example","click")'], path
