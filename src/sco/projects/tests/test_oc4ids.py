"""The OC4IDS mapping produces packages valid against the OC4IDS 0.9.5 schema, and the shipped codelists
match the published ones.

The schema and codelists are read from ../shared/standards/oc4ids beside the checkout (SCO_SHARED_DIR overrides
../shared, as for every test that reads the shared folder); it is a copy of open-contracting/infrastructure
schema/project-level at 74789408afc8. Where it is absent the tests skip and say so, except when CI=true, where a
missing standard is a failure. The product itself never reads it: the codelists it needs are shipped.
"""

from __future__ import annotations

import csv
import json
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sco.projects import oc4ids_codelists as codelists
from sco.projects.lifecycle import Status
from sco.projects.oc4ids import (
    STATUS_TO_OC4IDS,
    DocumentRecord,
    LocationRecord,
    PartyRecord,
    ProjectRecord,
    csv_row,
    package,
    project_to_oc4ids,
    sectors_for,
)

CHECKOUT = Path(__file__).resolve().parents[4]
STANDARD = Path(os.environ.get("SCO_SHARED_DIR", CHECKOUT.parent / "shared")) / "standards" / "oc4ids"


def standard_dir() -> Path:
    if not (STANDARD / "project-schema.json").exists():
        message = f"OC4IDS schema not found at {STANDARD}: the validation test needs the shared standards folder"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return STANDARD


def validate_package(data: dict[str, Any]) -> list[str]:
    """Errors from validating ``data`` against the package schema, with the project schema resolved locally
    (nothing fetched from the network), plus closed-codelist checks the schema alone does not make."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = standard_dir()
    package_schema = json.loads((folder / "project-package-schema.json").read_text())
    project_schema = json.loads((folder / "project-schema.json").read_text())
    registry = Registry().with_resources(
        [
            (project_schema["id"], Resource.from_contents(project_schema, default_specification=DRAFT4)),
            (package_schema["id"], Resource.from_contents(package_schema, default_specification=DRAFT4)),
        ]
    )
    validator = jsonschema.Draft4Validator(
        package_schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    sectors = _codes(folder / "codelists" / "projectSector.csv")
    documents = _codes(folder / "codelists" / "documentType.csv")
    currencies = _codes(folder / "codelists" / "currency.csv")
    for project in data.get("projects", []):
        errors += [f"sector {s} not in codelist" for s in project.get("sector", []) if s not in sectors]
        errors += [
            f"documentType {d['documentType']} not in codelist"
            for d in project.get("documents", [])
            if d.get("documentType") not in documents
        ]
        amount = project.get("budget", {}).get("amount")
        if amount and amount["currency"] not in currencies:
            errors.append(f"currency {amount['currency']} not in codelist")
    return errors


def _codes(path: Path) -> set[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["Code"] for row in csv.DictReader(handle)}


def sample_record(**overrides: Any) -> ProjectRecord:
    values: dict[str, Any] = {
        "public_id": "P-0001",
        "updated": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "title": "Second track Dostyk - Moyynty",
        "description": "A second railway track.",
        "status": Status.IMPLEMENTATION,
        "project_type": "expansion",
        "sector": "transport.rail",
        "total_cost": Decimal("1000000.50"),
        "currency": "KZT",
        "requested_financing": Decimal("250000"),
        "start_date": date(2020, 1, 1),
        "end_date": date(2025, 12, 31),
        "sponsor": PartyRecord(id="KZ-KTZ", name="Kazakhstan Temir Zholy", country_name="Kazakhstan"),
        "states": (PartyRecord(id="KZ", name="Kazakhstan", country_name="Kazakhstan"),),
        "locations": (
            LocationRecord(description="Dostyk to Moyynty", country_name="Kazakhstan", longitude=82.5, latitude=45.3),
        ),
        "documents": (
            DocumentRecord(
                id="7",
                document_type="feasibilityStudy",
                title="FS",
                url="https://example.org/a/7",
                media_type="application/pdf",
            ),
        ),
        "goals": ("SCO Economic Development Strategy 2030",),
        "url": "https://example.org/projects/P-0001/",
    }
    values.update(overrides)
    return ProjectRecord(**values)


def test_a_full_project_package_validates_against_the_oc4ids_schema() -> None:
    data = package(
        [sample_record(), sample_record(public_id="P-0002", status=Status.CANCELLED, total_cost=None)],
        uri="https://example.org/api/v1/projects/oc4ids.json",
        publisher="SCO Cooperation Platform",
        published=datetime(2026, 1, 2, tzinfo=UTC),
    )
    assert validate_package(data) == []


def test_a_minimal_project_validates_too() -> None:
    minimal = sample_record(
        description="",
        total_cost=None,
        requested_financing=None,
        start_date=None,
        end_date=None,
        sponsor=None,
        states=(),
        locations=(),
        documents=(),
        goals=(),
        url="",
    )
    data = package(
        [minimal], uri="https://example.org/p.json", publisher="x", published=datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert validate_package(data) == []


def test_every_lifecycle_status_maps_to_an_oc4ids_project_status() -> None:
    allowed = {code for code, _ in codelists.PROJECT_STATUS}
    assert set(STATUS_TO_OC4IDS) == set(Status)
    assert set(STATUS_TO_OC4IDS.values()) <= allowed


def test_a_subsector_brings_its_parent_sector() -> None:
    assert sectors_for("transport.rail") == ["transport", "transport.rail"]
    assert sectors_for("energy") == ["energy"]


def test_a_state_agency_sponsor_is_the_public_authority() -> None:
    project = project_to_oc4ids(sample_record())
    assert project["publicAuthority"] == {"id": "KZ-KTZ", "name": "Kazakhstan Temir Zholy"}
    company = project_to_oc4ids(sample_record(sponsor_is_state_agency=False))
    assert "publicAuthority" not in company


def test_csv_rows_flatten_the_package() -> None:
    row = csv_row(project_to_oc4ids(sample_record()))
    assert row[0] == "oc4ids-scoplt-P-0001"
    assert row[4] == "transport;transport.rail"
    assert row[5] == "1000000.5"


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("PROJECT_SECTOR", "projectSector.csv"),
        ("PROJECT_TYPE", "projectType.csv"),
        ("PROJECT_STATUS", "projectStatus.csv"),
        ("DOCUMENT_TYPE", "documentType.csv"),
        ("PARTY_ROLE", "partyRole.csv"),
        ("POLICY_ALIGNMENT", "policyAlignment.csv"),
        ("COUNTRY", "country.csv"),
    ],
)
def test_shipped_codelists_match_the_published_ones(name: str, filename: str) -> None:
    path = standard_dir() / "codelists" / filename
    shipped = {code for code, _ in getattr(codelists, name)}
    assert shipped == _codes(path)


def test_shipped_currencies_match_the_published_ones() -> None:
    assert _codes(standard_dir() / "codelists" / "currency.csv") == codelists.CURRENCY


def test_the_validator_catches_a_wrong_status_and_an_unknown_sector() -> None:
    data = package(
        [sample_record()], uri="https://example.org/p.json", publisher="x", published=datetime(2026, 1, 1, tzinfo=UTC)
    )
    data["projects"][0]["status"] = "dreaming"  # type: ignore[index]
    data["projects"][0]["sector"] = ["spaceflight"]  # type: ignore[index]
    errors = validate_package(data)
    assert any("dreaming" in e for e in errors)
    assert any("spaceflight" in e for e in errors)
