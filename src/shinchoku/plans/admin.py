"""The plan's structure in the admin; entries and indicator values are read here, written by the workflow.

Every field the workflow services write (plans/workflow/: texts, grades, status, version, the
indicators and their values) is read-only in every admin and inline, so nobody edits a confirmed
entry around the workflow, its version and its events.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts.admin_site import (
    HistoryScopedAdmin,
    OrganizationScopedAdmin,
    ReadOnlyHistoryAdmin,
    ReadOnlyTabularInline,
    ScopedTabularInline,
)
from shinchoku.domain.fiscal import wareki_label
from shinchoku.plans.models import (
    EntryEvent,
    Indicator,
    IndicatorValue,
    Listing,
    MeasureGrade,
    Plan,
    PlanNode,
    PlanYear,
    Program,
    PublishedTally,
    YearlyEntry,
)


@admin.register(Plan)
class PlanAdmin(HistoryScopedAdmin):
    list_display = ["name", "organization", "first_year", "last_year", "slug"]
    list_filter = ["organization"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # The evaluation settings are the secretariat's, written by the plan settings screen's services,
    # which check them against each other (a scale, its dimensions, the measure and baseline rules).
    readonly_fields = [
        "grade_scale",
        "percent_places",
        "combine_policy",
        "merge_policy",
        "counting",
        "dimensions",
        "show_priority",
        "measure_rule",
        "baseline_rule",
    ]


@admin.register(PlanNode)
class PlanNodeAdmin(OrganizationScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["__str__", "plan", "position"]
    list_filter = ["plan"]
    search_fields = ["title"]
    list_select_related = ["plan", "parent__parent"]


class ListingInline(ScopedTabularInline):
    model = Listing
    extra = 0
    autocomplete_fields = ["node"]


class IndicatorInline(ReadOnlyTabularInline):
    model = Indicator
    fields = ["name", "department", "unit", "direction", "source", "position"]
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(OrganizationScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["number", "title", "plan"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "departments"]
    search_fields = ["title", "content"]
    filter_horizontal = ["departments"]
    inlines = [ListingInline, IndicatorInline]
    # 重点 is marked on the plan's screen, with its history (docs/practices.md).
    readonly_fields = ["is_priority"]


@admin.register(Listing)
class ListingAdmin(OrganizationScopedAdmin):
    organization_path = "program__plan__organization"
    list_display = ["__str__", "is_relisting"]
    list_filter = ["is_relisting", "program__plan"]
    list_select_related = ["program", "node__parent__parent"]


@admin.register(YearlyEntry)
class YearlyEntryAdmin(ReadOnlyHistoryAdmin):
    """Entries are made by opening a year and written by the workflow only: this page reads them."""

    organization_path = "program__plan__organization"
    list_display = [
        "program",
        "department",
        "year",
        "evaluation_type",
        "suggested_grade",
        "final_grade",
        "status",
    ]
    list_filter = ["fiscal_year", "status", "evaluation_type", "final_grade", "department"]
    search_fields = ["program__title", "activities", "result_text"]
    list_select_related = ["program", "department"]

    @admin.display(description=_("fiscal year"), ordering="fiscal_year")
    def year(self, entry: YearlyEntry) -> str:
        return wareki_label(entry.fiscal_year)


class IndicatorValueInline(ReadOnlyTabularInline):
    model = IndicatorValue
    fields = ["fiscal_year", "target", "actual"]


@admin.register(Indicator)
class IndicatorAdmin(HistoryScopedAdmin):
    organization_path = "program__plan__organization"
    list_display = ["name", "program", "unit", "direction"]
    list_filter = ["direction", "program__plan"]
    search_fields = ["name", "source"]
    list_select_related = ["program"]
    inlines = [IndicatorValueInline]
    # What the entry form and accept_indicator write (a direction changes the suggested grade).
    readonly_fields = ["program", "department", "name", "unit", "direction", "source", "position"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyHistoryAdmin):
    """Targets and actuals are an entry's figures: written by the workflow only."""

    organization_path = "indicator__program__plan__organization"
    list_display = ["indicator", "year", "target", "actual"]
    list_filter = ["fiscal_year"]
    list_select_related = ["indicator"]

    @admin.display(description=_("fiscal year"), ordering="fiscal_year")
    def year(self, value: IndicatorValue) -> str:
        return wareki_label(value.fiscal_year)


@admin.register(PlanYear)
class PlanYearAdmin(HistoryScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["plan", "year", "deadline"]
    list_select_related = ["plan"]
    # A year is opened by the workflow (which makes its entries); here only its deadline changes.
    readonly_fields = ["plan", "fiscal_year"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("fiscal year"), ordering="fiscal_year")
    def year(self, plan_year: PlanYear) -> str:
        return wareki_label(plan_year.fiscal_year)


@admin.register(EntryEvent)
class EntryEventAdmin(OrganizationScopedAdmin):
    """Workflow events are a record: they are read here, never written."""

    organization_path = "entry__program__plan__organization"
    list_display = ["entry", "action", "actor", "at"]
    list_filter = ["action"]
    list_select_related = ["entry__program", "entry__department", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PublishedTally)
class PublishedTallyAdmin(OrganizationScopedAdmin):
    organization_path = "plan__organization"
    list_display = ["plan", "fiscal_year", "source"]


@admin.register(MeasureGrade)
class MeasureGradeAdmin(ReadOnlyHistoryAdmin):
    """Measures graded by hand: written on the year's measures page, with a reason; read here."""

    organization_path = "node__plan__organization"
    list_display = ["node", "fiscal_year", "grade"]
    list_select_related = ["node__plan"]
