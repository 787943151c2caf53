"""The projects part's OC4IDS package gains budget.finance and budget.budgetBreakdowns, and stays valid."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from sco.financing import services


def test_the_oc4ids_package_carries_the_financing_and_validates(
    shared_dir: str, project: Any, add_tranche: Callable[..., Any], financier: Callable[[str], Any]
) -> None:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    from sco.projects.open_data import oc4ids_package

    edb = add_tranche(
        project,
        "eurasian-development-bank",
        "600000",
        rate_kind="floating",
        base_rate="SOFR",
        margin_bps=250,
        tenor_months=180,
    )
    add_tranche(project, "aiib", "400000", rate_kind="fixed", fixed_rate="4.5", currency="EUR")
    user = financier("eurasian-development-bank")
    services.entry_record(
        actor=user, tranche=edb, kind="commitment", amount="600000", currency="USD", value_date=dt.date(2026, 1, 1)
    )
    services.entry_record(
        actor=user,
        tranche=edb,
        kind="pledge",
        amount="9",
        currency="USD",
        value_date=dt.date(2026, 1, 1),
        internal=True,
    )
    data = oc4ids_package(base_url="http://testserver", published=timezone.now())
    folder = os.path.join(shared_dir, "standards", "oc4ids")
    with open(os.path.join(folder, "project-package-schema.json")) as f:
        package_schema = json.load(f)
    with open(os.path.join(folder, "project-schema.json")) as f:
        project_schema = json.load(f)
    registry = Registry().with_resources(
        [
            (project_schema["id"], Resource.from_contents(project_schema, default_specification=DRAFT4)),
            (package_schema["id"], Resource.from_contents(package_schema, default_specification=DRAFT4)),
        ]
    )
    validator = jsonschema.Draft4Validator(package_schema, registry=registry)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    budget = data["projects"][0]["budget"]
    assert [f["type"] for f in budget["finance"]] == ["loan", "loan"]
    assert budget["finance"][0]["interestRate"] == {"base": "SOFR", "margin": 0.025, "fixed": False}
    breakdown = budget["budgetBreakdowns"][0]["budgetBreakdown"]
    assert breakdown[0]["amount"] == {"amount": 600000, "currency": "USD"}
    amounts = [line["amount"]["amount"] for line in breakdown]
    assert 9 not in amounts and 600009 not in amounts  # the internal pledge of 9 counts nowhere (ids may hold a 9)
    funders = [p for p in data["projects"][0]["parties"] if "funder" in p.get("roles", [])]
    assert {p["id"] for p in funders} == {"institution-eurasian-development-bank", "institution-aiib"}
