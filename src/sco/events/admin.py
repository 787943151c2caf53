from django.contrib import admin

from sco.core.admin import ReadOnlyAdmin
from sco.events.models import Event, Registration, Session

# Read-only: every write goes through the services (one way to do a thing, with its audit entry).


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title_en", "category", "starts_at", "time_zone", "city_en", "is_public"]
    list_filter = ["category", "is_public", "chairmanship"]
    search_fields = ["title_en", "title_ru", "title_zh", "city_en"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["title_en", "event", "starts_at", "room"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "event", "delegation", "status", "queued_at"]
    list_filter = ["status"]
