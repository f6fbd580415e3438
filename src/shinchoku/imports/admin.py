from django.contrib import admin
from django.http import HttpRequest

from shinchoku.accounts.admin_site import OrganizationScopedAdmin
from shinchoku.imports.models import ImportRecord, PendingUpload


@admin.register(ImportRecord)
class ImportRecordAdmin(OrganizationScopedAdmin):
    """The record of imports is read here, never written by hand."""

    list_display = ["file_name", "kind", "plan_slug", "fiscal_year", "imported_by", "imported_at"]
    list_filter = ["kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PendingUpload)
class PendingUploadAdmin(OrganizationScopedAdmin):
    """Files previewed and not yet confirmed or cancelled (dropped after a day); delete one by hand if need be."""

    organization_path = "user__organization"
    list_display = ("name", "kind", "user", "created_at")
    fields = ("name", "kind", "user", "created_at")
    readonly_fields = ("name", "kind", "user", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return obj is None and super().has_change_permission(request)  # the list, with the permission
