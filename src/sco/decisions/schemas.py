import datetime as dt
from typing import Literal

from ninja import Field, Schema

RuleName = Literal["consensus", "silence", "consensus_minus_one"]
PositionName = Literal["support", "no_objection", "objection", "statement"]


class Titles(Schema):
    en: str
    ru: str
    zh: str


class SubjectOut(Schema):
    type: str = Field(description='The subject\'s kind, e.g. "projects.project".')
    id: int
    label: str
    url: str


class PositionOut(Schema):
    state: str = Field(description="ISO code of the state")
    kind: PositionName
    text: str = Field(description="Reasons for an objection, or the statement of views.")
    recorded_by: str
    recorded_at: dt.datetime


class StateRowOut(Schema):
    state: str = Field(description="ISO code of an eligible state")
    name: str
    counts: bool = Field(description="False for the state concerned under consensus minus one.")
    position: PositionOut | None


class OutcomeOut(Schema):
    status: Literal["open", "adopted", "blocked", "lapsed"]
    stored: bool = Field(description="True once the outcome is written in the record; before, computed on read.")
    closes_at: dt.datetime
    objecting: list[str] = Field(description="ISO codes of the counting states objecting.")
    silent: list[str] = Field(description="ISO codes of the counting states that have recorded nothing.")


class DecisionOut(Schema):
    id: int
    title: str = Field(description="In the request's language, with a fallback.")
    titles: Titles
    subject: SubjectOut
    body: str = Field(description="Code of the body")
    rule: RuleName
    concerned_state: str | None
    opened_at: dt.datetime
    deadline: dt.datetime
    closed_at: dt.datetime | None
    outcome: OutcomeOut


class DecisionPageOut(Schema):
    """A page of the list, as core.pagination.ScoPagination answers it."""

    items: list[DecisionOut]
    count: int
    count_capped: bool = Field(False, description="`count` stopped at a cap: there are at least that many.")
    page: int
    page_size: int
    pages: int


class DecisionDetailOut(DecisionOut):
    states: list[StateRowOut]


class PositionChangeOut(PositionOut):
    id: int


class DecisionOpenIn(Schema):
    subject_type: str = Field(..., max_length=100, description='e.g. "projects.project"')
    subject_id: int = Field(..., ge=1)
    body: str = Field(..., max_length=40, description="Code of the body, e.g. swg-investment")
    rule: RuleName
    deadline: dt.datetime
    title_en: str = Field(..., max_length=300)
    title_ru: str = Field("", max_length=300)
    title_zh: str = Field("", max_length=300)
    concerned_state: str | None = Field(None, max_length=2, description="ISO code; consensus minus one only")


class PositionIn(Schema):
    state: str = Field(..., min_length=2, max_length=2, description="ISO code of the state whose position this is")
    kind: PositionName
    text: str = Field("", max_length=5000, description="Required for an objection (reasons) and a statement.")


class ExtendIn(Schema):
    deadline: dt.datetime
