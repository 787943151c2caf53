from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from sco.core.i18n import localized


class StateRef(Schema):
    code: str
    name: str


class ParticipationOut(Schema):
    state: str = Field(description="ISO 3166-1 alpha-2 code.")
    role: str = Field(description="host or participant.")
    joined_at: datetime


class ProjectIn(Schema):
    title_en: str = Field("", max_length=300)
    title_ru: str = Field("", max_length=300)
    title_zh: str = Field("", max_length=300)
    summary_en: str = ""
    summary_ru: str = ""
    summary_zh: str = ""
    sector: str = Field(..., description="OC4IDS projectSector code, e.g. transport.rail.")
    project_type: str = Field(..., description="OC4IDS projectType code: construction, rehabilitation, ...")
    sponsor_kind: str = Field("state_agency", description="state_agency or company.")
    sponsor_name: str
    sponsor_state: str = Field(..., description="ISO code of the sponsoring state; you must act for it.")
    host_states: list[str] = []
    participating_states: list[str] = []
    location: str = ""
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    total_cost: Decimal | None = None
    currency: str = Field("", description="ISO 4217 code.")
    requested_financing: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    goals: list[str] = Field([], description="Codes of strategic goals.")
    visibility: str = Field("public", description="public, members or participants.")


class ProjectListOut(Schema):
    id: int
    public_id: str
    title: str
    status: str
    sector: str
    project_type: str
    sponsor_name: str
    sponsor_state: str
    host_states: list[str]
    total_cost: Decimal | None
    currency: str
    visibility: str
    updated_at: datetime

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return localized(obj, "title")

    @staticmethod
    def resolve_sponsor_state(obj: Any) -> str:
        return obj.sponsor_state.code

    @staticmethod
    def resolve_host_states(obj: Any) -> list[str]:
        return [p.state.code for p in obj.participations.all() if p.role == "host"]


class ProjectPageOut(Schema):
    """One page of the project list, in the shape every paginated list of the API has."""

    items: list[ProjectListOut]
    count: int = Field(description="How many match; past 10,000 it stops counting (then `count_capped` is true).")
    count_capped: bool = False
    page: int
    page_size: int
    pages: int
    next: str | None = Field(None, description="Pass as `after` for the next page (keyset); null on the last page.")


class ProjectOut(ProjectListOut):
    title_en: str
    title_ru: str
    title_zh: str
    summary_en: str
    summary_ru: str
    summary_zh: str
    sponsor_kind: str
    participations: list[ParticipationOut]
    location: str
    longitude: Decimal | None
    latitude: Decimal | None
    cost_is_estimate: bool
    requested_financing: Decimal | None
    start_date: date | None
    end_date: date | None
    goals: list[str]
    version_count: int
    is_illustrative: bool
    sources: str
    screening: dict[str, bool]

    @staticmethod
    def resolve_screening(obj: Any) -> dict[str, bool]:
        from sco.projects.services import screening_state

        return screening_state(obj)

    @staticmethod
    def resolve_participations(obj: Any) -> list[dict[str, Any]]:
        return [{"state": p.state.code, "role": p.role, "joined_at": p.joined_at} for p in obj.participations.all()]

    @staticmethod
    def resolve_goals(obj: Any) -> list[str]:
        return [g.code for g in obj.goals.all()]


class TransitionIn(Schema):
    name: str = Field(
        ...,
        description="submit, resubmit, start_screening, open_discussion, start_appraisal, "
        "refer_to_decision, approve, reject, return_for_revision, start_financing, "
        "start_implementation, complete, withdraw, cancel.",
    )
    reason: str = ""


class StepOut(Schema):
    name: str
    label: str
    target: str
    checks: list[str]


class JoinIn(Schema):
    state: str = Field(..., description="ISO code of the state joining; you must act for it.")


class ProjectInvitationIn(Schema):
    state: str = Field(..., description="ISO code of the member state invited to take part.")


class InvitationAnswerIn(Schema):
    accept: bool = Field(..., description="true: the state takes part from now; false: it declines.")


class ProjectInvitationOut(Schema):
    id: int
    project: int = Field(..., alias="project_id")
    state: str
    status: str = Field(description="pending, accepted or declined.")
    invited_at: datetime
    answered_at: datetime | None = None

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state.code)


class ScreeningIn(Schema):
    checklist: dict[str, bool]


class CommentIn(Schema):
    body: str = Field(..., max_length=10000)
    language: str = Field(..., description="en, ru or zh-hans.")
    kind: str = Field("comment", description="comment, question (to the sponsor) or answer (to a question).")
    parent: int | None = None
    on_behalf_of: str | None = Field(None, description="ISO code of the state you speak for.")
    mentions: list[str] = Field([], description="ISO codes of delegations mentioned.")


class CommentOut(Schema):
    id: int
    parent: int | None
    kind: str
    language: str
    author: str
    on_behalf_of: str | None
    body: str | None = Field(description="Null when the comment is hidden (the Secretariat still sees it).")
    mentions: list[str]
    created_at: datetime
    answered_at: datetime | None
    hidden: bool
    hidden_reason: str


class HideIn(Schema):
    reason: str = Field(..., max_length=500)


class RowIn(Schema):
    year: int
    capex: Decimal = Decimal(0)
    opex: Decimal = Decimal(0)
    revenues: Decimal = Decimal(0)
    economic_benefits: Decimal = Decimal(0)


class AppraisalIn(Schema):
    financial_rate: Decimal = Field(..., description="As a fraction: 0.04 is 4 %.")
    social_rate: Decimal = Field(..., description="As a fraction: 0.05 is 5 %.")
    rows: list[RowIn]
    notes: str = ""


class IrrOut(Schema):
    kind: str = Field(description="none, unique or multiple.")
    roots: list[float]
    sign_changes: int


class IndicatorsOut(Schema):
    fnpv: float
    firr: IrrOut
    enpv: float
    eirr: IrrOut
    bcr: float | None
    payback_years: float | None
    discounted_payback_years: float | None


class AppraisalOut(Schema):
    currency: str
    financial_rate: Decimal
    social_rate: Decimal
    rows: list[dict[str, str]]
    notes: str
    base: IndicatorsOut
    sensitivity: dict[str, IndicatorsOut]
    switching_values: dict[str, float | None]


class VersionOut(Schema):
    number: int
    created_at: datetime
    data: dict[str, Any]


class ChangeOut(Schema):
    field: str
    before: Any
    after: Any


class AttachmentOut(Schema):
    id: int
    document_type: str
    title: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    url: str
