"""The analysts' pages: share a report, see what was shared, sight it, follow relationships, the dashboard."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sco.core.models import AuditEntry
from sco.infosec import services
from sco.infosec.models import StixObject
from sco.infosec.tests.conftest import CertSetup
from sco.infosec.tlp import Tlp


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shared(certs: CertSetup) -> dict[str, Any]:
    kz = signed_in(certs.users["KZ"])
    response = kz.post(
        "/infosec/reports/new/",
        {
            "collection": str(certs.exchange.pk),
            "name": "Phishing wave against ministries",
            "description": "Mail with a malicious attachment.",
            "tlp": str(Tlp.AMBER.value),
            "audience": [str(certs.certs["UZ"].pk)],
            "indicators": "198.51.100.23\nbad.example.org\n" + "a" * 64,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = StixObject.objects.get(type="report")
    return {"url": response["Location"], "report": report}


def test_a_report_from_the_page_is_stix_with_indicators_under_one_marking(
    certs: CertSetup, shared: dict[str, Any]
) -> None:
    types = sorted(StixObject.objects.values_list("type", flat=True))
    assert types == [
        "incident",
        "indicator",
        "indicator",
        "indicator",
        "relationship",
        "relationship",
        "relationship",
        "report",
    ]
    assert set(StixObject.objects.values_list("tlp", flat=True)) == {Tlp.AMBER}
    assert shared["url"] == f"/infosec/objects/{shared['report'].stix_id}/"


def test_uz_sees_it_sights_it_and_kz_sees_the_sighting_while_ru_sees_nothing(
    certs: CertSetup, shared: dict[str, Any]
) -> None:
    uz, ru, kz = (signed_in(certs.users[c]) for c in ("UZ", "RU", "KZ"))
    listing = uz.get("/infosec/").content.decode()
    assert "Phishing wave against ministries" in listing
    page = uz.get(shared["url"])
    assert page.status_code == 200 and "bad.example.org" in page.content.decode()  # the report's refs are followed
    services.sensitive_reads_fold()
    assert AuditEntry.objects.filter(action="infosec.sensitive_read", on_behalf_of="institution:uz-cert").exists()
    indicator = StixObject.objects.filter(type="indicator").first()
    assert indicator is not None
    sighted = uz.post(f"/infosec/objects/{indicator.stix_id}/", {"count": "4", "note": "seen at the border gateway"})
    assert sighted.status_code == 302
    kz_page = kz.get(f"/infosec/objects/{indicator.stix_id}/").content.decode()
    assert "seen at the border gateway" in kz_page

    assert "Phishing wave" not in ru.get("/infosec/").content.decode()
    assert ru.get(shared["url"]).status_code == 404
    assert ru.get(f"/infosec/objects/{indicator.stix_id}/").status_code == 404
    missing = ru.get("/infosec/objects/report--00000000-0000-4000-8000-000000000000/")
    assert missing.status_code == 404
    uz_dash = uz.get("/infosec/dashboard/")
    ru_dash = ru.get("/infosec/dashboard/")
    assert [r["n"] for r in uz_dash.context["series"]] and ru_dash.context["series"] == []


def test_a_bad_indicator_line_is_a_422_and_nothing_is_stored(certs: CertSetup) -> None:
    kz = signed_in(certs.users["KZ"])
    response = kz.post(
        "/infosec/reports/new/",
        {
            "collection": str(certs.exchange.pk),
            "name": "x",
            "tlp": str(Tlp.GREEN.value),
            "indicators": "198.51.100.23\nnot an indicator at all",
        },
    )
    assert response.status_code == 422
    assert "Line 2" in response.content.decode()
    assert not StixObject.objects.exists()


def test_a_person_who_acts_for_no_cert_is_refused(certs: CertSetup, head_of_delegation: Any) -> None:
    client = signed_in(head_of_delegation("KZ"))
    assert client.get("/infosec/").status_code == 403
    assert Client().get("/infosec/").status_code == 302  # to the login page


def test_the_pages_speak_russian_and_chinese(certs: CertSetup) -> None:
    client = signed_in(certs.users["RU"])
    ru = client.get("/infosec/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    zh = client.get("/infosec/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Передано моему CERT" in ru
    assert "与我的CERT共享" in zh
