"""The issue's 'done when': the dashboard in Russian, Kazakhstan in the latest shipped year, the member-set switch."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_russian_dashboard_shows_kazakhstan_against_the_source_and_switches_member_sets(
    page: Any, live_server: Any, shipped: Any, shared_dir: str
) -> None:
    source = Path(shared_dir) / "data/trade/imf_dots_sco_bilateral_long.csv"
    exports: dict[str, float] = {}
    with source.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["reporter_iso3"] == "KAZ" and r["year"] == "2020" and r["indicator"].startswith("Exports"):
                exports[r["partner_iso3"]] = float(r["value"])

    page.context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page.goto("/trade/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.select_option("#id_reporter", "KAZ")
    page.select_option("#id_year", "2020")  # the latest year of the shipped data
    page.check("input[name=set][value=year]")
    page.click("#trade-filter button[type=submit]")
    page.wait_for_url("**/trade/?*")

    assert page.locator("#member-set").get_attribute("data-count") == "8"
    partners = page.locator("#partners tbody tr")
    shown = {partners.nth(i).get_attribute("data-partner") for i in range(partners.count())}
    assert shown == {"CHN", "IND", "KGZ", "PAK", "RUS", "TJK", "UZB"}  # Iran and Belarus were not members in 2020
    for partner in shown:
        cell = page.locator(f"#partners tr[data-partner={partner}] td").nth(1)
        assert cell.get_attribute("data-value") == f"{exports[partner]:.2f}"
    assert "International Monetary Fund, Direction of Trade Statistics" in page.locator("#source").inner_text()
    in_year = float(page.locator("#intra-total").get_attribute("data-value") or 0)

    page.check("input[name=set][value=today]")
    page.click("#trade-filter button[type=submit]")
    page.wait_for_function("document.querySelector('#member-set').dataset.count === '10'")
    assert page.locator("#partners tbody tr").count() == 9
    assert float(page.locator("#intra-total").get_attribute("data-value") or 0) > in_year
    page.wait_for_selector("#chart-partners[data-drawn='1']")  # Plotly, served from the installed package

    published = page.locator("#published")
    assert "+6,5%" in published.inner_text()  # the seeds' +6.5%, in Russian number format
    assert published.locator("a[href='https://en.trend.az/casia/kazakhstan/3919708.html']").count() == 1
    assert "2020" in page.locator("#coverage").inner_text()
