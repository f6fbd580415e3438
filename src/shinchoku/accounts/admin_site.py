"""The admin site and the admin classes that keep each organization's staff inside their own organization.

Every object an admin page fetches goes through its model admin's get_queryset(), scoped here: the
list, change, delete and history pages, simple-history's history and history-form pages (which look
objects up by primary key otherwise), the choices of every foreign key, the list filters,
autocomplete and "view on site". A model with no known way to its organization is offered to
installation administrators only: deny by default, so a model added later cannot leak.
"""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import ForeignKey, Model, QuerySet, URLField
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from simple_history.admin import SimpleHistoryAdmin

from shinchoku.accounts.access import is_installation_admin, scope_to_organization
from shinchoku.accounts.models import User
from shinchoku.accounts.requests import signed_in_user

# Shared by every organization (the Cabinet's national plans): offered to everyone as they are.
SHARED_MODELS = {"national.nationalplan", "national.nationalissue"}

# How to reach the organization from models that are offered as choices but have no scoped admin.
_PATHS = {
    "accounts.organization": "pk",
    "accounts.department": "organization",
    "accounts.user": "organization",
    "plans.plan": "organization",
    "plans.plannode": "plan__organization",
    "plans.program": "plan__organization",
    "plans.indicator": "program__plan__organization",
    "council.member": "organization",
}


def organization_path(model: type[Model]) -> str | None:
    """Return the lookup from the model to its organization, or None when none is known."""
    model_admin = admin.site._registry.get(model)
    if isinstance(model_admin, OrganizationScopedAdmin):
        return model_admin.organization_path
    return _PATHS.get(model._meta.label_lower)


def scope_choices(queryset: QuerySet[Any], request: HttpRequest) -> QuerySet[Any]:
    """Return the rows of queryset the user may be offered: their organization's, nothing when unknown."""
    user = signed_in_user(request)
    label = queryset.model._meta.label_lower
    if is_installation_admin(user) or label in SHARED_MODELS:
        return queryset
    lookup = organization_path(queryset.model)
    if lookup is None:
        return queryset.none()
    return scope_to_organization(queryset, user, lookup)


# django-stubs types the admin classes by their model; Django's take no subscript at run time, and
# the mixins below are admins to the type checker only (their methods call the admin's through super()).
if TYPE_CHECKING:
    _AdminMixinBase = admin.options.BaseModelAdmin[Any]
    _TabularInline = admin.TabularInline[Any, Any]
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _AdminMixinBase = object
    _TabularInline = admin.TabularInline
    _ModelAdmin = admin.ModelAdmin


class ScopedChoices(_AdminMixinBase):
    """Offer (and accept from a POST) only the user's organization's rows in foreign keys and many-to-many."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and field.queryset is not None:
            field.queryset = scope_choices(field.queryset, request)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and field.queryset is not None:
            field.queryset = scope_choices(field.queryset, request)
        return field


class ScopedTabularInline(ScopedChoices, _TabularInline):
    """An inline whose foreign-key choices are the user's organization's (its rows follow the scoped parent)."""


class ReadOnlyTabularInline(ScopedTabularInline):
    """An inline that shows rows written elsewhere (by a service): nothing added, changed or deleted here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Every field shown read-only: the names get_fields() lists (an inline lists names only).
        return cast("list[str]", list(self.get_fields(request, obj)))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OrganizationScopedAdmin(ScopedChoices, _ModelAdmin):
    """Show and offer only rows of the user's organization (all of them to installation administrators)."""

    organization_path = "organization"
    formfield_overrides = {URLField: {"assume_scheme": "https"}}  # Django 6's default, now

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope_to_organization(
            super().get_queryset(request), signed_in_user(request), self.organization_path
        )

    def _get_obj_does_not_exist_redirect(
        self, request: HttpRequest, opts: Any, object_id: str
    ) -> HttpResponse:
        # Another organization's object and a missing one look the same: 404, as on every other page.
        raise Http404

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # An object never moves to another organization (nor to another organization's parent) here.
        fields = list(super().get_readonly_fields(request, obj))
        owner = self.organization_path.split("__")[0]
        if obj is not None and owner != "pk" and owner not in fields:
            fields.append(owner)
        return fields

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        # Django's related filter lists every row of the related table (every city's departments);
        # RelatedOnlyFieldListFilter lists those the scoped queryset refers to.
        return [
            (name, RelatedOnlyFieldListFilter)
            if isinstance(name, str) and _is_relation(self.model, name)
            else name
            for name in super().get_list_filter(request)
        ]

    def scoped_object(self, request: HttpRequest, object_id: str) -> Model:
        """Return the object if the user's scoped queryset holds it; 404 otherwise."""
        obj: Model | None = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj


def _is_relation(model: type[Model], name: str) -> bool:
    try:
        return bool(get_fields_from_path(model, name)[-1].is_relation)
    except (FieldDoesNotExist, admin.utils.NotRelationField):
        return False


# simple-history ships no type information: SimpleHistoryAdmin is Any to mypy.
class HistoryScopedAdmin(OrganizationScopedAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    """An organization-scoped admin that also shows who changed what, when (履歴); history is read, never reverted."""

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        # simple-history falls back to the latest historical record when get_queryset() does not
        # hold the object, which showed another organization's history: scope first.
        self.scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # simple-history fetches the version by primary key and saves a POST even with reverting
        # disabled (the setting only hides the button): scope, then refuse every write. A revert
        # would go around the workflow, its version and its events.
        self.scoped_object(request, object_id)
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        # simple-history's own view (untyped): Any to mypy.
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[no-any-return]

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True


class ReadOnlyHistoryAdmin(HistoryScopedAdmin):
    """Rows a service writes (the workflow, the secretariat's screens): listed and read here, with their
    history, never added, changed or deleted, so the admin is no second path around the service."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _by_installation_admin(request: HttpRequest) -> bool:
    """Return whether an installation administrator makes the request (False for anyone signed out:
    the admin's login page asks these questions of an anonymous visitor too)."""
    return isinstance(request.user, User) and is_installation_admin(request.user)


class InstallationOnly(_AdminMixinBase):
    """A model of the installation itself (not of one organization): installation administrators only."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _by_installation_admin(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _by_installation_admin(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _by_installation_admin(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _by_installation_admin(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _by_installation_admin(request) and super().has_delete_permission(request, obj)


class AdminSite(admin.AdminSite):
    """Django's admin site: deny by default, and "view on site" only for objects the user's admin page shows."""

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        # A model admin that does not scope to the organization (auth's groups, django-axes' login
        # records, any app added later) is for installation administrators only.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, (OrganizationScopedAdmin, InstallationOnly)):
            admin_class = type(
                admin_class.__name__, (InstallationOnly, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self) -> list[Any]:
        urls = [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            )
            if isinstance(url, URLPattern) and url.name == "view_on_site"
            else url
            for url in super().get_urls()
        ]
        return urls

    def view_on_site(self, request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
        """Redirect to the object's page: 404 unless its model admin's scoped queryset holds it."""
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model) if model else None
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        try:
            held = model_admin.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            held = False
        if not held:
            raise Http404
        return shortcut(request, content_type_id, object_id)
