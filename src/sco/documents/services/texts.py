"""Writes on a document's texts: versions typed or uploaded, authentic language versions."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor, person
from sco.documents import errors, permissions
from sco.documents.extraction import ExtractionError, extract_text
from sco.documents.models import (
    Document,
    DocumentText,
    Language,
    Paragraph,
    TextVersion,
)
from sco.documents.paragraphs import Paragraph as PurePara
from sco.documents.paragraphs import number_paragraphs, split_paragraphs
from sco.documents.services.index import _reindex

# --- texts ---------------------------------------------------------------------------------------------------


@transaction.atomic
def text_version_add(
    *,
    actor: Actor,
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
    actor: Actor,
    file_name: str = "",
    file_kind: str = "",
    note: str = "",
) -> TextVersion:
    last = text.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = TextVersion.objects.create(
        text=text,
        number=last + 1,
        content="\n\n".join(p.text for p in paragraphs),
        created_by=person(actor),
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
def text_authentic_set(*, actor: Actor, text: DocumentText, authentic: bool) -> DocumentText:
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
