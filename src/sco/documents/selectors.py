"""Every read on documents, scoped to what the viewer may see, with a bounded number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from sco.core import search_terms as search_text
from sco.core.i18n import lang_suffix
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
    SearchTerm,
    TextVersion,
)
from sco.documents.paragraphs import Paragraph as PurePara
from sco.documents.paragraphs import ParagraphDiff, diff_paragraphs
from sco.documents.permissions import sees_restricted, visibility_q
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


def document_list(*, viewer: Any, filters: DocumentFilters | None = None) -> QuerySet[Document]:
    qs = Document.objects.filter(visibility_q(viewer))
    if filters:
        qs = filters.apply(qs)
    return qs.select_related("body", "summit").prefetch_related("areas").order_by(*ORDER)


def document_get(*, viewer: Any, document_id: int) -> Document:
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


def text_get(*, viewer: Any, document_id: int, language: str) -> DocumentText:
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


def proposal_get(*, viewer: Any, proposal_id: int) -> Proposal:
    proposal = Proposal.objects.select_related("version__text__document", "state").filter(pk=proposal_id).first()
    if proposal is None:
        raise errors.DocumentNotFound()
    document_get(viewer=viewer, document_id=proposal.version.text.document_id)
    return proposal


# --- search --------------------------------------------------------------------------------------------------


@dataclass
class SearchHit:
    document: Document
    title: list[tuple[str, bool]]
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    paragraph_number: int | None = None
    language: str = ""


# Counting every match of a very common word costs as much as reading them all; past this many the page says
# "more than 1,000" and asks for a narrower search (pages are capped to match).
COUNT_CAP = 1000


@dataclass
class SearchPage:
    query: str
    hits: list[SearchHit]
    count: int
    page: int
    page_size: int
    more: bool = False  # more matches than COUNT_CAP; `count` is the cap

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def _matching(viewer: Any, parts: list[search_text.QueryPart], filters: DocumentFilters | None) -> QuerySet[Any]:
    """Index rows, one per matching document, anchored on one term of the first word.

    Without filters this reads the index table alone (visibility and sort key are copied into it)."""
    first = parts[0]
    anchor = sorted(first.terms)[0]
    qs = SearchTerm.objects.filter(term=anchor)
    if not sees_restricted(viewer):
        qs = qs.filter(restricted=False)
    if filters:
        if filters.kind:
            qs = qs.filter(document__kind=filters.kind)
        if filters.body:
            qs = qs.filter(document__body__code=filters.body)
        if filters.status:
            qs = qs.filter(document__status=filters.status)
        if filters.year:
            qs = qs.filter(sort_key__gte=dt.date(filters.year, 1, 1), sort_key__lte=dt.date(filters.year, 12, 31))
        if filters.area:
            from sco.documents.models import DocumentArea

            qs = qs.filter(Exists(DocumentArea.objects.filter(document=OuterRef("document_id"), area=filters.area)))
    # Every other term must be present too: one indexed (term, document) probe per candidate row.
    others = sorted({t for p in parts for t in p.terms} - {anchor})
    for term in others:
        qs = qs.filter(Exists(SearchTerm.objects.filter(term=term, document_id=OuterRef("document_id"))))
    for part in parts:
        if part.han and len(part.raw) >= 3:
            # All its bigrams are present; confirm they are adjacent somewhere (a plain substring test,
            # the same on both databases since Han characters have no case).
            in_text = TextVersion.objects.filter(
                text__document=OuterRef("document_id"), text__current_version=F("pk"), content__contains=part.raw
            )
            qs = qs.filter(
                Q(document__title_zh__contains=part.raw) | Q(document__title_en__contains=part.raw) | Exists(in_text)
            )
    return qs


def _prefilter(text: str, folded_parts: list[str]) -> bool:
    """A cheap test that lets most non-matching paragraphs skip tokenising (never the final word)."""
    folded = text.casefold()
    return all(p in folded for p in folded_parts)


def document_search(
    *, viewer: Any, query: str, filters: DocumentFilters | None = None, page: int = 1, page_size: int = 20
) -> SearchPage:
    """Documents whose titles or current texts contain every word of the query, newest first.

    Fixed cost: the viewer's scope (one query, remembered), count, page of ids, documents, areas, paragraphs."""
    parts = search_text.parse_query(query or "")
    if not parts:
        return SearchPage(query=query, hits=[], count=0, page=1, page_size=page_size)
    qs = _matching(viewer, parts, filters)
    count = qs.order_by()[: COUNT_CAP + 1].count()
    more = count > COUNT_CAP
    count = min(count, COUNT_CAP)
    page = max(1, min(page, max(1, -(-count // page_size))))
    offset = (page - 1) * page_size
    ids = list(
        qs.order_by("-sort_key", "-document_id").values_list("document_id", flat=True)[offset : offset + page_size]
    )
    by_id = {d.pk: d for d in Document.objects.filter(pk__in=ids).select_related("body").prefetch_related("areas")}
    documents = [by_id[i] for i in ids if i in by_id]
    lang = lang_suffix()
    paragraphs: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    if documents:
        rows = (
            Paragraph.objects.filter(version__text__document__in=ids, version__text__current_version=F("version_id"))
            .order_by("version_id", "position")
            .values_list("version__text__document_id", "version__text__language", "number", "text")
        )
        for doc_id, language, number, text in rows:
            paragraphs[doc_id].append((language, number, text))
    # stems are usually a prefix of the word as written; Chinese parts are substrings
    folded = [p.raw.casefold() if p.han else next(iter(p.terms))[2:] for p in parts]
    hits = []
    for d in documents:
        # the title in the viewer's language, unless the query matches only another language's title
        titles = [d.title] + [t for t in (d.title_en, d.title_ru, d.title_zh) if t and t != d.title]
        shown = next((t for t in titles if search_text.match_spans(t, parts)), d.title)
        hit = SearchHit(document=d, title=search_text.highlight_segments(shown, parts))
        # the viewer's language first, then the others; likely paragraphs before the rest
        candidates = sorted(paragraphs.get(d.pk, []), key=lambda p: (p[0] != lang, p[0]))
        likely = [c for c in candidates if _prefilter(c[2], folded)]
        for language, number, text in likely + [c for c in candidates if c not in likely]:
            if search_text.match_spans(text, parts):
                hit.snippet = search_text.snippet_segments(text, parts)
                hit.paragraph_number, hit.language = number, language
                break
        hits.append(hit)
    return SearchPage(query=query, hits=hits, count=count, page=page, page_size=page_size, more=more)


# --- signatures ----------------------------------------------------------------------------------------------


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
    *, viewer: Any, document: Document | None = None, state: State | None = None, area: str = "",
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


def commitment_get(*, viewer: Any, commitment_id: int) -> Commitment:
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


def dashboard(*, viewer: Any, today: dt.date | None = None) -> Dashboard:
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


def state_by_code(code: str, *, field_name: str = "state") -> State:
    state = State.objects.filter(code=(code or "").upper()).first()
    if state is None:
        from django.utils.translation import gettext as _

        raise errors.DocumentInvalid(field_errors={field_name: [_("Unknown state: %(code)s") % {"code": code}]})
    return state


def states_by_codes(codes: list[str], *, field_name: str = "states") -> list[State]:
    return [state_by_code(c, field_name=field_name) for c in codes]


def body_by_code(code: str, *, field_name: str = "body") -> Any:
    from django.utils.translation import gettext as _

    from sco.members.models import Body

    body = Body.objects.filter(code=code).first()
    if body is None:
        raise errors.DocumentInvalid(field_errors={field_name: [_("Unknown body: %(code)s") % {"code": code}]})
    return body
