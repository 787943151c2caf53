"""What a delegate does in the browser: record the state's position, see errors in place, change it."""

import pytest

from sco.decisions.models import Position, PositionChange

pytestmark = pytest.mark.browser


def test_a_head_of_delegation_records_and_changes_the_position_in_place(page, login, head_of_delegation, open_decision):
    decision = open_decision()
    head_of_delegation("KZ")
    login("hod-kz")
    page.goto(f"/decisions/{decision.pk}/")
    row = page.locator('#positions tr[data-state="KZ"]')
    assert "None yet" in row.inner_text()

    page.get_by_label("Objection", exact=True).check()
    page.get_by_role("button", name="Record").click()
    page.wait_for_selector("#positions .error")
    assert "An objection needs its reasons." in page.locator("#positions").inner_text()
    assert not Position.objects.exists()

    page.fill("textarea[name=text]", "The financing plan is not yet agreed.")
    page.get_by_role("button", name="Record").click()
    page.wait_for_function(
        "document.querySelector('#positions tr[data-state=\"KZ\"]').innerText.includes('financing plan')"
    )
    assert "Objection" in page.locator('#positions tr[data-state="KZ"]').inner_text()
    assert page.url.endswith(f"/decisions/{decision.pk}/"), "the table changed in place"

    page.get_by_label("No objection", exact=True).check()
    page.fill("textarea[name=text]", "")
    page.get_by_role("button", name="Record").click()
    page.wait_for_function(
        "document.querySelector('#positions tr[data-state=\"KZ\"]').innerText.includes('No objection')"
    )
    assert Position.objects.get(decision=decision).kind == "no_objection"
    assert PositionChange.objects.filter(decision=decision).count() == 2


def test_the_decision_page_reads_in_russian(page, login, head_of_delegation, open_decision):
    decision = open_decision()
    head_of_delegation("KZ")
    login("hod-kz")
    page.goto(f"/decisions/{decision.pk}/")
    page.select_option("#lang-select", "ru")
    page.click("form.lang button")
    page.wait_for_load_state()
    assert "Позиции государств" in page.locator("#positions").inner_text()
    assert "Утверждение перечня проектов" in page.locator("h1").inner_text()
