"""Read-only admin: imports go through services.trade_import (CLI, API), reference data through migrations."""

from django.contrib import admin

from sco.core.admin import ReadOnlyAdmin
from sco.trade.models import CodeMapping, Dataset, Import, PublishedFigure


@admin.register(Dataset)
class DatasetAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "valuation"]


@admin.register(Import)
class ImportAdmin(ReadOnlyAdmin):
    list_display = ["dataset", "file_name", "layout", "rows", "skipped", "year_min", "year_max", "imported_at"]
    list_filter = ["dataset", "layout"]


@admin.register(CodeMapping)
class CodeMappingAdmin(ReadOnlyAdmin):
    list_display = ["scheme", "code", "iso3", "name"]
    list_filter = ["scheme"]
    search_fields = ["iso3", "name"]


@admin.register(PublishedFigure)
class PublishedFigureAdmin(ReadOnlyAdmin):
    list_display = ["reporter", "year", "period", "growth_pct", "value_usd_bn", "speaker", "said_on"]
