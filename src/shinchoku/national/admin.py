"""The national plans are seeded and read-only; a secretariat maps its own programs here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from shinchoku.accounts.admin_site import HistoryScopedAdmin
from shinchoku.national.models import AreaMapping, NationalIssue, NationalPlan, ProgramMapping


class NationalIssueInline(admin.TabularInline):  # type: ignore[type-arg]  # generic in the stubs only, not at run time
    model = NationalIssue
    fields = ["number", "title"]
    extra = 0


@admin.register(NationalPlan)
class NationalPlanAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic in the stubs only, not at run time
    """Seeded by a migration as the Cabinet decided them; only an installation administrator may change them."""

    list_display = ["name", "decided_on", "first_year", "last_year"]
    inlines = [NationalIssueInline]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProgramMapping)
class ProgramMappingAdmin(HistoryScopedAdmin):
    organization_path = "program__plan__organization"
    list_display = ["program", "issue"]
    list_filter = ["issue__national_plan"]


@admin.register(AreaMapping)
class AreaMappingAdmin(HistoryScopedAdmin):
    organization_path = "node__plan__organization"
    list_display = ["node", "issue"]
    list_filter = ["issue__national_plan"]
