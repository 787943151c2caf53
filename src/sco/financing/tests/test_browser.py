"""The issue's "done when", in the browser: an approved project through a financing plan (two institutions, two
currencies), a weighted board vote approving one institution's loan, commitments that close the gap, financial close
(the project moves to implementation), two disbursements and one reversal, with the gap and totals checked at every
step; a financier of another institution is refused.

The current demo data has no project in the "approved" status (another change rewrites the demo story), so the test
makes its own approved project with the test factory; everything after that goes through the pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from sco.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def session(browser: Any, live_server: Any, username: str, locale: str = "en-GB") -> Any:
    context = browser.new_context(base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]:not(.small)")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def figures(page: Any) -> tuple[str, str, str]:
    return page.inner_text("#committed"), page.inner_text("#disbursed"), page.inner_text("#gap")


def add_tranche(page: Any, institution: str, currency: str, amount: str, *, board: bool = False) -> None:
    page.click("#plan summary")
    page.select_option("#id_t-institution", institution)
    page.select_option("#id_t-instrument", "loan")
    page.fill("#id_t-currency", currency)
    page.fill("#id_t-amount", amount)
    page.fill("#id_t-tenor_months", "180")
    page.select_option("#id_t-rate_kind", "fixed")
    page.fill("#id_t-fixed_rate", "4.5")
    if board:
        page.check("#id_t-needs_board_approval")
    page.click("#tranche-form button[type=submit]")
    page.wait_for_url(re.compile(r"#plan$"))


def record(page: Any, kind: str, amount: str, currency: str, date: str) -> None:
    page.select_option("#id_e-kind", kind)
    page.fill("#id_e-value_date", date)
    page.fill("#id_e-currency", currency)
    page.fill("#id_e-amount", amount)
    page.click("#entry-form button[type=submit]")
    page.wait_for_url(re.compile(r"#ledger$"))


def test_a_project_is_financed_to_close_and_disbursed_in_the_browser(
    transactional_db: Any,
    browser: Any,
    live_server: Any,
    make_project: Callable[..., Any],
    financier: Callable[[str], Any],
    head_of_delegation: Callable[[str], Any],
    secretariat: Any,
) -> None:
    from sco.core.services import token_create
    from sco.financing import services

    project = make_project(cost="1000000", currency="USD")
    services.rates_import(
        actor=secretariat,
        rows=[{"date": "2024-01-01", "base": "USD", "quote": "KZT", "rate": "500"}],
        source="Test rate (synthetic, for this test only)",
    )
    edb_user = financier("eurasian-development-bank")
    financier("aiib")
    for code in ("RU", "KZ"):
        head_of_delegation(code)
    tab = f"/financing/projects/{project.pk}/"

    # The sponsor's delegation moves the project to financing and proposes the plan: two institutions, two currencies.
    kz = session(browser, live_server, "hod-kz")
    kz.goto(f"/projects/{project.pk}/")
    kz.click('button[data-step="start_financing"]')
    kz.wait_for_load_state()
    assert "financing" in kz.inner_text("#financing-h").lower()
    kz.goto(tab)
    add_tranche(kz, "eurasian-development-bank", "USD", "600000", board=True)
    add_tranche(kz, "aiib", "KZT", "200000000")
    assert kz.locator("#plan tbody tr").count() == 2
    assert "200,000,000.00 KZT" in kz.inner_text("#plan")
    assert figures(kz) == ("0.00 USD", "0.00 USD", "1,000,000.00 USD")
    assert "No financial close yet" in kz.inner_text("#close")

    # A commitment before the board's approval is refused on the form (422), nothing stored.
    edb = session(browser, live_server, edb_user.username)
    edb.goto(tab)
    edb.select_option("#id_e-kind", "commitment")
    edb.fill("#id_e-value_date", "2026-02-01")
    edb.fill("#id_e-currency", "USD")
    edb.fill("#id_e-amount", "600000")
    edb.click("#entry-form button[type=submit]")
    assert "board" in edb.inner_text("#entry-form .alert")
    edb.goto(tab)
    assert "Nothing recorded yet" in edb.inner_text("#ledger")

    # The EDB board votes by weighted majority of capital shares: Russia (44.79 %) and Kazakhstan (37.29 %) adopt it.
    edb.click("#votes summary")
    edb.select_option("#id_v-rule", "weighted_majority")
    edb.click("#vote-form button[type=submit]")
    edb.wait_for_url(re.compile(r"#votes$"))
    for code in ("RU", "KZ"):
        voter = kz if code == "KZ" else session(browser, live_server, f"hod-{code.lower()}")
        voter.goto(tab)
        voter.click(f'button[data-ballot="{code}"]')
        voter.wait_for_url(re.compile(r"#votes$"))
    status = kz.locator(".vote [data-status]").first.get_attribute("data-status")
    assert status == "adopted"
    assert kz.locator(".vote [data-yes]").first.get_attribute("data-yes") == "82.1"

    # Commitments close the gap: 600,000 USD, then 200,000,000 KZT (400,000 USD at 500 KZT per USD).
    edb.goto(tab)
    record(edb, "commitment", "600000", "USD", "2026-02-01")
    assert figures(edb) == ("600,000.00 USD", "0.00 USD", "400,000.00 USD")
    aiib = session(browser, live_server, "fin-aiib")
    aiib.goto(tab)
    record(aiib, "commitment", "200000000", "KZT", "2026-02-10")
    assert figures(aiib) == ("1,000,000.00 USD", "0.00 USD", "0.00 USD")
    assert "Financial close reached" in aiib.inner_text("#close")

    # A financier of another institution is refused (403 problem+json), and nothing is stored.
    aiib_tranche = project.financing_plan.tranches.get(institution__code="aiib")
    _row, token = token_create(actor=edb_user, user=edb_user, name="browser test")
    refused = edb.request.post(
        f"/api/v1/financing/tranches/{aiib_tranche.pk}/entries",
        data={"kind": "disbursement", "amount": "1", "currency": "KZT", "value_date": "2026-03-01"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status == 403 and refused.json()["code"] == "not_this_institution"

    # Financial close holds, so the sponsor starts implementation.
    kz.goto(f"/projects/{project.pk}/")
    kz.click('button[data-step="start_implementation"]')
    kz.wait_for_load_state()
    assert "Implementation" in kz.inner_text("#status")

    # Two disbursements and one reversal.
    edb.goto(tab)
    record(edb, "disbursement", "100000", "USD", "2026-03-01")
    assert figures(edb) == ("1,000,000.00 USD", "100,000.00 USD", "0.00 USD")
    record(edb, "disbursement", "50000", "USD", "2026-04-01")
    assert figures(edb) == ("1,000,000.00 USD", "150,000.00 USD", "0.00 USD")
    edb.fill("#ledger tr[data-entry='3'] input[name=reason]", "Paid to the wrong account")
    edb.click("button[data-reverse='3']")
    edb.wait_for_url(re.compile(r"#ledger$"))
    assert figures(edb) == ("1,000,000.00 USD", "50,000.00 USD", "0.00 USD")
    assert "reverses #3" in edb.inner_text("#ledger")
    assert edb.locator("#ledger tbody tr").count() == 5
    assert edb.locator("#chart-timeline .main-svg").count() >= 1  # Plotly drew the chart from the page's data
