from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from sco.core.models import ApiToken, AuditEntry, Notification, User


@admin.register(User)
class ScoUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Platform", {"fields": ("display_name", "language")}))  # type: ignore[misc]
    list_display = ("username", "display_name", "email", "language", "is_active", "is_staff")


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records written only by services (the audit trail, tokens, mandates, decisions, events): the admin shows
    them and nothing more, so every change keeps its audit entry."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "on_behalf_of", "action", "target_type", "target_label")
    list_filter = ("action", "target_type")
    search_fields = ("actor_label", "target_label", "action", "on_behalf_of")
    ordering = ("-seq",)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    exclude = ("digest",)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "text", "read_at")
