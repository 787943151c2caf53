"""A CERT's administrator makes a TAXII key in the browser, copies its secret (shown once), and revokes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_admin_makes_a_key_sees_its_secret_once_and_revokes_it(
    page: Any, login: Callable[[str], Any], certs: Any
) -> None:
    from sco.infosec.models import ApiKey

    login("cert-uz")
    page.goto("/infosec/keys/")
    page.wait_for_selector("#keys")
    page.fill("input[name=name]", "Browser-made key")
    page.check(f"input[name=collections][value='{certs.green.pk}']")
    page.check("input[name=may_write]")
    page.fill("input[name=days]", "14")
    page.click("form:not([action]) button[type=submit]")
    secret = page.locator("#new-key").inner_text()
    assert secret.startswith("sco_")
    key = ApiKey.objects.get(name="Browser-made key")
    assert key.may_write and list(key.collections.all()) == [certs.green]

    page.click("text=Back to the keys")
    row = page.locator(f"#keys tr[data-prefix='{key.prefix}']")
    assert secret not in page.content()
    row.locator("button[type=submit]").click()
    page.wait_for_selector(f"#keys tr[data-prefix='{key.prefix}'] >> text=revoked")
    key.refresh_from_db()
    assert key.revoked_at is not None
