import datetime as dt
from typing import Any

from ninja import Field, Schema


class DatasetOut(Schema):
    code: str
    name: str
    source: str
    licence: str
    valuation: str
    first_year: int | None
    last_year: int | None
    rows: int


class MemberSetOut(Schema):
    mode: str
    codes: list[str]
    label: str


class PartnerOut(Schema):
    partner: str
    exports_usd: float | None
    imports_usd: float | None
    total_usd: float | None
    partner_reported_imports_usd: float | None
    mirror_gap_pct: float | None
    estimated: bool


class ReporterOut(Schema):
    reporter: str
    year: int
    total_usd: float | None
    previous_usd: float | None
    growth_pct: float | None
    world_usd: float | None
    share_of_world: float | None
    partners: list[PartnerOut]


class SummaryOut(Schema):
    dataset: str
    source: str
    years: list[int]
    year: int | None
    members: MemberSetOut | None
    intra_total_usd: float | None
    intra_previous_usd: float | None
    intra_growth_pct: float | None
    reporter: ReporterOut | None


class SeriesPointOut(Schema):
    year: int
    value_usd: float
    growth_pct: float | None
    world_usd: float | None
    share_of_world: float | None


class PairYearOut(Schema):
    year: int
    a_exports_usd: float | None
    b_imports_usd: float | None
    gap_ab_pct: float | None
    b_exports_usd: float | None
    a_imports_usd: float | None
    gap_ba_pct: float | None


class PublishedOut(Schema):
    reporter: str
    year: int
    period: str
    scope: str
    value_usd_bn: float | None
    growth_pct: float | None
    speaker: str
    said_on: dt.date | None
    source: str
    url: str
    data_dataset: str | None
    data_value_usd: float | None
    data_growth_pct: float | None
    data_members: MemberSetOut | None
    difference_pp: float | None


class IndicatorOut(Schema):
    key: str
    formula: str
    source: str
    variant: str


class ImportOut(Schema):
    id: int
    dataset: str = Field(..., description="The dataset's code")
    file_name: str
    sha256: str
    layout: str
    rows: int
    skipped: int
    year_min: int | None
    year_max: int | None
    imported_at: dt.datetime
    created: bool = True

    @staticmethod
    def resolve_dataset(obj: Any) -> str:
        """A stored import names its dataset by code (the list reads rows; a new import gives a dict)."""
        return str(obj["dataset"] if isinstance(obj, dict) else obj.dataset.code)
