"""Every write on documents: one transaction, the permission question first, one audit entry.

Split by what is written: the document's record (`documents`), its texts (`texts`), negotiation (`amendments`),
adoption, signatures and entry into force (`ratification`), commitments and reports (`commitments`), and the search
index they keep (`index`). Everything is importable from here."""

from sco.documents.services.amendments import proposal_decide, proposal_submit, version_from_proposals
from sco.documents.services.commitments import commitment_create, report_file
from sco.documents.services.documents import (
    ADOPTED_STATUSES,
    DOCUMENT_FIELDS,
    SIGNATURE_RULES,
    document_circulate,
    document_create,
    document_relate,
    document_update,
)
from sco.documents.services.index import _reindex
from sco.documents.services.ratification import (
    _mark_adopted,
    document_record_adoption,
    participation_record,
    reservation_add,
    rule_of,
)
from sco.documents.services.texts import (
    ensure_texts_in_step,
    text_authentic_set,
    text_version_add,
    upload_error_message,
)

__all__ = [
    "ADOPTED_STATUSES",
    "DOCUMENT_FIELDS",
    "SIGNATURE_RULES",
    "_mark_adopted",
    "_reindex",
    "commitment_create",
    "document_circulate",
    "document_create",
    "document_record_adoption",
    "document_relate",
    "document_update",
    "ensure_texts_in_step",
    "participation_record",
    "proposal_decide",
    "proposal_submit",
    "report_file",
    "reservation_add",
    "rule_of",
    "text_authentic_set",
    "text_version_add",
    "upload_error_message",
    "version_from_proposals",
]
