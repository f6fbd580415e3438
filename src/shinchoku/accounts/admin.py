from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from shinchoku.accounts.access import is_installation_admin
from shinchoku.accounts.admin_forms import UserAddForm, UserEditForm
from shinchoku.accounts.admin_site import OrganizationScopedAdmin
from shinchoku.accounts.models import ApiToken, Department, KeptForm, Organization, User
from shinchoku.accounts.requests import signed_in_user
from shinchoku.accounts.tokens import revoke


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


# django-stubs types the admin by its model; Django's class takes no subscript at run time.
if TYPE_CHECKING:
    _DjangoUserAdmin = DjangoUserAdmin[User]
else:
    _DjangoUserAdmin = DjangoUserAdmin
TOKEN_COLUMNS = ("user", "name", "prefix", "expires_on", "last_used_at", "revoked_at", "revoked_by")
KEPT_FORM_COLUMNS = ("user", "path", "created_at")


@admin.register(User)
class UserAdmin(OrganizationScopedAdmin, _DjangoUserAdmin):
    """The organization's accounts; who is staff, superuser or in which group is the installation's to say."""

    form = UserEditForm
    add_form = UserAddForm
    list_display = ["username", "last_name", "first_name", "organization", "role", "is_active"]
    list_filter = ["role", "organization", "is_active"]
    filter_horizontal = ["departments", "groups", "user_permissions"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("shinchoku"), {"fields": ("organization", "role", "departments")}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # The audit history names who made each change; a person who leaves is made inactive instead.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        if is_installation_admin(signed_in_user(request)):
            return users
        # An installation administrator may sit in a city's organization: no tenant resets their
        # password or deactivates them.
        return users.exclude(is_superuser=True)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if is_installation_admin(signed_in_user(request)):
            return list(DjangoUserAdmin.get_readonly_fields(self, request, obj))
        # A tenant would otherwise make itself superuser or grant itself any permission.
        # Nor make anyone a case supervisor (who reads every case of the organization).
        privileges = [
            "is_staff",
            "is_superuser",
            "is_case_supervisor",
            "groups",
            "user_permissions",
            "last_login",
            "date_joined",
        ]
        return [*super().get_readonly_fields(request, obj), *privileges]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change and not is_installation_admin(signed_in_user(request)):
            obj.organization_id = signed_in_user(request).organization_id
        super().save_model(request, obj, form, change)


# django-otp's own admin lists every organization's devices; replace it with one that does not,
# where an administrator can only remove a lost phone's device (the user then enrols again).
admin.site.unregister(TOTPDevice)


class OfPeopleOfTheOrganization(OrganizationScopedAdmin):
    """Rows of the organization's people, not of an installation administrator sitting in it."""

    organization_path = "user__organization"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows = super().get_queryset(request)
        return (
            rows if is_installation_admin(signed_in_user(request)) else rows.exclude(user__is_superuser=True)
        )


@admin.register(TOTPDevice)
class AuthenticatorAdmin(OfPeopleOfTheOrganization):
    list_display = ["user", "name", "confirmed", "last_used_at"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = ["user", "name", "confirmed", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(OfPeopleOfTheOrganization):
    """An administrator sees the organization's tokens and revokes one that leaked (an action)."""

    list_display = fields = readonly_fields = TOKEN_COLUMNS
    actions = ["revoke_tokens"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # The list (for the action), never the form; and only with the permission to change tokens.
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            revoke(token, actor=signed_in_user(request))


@admin.register(KeptForm)
class KeptFormAdmin(OfPeopleOfTheOrganization):
    """Whose typed values wait to be restored, and since when; never the values themselves.

    They belong to their writer alone: an administrator may only delete them (a user who left).
    """

    list_display = fields = readonly_fields = KEPT_FORM_COLUMNS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # The list (for deleting), never the form; and only with the permission to change them.
        return obj is None and super().has_change_permission(request)
