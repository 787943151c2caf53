"""A CERT administrator's key pages: list (never a secret), make (the secret once), scope, expiry, revoke; audited;
only that CERT's administrators and the platform's administrator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sco.core.models import AuditEntry, User
from sco.infosec import services
from sco.infosec.models import ApiKey
from sco.infosec.tests.conftest import CertSetup, TaxiiClient, objects_url


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def keys_url(certs: CertSetup, code: str) -> str:
    return f"/infosec/keys/{certs.certs[code].pk}/"


def test_the_admin_lists_the_certs_keys_without_any_secret(certs: CertSetup) -> None:
    uz = signed_in(certs.users["UZ"])
    assert uz.get("/infosec/keys/")["Location"] == keys_url(certs, "UZ")
    page = uz.get(keys_url(certs, "UZ"))
    text = page.content.decode()
    key = ApiKey.objects.get(cert=certs.certs["UZ"])
    assert page.status_code == 200 and key.prefix in text
    assert certs.keys["UZ"] not in text and key.digest not in text
    assert ApiKey.objects.get(cert=certs.certs["KZ"]).prefix not in text  # another CERT's keys are not listed


def test_a_new_key_is_shown_once_scoped_expiring_audited_and_works(certs: CertSetup) -> None:
    uz = signed_in(certs.users["UZ"])
    response = uz.post(
        keys_url(certs, "UZ"),
        {"name": "MISP sync", "holder": certs.users["UZ"].pk, "collections": [certs.green.pk], "days": "30"},
    )
    assert response.status_code == 201 and "no-store" in response["Cache-Control"]
    token = response.context["token"]
    assert token in response.content.decode()
    key = ApiKey.objects.get(name="MISP sync")
    assert list(key.collections.all()) == [certs.green] and not key.may_write
    assert 29 <= (key.expires_at - key.created_at).days <= 30
    assert token not in uz.get(keys_url(certs, "UZ")).content.decode()  # never shown again
    entry = AuditEntry.objects.filter(action="infosec.key_created").order_by("-seq").first()
    assert entry is not None and entry.actor == certs.users["UZ"] and entry.after["prefix"] == key.prefix
    client = TaxiiClient(token)
    assert client.get(objects_url(certs.green)).status_code == 200
    assert client.get(objects_url(certs.exchange)).status_code == 404  # outside its scope


def test_bad_input_is_a_field_error_and_nothing_is_stored(certs: CertSetup) -> None:
    from sco.infosec.models import Collection

    uz = signed_in(certs.users["UZ"])
    before = ApiKey.objects.count()
    kz_feed = Collection.objects.get(alias="kz-cert-feed")  # UZ reads it but may not be scoped beyond its grants
    ru_user = certs.users["RU"]
    for data in (
        {"name": "x", "holder": certs.users["UZ"].pk, "collections": [certs.green.pk], "days": "0"},
        {"name": "x", "holder": ru_user.pk, "collections": [certs.green.pk], "days": "30"},  # not a UZ analyst
        {"name": "x", "holder": certs.users["UZ"].pk, "collections": [], "days": "30"},
    ):
        assert uz.post(keys_url(certs, "UZ"), data).status_code == 422
    assert kz_feed.pk  # present, granted read-only: a key may still be scoped to it
    assert ApiKey.objects.count() == before


def test_only_that_certs_admin_or_the_platform_admin_may_manage_its_keys(
    certs: CertSetup, make_mandate: Callable[..., Any]
) -> None:
    analyst = make_mandate("cert-uz-2", "cert_analyst", state="UZ", institution="uz-cert")  # not an admin
    key = ApiKey.objects.get(cert=certs.certs["UZ"])
    revoke = f"{keys_url(certs, 'UZ')}{key.prefix}/revoke/"
    for client in (signed_in(analyst), signed_in(certs.users["RU"])):
        assert client.get(keys_url(certs, "UZ")).status_code == 404
        assert client.post(keys_url(certs, "UZ"), {"name": "x"}).status_code == 404
        assert client.post(revoke).status_code == 404
    assert signed_in(analyst).get("/infosec/keys/").status_code == 404
    assert Client().get(keys_url(certs, "UZ")).status_code == 302  # to the login page
    assert ApiKey.objects.get(pk=key.pk).revoked_at is None

    platform = User.objects.create_superuser("platform-admin", "admin@example.org", "pw-not-used-x1")
    admin = signed_in(platform)
    assert admin.get(keys_url(certs, "UZ")).status_code == 200
    assert admin.post(revoke).status_code == 302
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None


def test_a_revoked_key_is_refused_at_once_and_the_revocation_is_audited(certs: CertSetup) -> None:
    uz = signed_in(certs.users["UZ"])
    key = ApiKey.objects.get(cert=certs.certs["UZ"])
    assert TaxiiClient(certs.keys["UZ"]).get(objects_url(certs.green)).status_code == 200
    assert uz.post(f"{keys_url(certs, 'UZ')}{key.prefix}/revoke/").status_code == 302
    assert TaxiiClient(certs.keys["UZ"]).get(objects_url(certs.green)).status_code == 401
    assert AuditEntry.objects.filter(action="infosec.key_revoked", actor=certs.users["UZ"]).count() == 1
    page = uz.get(keys_url(certs, "UZ")).content.decode()
    assert "revoked" in page


def test_the_system_makes_a_key_for_an_analyst_without_an_admin(certs: CertSetup) -> None:
    key, token = services.key_create(
        actor=None, holder=certs.users["RU"], cert=certs.certs["RU"], name="cli", collections=[certs.green]
    )
    assert key.user == certs.users["RU"] and token.startswith("sco_")


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_the_keys_page_speaks_the_readers_language(certs: CertSetup, language: str) -> None:
    uz = signed_in(certs.users["UZ"])
    uz.cookies["django_language"] = language
    text = uz.get(keys_url(certs, "UZ")).content.decode()
    assert "New key" not in text and "Make the key" not in text
