"""Outcomes and context statistics, read here by installation administrators.

The secretariat records them on its own screens (/plans/<slug>/outcomes/, /plans/<slug>/context/),
whose services check the version, the unit and a correction's reason; the admin writes none of them,
so there is no second path around those checks.
"""

from django.contrib import admin

from shinchoku.accounts.admin_site import ReadOnlyHistoryAdmin, ReadOnlyTabularInline
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue


class OutcomeValueInline(ReadOnlyTabularInline):
    model = OutcomeValue
    fields = ["year", "value", "source", "source_note"]


class ContextValueInline(ReadOnlyTabularInline):
    model = ContextValue
    fields = ["year", "value"]


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyHistoryAdmin):
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
class ContextSeriesAdmin(ReadOnlyHistoryAdmin):
    organization_path = "plan__organization"
    list_display = ["name", "plan", "unit", "source"]
    inlines = [ContextValueInline]


@admin.register(OutcomeValue)
class OutcomeValueAdmin(ReadOnlyHistoryAdmin):
    organization_path = "outcome__plan__organization"
    list_display = ["outcome", "year", "value", "source"]
    list_filter = ["source"]


@admin.register(ContextValue)
class ContextValueAdmin(ReadOnlyHistoryAdmin):
    organization_path = "series__plan__organization"
    list_display = ["series", "year", "value"]
