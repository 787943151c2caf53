"""The JSON door for documents: thin endpoints over the services and selectors."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from sco.core.pagination import PageNumber
from sco.core.schemas import Year
from sco.documents import exports, schemas, selectors, services
from sco.documents import search as registry_search
from sco.documents.errors import DocumentNotFound, UploadRefused
from sco.members import selectors as members_selectors

router = Router(tags=["documents"])


class FilterQuery(Schema):
    kind: str = ""
    body: str = ""
    area: str = ""
    year: Year | None = None
    status: str = ""

    def filters(self) -> selectors.DocumentFilters:
        return selectors.DocumentFilters(self.kind, self.body, self.area, self.year, self.status)


def _segments(segs: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    return [{"text": t, "match": m} for t, m in segs]


@router.get("/", response=list[schemas.DocumentOut], summary="List documents")
@paginate
def list_documents(request: HttpRequest, filters: Query[FilterQuery]) -> Any:
    return selectors.document_list(viewer=request.user, filters=filters.filters())


@router.get("/search", response=schemas.SearchOut, summary="Full-text search in English, Russian and Chinese")
def search(
    request: HttpRequest, q: str, filters: Query[FilterQuery], page: PageNumber = 1, page_size: int = 20
) -> Any:  # fmt: skip
    result = registry_search.document_search(
        viewer=request.user, query=q, filters=filters.filters(), page=page, page_size=min(max(page_size, 1), 100)
    )
    return {
        "query": result.query,
        "count": result.count,
        "more": result.more,
        "page": result.page,
        "pages": result.pages,
        "hits": [
            {
                "document": h.document,
                "title": _segments(h.title),
                "snippet": _segments(h.snippet),
                "paragraph_number": h.paragraph_number,
                "language": h.language,
            }
            for h in result.hits
        ],
    }


@router.get("/registry.csv", summary="The registry as CSV")
def registry_csv(request: HttpRequest, filters: Query[FilterQuery]) -> HttpResponse:
    documents = selectors.document_list(viewer=request.user, filters=filters.filters())
    response = HttpResponse(exports.registry_csv(documents), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sco-documents.csv"'
    return response


@router.get(
    "/dashboard", response=schemas.DashboardOut, summary="Implementation of commitments by document, state and area"
)
def dashboard(request: HttpRequest) -> Any:
    d = selectors.dashboard(viewer=request.user)
    return {
        "by_document": d.by_document,
        "by_state": d.by_state,
        "by_area": d.by_area,
        "status_counts": dict(d.status_counts),
    }


@router.post("/", response={201: schemas.DocumentOut}, summary="Create a document (Secretariat)")
def create_document(request: HttpRequest, payload: schemas.DocumentIn) -> Any:
    data = payload.dict()
    body = members_selectors.body_get(code=data.pop("body"), field="body")
    parties = members_selectors.states_get(codes=data.pop("parties"), field="parties")
    document = services.document_create(actor=request.user, body=body, parties=parties, **data)
    return Status(201, selectors.document_get(viewer=request.user, document_id=document.pk))


@router.get("/{int:document_id}", response=schemas.DocumentOut, summary="One document")
def get_document(request: HttpRequest, document_id: int) -> Any:
    return selectors.document_get(viewer=request.user, document_id=document_id)


@router.patch("/{int:document_id}", response=schemas.DocumentOut, summary="Change a document (Secretariat)")
def patch_document(request: HttpRequest, document_id: int, payload: schemas.DocumentPatch) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    changes = payload.dict(exclude_unset=True)
    areas = changes.pop("areas", None)
    services.document_update(actor=request.user, document=document, areas=areas, **changes)
    return selectors.document_get(viewer=request.user, document_id=document_id)


@router.post("/{int:document_id}/relations", response={201: schemas.DocumentOut}, summary="Relate to another document")
def relate(request: HttpRequest, document_id: int, payload: schemas.RelationIn) -> Any:
    source = selectors.document_get(viewer=request.user, document_id=document_id)
    target = selectors.document_get(viewer=request.user, document_id=payload.target)
    services.document_relate(actor=request.user, source=source, target=target, kind=payload.kind)
    return Status(201, selectors.document_get(viewer=request.user, document_id=document_id))


@router.post(
    "/{int:document_id}/circulate", response=schemas.DocumentOut, summary="Circulate a draft to the delegations"
)
def circulate(request: HttpRequest, document_id: int) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    services.document_circulate(actor=request.user, document=document)
    return selectors.document_get(viewer=request.user, document_id=document_id)


@router.get(
    "/{int:document_id}/texts", response=list[schemas.TextOut], summary="The document's texts, one per language"
)
def texts(request: HttpRequest, document_id: int) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    behind = selectors.texts_out_of_step(document=document)
    return [
        {
            "language": t.language,
            "authentic": t.authentic,
            "current_version": t.current_version.number if t.current_version else None,
            "versions": t.version_count,  # type: ignore[attr-defined]  # annotated in the selector
            "owes": [a.id for a in behind.get(t.language, [])],
        }
        for t in selectors.document_texts(document=document)
    ]


@router.get(
    "/{int:document_id}/texts/{lang}/versions", response=list[schemas.TextVersionOut], summary="Versions of one text"
)
def versions(request: HttpRequest, document_id: int, lang: str) -> Any:
    text = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    return selectors.version_list(text=text)


def _version_detail(text: Any, version: Any) -> dict[str, Any]:
    return {
        "number": version.number,
        "created_at": version.created_at,
        "file_name": version.file_name,
        "file_kind": version.file_kind,
        "note": version.note,
        "language": text.language,
        "authentic": text.authentic,
        "paragraphs": selectors.paragraphs_of(version=version),
    }


@router.get(
    "/{int:document_id}/texts/{lang}/versions/{int:number}", response=schemas.VersionDetailOut, summary="One version"
)
def version(request: HttpRequest, document_id: int, lang: str, number: int) -> Any:
    text = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    return _version_detail(text, selectors.version_get(text=text, number=number))


@router.post(
    "/{int:document_id}/texts/{lang}/versions",
    response={201: schemas.VersionDetailOut},
    summary="Add a version as text",
)
def add_version(request: HttpRequest, document_id: int, lang: str, payload: schemas.TextIn) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    v = services.text_version_add(
        actor=request.user,
        document=document,
        language=lang,
        content=payload.content,
        authentic=payload.authentic,
        note=payload.note,
        carries=payload.carries,
    )
    return Status(201, _version_detail(v.text, v))


@router.post(
    "/{int:document_id}/texts/{lang}/upload",
    response={201: schemas.VersionDetailOut},
    summary=f"Add a version from a PDF, DOCX or UTF-8 text file (at most {settings.SCO_MAX_UPLOAD_BYTES // 2**20} MB)",
)
def upload(request: HttpRequest, document_id: int, lang: str, file: File[UploadedFile]) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    if file.size and file.size > settings.SCO_MAX_UPLOAD_BYTES:
        raise UploadRefused(reason=services.upload_error_message("file_too_large"))
    data = file.read(settings.SCO_MAX_UPLOAD_BYTES + 1)
    v = services.text_version_add(
        actor=request.user, document=document, language=lang, data=data, file_name=file.name or ""
    )
    return Status(201, _version_detail(v.text, v))


@router.get(
    "/{int:document_id}/texts/{lang}/diff", response=list[schemas.DiffOut], summary="Difference between versions"
)
def diff(request: HttpRequest, document_id: int, lang: str, old: int, new: int) -> Any:
    text = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    a, b = selectors.version_get(text=text, number=old), selectors.version_get(text=text, number=new)
    return [
        {
            "kind": d.kind.value,
            "number": d.number,
            "old": d.old,
            "new": d.new,
            "pieces": [{"text": p.text, "kind": p.kind.value} for p in d.pieces],
        }
        for d in selectors.version_diff(old=a, new=b)
    ]


@router.get(
    "/{int:document_id}/texts/{lang}/proposals", response=list[schemas.ProposalOut], summary="Comments and amendments"
)
def proposals(request: HttpRequest, document_id: int, lang: str, version: int | None = None) -> Any:
    text = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    return selectors.proposal_list(version=selectors.version_get(text=text, number=version))


@router.post(
    "/{int:document_id}/texts/{lang}/proposals",
    response={201: schemas.ProposalOut},
    summary="Comment on or amend a paragraph of the current version (a delegation)",
)
def propose(request: HttpRequest, document_id: int, lang: str, payload: schemas.ProposalIn) -> Any:
    text = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    version = selectors.version_get(text=text)
    p = services.proposal_submit(
        actor=request.user,
        version=version,
        paragraph_number=payload.paragraph_number,
        kind=payload.kind,
        state=members_selectors.state_get(code=payload.state, field="state"),
        comment=payload.comment,
        languages=payload.languages,
        proposed_text=payload.proposed_text,
    )
    return Status(201, p)


@router.post("/proposals/{int:proposal_id}/decision", response=schemas.ProposalOut, summary="Accept, reject or merge")
def decide(request: HttpRequest, proposal_id: int, payload: schemas.ProposalDecisionIn) -> Any:
    proposal = selectors.proposal_get(viewer=request.user, proposal_id=proposal_id)
    return services.proposal_decide(actor=request.user, proposal=proposal, **payload.dict())


@router.post(
    "/{int:document_id}/texts/{lang}/apply",
    response={201: schemas.VersionDetailOut},
    summary="Make a new version from the accepted and merged amendments",
)
def apply(request: HttpRequest, document_id: int, lang: str, payload: schemas.ApplyIn) -> Any:
    text = selectors.text_get(viewer=request.user, document_id=document_id, language=lang)
    v = services.version_from_proposals(actor=request.user, text=text, note=payload.note, carries=payload.carries)
    return Status(201, _version_detail(v.text, v))


def _participants(document: Any) -> dict[str, Any]:
    rows = selectors.participant_table(document=document)
    return {
        "entry_into_force_on": document.entry_into_force_on,
        "rule": document.eif_rule,
        "participants": [
            {
                "state": r.state.code,
                "state_name": r.state.name,
                "signed_on": r.participation.signed_on if r.participation else None,
                "signatory": r.participation.signatory if r.participation else "",
                "consent_kind": r.participation.consent_kind if r.participation else "",
                "consent_on": r.participation.consent_on if r.participation else None,
                "notified_on": r.participation.notified_on if r.participation else None,
                "in_force_on": r.participation.in_force_on if r.participation else None,
                "reservations": r.reservations,
            }
            for r in rows
        ],
    }


@router.get("/{int:document_id}/participants", response=schemas.ParticipantsOut, summary="Signatures and ratifications")
def participants(request: HttpRequest, document_id: int) -> Any:
    return _participants(selectors.document_get(viewer=request.user, document_id=document_id))


@router.post("/{int:document_id}/participants", response=schemas.ParticipantsOut, summary="Record a state's acts")
def record_participation(request: HttpRequest, document_id: int, payload: schemas.ParticipationIn) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    data = payload.dict()
    state = members_selectors.state_get(code=data.pop("state"), field="state")
    services.participation_record(actor=request.user, document=document, state=state, **data)
    return _participants(selectors.document_get(viewer=request.user, document_id=document_id))


@router.post("/{int:document_id}/reservations", response=schemas.ParticipantsOut, summary="Record a reservation")
def add_reservation(request: HttpRequest, document_id: int, payload: schemas.ReservationIn) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    state = members_selectors.state_get(code=payload.state, field="state")
    participation = selectors.participation_of(document=document, state=state)
    if participation is None:
        raise DocumentNotFound()
    services.reservation_add(
        actor=request.user, participation=participation, kind=payload.kind, text=payload.text, made_on=payload.made_on
    )
    return _participants(selectors.document_get(viewer=request.user, document_id=document_id))


def _commitment_out(row: selectors.CommitmentRow) -> dict[str, Any]:
    c = row.commitment
    return {
        "id": c.pk,
        "document_id": c.document_id,
        "paragraph_number": c.paragraph_number,
        "text": c.text,
        "area": c.area,
        "states": [s.code for s in c.states.all()],
        "due_on": c.due_on,
        "indicator": c.indicator,
        "overdue": row.overdue,
        "completed": row.completed,
        "illustrative": c.illustrative,
        "latest_reports": list(row.latest.values()),
    }


@router.get("/{int:document_id}/commitments", response=list[schemas.CommitmentOut], summary="Commitments of a document")
def commitments(request: HttpRequest, document_id: int) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    return [_commitment_out(r) for r in selectors.commitment_rows(viewer=request.user, document=document)]


@router.post("/{int:document_id}/commitments", response={201: schemas.CommitmentOut}, summary="Draw a commitment")
def add_commitment(request: HttpRequest, document_id: int, payload: schemas.CommitmentIn) -> Any:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    data = payload.dict()
    states = members_selectors.states_get(codes=data.pop("states"), field="states")
    bodies = [members_selectors.body_get(code=b, field="bodies") for b in data.pop("bodies")]
    c = services.commitment_create(actor=request.user, document=document, states=states, bodies=bodies, **data)
    rows = selectors.commitment_rows(viewer=request.user, document=document)
    return Status(201, _commitment_out(next(r for r in rows if r.commitment.pk == c.pk)))


@router.post("/commitments/{int:commitment_id}/reports", response={201: schemas.ReportOut}, summary="File a report")
def file_report(request: HttpRequest, commitment_id: int, payload: schemas.ReportIn) -> Any:
    commitment = selectors.commitment_get(viewer=request.user, commitment_id=commitment_id)
    data = payload.dict()
    state = members_selectors.state_get(code=data.pop("state"), field="state")
    return Status(201, services.report_file(actor=request.user, commitment=commitment, state=state, **data))


@router.get("/{int:document_id}/akn/{lang}", summary="Akoma Ntoso 3.0 XML of the current version in one language")
def akn(request: HttpRequest, document_id: int, lang: str) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    if lang not in ("en", "ru", "zh"):
        raise DocumentNotFound()
    # A document whose text the registry does not hold still exports its record (metadata, no body).
    text = document.texts.select_related("current_version").filter(language=lang).first()
    version = text.current_version if text else None
    response = HttpResponse(exports.akn_for(document, text, version, lang), content_type="application/akn+xml")
    response["Content-Disposition"] = f'attachment; filename="sco-document-{document_id}-{lang}.xml"'
    return response


@router.get("/{int:document_id}/pdf/{lang}", summary="PDF of the current version in one language")
def pdf(request: HttpRequest, document_id: int, lang: str) -> HttpResponse:
    document = selectors.document_get(viewer=request.user, document_id=document_id)
    if lang not in ("en", "ru", "zh"):
        raise DocumentNotFound()
    text = document.texts.select_related("current_version").filter(language=lang).first()
    version = text.current_version if text else None
    # A Russian or Chinese PDF labels its particulars in its own language, whatever the reader's interface.
    with translation.override({"zh": "zh-hans"}.get(lang, lang)):
        body = exports.pdf_for(document, text, version, lang)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sco-document-{document_id}-{lang}.pdf"'
    return response
