"""Admin classes that keep each organization's staff inside their own organization."""

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, Model, QuerySet, URLField
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from shinchoku.accounts.access import scope_to_organization


class OrganizationScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Show and offer only rows of the user's organization (all of them to superusers)."""

    organization_path = "organization"
    formfield_overrides = {URLField: {"assume_scheme": "https"}}  # Django 6's default, now

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope_to_organization(super().get_queryset(request), request.user, self.organization_path)  # type: ignore[arg-type]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _scope_choices(field.queryset, request)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _scope_choices(field.queryset, request)
        return field


class HistoryScopedAdmin(OrganizationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    """An organization-scoped admin that also shows who changed what, when (履歴)."""


# How to reach the organization from the models offered in foreign-key and many-to-many choices.
_CHOICE_PATHS = {
    "organization": "pk",
    "department": "organization",
    "plan": "organization",
    "plannode": "plan__organization",
    "program": "plan__organization",
    "indicator": "program__plan__organization",
}


def _scope_choices(queryset: QuerySet[Model], request: HttpRequest) -> QuerySet[Model]:
    path = _CHOICE_PATHS.get(queryset.model._meta.model_name or "")
    if path is None:
        return queryset
    return scope_to_organization(queryset, request.user, path)  # type: ignore[arg-type]
