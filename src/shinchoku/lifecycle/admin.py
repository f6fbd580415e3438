"""Revisions and successions in the admin: listed and readable; revisions are made by `plan_revision`."""

from django.contrib import admin
from django.http import HttpRequest

from shinchoku.accounts.admin_site import HistoryScopedAdmin, OrganizationScopedAdmin, ScopedTabularInline
from shinchoku.lifecycle.models import PlanRevision, ProgramSuccession, RevisionChange

CHANGE_FIELDS = ("kind", "program", "from_node", "to_node", "before", "after")


class RevisionChangeInline(ScopedTabularInline):
    model = RevisionChange
    extra = 0
    fields = CHANGE_FIELDS
    readonly_fields = CHANGE_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PlanRevision)
class PlanRevisionAdmin(HistoryScopedAdmin):
    """The summary and the meeting may be corrected; the structural changes are applied by the command."""

    organization_path = "plan__organization"
    list_display = ["__str__", "effective_year", "decided_on", "meeting"]
    fields = ["plan", "decided_on", "effective_year", "meeting", "summary"]
    readonly_fields = ["plan", "effective_year"]
    inlines = [RevisionChangeInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(RevisionChange)
class RevisionChangeAdmin(OrganizationScopedAdmin):
    organization_path = "revision__plan__organization"
    list_display = ["revision", "kind", "program", "before", "after"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ProgramSuccession)
class ProgramSuccessionAdmin(HistoryScopedAdmin):
    """Splits and merges: old program → new program with the kind."""

    organization_path = "old_program__plan__organization"
    list_display = ["old_program", "new_program", "kind"]
    list_filter = ["kind"]
