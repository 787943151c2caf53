import datetime as dt
from typing import Any

from ninja import Field, Schema

from sco.documents.models import Document


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    title_en: str
    title_ru: str
    title_zh: str
    reference_number: str
    body: str = Field(..., alias="body.code")
    adopted_on: dt.date | None
    place: str
    summit: int | None = Field(None, alias="summit.number")
    valid_from_year: int | None
    valid_to_year: int | None
    areas: list[str]
    status: str
    restricted: bool
    eif_rule: str
    eif_count: int | None
    eif_days: int
    entry_into_force_on: dt.date | None
    sources: list[str]
    note: str

    @staticmethod
    def resolve_areas(obj: Document) -> list[str]:
        return sorted(a.area for a in obj.areas.all())

    @staticmethod
    def resolve_sources(obj: Document) -> list[str]:
        return obj.source_list


class DocumentIn(Schema):
    kind: str
    title_en: str
    title_ru: str = ""
    title_zh: str = ""
    body: str = Field(..., description="Code of the adopting body")
    reference_number: str = ""
    status: str = "draft"
    adopted_on: dt.date | None = None
    place_en: str = ""
    valid_from_year: int | None = None
    valid_to_year: int | None = None
    areas: list[str] = []
    parties: list[str] = Field([], description="ISO alpha-2 codes of the negotiating states")
    eif_rule: str = ""
    eif_count: int | None = None
    eif_days: int = 0
    sources: str = ""


class DocumentPatch(Schema):
    title_en: str | None = None
    title_ru: str | None = None
    title_zh: str | None = None
    reference_number: str | None = None
    valid_from_year: int | None = None
    valid_to_year: int | None = None
    areas: list[str] | None = None
    eif_rule: str | None = None
    eif_count: int | None = None
    eif_days: int | None = None
    sources: str | None = None


class RelationIn(Schema):
    target: int
    kind: str


class HighlightOut(Schema):
    text: str
    match: bool


class SearchHitOut(Schema):
    document: DocumentOut
    title: list[HighlightOut]
    snippet: list[HighlightOut]
    paragraph_number: int | None
    language: str


class SearchOut(Schema):
    query: str
    count: int
    more: bool
    page: int
    pages: int
    hits: list[SearchHitOut]


class ParagraphOut(Schema):
    number: int
    text: str


class TextVersionOut(Schema):
    number: int
    created_at: dt.datetime
    file_name: str
    file_kind: str
    note: str


class VersionDetailOut(TextVersionOut):
    language: str
    authentic: bool
    paragraphs: list[ParagraphOut]


class TextOut(Schema):
    language: str
    authentic: bool
    current_version: int | None
    versions: int
    owes: list[int] = Field([], description="Amendments to another authentic text that this one does not yet carry")


class TextIn(Schema):
    content: str
    authentic: bool | None = None
    note: str = ""
    carries: list[int] = Field([], description="Amendments to another language version this version carries over")


class WordPieceOut(Schema):
    text: str
    kind: str


class DiffOut(Schema):
    kind: str
    number: int
    old: str
    new: str
    pieces: list[WordPieceOut]


class ProposalIn(Schema):
    paragraph_number: int
    kind: str
    state: str
    comment: str = ""
    proposed_text: str = ""
    languages: list[str] | None = Field(
        None, description="Language versions the amendment changes (default: its own and every authentic text)"
    )


class ProposalOut(Schema):
    id: int
    version: int = Field(..., alias="version.number")
    paragraph_number: int
    kind: str
    state: str = Field(..., alias="state.code")
    comment: str
    proposed_text: str
    languages: list[str]
    status: str
    merged_text: str
    decision_note: str
    created_at: dt.datetime


class ProposalDecisionIn(Schema):
    outcome: str
    merged_text: str = ""
    note: str = ""


class ApplyIn(Schema):
    note: str = ""
    carries: list[int] = Field([], description="Amendments to another language version these amendments carry over")


class ParticipationIn(Schema):
    state: str
    signed_on: dt.date | None = None
    signatory: str = ""
    consent_kind: str = ""
    consent_on: dt.date | None = None
    notified_on: dt.date | None = None


class ReservationOut(Schema):
    kind: str
    text: str
    made_on: dt.date


class ReservationIn(Schema):
    state: str
    kind: str
    text: str
    made_on: dt.date


class ParticipantOut(Schema):
    state: str
    state_name: str
    signed_on: dt.date | None
    signatory: str
    consent_kind: str
    consent_on: dt.date | None
    notified_on: dt.date | None
    in_force_on: dt.date | None
    reservations: list[ReservationOut]


class ParticipantsOut(Schema):
    entry_into_force_on: dt.date | None
    rule: str
    participants: list[ParticipantOut]


class CommitmentIn(Schema):
    text_en: str
    text_ru: str = ""
    text_zh: str = ""
    area: str
    states: list[str]
    bodies: list[str] = []
    due_on: dt.date | None = None
    indicator: str = ""
    paragraph_number: int | None = None


class ReportIn(Schema):
    state: str
    period: str
    status: str
    progress: int
    text: str = ""
    evidence: str = ""


class ReportOut(Schema):
    id: int
    state: str = Field(..., alias="state.code")
    period: str
    status: str
    progress: int
    text: str
    evidence: str
    filed_at: dt.datetime


class CommitmentOut(Schema):
    id: int
    document: int = Field(..., alias="document_id")
    paragraph_number: int | None
    text: str
    area: str
    states: list[str]
    due_on: dt.date | None
    indicator: str
    overdue: bool
    completed: bool
    illustrative: bool
    latest_reports: list[ReportOut]


class TallyOut(Schema):
    key: Any
    label: str
    total: int
    completed: int
    overdue: int
    reported: int


class DashboardOut(Schema):
    by_document: list[TallyOut]
    by_state: list[TallyOut]
    by_area: list[TallyOut]
    status_counts: dict[str, int]
