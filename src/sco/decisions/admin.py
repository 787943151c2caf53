"""Read-only admin: every write goes through the services (the pages, the API or `sco decisions ...`)."""

from __future__ import annotations

from django.contrib import admin

from sco.core.admin import ReadOnlyAdmin
from sco.decisions.models import Decision, PositionChange


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title_en", "body", "rule", "status", "opened_at", "deadline", "illustrative"]
    list_filter = ["status", "rule", "body", "illustrative"]
    search_fields = ["title_en", "title_ru", "title_zh"]


@admin.register(PositionChange)
class PositionChangeAdmin(ReadOnlyAdmin):
    list_display = ["decision", "state", "kind", "recorded_by", "recorded_at"]
    list_filter = ["kind", "state"]
