from __future__ import annotations

import csv
from typing import Any

import pytest
from django.test import Client

from sco.trade import reference, selectors

MEMBERS = {"BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"}


def test_every_shipped_gdp_and_world_export_row_names_its_source() -> None:
    for path in (reference.GDP_FILE, reference.WORLD_EXPORTS_FILE):
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows and all(r["source"].strip() for r in rows), path
    assert {iso3 for iso3, _year in reference.gdp()} == MEMBERS
    assert all(figure.value > 0 for figure in reference.gdp().values())
    # The World Bank's 2020 GDP of Kazakhstan, US$171.08 billion (NY.GDP.MKTP.CD).
    assert reference.gdp()[("KAZ", 2020)].value == pytest.approx(171_082_365_861.42)
    assert reference.world_exports()[2020].value == 17.6e12


def test_openness_is_trade_with_the_world_over_gdp_in_both_variants(shipped: Any) -> None:
    codes = selectors.member_set(mode="today", year=2020).codes
    with selectors.data("imf-dots") as con:
        view = selectors.reporter_view(con, dataset="imf-dots", reporter="KAZ", year=2020, codes=codes)
        world = con.execute(
            "SELECT sum(value) FROM obs WHERE reporter = 'KAZ' AND partner = 'WLD' AND year = 2020"
        ).fetchone()
    assert world and view.openness is not None and view.openness_unctad is not None
    assert view.openness == pytest.approx(world[0] / reference.gdp()[("KAZ", 2020)].value)
    assert view.openness_unctad == pytest.approx(view.openness / 2)
    assert "NY.GDP.MKTP.CD" in view.openness_note


def test_trade_intensity_uses_the_partners_imports_from_the_world_and_unctads_world_exports(shipped: Any) -> None:
    codes = selectors.member_set(mode="today", year=2020).codes
    with selectors.data("imf-dots") as con:
        view = selectors.reporter_view(con, dataset="imf-dots", reporter="KAZ", year=2020, codes=codes)
        flows = dict(
            ((r, p, f), v)
            for r, p, f, v in con.execute(
                "SELECT reporter, partner, flow, value FROM obs WHERE year = 2020 AND reporter IN ('KAZ', 'CHN')"
            ).fetchall()
        )
    china = next(r for r in view.rows if r.partner == "CHN")
    expected = (flows[("KAZ", "CHN", "X")] / flows[("KAZ", "WLD", "X")]) / (flows[("CHN", "WLD", "M")] / 17.6e12)
    assert china.intensity == pytest.approx(expected)
    assert "hbs.unctad.org" in view.intensity_note


def test_without_a_sourced_figure_the_indicator_is_unavailable_with_the_reason(shipped: Any) -> None:
    codes = selectors.member_set(mode="today", year=2015).codes
    with selectors.data("imf-dots") as con:
        view = selectors.reporter_view(con, dataset="imf-dots", reporter="KAZ", year=2015, codes=codes)
    assert all(r.intensity is None for r in view.rows)
    assert "Not available for 2015" in view.intensity_note and "2019, 2020" in view.intensity_note
    assert view.openness is not None  # GDP is shipped for 1992-2020


@pytest.mark.parametrize(("language", "words"), [("en", "Openness"), ("ru", "Открытость"), ("zh-hans", "开放度")])
def test_the_dashboard_shows_intensity_and_openness_with_their_sources_in_each_language(
    shipped: Any, client: Client, language: str, words: str
) -> None:
    client.cookies["django_language"] = language
    html = client.get("/trade/", {"reporter": "KAZ", "year": "2020", "set": "today"}).content.decode()
    assert words in html and "NY.GDP.MKTP.CD" in html and "hbs.unctad.org" in html
    assert 'id="reporter-openness"' in html and 'class="num intensity" data-value="' in html
    page = client.get("/trade/indicators/").content.decode()
    assert "data.worldbank.org/indicator/NY.GDP.MKTP.CD" in page and "hbs.unctad.org" in page
