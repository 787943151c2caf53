from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from sco.infosec import tlp

TAXII = "application/taxii+json;version=2.1"


@dataclass
class CertSetup:
    certs: dict[str, Any]
    users: dict[str, Any]
    keys: dict[str, str]
    exchange: Any
    green: Any


@pytest.fixture
def certs(make_mandate: Callable[..., Any]) -> CertSetup:
    """KZ-CERT (demo facts), and the illustrative UZ and RU CERTs, each with an analyst and a read-write key."""
    from sco.core.models import User
    from sco.infosec import demo, services

    make_mandate("cert-kz", "cert_analyst", state="KZ", institution="kz-cert")
    all_certs = demo.load_certs()
    exchange, green = demo.load_collections(all_certs)
    by_state = {c.institution.state.code: c for c in all_certs}
    users = {code: User.objects.get(username=f"cert-{code.lower()}") for code in ("KZ", "UZ", "RU")}
    keys = {}
    for code, user in users.items():
        _key, token = services.key_create(
            actor=user, cert=by_state[code], name="test", collections=[exchange, green], may_write=True
        )
        keys[code] = token
    return CertSetup(certs=by_state, users=users, keys=keys, exchange=exchange, green=green)


class TaxiiClient:
    def __init__(self, key: str | None):
        self.client = Client()
        self.headers: dict[str, str] = {"HTTP_ACCEPT": TAXII}
        if key:
            self.headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(f"x:{key}".encode()).decode()

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, **self.headers)

    def post(self, path: str, body: Any, **extra: Any) -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.generic(
            "POST", path, data, content_type=extra.pop("content_type", TAXII), **{**self.headers, **extra}
        )

    def delete(self, path: str) -> Any:
        return self.client.delete(path, **self.headers)


@pytest.fixture
def taxii(certs: CertSetup) -> Callable[[str], TaxiiClient]:
    return lambda code: TaxiiClient(certs.keys[code])


def stamp(when: dt.datetime | None = None) -> str:
    when = when or dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def indicator(
    creator: str, value: str, *, level: tlp.Tlp = tlp.Tlp.GREEN, audience: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    obj = {
        "type": "indicator",
        "spec_version": "2.1",
        "id": f"indicator--{uuid.uuid4()}",
        "created": stamp(),
        "modified": stamp(),
        "created_by_ref": creator,
        "name": f"C2 address {value}",
        "indicator_types": ["malicious-activity"],
        "pattern": f"[ipv4-addr:value = '{value}']",
        "pattern_type": "stix",
        "valid_from": stamp(),
        "object_marking_refs": [level.marking_id],
    }
    if audience is not None:
        obj["x_sco_audience_refs"] = audience
    obj.update(extra)
    return obj


def report(creator: str, refs: list[str], *, level: tlp.Tlp, audience: list[str] | None = None) -> dict[str, Any]:
    obj = {
        "type": "report",
        "spec_version": "2.1",
        "id": f"report--{uuid.uuid4()}",
        "created": stamp(),
        "modified": stamp(),
        "created_by_ref": creator,
        "name": "Phishing campaign against government mail (test)",
        "report_types": ["campaign", "indicator"],
        "published": stamp(),
        "object_refs": refs,
        "object_marking_refs": [level.marking_id],
    }
    if audience is not None:
        obj["x_sco_audience_refs"] = audience
    return obj


def objects_url(collection: Any) -> str:
    return f"/taxii2/sco/collections/{collection.id}/objects/"


@pytest.fixture(autouse=True)
def _fresh_key_cache() -> None:
    """Each test starts with this process's key cache empty (`access.forget_keys`)."""
    from sco.infosec import access

    access.forget_keys()
