"""The TAXII 2.1 door with Django's test client: endpoints, pagination, versions, bad input, TLP on every path."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from sco.core.models import AuditEntry
from sco.infosec import services
from sco.infosec.models import SensitiveRead, StixObject
from sco.infosec.tests.conftest import TAXII, CertSetup, TaxiiClient, indicator, objects_url, stamp
from sco.infosec.tlp import Tlp

Taxii = Callable[[str], TaxiiClient]


def body(response: Any) -> Any:
    return json.loads(response.content) if response.content else None


def post_ok(client: TaxiiClient, collection: Any, objects: list[dict[str, Any]]) -> dict[str, Any]:
    response = client.post(objects_url(collection), {"objects": objects})
    assert response.status_code == 202, response.content
    assert response["Content-Type"] == TAXII
    return body(response)


def test_discovery_root_and_collections_answer_in_the_taxii_media_type(taxii: Taxii, certs: CertSetup) -> None:
    kz = taxii("KZ")
    discovery = body(kz.get("/taxii2/"))
    assert discovery["api_roots"] == ["http://testserver/taxii2/sco/"]
    root = kz.get("/taxii2/sco/")
    assert root["Content-Type"] == TAXII and body(root)["versions"] == [TAXII]
    listed = body(kz.get("/taxii2/sco/collections/"))["collections"]
    assert {c["alias"] for c in listed} == {"exchange", "green"}  # the key's scope
    assert all(c["can_read"] and c["can_write"] for c in listed)


def test_a_state_feed_is_written_by_its_cert_and_read_by_the_others(certs: CertSetup) -> None:
    from sco.infosec.models import Collection

    feed = Collection.objects.get(alias="kz-cert-feed")
    assert feed.state is not None and feed.state.code == "KZ"
    keys = {}
    for code in ("KZ", "UZ"):
        _key, keys[code] = services.key_create(
            actor=certs.users[code], cert=certs.certs[code], name="feed", collections=[feed], may_write=True
        )
    ind = indicator(certs.certs["KZ"].identity_id, "192.0.2.99")
    assert TaxiiClient(keys["KZ"]).post(objects_url(feed), {"objects": [ind]}).status_code == 202
    uz = TaxiiClient(keys["UZ"])
    assert [o["id"] for o in body(uz.get(objects_url(feed)))["objects"]] == [ind["id"]]
    other = indicator(certs.certs["UZ"].identity_id, "192.0.2.98")
    refused = uz.post(objects_url(feed), {"objects": [other]})
    assert refused.status_code == 403 and body(refused)["http_status"] == "403"
    listed = body(uz.get("/taxii2/sco/collections/"))["collections"]
    assert [(c["can_read"], c["can_write"]) for c in listed] == [(True, False)]


def test_every_refusal_has_the_taxii_error_shape_and_status(taxii: Taxii, certs: CertSetup) -> None:
    anonymous = TaxiiClient(None)
    refused = anonymous.get("/taxii2/")
    assert refused.status_code == 401 and "Basic" in refused["WWW-Authenticate"]
    assert body(refused)["http_status"] == "401" and body(refused)["title"]
    kz = taxii("KZ")
    wrong_accept = kz.client.get(
        "/taxii2/", HTTP_ACCEPT="text/html", HTTP_AUTHORIZATION=kz.headers["HTTP_AUTHORIZATION"]
    )
    assert wrong_accept.status_code == 406
    old = kz.client.get(
        "/taxii2/",
        HTTP_ACCEPT="application/taxii+json;version=2.0",
        HTTP_AUTHORIZATION=kz.headers["HTTP_AUTHORIZATION"],
    )
    assert old.status_code == 406
    assert kz.get("/taxii2/other/").status_code == 404
    assert kz.get("/taxii2/sco/collections/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert kz.get("/taxii2/sco/collections/not-a-uuid/objects/").status_code == 404
    assert kz.get(objects_url(certs.exchange), limit="many").status_code == 400
    assert kz.get(objects_url(certs.exchange), added_after="yesterday").status_code == 400
    assert kz.get("/taxii2/sco/status/nope/").status_code == 404
    stray = TaxiiClient(None).get("/taxii2/sco/no/such/endpoint/")
    assert stray.status_code == 404 and stray["Content-Type"] == TAXII and body(stray)["http_status"] == "404"


@pytest.mark.parametrize("header", ["Bearer {key}", "Token {key}", "Basic {basic}"])
def test_a_key_is_accepted_as_basic_bearer_or_token(certs: CertSetup, header: str) -> None:
    key = certs.keys["KZ"]
    basic = base64.b64encode(f"anyone:{key}".encode()).decode()
    client = TaxiiClient(None)
    response = client.client.get(
        "/taxii2/sco/collections/", HTTP_ACCEPT=TAXII, HTTP_AUTHORIZATION=header.format(key=key, basic=basic)
    )
    assert response.status_code == 200


def test_a_revoked_or_expired_key_is_refused(certs: CertSetup) -> None:
    from sco.infosec.models import ApiKey

    key = ApiKey.objects.get(cert=certs.certs["KZ"])
    services.key_revoke(actor=certs.users["KZ"], key=key)
    assert TaxiiClient(certs.keys["KZ"]).get("/taxii2/").status_code == 401
    uz_key = ApiKey.objects.get(cert=certs.certs["UZ"])
    ApiKey.objects.filter(pk=uz_key.pk).update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert TaxiiClient(certs.keys["UZ"]).get("/taxii2/").status_code == 401


def test_a_key_used_on_a_collection_outside_its_scope_is_refused(certs: CertSetup) -> None:
    from sco.infosec.models import Cert

    kz: Cert = certs.certs["KZ"]
    _key, read_only = services.key_create(
        actor=certs.users["KZ"], cert=kz, name="green reader", collections=[certs.green], may_write=False
    )
    client = TaxiiClient(read_only)
    assert client.get(objects_url(certs.exchange)).status_code == 404  # not in its scope: does not exist for it
    assert client.get(objects_url(certs.green)).status_code == 200
    ind = indicator(kz.identity_id, "192.0.2.1")
    refused = client.post(objects_url(certs.green), {"objects": [ind]})
    assert refused.status_code == 403 and body(refused)["http_status"] == "403"
    assert not StixObject.objects.exists()


def test_bad_envelopes_are_refused_with_reasons_and_nothing_is_stored(taxii: Taxii, certs: CertSetup) -> None:
    kz_id = certs.certs["KZ"].identity_id
    kz = taxii("KZ")
    url = objects_url(certs.exchange)
    good = indicator(kz_id, "192.0.2.10")
    assert kz.post(url, "{not json").status_code == 422
    assert kz.post(url, {"objects": "x"}).status_code == 422
    assert kz.post(url, {"objects": [good]}, content_type="application/json").status_code == 415
    bad_schema = indicator(kz_id, "192.0.2.11", created="2026-13-01T00:00:00Z")
    unknown_marking = indicator(
        kz_id, "192.0.2.12", object_marking_refs=["marking-definition--" + "1" * 8 + "-1111-4111-8111-" + "1" * 12]
    )
    bad_pattern = indicator(kz_id, "192.0.2.13", pattern="[ipv4-addr:value = ")
    impostor = indicator(certs.certs["UZ"].identity_id, "192.0.2.14")
    for bad, reason in [
        (bad_schema, "schema"),
        (unknown_marking, "does not exist"),
        (bad_pattern, "pattern (stix2-patterns)"),
        (impostor, "created_by_ref"),
    ]:
        refused = kz.post(url, {"objects": [good, bad]})
        assert refused.status_code == 422, bad
        failures = body(refused)["details"]["failures"]
        assert [f["id"] for f in failures] == [bad["id"]] and reason in failures[0]["message"]
    amber_in_green = indicator(kz_id, "192.0.2.15", level=Tlp.AMBER)
    assert kz.post(objects_url(certs.green), {"objects": [amber_in_green]}).status_code == 422
    huge = json.dumps({"objects": [good], "pad": "x" * 2_100_000})
    assert kz.post(url, huge).status_code == 413
    assert not StixObject.objects.exists()


def test_a_tampered_next_cursor_is_a_400(taxii: Taxii, certs: CertSetup) -> None:
    kz_id = certs.certs["KZ"].identity_id
    kz = taxii("KZ")
    post_ok(kz, certs.exchange, [indicator(kz_id, f"192.0.2.{i}") for i in range(3)])
    first = body(kz.get(objects_url(certs.exchange), limit=2))
    assert first["more"] is True
    tampered = first["next"][:-3] + ("aaa" if not first["next"].endswith("aaa") else "bbb")
    assert kz.get(objects_url(certs.exchange), limit=2, next=tampered).status_code == 400
    # a cursor is bound to who received it
    assert taxii("UZ").get(objects_url(certs.exchange), limit=2, next=first["next"]).status_code == 400


def test_paging_loses_and_repeats_nothing_when_objects_share_a_timestamp(taxii: Taxii, certs: CertSetup) -> None:
    kz_id = certs.certs["KZ"].identity_id
    kz = taxii("KZ")
    posted = [indicator(kz_id, f"198.51.100.{i}") for i in range(25)]
    post_ok(kz, certs.exchange, posted[:12])
    post_ok(kz, certs.exchange, posted[12:])
    assert StixObject.objects.values("date_added").distinct().count() == 2  # 12 and 13 objects share one date_added
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 5}
    while True:
        response = kz.get(objects_url(certs.exchange), **params)
        page = body(response)
        seen += [o["id"] for o in page.get("objects", [])]
        assert response["X-TAXII-Date-Added-First"] <= response["X-TAXII-Date-Added-Last"]
        if not page["more"]:
            break
        params = {"limit": 5, "next": page["next"]}
    assert seen == [o["id"] for o in posted]
    last = response["X-TAXII-Date-Added-Last"]
    assert body(kz.get(objects_url(certs.exchange), added_after=last)) == {"more": False}


def test_versions_by_modified_only_the_creator_and_revoked_stays_revoked(taxii: Taxii, certs: CertSetup) -> None:
    kz_id = certs.certs["KZ"].identity_id
    kz, uz = taxii("KZ"), taxii("UZ")
    v1 = indicator(kz_id, "192.0.2.50")
    post_ok(kz, certs.exchange, [v1])
    assert post_ok(kz, certs.exchange, [v1])["success_count"] == 1  # an exact duplicate succeeds, stores nothing
    assert StixObject.objects.count() == 1
    v2 = {**v1, "modified": stamp(dt.datetime(2026, 3, 2, tzinfo=dt.UTC)), "name": "C2 address (confirmed)"}
    post_ok(kz, certs.exchange, [v2])
    url = f"{objects_url(certs.exchange)}{v1['id']}/"
    versions = body(uz.get(url + "versions/"))["versions"]
    assert versions == [v1["modified"], v2["modified"]]
    assert [o["name"] for o in body(uz.get(url))["objects"]] == ["C2 address (confirmed)"]
    assert len(body(uz.get(url, **{"match[version]": "all"}))["objects"]) == 2
    assert body(uz.get(url, **{"match[version]": "first"}))["objects"][0]["modified"] == v1["modified"]
    changed = {**v1, "name": "rewritten"}  # same (id, modified), other content
    assert kz.post(objects_url(certs.exchange), {"objects": [changed]}).status_code == 422
    hijack = {
        **v2,
        "modified": stamp(dt.datetime(2026, 3, 3, tzinfo=dt.UTC)),
        "created_by_ref": certs.certs["UZ"].identity_id,
    }
    assert uz.post(objects_url(certs.exchange), {"objects": [hijack]}).status_code == 422
    revoked = {**v2, "modified": stamp(dt.datetime(2026, 3, 4, tzinfo=dt.UTC)), "revoked": True}
    post_ok(kz, certs.exchange, [revoked])
    revived = {**v2, "modified": stamp(dt.datetime(2026, 3, 5, tzinfo=dt.UTC)), "revoked": False}
    refused = kz.post(objects_url(certs.exchange), {"objects": [revived]})
    assert refused.status_code == 422 and "revoked" in refused.content.decode()


def test_manifest_versions_object_and_status_hide_what_the_viewer_may_not_see(taxii: Taxii, certs: CertSetup) -> None:
    kz_id, uz_id = certs.certs["KZ"].identity_id, certs.certs["UZ"].identity_id
    kz, uz, ru = taxii("KZ"), taxii("UZ"), taxii("RU")
    green = indicator(kz_id, "192.0.2.60")
    amber = indicator(kz_id, "192.0.2.61", level=Tlp.AMBER, audience=[uz_id])
    strict = indicator(kz_id, "192.0.2.62", level=Tlp.AMBER_STRICT, audience=[uz_id])
    red = indicator(kz_id, "192.0.2.63", level=Tlp.RED, audience=[certs.users["UZ"] and _person("cert-uz")])
    unmarked = {k: v for k, v in indicator(kz_id, "192.0.2.64").items() if k != "object_marking_refs"}
    status = post_ok(kz, certs.exchange, [green, amber, strict, red, unmarked])
    everything = {o["id"] for o in (green, amber, strict, red, unmarked)}
    seen = {"KZ": everything, "UZ": everything - {unmarked["id"]}, "RU": {green["id"]}}
    for code, client in (("KZ", kz), ("UZ", uz), ("RU", ru)):
        ids = {o["id"] for o in body(client.get(objects_url(certs.exchange))).get("objects", [])}
        manifest = {
            o["id"]
            for o in body(client.get(f"/taxii2/sco/collections/{certs.exchange.id}/manifest/")).get("objects", [])
        }
        assert ids == manifest == seen[code], code
        for hidden in everything - seen[code]:
            assert client.get(f"{objects_url(certs.exchange)}{hidden}/").status_code == 404
            assert client.get(f"{objects_url(certs.exchange)}{hidden}/versions/").status_code == 404
            assert client.get(f"{objects_url(certs.exchange)}{hidden}/signatures/").status_code == 404
    served_amber = body(uz.get(f"{objects_url(certs.exchange)}{amber['id']}/"))["objects"][0]
    assert "x_sco_audience_refs" not in served_amber  # who else received it is not told
    assert uz.get(f"/taxii2/sco/status/{status['id']}/").status_code == 404  # another CERT's status
    assert body(kz.get(f"/taxii2/sco/status/{status['id']}/"))["success_count"] == 5
    services.sensitive_reads_fold()  # the reads above, written into the audit chain
    assert SensitiveRead.objects.filter(audit_seq__isnull=True).count() == 0
    before = AuditEntry.objects.filter(action="infosec.sensitive_read").count()
    assert before > 0
    ru.get(objects_url(certs.exchange))
    services.sensitive_reads_fold()
    assert AuditEntry.objects.filter(action="infosec.sensitive_read").count() == before  # RU read nothing sensitive


def _person(username: str) -> str:
    from sco.infosec.models import person_identity_id

    return person_identity_id(username)


def test_delete_only_by_the_creator_then_gone_from_every_path(taxii: Taxii, certs: CertSetup) -> None:
    kz_id = certs.certs["KZ"].identity_id
    kz, uz = taxii("KZ"), taxii("UZ")
    ind = indicator(kz_id, "192.0.2.70")
    post_ok(kz, certs.exchange, [ind])
    url = f"{objects_url(certs.exchange)}{ind['id']}/"
    assert uz.delete(url).status_code == 403
    assert kz.delete(url).status_code == 200
    assert kz.get(url).status_code == 404
    assert body(kz.get(f"/taxii2/sco/collections/{certs.exchange.id}/manifest/")) == {"more": False}


def test_a_page_costs_a_fixed_number_of_queries(
    taxii: Taxii, certs: CertSetup, django_assert_max_num_queries: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection

    kz_id, uz_id = certs.certs["KZ"].identity_id, certs.certs["UZ"].identity_id
    post_ok(
        taxii("KZ"),
        certs.exchange,
        [indicator(kz_id, f"192.0.2.{i}", level=Tlp.AMBER, audience=[uz_id]) for i in range(40)],
    )
    uz = taxii("UZ")
    with django_assert_max_num_queries(4):  # the key with its grant, its touch, the page, the AMBER reads' log
        assert len(body(uz.get(objects_url(certs.exchange), limit=40))["objects"]) == 40
    # Then from the key cache: one statement on PostgreSQL (the page, its key re-checked, its log), two elsewhere.
    logged_before = SensitiveRead.objects.count()
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        assert len(body(uz.get(objects_url(certs.exchange), limit=40))["objects"]) == 40
    assert SensitiveRead.objects.count() == logged_before + 1
    if connection.vendor == "postgresql":  # the prepared page keeps one plan: not planned again on every request
        with connection.cursor() as cur:
            cur.execute("SHOW plan_cache_mode")
            assert cur.fetchone()[0] == "force_generic_plan"


def test_a_cached_key_is_refused_as_soon_as_it_is_revoked_or_its_grant_withdrawn_anywhere(
    taxii: Taxii, certs: CertSetup
) -> None:
    """Another process revoking the key (here: the row written directly, so this process's cache is not told) is
    obeyed on the next page: the page's own query re-checks the key."""
    from django.utils import timezone

    from sco.core import tokens
    from sco.infosec.models import ApiKey, Grant

    kz_id = certs.certs["KZ"].identity_id
    post_ok(taxii("KZ"), certs.exchange, [indicator(kz_id, "192.0.2.90")])
    uz, ru = taxii("UZ"), taxii("RU")
    for client in (uz, ru):
        assert client.get(objects_url(certs.exchange)).status_code == 200  # now in the cache
        assert client.get(f"/taxii2/sco/collections/{certs.exchange.id}/manifest/").status_code == 200
    uz_prefix = tokens.parse_prefix(certs.keys["UZ"])
    ApiKey.objects.filter(prefix=uz_prefix).update(revoked_at=timezone.now())
    assert uz.get(objects_url(certs.exchange)).status_code == 401
    assert uz.get(f"/taxii2/sco/collections/{certs.exchange.id}/manifest/").status_code == 401
    Grant.objects.filter(cert=certs.certs["RU"], collection=certs.exchange).update(can_read=False)
    assert ru.get(objects_url(certs.exchange)).status_code == 403
    assert ru.get(f"/taxii2/sco/collections/{certs.exchange.id}/manifest/").status_code == 403


def test_revoking_a_key_through_the_service_empties_this_process_s_cache(taxii: Taxii, certs: CertSetup) -> None:
    from sco.core import tokens
    from sco.infosec import access
    from sco.infosec.models import ApiKey

    uz = taxii("UZ")
    assert uz.get(objects_url(certs.exchange)).status_code == 200
    prefix = tokens.parse_prefix(certs.keys["UZ"])
    assert any(entry[0] == prefix for entry in access._key_cache)
    services.key_revoke(actor=None, key=ApiKey.objects.get(prefix=prefix))
    assert not any(entry[0] == prefix for entry in access._key_cache)
    assert uz.get(objects_url(certs.exchange)).status_code == 401


def test_served_objects_are_byte_for_byte_what_arrived_and_signed(taxii: Taxii, certs: CertSetup) -> None:
    from sco.infosec import signing

    kz_id = certs.certs["KZ"].identity_id
    kz = taxii("KZ")
    ind = indicator(kz_id, "192.0.2.80", description="Адрес управляющего сервера 控制服务器")
    post_ok(kz, certs.exchange, [ind])
    served = body(kz.get(f"{objects_url(certs.exchange)}{ind['id']}/"))["objects"][0]
    assert served == ind
    sigs = body(kz.get(f"{objects_url(certs.exchange)}{ind['id']}/signatures/"))
    assert signing.verify(served, sigs["signatures"][0]["jws"], sigs["jwks"])
    assert not signing.verify({**served, "name": "forged"}, sigs["signatures"][0]["jws"], sigs["jwks"])


def test_the_key_and_verify_commands(certs: CertSetup, tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("infosec_key", "create", "--user", "cert-kz", "--collections", "green", stdout=out)
    token = out.getvalue().split()[0]
    assert TaxiiClient(token).get(objects_url(certs.green)).status_code == 200
    assert TaxiiClient(token).get(objects_url(certs.exchange)).status_code == 404
    prefix = token.split("_")[1]
    call_command("infosec_key", "revoke", "--user", "cert-kz", "--prefix", prefix, stdout=StringIO())
    assert TaxiiClient(token).get(objects_url(certs.green)).status_code == 401

    kz_id = certs.certs["KZ"].identity_id
    ind = indicator(kz_id, "192.0.2.90")
    post_ok(TaxiiClient(certs.keys["KZ"]), certs.exchange, [ind])
    sig = body(TaxiiClient(certs.keys["KZ"]).get(f"{objects_url(certs.exchange)}{ind['id']}/signatures/"))
    (tmp_path / "obj.json").write_text(json.dumps(ind))
    (tmp_path / "jwks.json").write_text(json.dumps(sig["jwks"]))
    jws = sig["signatures"][0]["jws"]
    out = StringIO()
    call_command("infosec_verify", str(tmp_path / "obj.json"), jws, "--jwks", str(tmp_path / "jwks.json"), stdout=out)
    assert "valid signature" in out.getvalue()
    (tmp_path / "obj.json").write_text(json.dumps({**ind, "pattern": "[ipv4-addr:value = '192.0.2.91']"}))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("infosec_verify", str(tmp_path / "obj.json"), jws, "--jwks", str(tmp_path / "jwks.json"))


def test_the_hand_written_page_query_and_the_queryset_rule_agree(certs: CertSetup) -> None:
    from sco.infosec import selectors
    from sco.infosec.access import Caller

    kz_id, uz_id = certs.certs["KZ"].identity_id, certs.certs["UZ"].identity_id
    kz = Caller(user=certs.users["KZ"], cert=certs.certs["KZ"])
    objects = [
        indicator(kz_id, f"192.0.2.{i}", level=level, audience=audience)
        for i, (level, audience) in enumerate(
            [
                (Tlp.CLEAR, None),
                (Tlp.GREEN, None),
                (Tlp.AMBER, [uz_id]),
                (Tlp.AMBER_STRICT, None),
                (Tlp.RED, [_person("cert-ru")]),
            ]
        )
    ]
    services.objects_add(caller=kz, collection=certs.exchange, objects=objects)
    for code in ("KZ", "UZ", "RU"):
        caller = Caller(user=certs.users[code], cert=certs.certs[code])
        for versions in (("last",), ("first",), ("all",)):
            filters = selectors.Filters(versions=versions)
            raw = [
                r[0]
                for r in selectors.page(
                    caller=caller, collection=certs.exchange, filters=filters, limit=50, next_token=None
                ).rows
            ]
            orm = list(
                StixObject.objects.filter(collection=certs.exchange)
                .visible_to(caller.viewer)
                .order_by("date_added", "id")
                .values_list("id", flat=True)
            )
            assert raw == orm, (code, versions)
    nobody = Caller(user=None, cert=None)
    assert (
        len(
            selectors.page(
                caller=nobody, collection=certs.exchange, filters=selectors.Filters(), limit=50, next_token=None
            ).rows
        )
        == 1
    )
