"""Writes on a document's record: create, update, relate, circulate (the Secretariat's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor
from sco.documents import errors, permissions
from sco.documents.models import (
    TREATY_KINDS,
    Area,
    Document,
    DocumentArea,
    DocumentRelation,
    DocumentText,
    EifRule,
    Kind,
    RelationKind,
    Status,
)
from sco.documents.services.index import _reindex
from sco.members.models import Body, State, Summit

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
    actor: Actor,
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
def document_update(
    *, actor: Actor, document: Document, areas: Sequence[str] | None = None, **changes: Any
) -> Document:
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
def document_relate(*, actor: Actor, source: Document, target: Document, kind: str) -> DocumentRelation:
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
def document_circulate(*, actor: Actor, document: Document) -> Document:
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
