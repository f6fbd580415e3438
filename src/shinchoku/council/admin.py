from django.contrib import admin

from shinchoku.accounts.admin_site import HistoryScopedAdmin, OrganizationScopedAdmin
from shinchoku.council.models import Meeting, Member, Opinion, PrActivity, ReportPack, Response


@admin.register(Member)
class MemberAdmin(OrganizationScopedAdmin):
    list_display = ["name", "affiliation", "category", "term_from", "term_to"]
    list_filter = ["category"]


@admin.register(Meeting)
class MeetingAdmin(OrganizationScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["__str__", "plan", "held_on"]
    filter_horizontal = ["attendees"]


@admin.register(Opinion)
class OpinionAdmin(HistoryScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["__str__", "plan", "fiscal_year", "program"]


@admin.register(Response)
class ResponseAdmin(HistoryScopedAdmin):
    organization_path = "opinion__plan__organization"
    list_display = ["__str__", "opinion", "status", "at"]


@admin.register(ReportPack)
class ReportPackAdmin(OrganizationScopedAdmin):
    """Packs are frozen: listed here, never changed."""

    organization_path = "meeting__plan__organization"
    list_display = ["__str__", "fiscal_year", "created_by"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(PrActivity)
class PrActivityAdmin(HistoryScopedAdmin):
    list_display = ["title", "held_on", "kind", "partner"]
