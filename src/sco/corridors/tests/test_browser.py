"""Done when: the map answers Xi'an to Duisburg by the Middle Corridor and by the Northern route with times, costs
and CO2; the Dostyk - Moyynty project, linked to its edge on its own page, shows the corridor's time and the
Dostyk - Moyynty bottleneck change."""

from __future__ import annotations

from typing import Any

import pytest

from sco.corridors import demo, selectors
from sco.corridors.tests.test_pages import make_dostyk_moyynty

pytestmark = pytest.mark.browser


def test_routes_on_the_map_and_a_project_moving_the_dostyk_bottleneck(
    transactional_db: Any, page: Any, login: Any, head_of_delegation: Any
) -> None:
    selectors.forget_cache()
    demo.load_network()
    demo.load_scenarios()
    kz = head_of_delegation("KZ")
    project = make_dostyk_moyynty(kz)

    # The live server's first page loads every part's code and compiles the network: on a loaded machine that can
    # take longer than the default 15 s.
    page.goto("/corridors/", timeout=90_000)
    page.select_option("#origin", "CN_XIAN")
    page.select_option("#destination", "DE_DUISBURG")
    page.check("#corridor-MC")
    page.check("#corridor-NR")
    page.click("#route-submit")
    mc = page.locator('#routes tr[data-corridor="MC"]')
    nr = page.locator('#routes tr[data-corridor="NR"]')
    mc_days, nr_days = float(mc.locator(".days-p50").inner_text()), float(nr.locator(".days-p50").inner_text())
    assert 38 <= mc_days <= 53 and 18 <= nr_days <= 20
    for row in (mc, nr):
        assert float(row.locator(".cost").inner_text()) > 0
        assert float(row.locator(".co2").inner_text()) > 0
    page.wait_for_selector("#corridor-map .main-svg")  # Plotly drew the map from the installed package
    assert page.locator("#map-disclaimer").is_visible()

    login("hod-kz")
    page.goto(f"/projects/{project.pk}/")
    form = page.locator("#corridor-edit-form")
    form.locator("select[name=edge]").select_option("KZ_DOSTYK>KZ_MOYYNTY")
    form.locator("select[name=kind]").select_option("capacity_factor")
    form.locator("input[name=value]").fill("5")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#corridor-before-after")
    form = page.locator("#corridor-edit-form")
    form.locator("select[name=edge]").select_option("KZ_DOSTYK>KZ_MOYYNTY")
    form.locator("select[name=kind]").select_option("time_minus_h")
    form.locator("input[name=value]").fill("11.7")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#corridor-edits li >> nth=1")

    row = page.locator('#corridor-before-after tr[data-corridor="NR"]')
    before, after = float(row.locator(".before-days").inner_text()), float(row.locator(".after-days").inner_text())
    assert after < before
    bottlenecks = page.locator("#corridor-bottlenecks tbody tr").first
    assert "KZ_DOSTYK>KZ_MOYYNTY" in bottlenecks.locator(".before-bottlenecks").inner_text()
    assert "KZ_DOSTYK>KZ_MOYYNTY" not in bottlenecks.locator(".after-bottlenecks").inner_text()
    assert "KZ_DOSTYK>KZ_MOYYNTY" in bottlenecks.locator(".removed").inner_text()


def test_a_delegate_writes_a_scenario_and_reads_its_run(
    transactional_db: Any, page: Any, login: Any, head_of_delegation: Any
) -> None:
    """A delegate opens the scenarios, writes one with an edit of the Dostyk - Moyynty edge, and reads its run:
    the bottlenecks with their shadow prices, the flows, and the edge no longer a bottleneck beside the baseline."""
    selectors.forget_cache()
    demo.load_network()
    demo.load_scenarios()
    head_of_delegation("KZ")
    login("hod-kz")
    page.goto("/corridors/scenarios/")
    page.click("#scenario-new")
    form = page.locator("#scenario-form")
    form.locator("input[name=key]").fill("kz-browser")
    form.locator("input[name=year]").fill("2030")
    form.locator("input[name=name_en]").fill("Dostyk tripled")
    form.locator("textarea[name=demands]").fill("CN_XIAN DE_DUISBURG 3000000\nCN_XIAN GE_POTI 1500000 MC")
    form.locator("textarea[name=edits]").fill("KZ_DOSTYK>KZ_MOYYNTY capacity_factor 3")
    form.locator("input[name=allow_unserved]").check()
    page.click("#scenario-submit")
    page.wait_for_url("**/corridors/scenarios/kz-browser/")
    assert page.locator("#scenario-bottlenecks li").count() >= 1
    assert page.locator("#scenario-flows tbody tr").count() > 3
    assert "KZ_DOSTYK>KZ_MOYYNTY" in page.locator("#scenario-comparison .before-bottlenecks").inner_text()
    assert "KZ_DOSTYK>KZ_MOYYNTY" in page.locator("#scenario-removed").inner_text()
    page.click("#scenario-share")
    page.wait_for_selector("#scenario-share", state="detached")
