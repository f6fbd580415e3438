"""The secretariat records outcomes and context statistics in the admin, each value in the history.

Figures are typed as anywhere else (▲5, 1,480, 3万): the domain's parser reads them.
"""

from django.contrib import admin

from shinchoku.accounts.admin_site import HistoryScopedAdmin, ScopedTabularInline
from shinchoku.lib.forms import FIGURES_AS_TYPED
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue


class OutcomeValueInline(ScopedTabularInline):
    model = OutcomeValue
    extra = 1
    formfield_overrides = FIGURES_AS_TYPED
    fields = ["year", "value", "source", "source_note"]


class ContextValueInline(ScopedTabularInline):
    model = ContextValue
    extra = 1
    formfield_overrides = FIGURES_AS_TYPED
    fields = ["year", "value"]


@admin.register(Outcome)
class OutcomeAdmin(HistoryScopedAdmin):
    formfield_overrides = HistoryScopedAdmin.formfield_overrides | FIGURES_AS_TYPED
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
class ContextSeriesAdmin(HistoryScopedAdmin):
    formfield_overrides = OutcomeAdmin.formfield_overrides
    organization_path = "plan__organization"
    list_display = ["name", "plan", "unit", "source"]
    inlines = [ContextValueInline]


@admin.register(OutcomeValue)
class OutcomeValueAdmin(HistoryScopedAdmin):
    formfield_overrides = OutcomeAdmin.formfield_overrides
    organization_path = "outcome__plan__organization"
    list_display = ["outcome", "year", "value", "source"]
    list_filter = ["source"]


@admin.register(ContextValue)
class ContextValueAdmin(HistoryScopedAdmin):
    formfield_overrides = OutcomeAdmin.formfield_overrides
    organization_path = "series__plan__organization"
    list_display = ["series", "year", "value"]
