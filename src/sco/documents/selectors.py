"""Every read on documents, scoped to what the viewer may see, with a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from sco.core.users import Viewer
from sco.documents import errors
from sco.documents.concordance import AppliedAmendment, owed
from sco.documents.models import (
    Commitment,
    Document,
    DocumentText,
    ImplementationReport,
    Paragraph,
    Participation,
    Proposal,
    ReportStatus,
    Reservation,
    TextVersion,
)
from sco.documents.paragraphs import Paragraph as PurePara
from sco.documents.paragraphs import ParagraphDiff, diff_paragraphs
from sco.documents.permissions import visibility_q
from sco.members.models import State

ORDER = (F("adopted_on").desc(nulls_last=True), "-pk")


@dataclass(frozen=True)
class DocumentFilters:
    kind: str = ""
    body: str = ""  # body code
    area: str = ""
    year: int | None = None
    status: str = ""

    def apply(self, qs: QuerySet[Document]) -> QuerySet[Document]:
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.body:
            qs = qs.filter(body__code=self.body)
        if self.area:
            qs = qs.filter(Exists(_area_exists(self.area)))
        if self.year:
            qs = qs.filter(adopted_on__year=self.year)
        if self.status:
            qs = qs.filter(status=self.status)
        return qs


def _area_exists(area: str) -> QuerySet[Any]:
    from sco.documents.models import DocumentArea

    return DocumentArea.objects.filter(document=OuterRef("pk"), area=area)


def document_list(*, viewer: Viewer, filters: DocumentFilters | None = None) -> QuerySet[Document]:
    qs = Document.objects.filter(visibility_q(viewer))
    if filters:
        qs = filters.apply(qs)
    return qs.select_related("body", "summit").prefetch_related("areas").order_by(*ORDER)


def document_get(*, viewer: Viewer, document_id: int) -> Document:
    document = (
        Document.objects.filter(visibility_q(viewer), pk=document_id)
        .select_related("body", "summit")
        .prefetch_related("areas", "parties", "relations_out__target", "relations_in__source")
        .first()
    )
    if document is None:
        raise errors.DocumentNotFound()
    return document


def document_texts(*, document: Document) -> list[DocumentText]:
    return list(
        DocumentText.objects.filter(document=document)
        .select_related("current_version")
        .annotate(version_count=Count("versions"))
        .order_by("language")
    )


def authentic_languages(*, document: Document) -> list[str]:
    return list(DocumentText.objects.filter(document=document, authentic=True).values_list("language", flat=True))


def texts_out_of_step(*, document: Document) -> dict[str, list[AppliedAmendment]]:
    """The authentic language versions that do not yet carry an amendment applied to another one that names them."""
    texts = list(DocumentText.objects.filter(document=document).values_list("language", "authentic"))
    authentic = {language for language, is_authentic in texts if is_authentic}
    if len(authentic) < 2:
        return {}
    applied = [
        AppliedAmendment(id=p.pk, language=p.version.text.language, languages=frozenset(p.languages or []),
                         paragraph_number=p.paragraph_number)
        for p in Proposal.objects.filter(version__text__document=document, kind="amendment",
                                         result_version__isnull=False).select_related("version__text").order_by("pk")
    ]  # fmt: skip
    if not applied:
        return {}
    carried: dict[str, set[int]] = defaultdict(set)
    for language, proposal_id in TextVersion.carries.through.objects.filter(
        textversion__text__document=document
    ).values_list("textversion__text__language", "proposal_id"):
        carried[language].add(proposal_id)
    return owed(applied, carried=carried, authentic=authentic)


def text_get(*, viewer: Viewer, document_id: int, language: str) -> DocumentText:
    document = document_get(viewer=viewer, document_id=document_id)
    text = DocumentText.objects.filter(document=document, language=language).select_related("current_version").first()
    if text is None:
        raise errors.DocumentNotFound()
    text.document = document
    return text


def version_get(*, text: DocumentText, number: int | None = None) -> TextVersion:
    qs = TextVersion.objects.filter(text=text)
    version = qs.filter(number=number).first() if number else text.current_version
    if version is None:
        raise errors.DocumentNotFound()
    return version


def version_list(*, text: DocumentText) -> list[TextVersion]:
    return list(TextVersion.objects.filter(text=text).select_related("created_by").order_by("-number"))


def paragraphs_of(*, version: TextVersion) -> list[Paragraph]:
    return list(Paragraph.objects.filter(version=version).order_by("position"))


def version_diff(*, old: TextVersion, new: TextVersion) -> list[ParagraphDiff]:
    a = [PurePara(p.number, p.text) for p in paragraphs_of(version=old)]
    b = [PurePara(p.number, p.text) for p in paragraphs_of(version=new)]
    return diff_paragraphs(a, b)


def proposal_list(*, version: TextVersion) -> list[Proposal]:
    return list(
        Proposal.objects.filter(version=version)
        .select_related("state", "author", "decided_by")
        .order_by("paragraph_number", "created_at", "pk")
    )


def proposal_get(*, viewer: Viewer, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.select_related("version__text__document", "state").filter(pk=proposal_id).first()
    if proposal is None:
        raise errors.DocumentNotFound()
    document_get(viewer=viewer, document_id=proposal.version.text.document_id)
    return proposal


@dataclass
class ParticipantRow:
    state: State
    participation: Participation | None
    reservations: list[Reservation]


def participant_table(*, document: Document) -> list[ParticipantRow]:
    """One row per party or participant, as the UN Treaty Collection shows them (three queries)."""
    parts = list(
        Participation.objects.filter(document=document)
        .select_related("state")
        .prefetch_related(Prefetch("reservations", queryset=Reservation.objects.order_by("made_on", "pk")))
    )
    by_state = {p.state_id: p for p in parts}
    states = {p.state.pk: p.state for p in parts}
    for s in document.parties.all():
        states.setdefault(s.pk, s)
    rows = [
        ParticipantRow(s, by_state.get(s.pk), list(by_state[s.pk].reservations.all()) if s.pk in by_state else [])
        for s in states.values()
    ]
    rows.sort(key=lambda r: r.state.name)
    return rows


# --- commitments and the dashboard ---------------------------------------------------------------------------


@dataclass
class CommitmentRow:
    commitment: Commitment
    latest: dict[int, ImplementationReport]  # state id -> latest report
    overdue: bool
    completed: bool


def _latest_reports(reports: list[ImplementationReport]) -> dict[int, ImplementationReport]:
    latest: dict[int, ImplementationReport] = {}
    for r in sorted(reports, key=lambda r: (r.period, r.filed_at, r.pk)):
        latest[r.state_id] = r
    return latest


def commitment_rows(
    *, viewer: Viewer, document: Document | None = None, state: State | None = None, area: str = "",
    today: dt.date | None = None
) -> list[CommitmentRow]:  # fmt: skip
    """Commitments of the documents the viewer may see, with each responsible state's latest report."""
    today = today or timezone.localdate()
    qs = Commitment.objects.filter(visibility_q(viewer, "document__"))
    if document is not None:
        qs = qs.filter(document=document)
    if state is not None:
        qs = qs.filter(states=state)
    if area:
        qs = qs.filter(area=area)
    qs = (
        qs.select_related("document")
        .prefetch_related(
            "states",
            "bodies",
            Prefetch("reports", queryset=ImplementationReport.objects.select_related("state").order_by("pk")),
        )
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    rows = []
    for c in qs:
        latest = _latest_reports(list(c.reports.all()))
        responsible = [s.pk for s in c.states.all()]
        completed = bool(responsible) and all(
            latest.get(s) is not None and latest[s].status == ReportStatus.COMPLETED for s in responsible
        )
        overdue = c.due_on is not None and c.due_on < today and not completed
        rows.append(CommitmentRow(c, latest, overdue, completed))
    return rows


def commitment_get(*, viewer: Viewer, commitment_id: int) -> Commitment:
    c = (
        Commitment.objects.filter(visibility_q(viewer, "document__"), pk=commitment_id)
        .select_related("document")
        .prefetch_related("states", "bodies")
        .first()
    )
    if c is None:
        raise errors.DocumentNotFound()
    return c


@dataclass
class Tally:
    key: Any
    label: str
    total: int = 0
    completed: int = 0
    overdue: int = 0
    reported: int = 0

    @property
    def open(self) -> int:
        return self.total - self.completed


@dataclass
class Dashboard:
    rows: list[CommitmentRow]
    by_document: list[Tally]
    by_state: list[Tally]
    by_area: list[Tally]
    status_counts: Counter[str]


def dashboard(*, viewer: Viewer, today: dt.date | None = None) -> Dashboard:
    from sco.documents.models import Area

    rows = commitment_rows(viewer=viewer, today=today)
    by_doc: dict[int, Tally] = {}
    by_state: dict[int, Tally] = {}
    by_area: dict[str, Tally] = {}
    status_counts: Counter[str] = Counter()
    area_labels = dict(Area.choices)
    for row in rows:
        c = row.commitment
        tallies = [
            by_doc.setdefault(c.document_id, Tally(c.document_id, c.document.title)),
            by_area.setdefault(c.area, Tally(c.area, str(area_labels.get(c.area, c.area)))),
        ]
        for t in tallies:
            t.total += 1
            t.completed += row.completed
            t.overdue += row.overdue
            t.reported += bool(row.latest)
        for s in c.states.all():
            t = by_state.setdefault(s.pk, Tally(s.code, s.name))
            report = row.latest.get(s.pk)
            t.total += 1
            t.reported += report is not None
            t.completed += report is not None and report.status == ReportStatus.COMPLETED
            t.overdue += row.overdue and (report is None or report.status != ReportStatus.COMPLETED)
            status_counts[report.status if report else "no_report"] += 1

    def ordered(d: dict[Any, Tally]) -> list[Tally]:
        return sorted(d.values(), key=lambda t: (-t.total, t.label))

    return Dashboard(rows, ordered(by_doc), ordered(by_state), ordered(by_area), status_counts)


def participation_of(*, document: Document, state: State) -> Participation | None:
    """The state's participation in a document it may be seen in (its signature first records it), or None."""
    return document.participations.filter(state=state).first()
