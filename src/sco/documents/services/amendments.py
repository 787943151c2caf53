"""Negotiation: delegations' comments and amendments, the Secretariat's decisions, a new version from them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.users import Actor
from sco.documents import errors, permissions
from sco.documents.models import (
    Document,
    DocumentText,
    Language,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Status,
    TextVersion,
)
from sco.documents.paragraphs import Paragraph as PurePara
from sco.documents.paragraphs import split_paragraphs
from sco.documents.services.index import _reindex
from sco.documents.services.texts import _ensure_owed, _version_create
from sco.members.models import State
from sco.members.permissions import ensure_signed_in

# --- negotiation ---------------------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    actor: Actor,
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
        author=ensure_signed_in(actor),
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
def proposal_decide(
    *, actor: Actor, proposal: Proposal, outcome: str, merged_text: str = "", note: str = ""
) -> Proposal:
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
    proposal.decided_by = ensure_signed_in(actor)
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
    *, actor: Actor, text: DocumentText, note: str = "", carries: Sequence[int] = ()
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
