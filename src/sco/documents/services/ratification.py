"""Adoption, signatures, ratifications, reservations and the entry into force the document's rule computes."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor
from sco.documents import errors, permissions
from sco.documents.entry_into_force import EntryIntoForceRule, RuleKind, StateSteps
from sco.documents.entry_into_force import entry_into_force_date as eif_date
from sco.documents.entry_into_force import entry_into_force_for_state as eif_for_state
from sco.documents.models import (
    TREATY_KINDS,
    ConsentKind,
    Document,
    Participation,
    Reservation,
    ReservationKind,
    Status,
)
from sco.documents.services.documents import DOCUMENT_FIELDS, SIGNATURE_RULES
from sco.documents.services.index import _reindex
from sco.documents.services.texts import ensure_texts_in_step
from sco.members.models import State
from sco.members.permissions import ensure_signed_in

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
    actor: Actor,
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
    actor: Actor,
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
def reservation_add(
    *, actor: Actor, participation: Participation, kind: str, text: str, made_on: dt.date
) -> Reservation:
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
