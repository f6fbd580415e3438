from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from shinchoku.accounts.models import ApiToken, Department, KeptForm, Organization, User
from shinchoku.api.tokens import revoke
from shinchoku.lib.admin import OrganizationScopedAdmin


@admin.register(Organization)
class OrganizationAdmin(OrganizationScopedAdmin):
    organization_path = "pk"
    list_display = ["name", "jis_code"]
    search_fields = ["name", "jis_code"]


@admin.register(Department)
class DepartmentAdmin(OrganizationScopedAdmin):
    list_display = ["name", "organization"]
    list_filter = ["organization"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "organization", "role", "is_active"]
    list_filter = ["role", "organization", "is_active"]
    filter_horizontal = ["departments", "groups", "user_permissions"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("shinchoku"), {"fields": ("organization", "role", "departments")}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # The audit history names who made each change; a person who leaves is made inactive instead.
        return False


# django-otp's own admin lists every organization's devices; replace it with one that does not,
# where an administrator can only remove a lost phone's device (the user then enrols again).
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(OrganizationScopedAdmin):
    organization_path = "user__organization"
    list_display = ["user", "name", "confirmed", "last_used_at"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(OrganizationScopedAdmin):
    """An administrator sees the organization's tokens and revokes one that leaked (an action)."""

    organization_path = "user__organization"
    list_display = ["user", "name", "prefix", "expires_on", "last_used_at", "revoked_at"]
    fields = list_display
    readonly_fields = fields
    actions = ["revoke_tokens"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return obj is None  # the list (for the action), never the form

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            revoke(token)


@admin.register(KeptForm)
class KeptFormAdmin(OrganizationScopedAdmin):
    """Whose typed values wait to be restored, and since when; never the values themselves.

    They belong to their writer alone: an administrator may only delete them (a user who left).
    """

    organization_path = "user__organization"
    list_display = ["user", "path", "created_at"]
    fields = list_display
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return obj is None  # the list (for deleting), never the form
