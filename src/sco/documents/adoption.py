"""Adoption of a document through the decisions part: a decision procedure (consensus, or the silence procedure for
routine texts) on the document in its body. The decision logic is the decisions part's; this module opens the
procedure, takes the outcome, and keeps the statements of views made at adoption with the document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor, Viewer
from sco.documents import errors, permissions
from sco.documents.models import Document, DocumentText, Status
from sco.documents.services import ensure_texts_in_step
from sco.members.permissions import ensure_signed_in

ADOPTION_RULES = ("consensus", "silence")


@transaction.atomic
def document_put_to_adoption(
    *, actor: Actor, document: Document, rule: str, deadline: dt.datetime, now: dt.datetime | None = None
) -> Any:
    """Opens the decision procedure that adopts the document (the chair or the Secretariat)."""
    from sco.decisions.services import decision_open

    permissions.ensure_chair_or_secretariat(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status not in (Status.DRAFT, Status.UNDER_NEGOTIATION):
        raise errors.AdoptionNotPossible()
    if rule not in ADOPTION_RULES:
        raise errors.DocumentInvalid(field_errors={"rule": [_("Choose consensus or the silence procedure.")]})
    if not DocumentText.objects.filter(document=document, current_version__isnull=False).exists():
        raise errors.DocumentInvalid(field_errors={"texts": [_("A document is adopted on a text: upload one.")]})
    if _open_procedure(document) is not None:
        raise errors.AdoptionNotPossible(_("An adoption procedure on this document is already open."))
    ensure_texts_in_step(document)
    decision = decision_open(
        actor=ensure_signed_in(actor),
        subject=document,
        body=document.body,
        rule=rule,
        deadline=deadline,
        title_en=f"Adoption: {document.title_en}"[:300],
        title_ru=f"Принятие: {document.title_ru}"[:300] if document.title_ru else "",
        title_zh=f"通过：{document.title_zh}"[:300] if document.title_zh else "",
        now=now,
    )
    document.decision_id = decision.pk
    document.adoption_procedure = rule
    document.save(update_fields=["decision_id", "adoption_procedure", "updated_at"])
    audit.record(
        actor=actor,
        action="document.put_to_adoption",
        target=document,
        after={"decision": decision.pk, "rule": rule, "deadline": deadline.isoformat()},
    )
    return decision


def _open_procedure(document: Document) -> Any:
    from django.contrib.contenttypes.models import ContentType

    from sco.decisions.models import Decision

    return (
        Decision.objects.filter(
            subject_type=ContentType.objects.get_for_model(Document), subject_id=document.pk, status="open"
        )
        .filter(deadline__gt=timezone.now())
        .first()
    )


def on_decided(decision: Any) -> None:
    """Runs inside the transaction that stores a procedure's outcome: an adopted text becomes the adopted document."""
    from sco.documents.services import _mark_adopted

    document = Document.objects.select_for_update().filter(pk=decision.subject_id).first()
    if document is None or decision.status != "adopted":
        return
    if document.status not in (Status.DRAFT, Status.UNDER_NEGOTIATION):
        return
    before = audit.snapshot(document, ["status", "adopted_on", "restricted"])
    _mark_adopted(
        document, adopted_on=timezone.localdate(decision.closes_at), procedure=decision.rule, decision_id=decision.pk
    )
    audit.record(
        actor=None,
        action="document.adopted",
        target=document,
        before=before,
        after={**audit.snapshot(document, ["status", "adopted_on", "restricted"]), "decision": decision.pk},
    )


def register() -> None:
    """Makes documents a subject the decisions part can decide on (called from AppConfig.ready)."""
    from django.urls import reverse

    from sco.decisions import subjects
    from sco.documents.permissions import visibility_q

    subjects.register(
        Document,
        visible=lambda viewer, qs: qs.filter(visibility_q(viewer)),
        url=lambda d: reverse("documents:detail", args=[d.pk]),
        label=lambda d: d.title,
        on_decided=on_decided,
    )


def page_context(*, viewer: Viewer, document: Document) -> dict[str, Any]:
    """The adoption panel: procedures on the document, their outcome, and the statements of views on record."""
    from sco.decisions import selectors as decisions

    procedures = list(decisions.decision_list(viewer=viewer, subject=document))
    now = timezone.now()
    rows = []
    for d in procedures:
        outcome = d.outcome(now=now)
        statements = [p for p in d.positions.all() if p.kind == "statement"]
        rows.append({"decision": d, "outcome": outcome.status.value, "statements": statements,
                     "is_open": d.is_open(now=now), "due": not d.is_open(now=now) and d.status == "open"})  # fmt: skip
    may_open = permissions.is_chair_or_secretariat(viewer) and document.status in (
        Status.DRAFT,
        Status.UNDER_NEGOTIATION,
    )
    return {
        "procedures": rows,
        "may_put_to_adoption": may_open and not any(r["is_open"] for r in rows),
        "may_close": permissions.is_chair_or_secretariat(viewer),
    }
