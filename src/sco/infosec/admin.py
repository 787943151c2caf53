from django.contrib import admin

from sco.infosec.models import ApiKey, Cert, Collection, Grant, PullSource


@admin.register(Cert)
class CertAdmin(admin.ModelAdmin):
    list_display = ["institution", "identity_id"]
    readonly_fields = ["institution", "identity_id", "created"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["alias", "title_en", "max_tlp", "id"]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["collection", "cert", "can_read", "can_write"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Read-only: keys are made and revoked through `sco infosec_key` (the service writes the audit entry)."""

    list_display = ["cert", "name", "prefix", "may_write", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = [f.name for f in ApiKey._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(PullSource)
class PullSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "api_root_url", "into", "last_status", "last_run_at", "pulled", "skipped"]
