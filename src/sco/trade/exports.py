"""CSV and Parquet downloads of the observations, written by DuckDB to a scratch file and streamed."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.http import FileResponse, QueryDict

from sco.trade import selectors, store

# ruff: noqa: S608  -- the SQL text is this module's constants; values are parameters.


@dataclass(frozen=True)
class ExportSpec:
    dataset: str
    year: int | None = None
    reporter: str | None = None

    @classmethod
    def from_params(cls, params: QueryDict) -> ExportSpec:
        year = params.get("year", "")
        reporter = params.get("reporter", "").upper()[:3]
        return cls(
            dataset=params.get("dataset", selectors.DEFAULT_DATASET)[:40],
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            reporter=reporter if reporter.isalpha() and len(reporter) == 3 else None,
        )

    def file_name(self, fmt: str) -> str:
        parts = [self.dataset, str(self.year or "all-years"), self.reporter or "all-reporters"]
        return "sco-trade-" + "-".join(parts).lower() + "." + fmt


def write(spec: ExportSpec, fmt: str, out: Path) -> None:
    ds = selectors.dataset_get(spec.dataset)
    where, params = ["dataset = ?"], [ds.code]
    if spec.year:
        where.append("year = ?")
        params.append(str(spec.year))
    if spec.reporter:
        where.append("reporter = ?")
        params.append(spec.reporter)
    option = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
    target = str(out).replace("'", "''")
    with store.reader(selectors.files(ds.code)) as con:
        con.execute(
            f"COPY (SELECT dataset, year, reporter, partner, flow, product, value AS value_usd, quantity, flag, "
            f"? AS source FROM obs WHERE {' AND '.join(where)} ORDER BY year, reporter, partner, flow, product) "
            f"TO '{target}' ({option})",
            [ds.source, *params],
        )


def response(spec: ExportSpec, fmt: str) -> FileResponse:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / spec.file_name(fmt)
        write(spec, fmt, path)
        handle = path.open("rb")  # the open handle outlives the folder's removal (POSIX)
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/vnd.apache.parquet"
    return FileResponse(handle, as_attachment=True, filename=spec.file_name(fmt), content_type=content_type)
