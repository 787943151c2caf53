"""The issue's 'done when', with the real OASIS clients (taxii2-client and stix2) against the live server."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from taxii2client.v21 import Collection, Server, as_pages

from sco.core.models import AuditEntry
from sco.infosec import services, validation
from sco.infosec.tests.conftest import CertSetup, indicator, report
from sco.infosec.tlp import Tlp

pytestmark = pytest.mark.django_db(transaction=True)


def client_collection(live_server: Any, key: str, collection_id: Any) -> Collection:
    server = Server(f"{live_server.url}/taxii2/", user="cert", password=key)
    root = server.api_roots[0]
    return next(c for c in root.collections if c.id == str(collection_id))


def test_kz_shares_amber_with_uz_who_sights_it_and_ru_sees_nothing(live_server: Any, certs: CertSetup) -> None:
    kz, uz = certs.certs["KZ"].identity_id, certs.certs["UZ"].identity_id
    indicators = [indicator(kz, ip, level=Tlp.AMBER, audience=[uz]) for ip in ("198.51.100.7", "203.0.113.9")]
    rep = report(kz, [i["id"] for i in indicators], level=Tlp.AMBER, audience=[uz])

    kz_coll = client_collection(live_server, certs.keys["KZ"], certs.exchange.id)
    status = kz_coll.add_objects({"objects": [*indicators, rep]})
    assert status.status == "complete" and status.success_count == 3

    uz_coll = client_collection(live_server, certs.keys["UZ"], certs.exchange.id)
    seen = [o for page in as_pages(uz_coll.get_objects, per_request=2) for o in page.get("objects", [])]
    assert {o["id"] for o in seen} == {rep["id"], *(i["id"] for i in indicators)}
    assert all(validation.problems(o) == [] for o in seen)  # every served object passes the STIX 2.1 schema

    sighting = {
        "type": "sighting",
        "spec_version": "2.1",
        "id": "sighting--6b0b1c7e-1f8c-4f4e-9b0e-5f7f3c1d2a10",
        "created": "2026-03-02T08:00:00.000Z",
        "modified": "2026-03-02T08:00:00.000Z",
        "created_by_ref": uz,
        "sighting_of_ref": indicators[0]["id"],
        "where_sighted_refs": [uz],
        "count": 3,
        "object_marking_refs": [Tlp.AMBER.marking_id],
        "x_sco_audience_refs": [kz],
    }
    assert uz_coll.add_objects({"objects": [sighting]}).success_count == 1
    kz_sees = kz_coll.get_objects(type="sighting")["objects"]
    assert [s["id"] for s in kz_sees] == [sighting["id"]]

    ru_coll = client_collection(live_server, certs.keys["RU"], certs.exchange.id)
    assert ru_coll.get_objects().get("objects", []) == []
    assert ru_coll.get_manifest().get("objects", []) == []
    for call in (lambda: ru_coll.get_object(rep["id"]), lambda: ru_coll.object_versions(rep["id"])):
        with pytest.raises(requests.HTTPError) as refused:
            call()
        assert refused.value.response.status_code == 404

    for coll in (kz_coll, uz_coll, ru_coll):
        coll.close()  # end the keep-alive connections, so the live server's threads let the test database go
    services.sensitive_reads_fold()
    reads = AuditEntry.objects.filter(action="infosec.sensitive_read", on_behalf_of="institution:uz-cert")
    assert reads.exists()
