"""Every write on documents: one transaction, the permission question first, one audit entry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core import search_terms as search_text
from sco.documents import errors, permissions
from sco.documents.entry_into_force import EntryIntoForceRule, RuleKind, StateSteps
from sco.documents.entry_into_force import entry_into_force_date as eif_date
from sco.documents.entry_into_force import entry_into_force_for_state as eif_for_state
from sco.documents.extraction import ExtractionError, extract_text
from sco.documents.models import (
    TREATY_KINDS,
    Area,
    Commitment,
    ConsentKind,
    Document,
    DocumentArea,
    DocumentRelation,
    DocumentText,
    EifRule,
    ImplementationReport,
    Kind,
    Language,
    Paragraph,
    Participation,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RelationKind,
    ReportStatus,
    Reservation,
    ReservationKind,
    SearchTerm,
    Status,
    TextVersion,
)
from sco.documents.paragraphs import Paragraph as PurePara
from sco.documents.paragraphs import number_paragraphs, split_paragraphs
from sco.members.models import Body, State, Summit
from sco.members.permissions import ensure_signed_in

DOCUMENT_FIELDS = [
    "kind",
    "title_en",
    "title_ru",
    "title_zh",
    "reference_number",
    "body_id",
    "adopted_on",
    "place_en",
    "place_ru",
    "place_zh",
    "summit_id",
    "valid_from_year",
    "valid_to_year",
    "status",
    "restricted",
    "eif_rule",
    "eif_count",
    "eif_days",
    "entry_into_force_on",
    "eif_from_source",
    "note_en",
    "note_ru",
    "note_zh",
    "sources",
    "text_not_held_reason",
]
ADOPTED_STATUSES = (Status.ADOPTED, Status.SIGNED, Status.IN_FORCE, Status.EXPIRED, Status.SUPERSEDED)
SIGNATURE_RULES = (EifRule.ON_SIGNATURE, EifRule.ON_LAST_NOTIFICATION, EifRule.DAYS_AFTER_NTH_NOTIFICATION)
_PERIOD = re.compile(r"^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$")


# --- documents -----------------------------------------------------------------------------------------------


def _validate_document(values: dict[str, Any], areas: Sequence[str]) -> None:
    errs: dict[str, list[str]] = {}
    if values.get("kind") not in Kind.values:
        errs["kind"] = [_("Choose a kind from the list.")]
    title = (values.get("title_en") or "").strip()
    if not title:
        errs["title_en"] = [_("Give the English title.")]
    for f in ("title_en", "title_ru", "title_zh"):
        if len(values.get(f) or "") > 500:
            errs[f] = [_("A title has at most 500 characters.")]
    if values.get("status") not in Status.values:
        errs["status"] = [_("Choose a status from the list.")]
    if values.get("body_id") is None:
        errs["body"] = [_("Choose the adopting body.")]
    bad = [a for a in areas if a not in Area.values]
    if bad:
        errs["areas"] = [_("Unknown area: %(areas)s") % {"areas": ", ".join(bad)}]
    vf, vt = values.get("valid_from_year"), values.get("valid_to_year")
    for f, v in (("valid_from_year", vf), ("valid_to_year", vt)):
        if v is not None and not 1990 <= int(v) <= 2100:
            errs[f] = [_("Give a year between 1990 and 2100.")]
    if vf and vt and vt < vf:
        errs["valid_to_year"] = [_("The period cannot end before it starts.")]
    rule = values.get("eif_rule") or ""
    if rule and rule not in EifRule.values:
        errs["eif_rule"] = [_("Choose a rule from the list.")]
    elif rule in SIGNATURE_RULES and values.get("kind") not in TREATY_KINDS:
        errs["eif_rule"] = [_("Only agreements, charters, protocols and memoranda are signed and ratified.")]
    if rule == EifRule.DAYS_AFTER_NTH_NOTIFICATION and not (values.get("eif_count") or 0) >= 1:
        errs["eif_count"] = [_("Give how many notifications are needed (at least 1).")]
    if rule != EifRule.DAYS_AFTER_NTH_NOTIFICATION and values.get("eif_count"):
        errs["eif_count"] = [_("Only the Nth-notification rule takes a number of notifications.")]
    if not 0 <= int(values.get("eif_days") or 0) <= 3650:
        errs["eif_days"] = [_("Give a number of days between 0 and 3650.")]
    if values.get("status") in (Status.DRAFT, Status.UNDER_NEGOTIATION) and values.get("adopted_on"):
        errs["adopted_on"] = [_("A draft has no adoption date.")]
    if errs:
        raise errors.DocumentInvalid(field_errors=errs)


@transaction.atomic
def document_create(
    *,
    actor: Any,
    kind: str,
    title_en: str,
    body: Body,
    title_ru: str = "",
    title_zh: str = "",
    reference_number: str = "",
    status: str = Status.DRAFT,
    restricted: bool | None = None,
    adopted_on: dt.date | None = None,
    place_en: str = "",
    place_ru: str = "",
    place_zh: str = "",
    summit: Summit | None = None,
    valid_from_year: int | None = None,
    valid_to_year: int | None = None,
    areas: Sequence[str] = (),
    parties: Iterable[State] = (),
    eif_rule: str = "",
    eif_count: int | None = None,
    eif_days: int = 0,
    entry_into_force_on: dt.date | None = None,
    note_en: str = "",
    note_ru: str = "",
    note_zh: str = "",
    sources: str = "",
    text_not_held_reason: str = "",
) -> Document:
    """A new document. Drafts are restricted unless said otherwise; adopted documents are public."""
    permissions.ensure_secretariat(actor)
    if restricted is None:
        restricted = status in (Status.DRAFT, Status.UNDER_NEGOTIATION)
    if not eif_rule and kind not in TREATY_KINDS:
        eif_rule = EifRule.ON_ADOPTION
    values: dict[str, Any] = {
        "kind": kind,
        "title_en": (title_en or "").strip(),
        "title_ru": (title_ru or "").strip(),
        "title_zh": (title_zh or "").strip(),
        "reference_number": (reference_number or "").strip(),
        "body_id": body.pk if body else None,
        "adopted_on": adopted_on,
        "place_en": place_en,
        "place_ru": place_ru,
        "place_zh": place_zh,
        "summit_id": summit.pk if summit else None,
        "valid_from_year": valid_from_year,
        "valid_to_year": valid_to_year,
        "status": status,
        "restricted": restricted,
        "eif_rule": eif_rule,
        "eif_count": eif_count,
        "eif_days": eif_days or 0,
        "entry_into_force_on": entry_into_force_on,
        "eif_from_source": entry_into_force_on is not None,
        "note_en": note_en,
        "note_ru": note_ru,
        "note_zh": note_zh,
        "sources": sources,
        "text_not_held_reason": text_not_held_reason,
    }
    areas = list(dict.fromkeys(areas))
    _validate_document(values, areas)
    document = Document.objects.create(**values)
    DocumentArea.objects.bulk_create([DocumentArea(document=document, area=a) for a in areas])
    parties = list(parties)
    if parties:
        document.parties.set(parties)
    if document.eif_rule == EifRule.ON_ADOPTION and document.adopted_on and not document.entry_into_force_on:
        document.entry_into_force_on = document.adopted_on
        document.save(update_fields=["entry_into_force_on"])
    _reindex(document)
    audit.record(
        actor=actor,
        action="document.created",
        target=document,
        after={**audit.snapshot(document, DOCUMENT_FIELDS), "areas": areas, "parties": [p.code for p in parties]},
    )
    return document


@transaction.atomic
def document_update(*, actor: Any, document: Document, areas: Sequence[str] | None = None, **changes: Any) -> Document:
    permissions.ensure_secretariat(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    before = audit.snapshot(document, DOCUMENT_FIELDS)
    allowed = {f.removesuffix("_id") for f in DOCUMENT_FIELDS} | {"body", "summit"}
    unknown = set(changes) - allowed
    if unknown:
        raise errors.DocumentInvalid(field_errors={k: [_("This field cannot be changed here.")] for k in unknown})
    values = dict(before)
    for key, value in changes.items():
        if key in ("body", "summit"):
            values[f"{key}_id"] = value.pk if value is not None else None
        else:
            values[key] = value.strip() if isinstance(value, str) else value
    new_areas = list(dict.fromkeys(areas)) if areas is not None else list(document.areas.values_list("area", flat=True))
    _validate_document(values, new_areas)
    for key, value in values.items():
        setattr(document, key, value)
    document.save()
    if areas is not None:
        document.areas.all().delete()
        DocumentArea.objects.bulk_create([DocumentArea(document=document, area=a) for a in new_areas])
    _reindex(document)
    audit.record(
        actor=actor,
        action="document.updated",
        target=document,
        before=before,
        after={**audit.snapshot(document, DOCUMENT_FIELDS), "areas": new_areas},
    )
    return document


@transaction.atomic
def document_relate(*, actor: Any, source: Document, target: Document, kind: str) -> DocumentRelation:
    permissions.ensure_secretariat(actor)
    if kind not in RelationKind.values:
        raise errors.DocumentInvalid(field_errors={"kind": [_("Choose a relation from the list.")]})
    if source.pk == target.pk:
        raise errors.DocumentInvalid(field_errors={"target": [_("A document cannot relate to itself.")]})
    relation, _created = DocumentRelation.objects.get_or_create(source=source, target=target, kind=kind)
    if kind == RelationKind.SUPERSEDES and target.status in ADOPTED_STATUSES:
        Document.objects.filter(pk=target.pk).update(status=Status.SUPERSEDED)
    audit.record(actor=actor, action="document.related", target=source, after={"kind": kind, "target": target.pk})
    return relation


@transaction.atomic
def document_circulate(*, actor: Any, document: Document) -> Document:
    """The Secretariat circulates a draft to the delegations: negotiation opens."""
    permissions.ensure_secretariat(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Status.DRAFT:
        raise errors.NotNegotiable()
    if not DocumentText.objects.filter(document=document, current_version__isnull=False).exists():
        raise errors.DocumentInvalid(field_errors={"texts": [_("Upload a text before circulating the draft.")]})
    document.status = Status.UNDER_NEGOTIATION
    document.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="document.circulated", target=document, after={"status": document.status})
    return document


# --- texts ---------------------------------------------------------------------------------------------------


@transaction.atomic
def text_version_add(
    *,
    actor: Any,
    document: Document,
    language: str,
    content: str | None = None,
    data: bytes | None = None,
    file_name: str = "",
    authentic: bool | None = None,
    note: str = "",
    carries: Sequence[int] = (),
) -> TextVersion:
    """A new version of the document's text in one language, typed or extracted from an uploaded file; `carries`
    names the amendments made to another language version that this version carries over."""
    permissions.ensure_secretariat(actor)
    if language not in Language.values:
        raise errors.DocumentInvalid(field_errors={"language": [_("Choose English, Russian or Chinese.")]})
    _ensure_owed(document, language, carries)
    file_kind = ""
    if data is not None:
        try:
            extracted = extract_text(data, name=file_name, max_bytes=settings.SCO_MAX_UPLOAD_BYTES)
        except ExtractionError as e:
            raise errors.UploadRefused(reason=upload_error_message(e.code)) from e
        content, file_kind = extracted.text, extracted.kind.value
    content = (content or "").strip()
    texts = split_paragraphs(content)
    if not texts:
        raise errors.DocumentInvalid(field_errors={"content": [_("The text is empty.")]})
    if len(note) > 500:
        raise errors.DocumentInvalid(field_errors={"note": [_("A note has at most 500 characters.")]})
    text, _created = DocumentText.objects.select_for_update().get_or_create(document=document, language=language)
    previous: list[PurePara] = []
    if text.current_version is not None:
        previous = [PurePara(p.number, p.text) for p in text.current_version.paragraphs.all()]
    numbered = number_paragraphs(texts, previous)
    version = _version_create(text, numbered, actor=actor, file_name=file_name, file_kind=file_kind, note=note)
    version.carries.set(list(carries))
    if authentic is not None and authentic != text.authentic:
        text.authentic = authentic
        text.save(update_fields=["authentic"])
    _reindex(document)
    audit.record(
        actor=actor,
        action="document.text_version_added",
        target=document,
        after={
            "language": language,
            "version": version.number,
            "paragraphs": len(numbered),
            "file": file_name,
            "carries": sorted(carries),
        },
    )
    return version


def _ensure_owed(document: Document, language: str, carries: Sequence[int]) -> None:
    if not carries:
        return
    from sco.documents.selectors import texts_out_of_step

    owed_ids = {a.id for a in texts_out_of_step(document=document).get(language, [])}
    if not set(carries) <= owed_ids:
        raise errors.CarriesInvalid(field_errors={"carries": [str(errors.CarriesInvalid.message_template)]})


def ensure_texts_in_step(document: Document) -> None:
    """Refuses (409, naming the language versions) while an authentic text does not carry an amendment it owes."""
    from sco.documents.selectors import texts_out_of_step

    behind = texts_out_of_step(document=document)
    if behind:
        names = ", ".join(str(Language(language).label) for language in sorted(behind))
        raise errors.AuthenticTextsOutOfStep(languages=names)


def _version_create(
    text: DocumentText,
    paragraphs: Sequence[PurePara],
    *,
    actor: Any,
    file_name: str = "",
    file_kind: str = "",
    note: str = "",
) -> TextVersion:
    last = text.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = TextVersion.objects.create(
        text=text,
        number=last + 1,
        content="\n\n".join(p.text for p in paragraphs),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        file_name=file_name[:200],
        file_kind=file_kind,
        note=note,
    )
    Paragraph.objects.bulk_create(
        [Paragraph(version=version, number=p.number, position=i, text=p.text) for i, p in enumerate(paragraphs)]
    )
    text.current_version = version
    text.save(update_fields=["current_version"])
    return version


def upload_error_message(code: str) -> str:
    messages = {
        "empty_file": _("the file is empty."),
        "file_too_large": _("the file is larger than 10 MB."),
        "unsupported_file_type": _("only PDF, DOCX and UTF-8 plain text are accepted."),
        "broken_file": _("the file is damaged and could not be read."),
        "encrypted_file": _("the file is encrypted or password-protected."),
        "too_many_pages": _("the file has more than 500 pages."),
        "suspicious_archive": _("the DOCX archive expands to an unreasonable size."),
        "no_text_found": _("no text could be found in the file (a scanned image?)."),
        "text_too_long": _("the extracted text is too long."),
    }
    return messages.get(code, _("the file could not be read."))


@transaction.atomic
def text_authentic_set(*, actor: Any, text: DocumentText, authentic: bool) -> DocumentText:
    permissions.ensure_secretariat(actor)
    text = DocumentText.objects.select_for_update().get(pk=text.pk)
    before = text.authentic
    text.authentic = authentic
    text.save(update_fields=["authentic"])
    audit.record(
        actor=actor,
        action="document.text_authentic_set",
        target=text.document,
        before={"language": text.language, "authentic": before},
        after={"language": text.language, "authentic": authentic},
    )
    return text


# --- negotiation ---------------------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    actor: Any,
    version: TextVersion,
    paragraph_number: int,
    kind: str,
    state: State,
    comment: str = "",
    proposed_text: str = "",
    languages: Sequence[str] | None = None,
) -> Proposal:
    """A delegation comments on, or proposes an amendment to, one paragraph of the current version. An amendment
    names the language versions it changes (by default its own and every authentic one)."""
    ensure_signed_in(actor)
    document = version.text.document
    permissions.ensure_may_act_for(actor, state, body=document.body)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != Status.UNDER_NEGOTIATION:
        raise errors.NotNegotiable()
    text = DocumentText.objects.get(pk=version.text_id)
    if text.current_version_id != version.pk:
        raise errors.StaleVersion()
    errs: dict[str, list[str]] = {}
    if kind not in ProposalKind.values:
        errs["kind"] = [_("Choose comment or amendment.")]
    if not version.paragraphs.filter(number=paragraph_number).exists():
        errs["paragraph_number"] = [_("There is no paragraph %(n)s in this version.") % {"n": paragraph_number}]
    comment, proposed_text = (comment or "").strip(), (proposed_text or "").strip()
    if kind == ProposalKind.COMMENT and not comment:
        errs["comment"] = [_("Write the comment.")]
    if len(comment) > 5000:
        errs["comment"] = [_("A comment has at most 5000 characters.")]
    if len(proposed_text) > 20000:
        errs["proposed_text"] = [_("A proposed text has at most 20000 characters.")]
    if kind == ProposalKind.AMENDMENT:
        current = version.paragraphs.filter(number=paragraph_number).values_list("text", flat=True).first()
        if current is not None and proposed_text == current:
            errs["proposed_text"] = [_("The proposed text is the same as the current one.")]
    changed: list[str] = []
    if kind == ProposalKind.AMENDMENT:
        if languages is None:
            languages = list(
                DocumentText.objects.filter(document=document, authentic=True).values_list("language", flat=True)
            )
        if any(lang not in Language.values for lang in languages):
            errs["languages"] = [_("Choose English, Russian or Chinese.")]
        changed = sorted({text.language, *[lang for lang in languages if lang in Language.values]})
    if errs:
        raise errors.ProposalInvalid(field_errors=errs)
    proposal = Proposal.objects.create(
        languages=changed,
        version=version,
        paragraph_number=paragraph_number,
        kind=kind,
        state=state,
        author=actor,
        comment=comment,
        proposed_text=proposed_text,
    )
    audit.record(
        actor=actor,
        action="document.proposal_submitted",
        target=proposal,
        on_behalf_of=state,
        after={
            "document": document.pk,
            "version": version.number,
            "paragraph": paragraph_number,
            "kind": kind,
            "languages": changed,
        },
    )
    return proposal


@transaction.atomic
def proposal_decide(*, actor: Any, proposal: Proposal, outcome: str, merged_text: str = "", note: str = "") -> Proposal:
    """The Secretariat accepts, rejects or merges an amendment, or notes a comment."""
    permissions.ensure_secretariat(actor)
    proposal = Proposal.objects.select_for_update().select_related("version__text").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise errors.ProposalAlreadyDecided()
    allowed = (
        (ProposalStatus.NOTED,)
        if proposal.kind == ProposalKind.COMMENT
        else (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED, ProposalStatus.MERGED)
    )
    errs: dict[str, list[str]] = {}
    if outcome not in allowed:
        errs["outcome"] = [_("This outcome does not apply to this proposal.")]
    merged_text = (merged_text or "").strip()
    if outcome == ProposalStatus.MERGED and not merged_text:
        errs["merged_text"] = [_("Give the merged text.")]
    if outcome in (ProposalStatus.ACCEPTED, ProposalStatus.MERGED):
        taken = Proposal.objects.filter(
            version=proposal.version,
            paragraph_number=proposal.paragraph_number,
            status__in=[ProposalStatus.ACCEPTED, ProposalStatus.MERGED],
            result_version__isnull=True,
        ).exclude(pk=proposal.pk)
        if taken.exists():
            errs["outcome"] = [
                _("Another amendment to this paragraph is already accepted; merge them into one text instead.")
            ]
    if errs:
        raise errors.ProposalInvalid(field_errors=errs)
    proposal.status = outcome
    proposal.merged_text = merged_text if outcome == ProposalStatus.MERGED else ""
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.decision_note = (note or "").strip()[:2000]
    proposal.save()
    audit.record(
        actor=actor,
        action="document.proposal_decided",
        target=proposal,
        after={"outcome": outcome, "merged_text": proposal.merged_text},
    )
    return proposal


@transaction.atomic
def version_from_proposals(
    *, actor: Any, text: DocumentText, note: str = "", carries: Sequence[int] = ()
) -> TextVersion:
    """A new version of the text with the accepted and merged amendments applied; numbers are kept. `carries`
    names the amendments to another language version that these amendments carry over."""
    permissions.ensure_secretariat(actor)
    text = DocumentText.objects.select_for_update().select_related("document").get(pk=text.pk)
    _ensure_owed(text.document, text.language, carries)
    current = text.current_version
    if current is None:
        raise errors.NothingToApply()
    decided = list(
        Proposal.objects.filter(
            version=current,
            kind=ProposalKind.AMENDMENT,
            status__in=[ProposalStatus.ACCEPTED, ProposalStatus.MERGED],
            result_version__isnull=True,
        )
    )
    if not decided:
        raise errors.NothingToApply()
    replacement = {
        p.paragraph_number: (p.merged_text if p.status == ProposalStatus.MERGED else p.proposed_text) for p in decided
    }
    old = list(current.paragraphs.order_by("position"))
    next_number = max(p.number for p in old) + 1
    new: list[PurePara] = []
    for para in old:
        if para.number not in replacement:
            new.append(PurePara(para.number, para.text))
            continue
        pieces = split_paragraphs(replacement[para.number])
        for i, piece in enumerate(pieces):  # an empty replacement deletes the paragraph
            if i == 0:
                new.append(PurePara(para.number, piece))
            else:
                new.append(PurePara(next_number, piece))
                next_number += 1
    if not new:
        raise errors.DocumentInvalid(field_errors={"content": [_("The amendments would leave the text empty.")]})
    version = _version_create(text, new, actor=actor, note=note or _("Amendments applied"))
    Proposal.objects.filter(pk__in=[p.pk for p in decided]).update(result_version=version)
    version.carries.set(list(carries))
    _reindex(text.document)
    audit.record(
        actor=actor,
        action="document.version_from_proposals",
        target=text.document,
        after={
            "language": text.language,
            "version": version.number,
            "proposals": [p.pk for p in decided],
            "carries": sorted(carries),
        },
    )
    return version


# --- adoption ------------------------------------------------------------------------------------------------


def _mark_adopted(
    document: Document, *, adopted_on: dt.date, procedure: str, decision_id: int | None, place_en: str = ""
) -> None:
    """The adopted document becomes public; its entry into force and search index follow (on a locked row, inside
    the caller's transaction, which writes the audit entry)."""
    document.status = Status.ADOPTED
    document.adopted_on = adopted_on
    document.restricted = False
    document.adoption_procedure = procedure[:20]
    document.decision_id = decision_id
    if place_en:
        document.place_en = place_en
    document.save()
    _recompute_entry_into_force(document)
    _reindex(document)


@transaction.atomic
def document_record_adoption(
    *,
    actor: Any,
    document: Document,
    adopted_on: dt.date,
    procedure: str,
    decision_id: int | None = None,
    place_en: str = "",
) -> Document:
    """Records that the document was adopted (by the decision procedure named); it becomes public."""
    permissions.ensure_secretariat(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status not in (Status.DRAFT, Status.UNDER_NEGOTIATION):
        raise errors.AdoptionNotPossible()
    ensure_texts_in_step(document)
    before = audit.snapshot(document, DOCUMENT_FIELDS)
    _mark_adopted(document, adopted_on=adopted_on, procedure=procedure, decision_id=decision_id, place_en=place_en)
    audit.record(
        actor=actor,
        action="document.adopted",
        target=document,
        before=before,
        after={**audit.snapshot(document, DOCUMENT_FIELDS), "procedure": procedure, "decision": decision_id},
    )
    return document


# --- signatures and entry into force -------------------------------------------------------------------------


def rule_of(document: Document) -> EntryIntoForceRule | None:
    if not document.eif_rule:
        return None
    kind = RuleKind(document.eif_rule)
    count = document.eif_count if kind is RuleKind.DAYS_AFTER_NTH_NOTIFICATION else None
    days = document.eif_days if kind is not RuleKind.ON_ADOPTION else 0
    return EntryIntoForceRule(kind, count=count, days=days)


def _recompute_entry_into_force(document: Document) -> None:
    """Stores the computed entry-into-force date (unless it comes from a source) and the per-state dates."""
    rule = rule_of(document)
    if rule is None or document.eif_from_source:
        return
    participations = list(document.participations.all())
    steps = {p.state_id: StateSteps(p.signed_on, p.notified_on) for p in participations}
    party_ids = list(document.parties.values_list("pk", flat=True)) or [p.state_id for p in participations]
    when = eif_date(
        rule,
        parties=[str(x) for x in party_ids],
        steps={str(k): v for k, v in steps.items()},
        adopted_on=document.adopted_on,
    )
    document.entry_into_force_on = when
    today = timezone.localdate()
    if rule.needs_signature and document.status in (Status.ADOPTED, Status.SIGNED, Status.IN_FORCE):
        if when is not None and when <= today:
            document.status = Status.IN_FORCE
        elif any(p.signed_on for p in participations):
            document.status = Status.SIGNED
    document.save(update_fields=["entry_into_force_on", "status", "updated_at"])
    for p in participations:
        state_date = eif_for_state(rule, state=str(p.state_id), in_force_on=when, steps=steps[p.state_id])
        if state_date != p.in_force_on:
            p.in_force_on = state_date
            p.save(update_fields=["in_force_on"])


@transaction.atomic
def participation_record(
    *,
    actor: Any,
    document: Document,
    state: State,
    signed_on: dt.date | None = None,
    signatory: str = "",
    consent_kind: str = "",
    consent_on: dt.date | None = None,
    notified_on: dt.date | None = None,
) -> Participation:
    """Records a state's signature, ratification (or acceptance, approval, accession) and notification.

    The Secretariat records as depositary; a delegation may record its own state's acts. Blank values keep
    what is stored."""
    ensure_signed_in(actor)
    if not permissions.is_secretariat(actor):
        permissions.ensure_may_act_for(actor, state)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.kind not in TREATY_KINDS or document.eif_rule not in SIGNATURE_RULES:
        raise errors.NoSignatureStep(kind=document.get_kind_display())
    if document.status not in (Status.ADOPTED, Status.SIGNED, Status.IN_FORCE):
        raise errors.ParticipationInvalid(
            field_errors={"document": [_("Signatures are recorded once the text is adopted.")]}
        )
    participation = Participation.objects.filter(document=document, state=state).first() or Participation(
        document=document, state=state
    )
    before = audit.snapshot(participation, ["signed_on", "consent_kind", "consent_on", "notified_on"])
    signed_on = signed_on or participation.signed_on
    consent_kind = consent_kind or participation.consent_kind
    consent_on = consent_on or participation.consent_on
    notified_on = notified_on or participation.notified_on
    errs: dict[str, list[str]] = {}
    if consent_kind and consent_kind not in ConsentKind.values:
        errs["consent_kind"] = [_("Choose ratification, acceptance, approval or accession.")]
    if consent_kind == ConsentKind.ACCESSION and signed_on is None and notified_on is not None:
        signed_on = notified_on  # an accession is consent without prior signature; it counts from deposit
    if signed_on and document.adopted_on and signed_on < document.adopted_on:
        errs["signed_on"] = [_("A signature cannot come before the adoption.")]
    if signed_on and signed_on > timezone.localdate():
        errs["signed_on"] = [_("A signature cannot be recorded in the future.")]
    if (consent_on or notified_on) and not signed_on:
        errs["signed_on"] = [_("Record the signature first.")]
    if consent_on and signed_on and consent_on < signed_on:
        errs["consent_on"] = [_("Consent cannot come before the signature.")]
    if consent_on and not consent_kind:
        errs["consent_kind"] = [_("Say how the state consented to be bound.")]
    if notified_on and signed_on and notified_on < signed_on:
        errs["notified_on"] = [_("The notification cannot come before the signature.")]
    if notified_on and consent_on and notified_on < consent_on:
        errs["notified_on"] = [_("The notification cannot come before the consent.")]
    if notified_on and notified_on > timezone.localdate():
        errs["notified_on"] = [_("A notification cannot be recorded in the future.")]
    if len(signatory or "") > 200:
        errs["signatory"] = [_("At most 200 characters.")]
    if errs:
        raise errors.ParticipationInvalid(field_errors=errs)
    participation.signed_on = signed_on
    participation.signatory = (signatory or participation.signatory or "").strip()
    participation.consent_kind = consent_kind or ""
    participation.consent_on = consent_on
    participation.notified_on = notified_on
    participation.save()
    if not document.parties.filter(pk=state.pk).exists() and consent_kind != ConsentKind.ACCESSION:
        document.parties.add(state)
    _recompute_entry_into_force(document)
    participation.refresh_from_db()
    audit.record(
        actor=actor,
        action="document.participation_recorded",
        target=document,
        on_behalf_of=state,
        before=before,
        after=audit.snapshot(participation, ["signed_on", "consent_kind", "consent_on", "notified_on"]),
    )
    return participation


@transaction.atomic
def reservation_add(*, actor: Any, participation: Participation, kind: str, text: str, made_on: dt.date) -> Reservation:
    ensure_signed_in(actor)
    if not permissions.is_secretariat(actor):
        permissions.ensure_may_act_for(actor, participation.state)
    errs: dict[str, list[str]] = {}
    if kind not in ReservationKind.values:
        errs["kind"] = [_("Choose reservation, declaration or statement.")]
    text = (text or "").strip()
    if not text or len(text) > 20000:
        errs["text"] = [_("Give the text (at most 20000 characters).")]
    if errs:
        raise errors.ParticipationInvalid(field_errors=errs)
    reservation = Reservation.objects.create(participation=participation, kind=kind, text=text, made_on=made_on)
    audit.record(
        actor=actor,
        action="document.reservation_added",
        target=participation.document,
        on_behalf_of=participation.state,
        after={"kind": kind, "made_on": made_on.isoformat()},
    )
    return reservation


# --- commitments ---------------------------------------------------------------------------------------------


@transaction.atomic
def commitment_create(
    *,
    actor: Any,
    document: Document,
    text_en: str,
    area: str,
    states: Sequence[State],
    text_ru: str = "",
    text_zh: str = "",
    bodies: Sequence[Body] = (),
    due_on: dt.date | None = None,
    indicator: str = "",
    paragraph_number: int | None = None,
    illustrative: bool = False,
) -> Commitment:
    permissions.ensure_secretariat(actor)
    errs: dict[str, list[str]] = {}
    if document.status not in ADOPTED_STATUSES:
        errs["document"] = [_("Commitments are drawn from adopted documents.")]
    if not (text_en or "").strip():
        errs["text_en"] = [_("Write the commitment in English.")]
    if area not in Area.values:
        errs["area"] = [_("Choose an area from the list.")]
    if not states:
        errs["states"] = [_("Choose at least one responsible state.")]
    if len(indicator or "") > 500:
        errs["indicator"] = [_("At most 500 characters.")]
    if errs:
        raise errors.CommitmentInvalid(field_errors=errs)
    commitment = Commitment.objects.create(
        document=document,
        text_en=text_en.strip(),
        text_ru=(text_ru or "").strip(),
        text_zh=(text_zh or "").strip(),
        area=area,
        due_on=due_on,
        indicator=(indicator or "").strip(),
        paragraph_number=paragraph_number,
        illustrative=illustrative,
    )
    commitment.states.set(states)
    if bodies:
        commitment.bodies.set(bodies)
    audit.record(
        actor=actor,
        action="document.commitment_created",
        target=commitment,
        after={"document": document.pk, "states": [s.code for s in states], "due_on": due_on, "area": area},
    )
    return commitment


@transaction.atomic
def report_file(
    *,
    actor: Any,
    commitment: Commitment,
    state: State,
    period: str,
    status: str,
    progress: int,
    text: str = "",
    evidence: str = "",
) -> ImplementationReport:
    """A responsible state reports on a commitment for a period (a year, half-year, quarter or month)."""
    ensure_signed_in(actor)
    permissions.ensure_may_act_for(actor, state)
    errs: dict[str, list[str]] = {}
    if not commitment.states.filter(pk=state.pk).exists():
        errs["state"] = [_("%(state)s is not responsible for this commitment.") % {"state": state.name}]
    period = (period or "").strip()
    if not _PERIOD.match(period):
        errs["period"] = [_("Give the period as 2025, 2025-H1, 2025-Q3 or 2025-07.")]
    if status not in ReportStatus.values:
        errs["status"] = [_("Choose a status from the list.")]
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        progress = -1
    if not 0 <= progress <= 100:
        errs["progress"] = [_("Give progress as a whole number from 0 to 100.")]
    elif status == ReportStatus.COMPLETED and progress != 100:
        errs["progress"] = [_("A completed commitment has progress 100.")]
    if len(text or "") > 10000 or len(evidence or "") > 5000:
        errs["text"] = [_("The report is too long.")]
    if not errs and ImplementationReport.objects.filter(commitment=commitment, state=state, period=period).exists():
        errs["period"] = [_("A report for this period has already been filed.")]
    if errs:
        raise errors.ReportInvalid(field_errors=errs)
    report = ImplementationReport.objects.create(
        commitment=commitment,
        state=state,
        period=period,
        status=status,
        progress=progress,
        text=(text or "").strip(),
        evidence=(evidence or "").strip(),
        filed_by=actor,
    )
    audit.record(
        actor=actor,
        action="document.report_filed",
        target=report,
        on_behalf_of=state,
        after={"commitment": commitment.pk, "period": period, "status": status, "progress": progress},
    )
    return report


# --- the search index ----------------------------------------------------------------------------------------


def _reindex(document: Document) -> None:
    """Rebuilds the document's search terms from its titles and the current version of each text."""
    parts = [document.title_en, document.title_ru, document.title_zh, document.reference_number]
    parts += list(
        TextVersion.objects.filter(text__document=document, text__current_version=F("pk")).values_list(
            "content", flat=True
        )
    )
    terms: set[str] = set()
    for part in parts:
        if part:
            terms |= search_text.index_terms(part)
    SearchTerm.objects.filter(document=document).delete()
    sort_key = document.adopted_on or dt.date.min
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(term=t, document=document, restricted=document.restricted, sort_key=sort_key)
            for t in sorted(terms)
        ],
        batch_size=2000,
    )
