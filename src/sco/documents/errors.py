"""The documents part's errors, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotFound


class DocumentNotFound(NotFound):
    code = "document_not_found"


class DocumentInvalid(InvalidInput):
    code = "document_invalid"
    message_template = _("Some fields of the document are not valid.")


class UploadRefused(InvalidInput):
    code = "upload_refused"
    message_template = _("The file was refused: %(reason)s")


class NotNegotiable(Conflict):
    code = "document_not_under_negotiation"
    message_template = _("Comments and amendments are taken only while the document is under negotiation.")


class StaleVersion(Conflict):
    code = "stale_version"
    message_template = _("This version has been replaced; comment on the current version.")


class ProposalInvalid(InvalidInput):
    code = "proposal_invalid"
    message_template = _("The proposal is not valid.")


class ProposalAlreadyDecided(Conflict):
    code = "proposal_already_decided"
    message_template = _("This proposal has already been decided.")


class NothingToApply(Conflict):
    code = "nothing_to_apply"
    message_template = _("No accepted or merged amendment waits to be applied to this text.")


class NoSignatureStep(Conflict):
    code = "no_signature_step"
    message_template = _("A %(kind)s has no signature or ratification step.")


class ParticipationInvalid(InvalidInput):
    code = "participation_invalid"
    message_template = _("The signature or ratification record is not valid.")


class CommitmentInvalid(InvalidInput):
    code = "commitment_invalid"
    message_template = _("The commitment is not valid.")


class ReportInvalid(InvalidInput):
    code = "report_invalid"
    message_template = _("The report is not valid.")


class AdoptionNotPossible(Conflict):
    code = "adoption_not_possible"
    message_template = _("The document cannot be put to adoption in its present state.")


class AuthenticTextsOutOfStep(Conflict):
    code = "authentic_texts_out_of_step"
    message_template = _(
        "The authentic texts are not in step: %(languages)s do not yet carry the amendments made to another "
        "language version. Add versions that carry them before putting the document to adoption."
    )


class CarriesInvalid(InvalidInput):
    code = "carries_invalid"
    message_template = _("A version can carry over only amendments that its language version still owes.")
