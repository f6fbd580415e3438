"""Outcomes and context statistics, read here by installation administrators.

The secretariat records them on its own screens (/plans/<slug>/outcomes/, /plans/<slug>/context/),
whose services check the version, the unit and a correction's reason; the admin writes none of them,
so there is no second path around those checks.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from shinchoku.accounts.admin_site import HistoryScopedAdmin, ReadOnlyTabularInline
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue


class ReadOnlyAdmin(HistoryScopedAdmin):
    """Rows the secretariat's screens write: listed and read here, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OutcomeValueInline(ReadOnlyTabularInline):
    model = OutcomeValue
    fields = ["year", "value", "source", "source_note"]


class ContextValueInline(ReadOnlyTabularInline):
    model = ContextValue
    fields = ["year", "value"]


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyAdmin):
    organization_path = "plan__organization"
    list_display = [
        "name",
        "plan",
        "baseline_first_year",
        "baseline_last_year",
        "target_value",
        "target_year",
    ]
    inlines = [OutcomeValueInline]


@admin.register(ContextSeries)
class ContextSeriesAdmin(ReadOnlyAdmin):
    organization_path = "plan__organization"
    list_display = ["name", "plan", "unit", "source"]
    inlines = [ContextValueInline]


@admin.register(OutcomeValue)
class OutcomeValueAdmin(ReadOnlyAdmin):
    organization_path = "outcome__plan__organization"
    list_display = ["outcome", "year", "value", "source"]
    list_filter = ["source"]


@admin.register(ContextValue)
class ContextValueAdmin(ReadOnlyAdmin):
    organization_path = "series__plan__organization"
    list_display = ["series", "year", "value"]
