"""Who administers a CERT's keys: named and removed by the Secretariat for every CERT, by a CERT's administrators
for their own CERT only; audited; translated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from sco.core.models import AuditEntry
from sco.infosec.models import Cert
from sco.infosec.tests.conftest import CertSetup


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admins_url(cert: Cert) -> str:
    return f"/infosec/admins/{cert.pk}/"


@pytest.fixture
def second_uz_analyst(certs: CertSetup, make_mandate: Callable[..., Any]) -> Any:
    return make_mandate("cert-uz-2", "cert_analyst", state="UZ", institution="uz-cert")


@pytest.fixture
def secretariat(make_mandate: Callable[..., Any]) -> Any:
    return make_mandate("secretariat-staff", "secretariat")


def test_a_cert_admin_names_and_removes_an_admin_of_their_own_cert_audited(
    certs: CertSetup, second_uz_analyst: Any
) -> None:
    uz_cert = certs.certs["UZ"]
    uz = signed_in(certs.users["UZ"])
    assert uz.get("/infosec/admins/")["Location"] == admins_url(uz_cert)
    page = uz.get(admins_url(uz_cert))
    assert page.status_code == 200 and "cert-uz-2" in page.content.decode()  # a candidate
    response = uz.post(admins_url(uz_cert), {"user": second_uz_analyst.pk})
    assert response.status_code == 302
    assert set(uz_cert.admins.values_list("username", flat=True)) == {"cert-uz", "cert-uz-2"}
    entry = AuditEntry.objects.filter(action="infosec.cert_admin_set").order_by("-seq").first()
    assert entry is not None and entry.actor == certs.users["UZ"]
    assert entry.after == {"user": "cert-uz-2", "admin": True}
    # the new admin manages the keys now
    assert signed_in(second_uz_analyst).get(f"/infosec/keys/{uz_cert.pk}/").status_code == 200
    assert uz.post(f"{admins_url(uz_cert)}{second_uz_analyst.pk}/remove/").status_code == 302
    assert list(uz_cert.admins.values_list("username", flat=True)) == ["cert-uz"]
    assert signed_in(second_uz_analyst).get(f"/infosec/keys/{uz_cert.pk}/").status_code == 404


def test_an_admin_of_one_state_s_cert_cannot_touch_another_s(certs: CertSetup, second_uz_analyst: Any) -> None:
    uz_cert, kz = certs.certs["UZ"], signed_in(certs.users["KZ"])
    assert kz.get(admins_url(uz_cert)).status_code == 404
    assert kz.post(admins_url(uz_cert), {"user": second_uz_analyst.pk}).status_code == 404
    assert kz.post(f"{admins_url(uz_cert)}{certs.users['UZ'].pk}/remove/").status_code == 404
    assert list(uz_cert.admins.values_list("username", flat=True)) == ["cert-uz"]
    assert not AuditEntry.objects.filter(action="infosec.cert_admin_set", actor=certs.users["KZ"]).exists()


def test_only_a_current_analyst_of_the_cert_may_be_named_and_the_last_admin_stays(
    certs: CertSetup, secretariat: Any
) -> None:
    uz_cert = certs.certs["UZ"]
    uz = signed_in(certs.users["UZ"])
    response = uz.post(admins_url(uz_cert), {"user": certs.users["KZ"].pk})  # KZ's analyst, not UZ's
    assert response.status_code == 422 and "user" in response.context["form"].errors
    response = uz.post(admins_url(uz_cert), {"user": "not-a-number"})
    assert response.status_code == 422
    uz.post(f"{admins_url(uz_cert)}{certs.users['UZ'].pk}/remove/")  # the last admin
    assert list(uz_cert.admins.values_list("username", flat=True)) == ["cert-uz"]
    # the Secretariat may remove the last one (and name one again)
    staff = signed_in(secretariat)
    assert staff.post(f"{admins_url(uz_cert)}{certs.users['UZ'].pk}/remove/").status_code == 302
    assert not uz_cert.admins.exists()
    assert uz.get(admins_url(uz_cert)).status_code == 404
    assert staff.post(admins_url(uz_cert), {"user": certs.users["UZ"].pk}).status_code == 302
    assert list(uz_cert.admins.values_list("username", flat=True)) == ["cert-uz"]


def test_the_secretariat_sees_every_cert_and_an_analyst_who_administers_none_sees_nothing(
    certs: CertSetup, secretariat: Any, second_uz_analyst: Any
) -> None:
    staff = signed_in(secretariat)
    listing = staff.get("/infosec/admins/")
    assert listing.status_code == 200
    for cert in certs.certs.values():
        assert admins_url(cert) in listing.content.decode()
    assert signed_in(second_uz_analyst).get("/infosec/admins/").status_code == 404
    assert Client().get("/infosec/admins/").status_code == 302  # to sign in


@pytest.mark.parametrize(("language", "heading"), [("ru", "Администраторы ключей"), ("zh-hans", "密钥管理员")])
def test_the_page_is_translated(certs: CertSetup, language: str, heading: str) -> None:
    page = signed_in(certs.users["UZ"]).get(
        admins_url(certs.certs["UZ"]), HTTP_ACCEPT_LANGUAGE=language, headers={"Accept-Language": language}
    )
    assert heading in page.content.decode()
