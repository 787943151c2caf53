"""Codes shared with the open standards the financing part speaks. Pure: no Django import (the codelist module it
reads, ``projects.oc4ids_codelists``, is plain data).

Sources (read from the copies kept in ``shared/standards/iati``):
- IATI TransactionType (embedded codelist, IATI/IATI-Codelists@75e827bacd29, version-2.03).
- IATI FinanceType and FlowType (non-embedded codelists, IATI/IATI-Codelists-NonEmbedded@7aeece773c60; the OECD DAC
  lists).
- Currencies: ISO 4217 as OC4IDS publishes it, from ``projects.oc4ids_codelists`` (the one copy in the platform).
- OC4IDS ``financingArrangementType`` (Finance.type) and ``financingPartyType``, OC4IDS 0.9.5 project schema.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sco.projects import oc4ids_codelists

# Currencies: the one ISO 4217 list the platform ships, OC4IDS's codelist in ``projects.oc4ids_codelists`` (the
# project's own cost is validated against it too, so a tranche can be in any currency a project can).
CURRENCIES: frozenset[str] = oc4ids_codelists.CURRENCY


def is_currency(code: str) -> bool:
    return code in CURRENCIES


class EntryKind(enum.StrEnum):
    PLEDGE = "pledge"
    COMMITMENT = "commitment"
    DISBURSEMENT = "disbursement"
    REPAYMENT = "repayment"
    INTEREST = "interest"
    CANCELLATION = "cancellation"


# IATI TransactionType, seen from the financier that publishes: 12 Outgoing Pledge, 2 Outgoing Commitment,
# 3 Disbursement, 6 Loan Repayment, 5 Interest Payment. IATI has no cancellation type; a cancellation is published
# as a negative Outgoing Commitment (IATI guidance on reporting reductions of commitments).
IATI_TRANSACTION_TYPE: dict[EntryKind, str] = {
    EntryKind.PLEDGE: "12",
    EntryKind.COMMITMENT: "2",
    EntryKind.DISBURSEMENT: "3",
    EntryKind.REPAYMENT: "6",
    EntryKind.INTEREST: "5",
    EntryKind.CANCELLATION: "2",
}


class Instrument(enum.StrEnum):
    LOAN = "loan"
    SYNDICATED_LOAN = "syndicated_loan"
    BOND = "bond"
    GREEN_BOND = "green_bond"
    SUSTAINABILITY_BOND = "sustainability_bond"
    SUKUK = "sukuk"
    GUARANTEE = "guarantee"
    EQUITY = "equity"
    GRANT = "grant"
    TECHNICAL_ASSISTANCE = "technical_assistance"


@dataclass(frozen=True)
class InstrumentCodes:
    iati_finance_type: str  # IATI FinanceType (OECD DAC)
    oc4ids_type: str  # OC4IDS financingArrangementType
    asset_class: str  # OC4IDS assetClass: debt or equity ("" for grants)
    is_debt: bool


INSTRUMENT_CODES: dict[Instrument, InstrumentCodes] = {
    Instrument.LOAN: InstrumentCodes("421", "loan", "debt", True),
    Instrument.SYNDICATED_LOAN: InstrumentCodes("421", "loan", "debt", True),
    Instrument.BOND: InstrumentCodes("423", "bond", "debt", True),
    Instrument.GREEN_BOND: InstrumentCodes("423", "bond", "debt", True),
    Instrument.SUSTAINABILITY_BOND: InstrumentCodes("423", "bond", "debt", True),
    # A sukuk is an asset-backed certificate; OC4IDS has no sukuk code, so it is a bond there (research note 4.5).
    Instrument.SUKUK: InstrumentCodes("424", "bond", "debt", True),
    Instrument.GUARANTEE: InstrumentCodes("1100", "guarantee", "", False),
    Instrument.EQUITY: InstrumentCodes("510", "shares.unlisted", "equity", False),
    Instrument.GRANT: InstrumentCodes("110", "grant", "", False),
    Instrument.TECHNICAL_ASSISTANCE: InstrumentCodes("110", "grant", "", False),
}


class FlowType(enum.StrEnum):
    """IATI FlowType (OECD DAC): 10 ODA, 21 non-export-credit OOF, 30 private development finance,
    37 other private flows at market terms."""

    ODA = "10"
    OOF = "21"
    PRIVATE_DEVELOPMENT = "30"
    PRIVATE_MARKET = "37"


class PartyType(enum.StrEnum):
    """OC4IDS financingPartyType."""

    INSTITUTIONAL = "institutional"
    COMMERCIAL = "commercial"
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"
    OTHER = "other"
