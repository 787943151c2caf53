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
