"""The registry of strategic documents: documents, their texts and versions, negotiation, signatures and
entry into force, commitments and implementation reports (their search terms are in core's index).

A package by what is held: the record (`documents`), the texts and negotiation (`texts`), states' acts and
commitments (`participation`). Every model is importable from here."""

from sco.documents.models.documents import (
    TREATY_KINDS,
    Area,
    Document,
    DocumentArea,
    DocumentRelation,
    EifRule,
    Kind,
    Language,
    RelationKind,
    Status,
)
from sco.documents.models.participation import (
    Commitment,
    ConsentKind,
    ImplementationReport,
    Participation,
    ReportStatus,
    Reservation,
    ReservationKind,
)
from sco.documents.models.texts import (
    DocumentText,
    Paragraph,
    Proposal,
    ProposalKind,
    ProposalStatus,
    TextVersion,
)

__all__ = [
    "TREATY_KINDS",
    "Area",
    "Commitment",
    "ConsentKind",
    "Document",
    "DocumentArea",
    "DocumentRelation",
    "DocumentText",
    "EifRule",
    "ImplementationReport",
    "Kind",
    "Language",
    "Paragraph",
    "Participation",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "RelationKind",
    "ReportStatus",
    "Reservation",
    "ReservationKind",
    "Status",
    "TextVersion",
]
