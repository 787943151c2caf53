from django.contrib import admin

from sco.members.models import Body, Chairmanship, Institution, Mandate, State, StateStatus, Summit


class StatusInline(admin.TabularInline):
    model = StateStatus
    extra = 0


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_ru", "name_zh")
    search_fields = ("code", "name_en", "name_ru", "name_zh")
    inlines = [StatusInline]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "kind", "order")


@admin.register(Chairmanship)
class ChairmanshipAdmin(admin.ModelAdmin):
    list_display = ("state", "start", "end")


@admin.register(Summit)
class SummitAdmin(admin.ModelAdmin):
    list_display = ("number", "city_en", "start", "end", "online")


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "kind", "state")


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    """Shown, not edited: mandates are granted and ended through the services, so each change is audited."""

    list_display = ("user", "role", "state", "institution", "start", "end")
    list_filter = ("role", "state")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
