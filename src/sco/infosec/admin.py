from typing import TYPE_CHECKING, Any

from django.contrib import admin

from sco.infosec.models import ApiKey, Cert, Collection, Grant, PullSource

# ModelAdmin is generic to the type checker only (django-stubs); at run time it takes no parameter.
if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


@admin.register(Cert)
class CertAdmin(ModelAdmin):
    list_display = ["institution", "identity_id"]
    readonly_fields = ["institution", "identity_id", "created"]


@admin.register(Collection)
class CollectionAdmin(ModelAdmin):
    list_display = ["alias", "title_en", "max_tlp", "id"]


@admin.register(Grant)
class GrantAdmin(ModelAdmin):
    list_display = ["collection", "cert", "can_read", "can_write"]


@admin.register(ApiKey)
class ApiKeyAdmin(ModelAdmin):
    """Read-only: keys are made and revoked through `sco infosec_key` (the service writes the audit entry)."""

    list_display = ["cert", "name", "prefix", "may_write", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = [f.name for f in ApiKey._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(PullSource)
class PullSourceAdmin(ModelAdmin):
    list_display = ["name", "api_root_url", "into", "last_status", "last_run_at", "pulled", "skipped"]
