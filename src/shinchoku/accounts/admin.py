from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts.models import Department, Organization, User
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
