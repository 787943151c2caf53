"""JSON shapes of the financing API (no `from __future__ import annotations`: pydantic needs the real types)."""

import datetime as dt
from decimal import Decimal

from ninja import Schema


class InstitutionStatusOut(Schema):
    status: str
    on: dt.date
    note: str
    source: str  # empty: no source found for this status


class ShareOut(Schema):
    holder: str
    state: str | None
    share: Decimal
    as_of: dt.date
    source: str


class FinancingInstitutionOut(Schema):
    code: str
    name: str
    kind: str
    current_status: str | None
    statuses: list[InstitutionStatusOut]
    shares: list[ShareOut]


class TotalOut(Schema):
    currency: str
    amount: Decimal | None
    missing_rates: list[str]


class TrancheOut(Schema):
    id: int
    institution: str
    instrument: str
    currency: str
    amount: Decimal
    concessional: bool
    tenor_months: int | None
    grace_months: int | None
    rate_kind: str
    fixed_rate: Decimal | None
    base_rate: str
    margin_bps: int | None
    listing_venue: str
    needs_board_approval: bool
    approved: bool
    share_of_cost: Decimal | None
    totals: dict[str, Decimal]
    iati_finance_type: str
    oc4ids_type: str


class EntryOut(Schema):
    id: int
    seq: int
    tranche: int
    institution: str
    kind: str
    value_date: dt.date
    currency: str
    amount: Decimal
    reverses: int | None
    excess_flagged: bool
    internal: bool
    note: str
    digest: str


class VoteOut(Schema):
    id: int
    tranche: int
    rule: str
    status: str
    yes_share: float
    ballots: dict[str, str]


class FinancingOut(Schema):
    project: int
    currency: str
    cost: Decimal | None
    committed: TotalOut
    disbursed: TotalOut
    gap: Decimal | None
    financial_close: bool
    illustrative: bool
    tranches: list[TrancheOut]
    entries: list[EntryOut]
    votes: list[VoteOut]


class TrancheIn(Schema):
    institution: str
    instrument: str
    currency: str
    amount: Decimal
    concessional: bool = False
    tenor_months: int | None = None
    grace_months: int | None = None
    rate_kind: str = ""
    fixed_rate: Decimal | None = None
    base_rate: str = ""
    margin_bps: int | None = None
    listing_venue: str = ""
    needs_board_approval: bool = False


class EntryIn(Schema):
    kind: str
    amount: Decimal
    currency: str
    value_date: dt.date
    note: str = ""
    flag_excess: bool = False
    internal: bool = False


class ReverseIn(Schema):
    reason: str
    value_date: dt.date | None = None


class VoteIn(Schema):
    rule: str
    reserved_matter: bool = False


class BallotIn(Schema):
    state: str
    choice: str


class PipelineRowOut(Schema):
    key: str
    projects: int
    cost: TotalOut
    committed: TotalOut
    gap: Decimal | None


class PipelineOut(Schema):
    currency: str
    on: dt.date
    total: PipelineRowOut
    by_sector: list[PipelineRowOut]
    by_host: list[PipelineRowOut]


class PortfolioRowOut(Schema):
    tranche: int
    project: int
    instrument: str
    currency: str
    amount: Decimal
    committed: Decimal
    disbursed: Decimal


class PortfolioOut(Schema):
    institution: FinancingInstitutionOut
    count: int
    by_currency: dict[str, dict[str, Decimal]]
    rows: list[PortfolioRowOut]


class RateOut(Schema):
    base: str
    quote: str
    on: dt.date
    rate: Decimal
    source: str
