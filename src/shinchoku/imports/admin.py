from django.contrib import admin
from django.http import HttpRequest

from shinchoku.imports.models import ImportRecord
from shinchoku.lib.admin import OrganizationScopedAdmin


@admin.register(ImportRecord)
class ImportRecordAdmin(OrganizationScopedAdmin):
    """The record of imports is read here, never written by hand."""

    list_display = ["file_name", "kind", "plan_slug", "fiscal_year", "imported_by", "imported_at"]
    list_filter = ["kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
