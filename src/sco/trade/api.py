"""The JSON door of the trade monitor: the same selectors and services as the pages and the CLI."""

import tempfile
from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from sco.core.errors import NotAuthenticated
from sco.core.users import signed_in
from sco.trade import exports, indicators, queries, selectors, services
from sco.trade.errors import UnknownCountry
from sco.trade.models import Import
from sco.trade.schemas import (
    DatasetOut,
    ImportOut,
    IndicatorOut,
    PairYearOut,
    PublishedOut,
    SeriesPointOut,
    SummaryOut,
)

router = Router(tags=["trade"])


class SummaryIn(Schema):
    dataset: str = selectors.DEFAULT_DATASET
    year: int | None = None
    set: str = "year"
    members: list[str] = []
    reporter: str = selectors.DEFAULT_REPORTER


def _set(m: selectors.MemberSet | None) -> dict[str, Any] | None:
    return None if m is None else {"mode": m.mode, "codes": list(m.codes), "label": m.label}


def _reporter(view: selectors.ReporterView | None) -> dict[str, Any] | None:
    if view is None:
        return None
    return {
        "reporter": view.reporter,
        "year": view.year,
        "total_usd": view.total,
        "previous_usd": view.previous,
        "growth_pct": view.growth,
        "world_usd": view.world,
        "share_of_world": view.share,
        "partners": [
            {
                "partner": r.partner,
                "exports_usd": r.exports,
                "imports_usd": r.imports,
                "total_usd": r.total,
                "partner_reported_imports_usd": r.mirror_exports,
                "mirror_gap_pct": r.gap,
                "estimated": r.estimated,
            }
            for r in view.rows
        ],
    }


@router.get("/datasets", response=list[DatasetOut], summary="Datasets and the years they cover")
def datasets(request: HttpRequest) -> Any:
    return [
        {
            "code": c.dataset.code,
            "name": c.dataset.name,
            "source": c.dataset.source,
            "licence": c.dataset.licence,
            "valuation": c.dataset.valuation,
            "first_year": c.first,
            "last_year": c.last,
            "rows": c.rows,
        }
        for c in selectors.coverage()
    ]


@router.get("/summary", response=SummaryOut, summary="Trade among a member set in a year, and one member's partners")
def summary(request: HttpRequest, filters: Query[SummaryIn]) -> Any:
    reporter = selectors.member_state(code=filters.reporter, field="reporter").iso3
    board = selectors.dashboard(
        dataset=filters.dataset, year=filters.year, mode=filters.set, fixed=filters.members, reporter=reporter
    )
    return {
        "dataset": board.dataset.code,
        "source": board.dataset.source,
        "years": board.years,
        "year": board.year,
        "members": _set(board.members),
        "intra_total_usd": board.intra_total,
        "intra_previous_usd": board.intra_previous,
        "intra_growth_pct": board.intra_growth,
        "reporter": _reporter(board.reporter),
    }


@router.get("/members/{code}/series", response=list[SeriesPointOut], summary="A member's trade with members by year")
def member_series(request: HttpRequest, code: str, dataset: str = selectors.DEFAULT_DATASET) -> Any:
    state = selectors.member_state(code=code)
    selectors.dataset_get(dataset)
    with selectors.data(dataset) as con:
        years = queries.years(con, dataset)
        series = selectors.member_series(con, dataset=dataset, reporter=state.iso3, years=years, mode="year", fixed=())
    return [
        {"year": s["year"], "value_usd": s["value"], "growth_pct": s["growth"], "world_usd": s["world"],
         "share_of_world": s["share"]}
        for s in series
    ]  # fmt: skip


@router.get("/pairs/{a}/{b}", response=list[PairYearOut], summary="Both sides' reports of a pair, with mirror gaps")
def pair(request: HttpRequest, a: str, b: str, dataset: str = selectors.DEFAULT_DATASET) -> Any:
    first, second = selectors.member_state(code=a), selectors.member_state(code=b)
    if first.pk == second.pk:
        raise UnknownCountry(code=b)
    selectors.dataset_get(dataset)
    return [
        {"year": r["year"], "a_exports_usd": r["a_exports"], "b_imports_usd": r["b_imports"], "gap_ab_pct": r["gap_ab"],
         "b_exports_usd": r["b_exports"], "a_imports_usd": r["a_imports"], "gap_ba_pct": r["gap_ba"]}
        for r in selectors.pair_view(dataset=dataset, a=first.iso3, b=second.iso3)
    ]  # fmt: skip


@router.get("/published", response=list[PublishedOut], summary="Published figures beside what the data gives")
def published(request: HttpRequest, reporter: str = selectors.DEFAULT_REPORTER) -> Any:
    out = []
    for c in selectors.published_beside_data(reporter=selectors.member_state(code=reporter, field="reporter").iso3):
        f = c.figure
        out.append(
            {
                "reporter": f.reporter, "year": f.year, "period": f.period, "scope": f.scope,
                "value_usd_bn": f.value_usd_bn, "growth_pct": f.growth_pct, "speaker": f.speaker,
                "said_on": f.said_on, "source": f.source, "url": f.url, "data_dataset": c.dataset,
                "data_value_usd": c.data_value, "data_growth_pct": c.data_growth, "data_members": _set(c.members),
                "difference_pp": c.difference_pp,
            }
        )  # fmt: skip
    return out


@router.get("/indicators", response=list[IndicatorOut], summary="Indicator definitions: formula, source, variant")
def indicator_list(request: HttpRequest) -> Any:
    return [d.__dict__ for d in indicators.DEFINITIONS.values()]


@router.get("/imports", response=list[ImportOut], summary="Imported files")
@paginate
def import_list(request: HttpRequest) -> Any:
    return Import.objects.select_related("dataset").order_by("-pk")


def _import_out(record: Import, created: bool) -> dict[str, Any]:
    return {
        "id": record.pk, "dataset": record.dataset.code, "file_name": record.file_name, "sha256": record.sha256,
        "layout": record.layout, "rows": record.rows, "skipped": record.skipped, "year_min": record.year_min,
        "year_max": record.year_max, "imported_at": record.imported_at, "created": created,
    }  # fmt: skip


@router.post("/imports", response={200: ImportOut, 201: ImportOut}, summary="Import a file (secretariat)")
def import_file(request: HttpRequest, file: File[UploadedFile], dataset: str | None = None) -> Any:
    if not signed_in(request.user):
        raise NotAuthenticated()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        result = services.trade_import(actor=request.user, path=path, dataset=dataset, file_name=file.name or "upload")
    body = _import_out(result.record, result.created)
    return Status(201, body) if result.created else body


@router.get("/data.csv", summary="Observations as CSV", response={200: None})
def data_csv(request: HttpRequest) -> FileResponse:
    return exports.response(exports.ExportSpec.from_params(request.GET), "csv")


@router.get("/data.parquet", summary="Observations as Parquet", response={200: None})
def data_parquet(request: HttpRequest) -> FileResponse:
    return exports.response(exports.ExportSpec.from_params(request.GET), "parquet")
