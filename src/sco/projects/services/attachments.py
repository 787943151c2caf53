"""Attachments: checked by their bytes, stored under our own name, never served inline."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from sco.core import audit, filecheck
from sco.core.models import User
from sco.members import permissions as members_permissions
from sco.members.permissions import ensure_signed_in
from sco.projects.errors import (
    AttachmentRefused,
    NotSponsor,
)
from sco.projects.lifecycle import Role
from sco.projects.models import (
    Attachment,
    Project,
)
from sco.projects.permissions import roles_on
from sco.projects.services.common import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_SIGNATURES,
    DOCUMENT_TYPES,
    OFFICE_TYPES,
)


def _sniff(content: bytes, name: str) -> str | None:
    for signature, media_type in ATTACHMENT_SIGNATURES:
        if content.startswith(signature):
            if media_type.startswith("application/vnd.openxmlformats"):
                # a ZIP is a DOCX or XLSX only when it holds that format's parts, and the name must agree
                kind = filecheck.office_kind(content)
                return OFFICE_TYPES.get(kind) if kind and kind == filecheck.extension(name) else None
            if media_type == "application/pdf" and not filecheck.is_pdf(content):
                return None
            return media_type
    return None


@transaction.atomic
def attachment_add(
    *, actor: User, project: Project, content: bytes, filename: str, document_type: str, title: str
) -> Attachment:
    ensure_signed_in(actor)
    if Role.SPONSOR not in roles_on(actor, project) and not members_permissions.is_secretariat(actor):
        raise NotSponsor()
    errors: dict[str, list[str]] = {}
    if document_type not in DOCUMENT_TYPES:
        errors["document_type"] = [_("Choose a document type from the list.")]
    title = (title or "").strip()[:300] or filename[:300]
    if not content:
        errors["file"] = [_("The file is empty.")]
    elif len(content) > ATTACHMENT_MAX_BYTES:
        errors["file"] = [_("The file is larger than %(mb)s MB.") % {"mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)}]
    media_type = _sniff(content, filename) if content else None
    if content and media_type is None:
        errors.setdefault("file", []).append(_("Only PDF, PNG, JPEG, DOCX and XLSX files are accepted."))
    if errors:
        raise AttachmentRefused(field_errors=errors)
    assert media_type is not None
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        project=project,
        document_type=document_type,
        title=title,
        original_name=filename[:255],
        media_type=media_type,
        size=len(content),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(digest, ContentFile(content), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="project.attachment_added",
        target=project,
        after={"attachment": attachment.pk, "sha256": digest, "size": len(content), "type": media_type},
    )
    return attachment
