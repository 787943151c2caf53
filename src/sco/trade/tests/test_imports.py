from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from sco.core.audit import AuditEntry
from sco.core.errors import NotPermitted
from sco.trade import selectors, services
from sco.trade.errors import BadTradeFile, ImportOverlaps
from sco.trade.models import Import
from sco.trade.tests.conftest import write_csv

COMTRADE = [
    "typeCode", "freqCode", "refYear", "period", "reporterCode", "reporterISO", "flowCode", "partnerCode",
    "partnerISO", "partner2Code", "classificationCode", "cmdCode", "customsCode", "motCode", "qty", "primaryValue",
]  # fmt: skip


def comtrade_row(year: int, reporter: int, flow: str, partner: int, value: object, **over: object) -> list[object]:
    row: dict[str, object] = {
        "typeCode": "C", "freqCode": "A", "refYear": year, "period": year, "reporterCode": reporter,
        "reporterISO": "", "flowCode": flow, "partnerCode": partner, "partnerISO": "", "partner2Code": 0,
        "classificationCode": "H6", "cmdCode": "TOTAL", "customsCode": "C00", "motCode": 0, "qty": "",
        "primaryValue": value,
    }  # fmt: skip
    row.update(over)
    return [row[c] for c in COMTRADE]


def stored_files(root: Path) -> list[Path]:
    return sorted((root / "obs").rglob("*.parquet")) if (root / "obs").exists() else []


def test_shipped_data_imports_once_and_a_second_import_changes_nothing(shipped: Any, trade_store: Path) -> None:
    assert shipped.created and shipped.record.rows == 6342 and shipped.record.year_max == 2020
    files, audits = stored_files(trade_store), AuditEntry.objects.filter(action="trade.imported").count()
    again = services.shipped_data_load()
    assert not again.created and again.record.pk == shipped.record.pk
    assert stored_files(trade_store) == files and Import.objects.count() == 1
    assert AuditEntry.objects.filter(action="trade.imported").count() == audits == 1


def test_shipped_figures_equal_the_source_file_in_the_shared_folder(shipped: Any, shared_dir: str) -> None:
    source = Path(shared_dir) / "data/trade/imf_dots_sco_bilateral_long.csv"
    expected: dict[tuple[str, str, str], float] = {}
    with source.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["reporter_iso3"] == "KAZ" and r["year"] == "2020" and r["partner_iso3"] != "WLD":
                expected[(r["partner_iso3"], r["indicator"][:7], r["flag"])] = float(r["value"])
    codes = ["CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "BLR"]
    with selectors.data("imf-dots") as con:
        view = selectors.reporter_view(con, dataset="imf-dots", reporter="KAZ", year=2020, codes=codes)
    got = {r.partner: r for r in view.rows}
    assert len(got) == 9
    for (partner, indicator, _flag), value in expected.items():
        row = got[partner]
        assert (row.exports if indicator == "Exports" else row.imports) == pytest.approx(value * 1e6, rel=1e-12)


def test_a_comtrade_file_maps_india_699_and_gives_the_growth_beside_the_published_figure(
    db: Any, organisation: None, tmp_path: Path, client: Any
) -> None:
    # Kazakhstan's reports (398) for 2022 and 2023 with two partners: China 156 and India, Comtrade's 699.
    path = write_csv(
        tmp_path / "comtrade-kaz-2022-2023.csv",
        COMTRADE,
        [
            comtrade_row(2022, 398, "X", 156, 1000), comtrade_row(2022, 398, "M", 156, 1000),
            comtrade_row(2022, 398, "X", 699, 500), comtrade_row(2022, 398, "M", 699, 500),
            comtrade_row(2023, 398, "X", 156, 1100), comtrade_row(2023, 398, "M", 156, 1000),
            comtrade_row(2023, 398, "X", 699, 500), comtrade_row(2023, 398, "M", 699, 530),
            comtrade_row(2023, 398, "X", 0, 90000),  # the World
            comtrade_row(2023, 398, "RX", 156, 7),  # a re-export: not ours, skipped
            comtrade_row(2023, 398, "X", 156, 5, customsCode="C01"),  # one customs procedure: skipped
        ],
    )  # fmt: skip
    result = services.trade_import(actor=None, path=path)
    assert result.created and result.record.dataset.code == "un-comtrade"
    assert (result.record.rows, result.record.skipped) == (9, 2)
    comparisons = [c for c in selectors.published_beside_data(reporter="KAZ") if c.figure.year == 2023]
    with_data = [c for c in comparisons if c.dataset == "un-comtrade"]
    assert with_data and all(c.data_growth == pytest.approx(3130 / 3000 * 100 - 100) for c in with_data)
    seed = next(c for c in with_data if "seeds" in c.figure.speaker)
    assert float(seed.figure.growth_pct) == 6.5 and seed.difference_pp == pytest.approx(4.3333333 - 6.5)
    with selectors.data("un-comtrade") as con:
        view = selectors.reporter_view(con, dataset="un-comtrade", reporter="KAZ", year=2023, codes=["KAZ", "IND"])
    assert view.rows[0].partner == "IND" and view.rows[0].total == 1030
    # On the page: the seeds' +6.5% and, in the same row, the growth the imported file gives.
    html = client.get("/trade/", {"dataset": "un-comtrade", "reporter": "KAZ"}).content.decode()
    row = (
        html.split("Op-ed in the seeds")[0].rsplit('<tr class="published-figure"', 1)[1]
        + html.split("Op-ed in the seeds")[1].split("</tr>")[0]
    )
    assert "+6.5%" in row and '<span class="data-growth">+4.3%</span>' in row and "un-comtrade" in row


def test_a_baci_file_is_read_in_thousands_with_products_padded(db: Any, organisation: None, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "BACI_HS17_Y2019.csv", ["t", "i", "j", "k", "v", "q"],
                     [[2019, 398, 156, 10110, 2.5, 1.0], [2019, 699, 398, 270900, 10, "NA"]])  # fmt: skip
    result = services.trade_import(actor=None, path=path)
    assert result.record.dataset.code == "cepii-baci"
    with selectors.data("cepii-baci") as con:
        got = con.execute("SELECT reporter, partner, product, value FROM obs ORDER BY 1").fetchall()
    assert got == [("IND", "KAZ", "270900", 10000.0), ("KAZ", "CHN", "010110", 2500.0)]


BAD = [
    ("unknown layout", ["a", "b"], [[1, 2]], "unknown layout"),
    ("unknown country", COMTRADE, [comtrade_row(2023, 398, "X", 999, 1)], "unknown partner code 999"),
    ("former state", COMTRADE, [comtrade_row(2023, 398, "X", 810, 1)], "unknown partner code 810"),
    ("unknown product", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1, cmdCode="27A")], "unknown product code"),
    ("negative value", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1), comtrade_row(2023, 398, "M", 156, -5)],
     "negative value"),
    ("duplicated row", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1), comtrade_row(2023, 398, "X", 156, 2)],
     "duplicated row 2023 KAZ CHN X TOTAL"),
    ("future year", COMTRADE, [comtrade_row(2999, 398, "X", 156, 1)], "year 2999 is outside"),
    ("not a number", COMTRADE, [comtrade_row(2023, 398, "X", 156, "lots")], "value is not a number"),
    ("monthly", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1, freqCode="M")], "only annual data"),
]  # fmt: skip


BACI = ["t", "i", "j", "k", "v", "q"]
BAD += [
    ("baci unknown code", BACI, [[2019, 398, 156, 10110, 1, 1], [2019, 398, 810, 10110, 1, 1]],
     "unknown importer code 810"),
    ("baci negative", BACI, [[2019, 398, 156, 10110, -1, 1]], "negative value"),
    ("baci product", BACI, [[2019, 398, 156, "27x", 1, 1]], "unknown product code 27x"),
    ("baci year", BACI, [[1900, 398, 156, 10110, 1, 1]], "year 1900 is outside"),
    ("baci duplicate", BACI, [[2019, 398, 156, 10110, 1, 1], [2019, 398, 156, 10110, 2, 1]], "duplicated row"),
]  # fmt: skip


@pytest.mark.parametrize(("header", "rows", "reason"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_file_is_rejected_whole_with_the_line_and_reason(
    db: Any, organisation: None, tmp_path: Path, trade_store: Path, header: list[str], rows: list[Any], reason: str
) -> None:
    good = [comtrade_row(2023, 398, "X", 643, 1)] if header == COMTRADE else []
    path = write_csv(tmp_path / "bad.csv", header, good + rows)
    with pytest.raises(BadTradeFile) as caught:
        services.trade_import(actor=None, path=path)
    assert reason in caught.value.message and "line" in caught.value.message
    assert Import.objects.count() == 0 and stored_files(trade_store) == []
    assert list((trade_store / "tmp").glob("*")) == []


def test_the_line_of_a_bad_row_is_named(db: Any, organisation: None, tmp_path: Path) -> None:
    rows = [comtrade_row(2023, 398, "X", p, 1) for p in (156, 643, 417)] + [comtrade_row(2023, 398, "X", 1, 1)]
    with pytest.raises(BadTradeFile, match="line 5"):
        services.trade_import(actor=None, path=write_csv(tmp_path / "x.csv", COMTRADE, rows))


def test_the_line_of_a_bad_baci_row_is_named(db: Any, organisation: None, tmp_path: Path) -> None:
    rows: list[list[object]] = [[2019, 398, 156, k, 1, "NA"] for k in range(10, 5000)]
    rows[3000][4] = -7  # line 3002 (the header is line 1)
    with pytest.raises(BadTradeFile, match=r"negative value: -7 \(line 3002\)"):
        services.trade_import(actor=None, path=write_csv(tmp_path / "b.csv", BACI, rows))


def test_a_year_outside_the_years_asked_for_is_refused(db: Any, organisation: None, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", COMTRADE, [comtrade_row(2022, 398, "X", 156, 1)])
    with pytest.raises(BadTradeFile, match="outside the years of this import"):
        services.trade_import(actor=None, path=path, years={2023})


def test_a_second_file_with_the_same_figures_is_refused_as_an_overlap(
    db: Any, organisation: None, tmp_path: Path
) -> None:
    services.trade_import(
        actor=None, path=write_csv(tmp_path / "a.csv", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1)])
    )
    other = write_csv(tmp_path / "b.csv", COMTRADE, [comtrade_row(2023, 398, "X", 156, 2)])
    with pytest.raises(ImportOverlaps):
        services.trade_import(actor=None, path=other)
    assert Import.objects.count() == 1


def test_only_the_secretariat_imports_through_the_platform(
    head_of_delegation: Any, secretariat: Any, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "a.csv", COMTRADE, [comtrade_row(2023, 398, "X", 156, 1)])
    with pytest.raises(NotPermitted):
        services.trade_import(actor=head_of_delegation("KZ"), path=path)
    assert services.trade_import(actor=secretariat, path=path).record.imported_by == secretariat
