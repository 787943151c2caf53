"""IATI open data in pages: each page a complete document valid against the 2.03 schema, linked to the next; the
institutions' own IATI identifiers where one is known."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sco.financing import iati, services


@pytest.fixture
def schema(shared_dir: str) -> Any:
    from lxml import etree

    return etree.XMLSchema(
        etree.parse(os.path.join(shared_dir, "standards", "iati", "schemas-2.03", "iati-activities-schema.xsd"))
    )


def test_the_export_comes_in_pages_each_valid_and_linked_to_the_next(
    client: Client,
    schema: Any,
    make_project: Callable[..., Any],
    add_tranche: Callable[..., Any],
    financier: Callable[[str], Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lxml import etree

    monkeypatch.setattr(iati, "PAGE_SIZE", 1)
    first, second = make_project(), make_project()
    tranche = add_tranche(first, "adb", "1000")
    add_tranche(second, "aiib", "500")
    services.entry_record(
        actor=financier("adb"), tranche=tranche, kind="commitment", amount="1000", currency="USD",
        value_date=dt.date(2026, 2, 1),
    )  # fmt: skip
    page1 = client.get("/financing/iati.xml")
    assert page1.status_code == 200 and 'rel="next"' in page1["Link"] and page1["X-Total-Pages"] == "2"
    doc = etree.fromstring(page1.content)
    assert schema.validate(doc), schema.error_log
    assert len(doc.findall("iati-activity")) == 1
    # ADB publishes under its own IATI identifier; the AIIB has none on record, so it is named without a ref
    assert doc.find("iati-activity/participating-org").get("ref") == "XM-DAC-46004"
    assert doc.find("iati-activity/transaction/provider-org").get("ref") == "XM-DAC-46004"
    page2 = client.get("/financing/iati.xml?page=2")
    doc2 = etree.fromstring(page2.content)
    assert schema.validate(doc2), schema.error_log
    assert 'rel="prev"' in page2["Link"] and 'rel="next"' not in page2["Link"]
    assert doc2.find("iati-activity/participating-org").get("ref") is None
    assert client.get("/financing/iati.xml?page=3").status_code == 404
    assert client.get("/financing/iati.xml?page=abc").status_code == 422
    assert client.get("/api/v1/financing/iati.xml?page=0").status_code == 422
    assert client.get("/api/v1/financing/iati.xml?page=2").status_code == 200
