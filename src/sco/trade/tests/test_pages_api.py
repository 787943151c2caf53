from __future__ import annotations

import io
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.test import Client
from django.utils import translation

from sco.core.errors import InvalidInput
from sco.trade import selectors
from sco.trade.errors import UnknownCountry
from sco.trade.tests.test_imports import COMTRADE, comtrade_row


def test_member_sets_follow_membership_by_date(organisation: None) -> None:
    assert len(selectors.member_set(mode="year", year=2020).codes) == 8
    assert "IRN" in selectors.member_set(mode="year", year=2023).codes
    assert "BLR" not in selectors.member_set(mode="year", year=2023).codes
    assert len(selectors.member_set(mode="year", year=2024).codes) == 10
    assert len(selectors.member_set(mode="today", year=2020).codes) == 10
    assert selectors.member_set(mode="fixed", year=2020, fixed=["kaz", "chn"]).codes == ("CHN", "KAZ")


def test_an_unknown_code_in_a_fixed_set_is_a_field_error_naming_it(organisation: None) -> None:
    with pytest.raises(InvalidInput) as refused:
        selectors.member_set(mode="fixed", year=2020, fixed=["kaz", "chn", "XXX"])
    assert "XXX" in refused.value.field_errors["members"][0]


def test_a_member_state_is_found_by_iso3_or_by_two_letters_and_an_unknown_code_fails_loudly(
    organisation: None,
) -> None:
    assert selectors.member_state(code="kaz").iso3 == "KAZ"
    assert selectors.member_state(code="KZ", field="reporter").iso3 == "KAZ"
    with pytest.raises(UnknownCountry):
        selectors.member_state(code="MNG")  # an observer, never a member: a 404 in a URL
    for code in ["XXX", "MNG", "MN", "", "K" * 50]:
        with pytest.raises(InvalidInput) as refused:
            selectors.member_state(code=code, field="reporter")
        assert refused.value.field_errors["reporter"]


def test_the_dashboard_total_changes_with_the_member_set(shipped: Any) -> None:
    in_year = selectors.dashboard(year=2020, mode="year")
    today = selectors.dashboard(year=2020, mode="today")
    assert in_year.members and today.members and len(in_year.members.codes) == 8
    assert in_year.intra_total and today.intra_total and today.intra_total > in_year.intra_total
    assert in_year.reporter and {r.partner for r in in_year.reporter.rows} == set(in_year.members.codes) - {"KAZ"}
    assert today.reporter and len(today.reporter.rows) == 9


def test_the_dashboard_page_shows_the_source_the_coverage_and_the_published_figure(
    shipped: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(30):
        response = client.get("/trade/", {"reporter": "KAZ", "year": "2020", "set": "today"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "International Monetary Fund, Direction of Trade Statistics" in html
    assert "ends in 2020" in html and "+6.5%" in html and "https://en.trend.az/casia/kazakhstan/3919708.html" in html
    assert 'data-value="9004.01"' in html  # Kazakhstan's exports to China in 2020, the IMF's 9004.006953
    assert "vendor/plotly/plotly.min.js" in html and 'id="trade-charts"' in html


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_the_pages_answer_in_each_language(shipped: Any, client: Client, language: str) -> None:
    client.cookies["django_language"] = language
    for url in ["/trade/", "/trade/members/KAZ/", "/trade/pairs/KAZ/CHN/", "/trade/indicators/", "/trade/imports/"]:
        assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200, url


def test_unknown_states_and_datasets_are_not_a_500(shipped: Any, client: Client) -> None:
    assert client.get("/trade/members/XXX/").status_code == 404
    assert client.get("/trade/members/MN/").status_code == 404  # an observer, not a member
    assert client.get("/trade/pairs/KAZ/KAZ/").status_code == 404
    assert client.get("/trade/", {"dataset": "nope"}).status_code == 422
    assert client.get("/trade/", {"set": "fixed", "members": ["KAZ"]}).status_code == 422
    assert client.get("/trade/", {"year": "abcd"}).status_code == 200
    assert client.get("/trade/", {"reporter": "XXX"}).status_code == 422
    assert client.get("/trade/", {"set": "fixed", "members": ["KAZ", "XXX"]}).status_code == 422


def test_downloads_in_csv_and_parquet_carry_the_source(shipped: Any, client: Client) -> None:
    csv_response = client.get("/trade/data.csv", {"year": "2020", "reporter": "KAZ"})
    text = b"".join(csv_response.streaming_content).decode()  # type: ignore[attr-defined]
    assert text.splitlines()[0].startswith("dataset,year,reporter,partner,flow,product,value_usd")
    assert len(text.splitlines()) == 1 + 20 and "Direction of Trade Statistics" in text
    parquet = client.get("/trade/data.parquet", {"year": "2020"})
    table = pq.read_table(io.BytesIO(b"".join(parquet.streaming_content)))  # type: ignore[attr-defined]
    assert table.num_rows == 200 and "source" in table.column_names


def test_the_api_gives_the_summary_pair_published_figures_and_indicators(shipped: Any, api: Any) -> None:
    summary = api.get_json("/api/v1/trade/summary?year=2020&set=year&reporter=KAZ").json()
    assert summary["members"]["mode"] == "year" and len(summary["members"]["codes"]) == 8
    china = next(p for p in summary["reporter"]["partners"] if p["partner"] == "CHN")
    assert china["exports_usd"] == pytest.approx(9004.006953e6)
    pair = api.get_json("/api/v1/trade/pairs/KAZ/CHN").json()
    assert pair[-1]["year"] == 2020 and pair[-1]["gap_ab_pct"] is not None
    published = api.get_json("/api/v1/trade/published?reporter=KAZ").json()
    assert any(p["growth_pct"] == 6.5 and p["data_dataset"] is None for p in published)
    keys = {i["key"] for i in api.get_json("/api/v1/trade/indicators").json()}
    assert {"growth", "rca", "intensity", "complementarity", "hhi_wits", "openness", "mirror_gap"} <= keys
    assert api.get_json("/api/v1/trade/members/ZZZ/series").status_code == 404
    series = api.get_json("/api/v1/trade/members/KAZ/series").json()
    assert series[-1]["year"] == 2020 and series[0]["year"] >= 2001


def test_the_api_import_is_for_the_secretariat_and_a_second_upload_changes_nothing(
    api: Any, secretariat: Any, head_of_delegation: Any
) -> None:
    body = "\n".join([",".join(COMTRADE), ",".join(map(str, comtrade_row(2023, 398, "X", 156, 10)))]) + "\n"

    def upload(client: Any) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(
            "/api/v1/trade/imports",
            {"file": SimpleUploadedFile("kaz-2023.csv", body.encode(), content_type="text/csv")},
            **client._headers({}),
        )

    assert upload(api.as_user(head_of_delegation("KZ"))).status_code == 403
    first = upload(api.as_user(secretariat))
    assert first.status_code == 201 and first.json()["rows"] == 1
    second = upload(api.as_user(secretariat))
    assert second.status_code == 200 and second.json()["created"] is False


def test_a_bad_upload_is_problem_json_with_the_line(api: Any, secretariat: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api.as_user(secretariat)
    bad = "\n".join([",".join(COMTRADE), ",".join(map(str, comtrade_row(2023, 398, "X", 156, -1)))]) + "\n"
    response = client.post(
        "/api/v1/trade/imports", {"file": SimpleUploadedFile("bad.csv", bad.encode())}, **client._headers({})
    )
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    with translation.override("en"):
        assert "negative value" in response.json()["detail"] and "line 2" in response.json()["detail"]


def test_a_member_page_computes_rca_and_complementarity_from_product_detail(
    reference_data: None, organisation: None, client: Client, tmp_path: Any
) -> None:
    from sco.trade import services
    from sco.trade.tests.conftest import write_csv

    rows = [
        [2019, 398, 156, 270900, 80, 1], [2019, 398, 643, 100190, 20, 1], [2019, 156, 398, 850440, 50, 1],
        [2019, 156, 643, 850440, 50, 1], [2019, 643, 398, 270900, 25, 1], [2019, 643, 156, 100190, 75, 1],
    ]  # fmt: skip
    services.trade_import(actor=None, path=write_csv(tmp_path / "baci.csv", ["t", "i", "j", "k", "v", "q"], rows))
    with selectors.data() as con:
        got = selectors.product_indicators(
            con, dataset="cepii-baci", reporter="KAZ", year=2019, partners=["CHN", "RUS"]
        )
    assert got is not None and got.products == 2
    assert got.rca[0][0] == "270900" and got.rca[0][2] == pytest.approx((80 / 100) / (105 / 300))
    tci = dict(got.complementarity)
    assert tci["CHN"] == pytest.approx(100 * (1 - (abs(80 / 155 - 0.8) + abs(75 / 155 - 0.2)) / 2))
    html = client.get("/trade/members/KAZ/", {"dataset": "cepii-baci"}).content.decode()
    assert "270900" in html and "2.286" in html


def test_the_home_page_has_the_trade_panel(shipped: Any, client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'id="home-trade"' in html and "2020" in html


def test_the_home_trade_panel_is_read_from_the_store_once_per_import_and_language(
    shipped: Any, rf: Any, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    from sco.trade import home
    from sco.trade.models import Import

    reads: list[str] = []
    real = home._render
    monkeypatch.setattr(home, "_render", lambda request: reads.append("read") or real(request))
    first = home.trade_panel(rf.get("/"))
    with django_assert_num_queries(0):  # kept: no query, no DuckDB read
        assert home.trade_panel(rf.get("/")) == first
    with translation.override("ru"):
        in_russian = home.trade_panel(rf.get("/"))
    assert len(reads) == 2 and in_russian != first
    Import.objects.order_by("pk").last().save()  # a write of an import: the panel is read from the store again
    home.trade_panel(rf.get("/"))
    assert len(reads) == 3


def test_the_secretariat_imports_through_the_page_and_a_bad_file_is_422_with_the_line(
    reference_data: None, secretariat: Any, head_of_delegation: Any, client: Client
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sco.trade.models import Import

    good = "\n".join([",".join(COMTRADE), ",".join(map(str, comtrade_row(2023, 398, "X", 156, 10)))]) + "\n"
    bad = good + ",".join(map(str, comtrade_row(2023, 398, "M", 156, -3))) + "\n"
    client.force_login(head_of_delegation("KZ"))
    assert 'id="import-form"' not in client.get("/trade/imports/").content.decode()
    refused = client.post("/trade/imports/", {"file": SimpleUploadedFile("a.csv", good.encode())})
    assert refused.status_code == 422 and Import.objects.count() == 0
    client.force_login(secretariat)
    assert 'id="import-form"' in client.get("/trade/imports/").content.decode()
    response = client.post("/trade/imports/", {"file": SimpleUploadedFile("bad.csv", bad.encode())})
    assert response.status_code == 422 and "line 3" in response.content.decode() and Import.objects.count() == 0
    response = client.post("/trade/imports/", {"file": SimpleUploadedFile("kaz.csv", good.encode())})
    assert response.status_code == 302 and Import.objects.get().file_name == "kaz.csv"


def test_a_member_page_names_the_years_missing_from_the_data(
    reference_data: None, organisation: None, client: Client, tmp_path: Any
) -> None:
    from sco.trade import services
    from sco.trade.tests.conftest import write_csv

    rows = [comtrade_row(2021, 398, "X", 156, 5), comtrade_row(2023, 398, "X", 156, 6)]
    services.trade_import(actor=None, path=write_csv(tmp_path / "kaz.csv", COMTRADE, rows))
    html = client.get("/trade/members/KAZ/", {"dataset": "un-comtrade"}).content.decode()
    assert 'id="missing-years"' in html and "2022" in html.split('id="missing-years"')[1].split("</p>")[0]
