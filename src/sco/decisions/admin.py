"""Read-only admin: every write goes through the services (the pages, the API or `sco decisions ...`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sco.decisions.models import Decision, PositionChange


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["title_en", "body", "rule", "status", "opened_at", "deadline", "illustrative"]
    list_filter = ["status", "rule", "body", "illustrative"]
    search_fields = ["title_en", "title_ru", "title_zh"]


@admin.register(PositionChange)
class PositionChangeAdmin(ReadOnly):
    list_display = ["decision", "state", "kind", "recorded_by", "recorded_at"]
    list_filter = ["kind", "state"]
