"""Read-only admin: every write goes through the services (pages, API, CLI); the ledger is append-only."""

from __future__ import annotations

from django.contrib import admin

from sco.core.admin import ReadOnlyAdmin
from sco.financing.models import (
    BoardBallot,
    BoardVote,
    ExchangeRate,
    FinancingPlan,
    InstitutionStatus,
    LedgerEntry,
    RateImport,
    Shareholding,
    Tranche,
)


@admin.register(InstitutionStatus)
class InstitutionStatusAdmin(ReadOnlyAdmin):
    list_display = ["institution", "status", "on", "source"]
    list_filter = ["status", "institution"]


@admin.register(Shareholding)
class ShareholdingAdmin(ReadOnlyAdmin):
    list_display = ["institution", "holder", "share", "as_of"]


@admin.register(FinancingPlan)
class FinancingPlanAdmin(ReadOnlyAdmin):
    list_display = ["project", "entry_count", "is_illustrative", "created_at"]


@admin.register(Tranche)
class TrancheAdmin(ReadOnlyAdmin):
    list_display = ["plan", "institution", "instrument", "currency", "amount", "approved_at"]
    list_filter = ["institution", "instrument"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["plan", "seq", "kind", "value_date", "currency", "amount", "reverses", "internal"]
    list_filter = ["kind", "internal"]


@admin.register(BoardVote)
class BoardVoteAdmin(ReadOnlyAdmin):
    list_display = ["tranche", "rule", "status", "opened_at", "closed_at"]


@admin.register(BoardBallot)
class BoardBallotAdmin(ReadOnlyAdmin):
    list_display = ["vote", "holding", "choice", "cast_at"]


@admin.register(RateImport)
class RateImportAdmin(ReadOnlyAdmin):
    list_display = ["imported_at", "row_count", "source"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ReadOnlyAdmin):
    list_display = ["base", "quote", "on", "rate", "batch"]
    list_filter = ["base", "quote"]
