from django.contrib import admin
from django.http import HttpRequest

from shinchoku.cases.models import Case, CaseAccessLog, CaseEvent, CaseSummary, Consent


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Cases are not shown in the admin at all: only assigned workers see them, in /cases/."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CaseSummary)
class CaseSummaryAdmin(CaseAdmin):
    pass


@admin.register(CaseAccessLog)
class CaseAccessLogAdmin(CaseAdmin):
    pass


@admin.register(CaseEvent)
class CaseEventAdmin(CaseAdmin):
    pass


@admin.register(Consent)
class ConsentAdmin(CaseAdmin):
    pass
