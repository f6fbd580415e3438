"""Top-level URLs. Every page needs a login unless its view says otherwise."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from shinchoku.accounts import access
from shinchoku.accounts import urls as accounts_urls
from shinchoku.accounts.models import User
from shinchoku.api.v1 import api
from shinchoku.lifecycle import reorganization_views, transfer_views
from shinchoku.operations.views import healthz
from shinchoku.plans import plan_views

admin.site.site_header = _("shinchoku: progress of the recidivism-prevention plan")
admin.site.site_title = "shinchoku"
admin.site.index_title = _("Administration")


def _admin_permission(request: HttpRequest) -> bool:
    """The admin is the installation administrators' tool; tenants (a secretariat too) work on their own
    screens. Deciding on the superuser flag, not is_staff, means an account made staff by mistake
    still gets no admin page (issue 20)."""
    return isinstance(request.user, User) and access.is_installation_admin(request.user)


# Replacing the method of this one AdminSite instance (not its class): mypy forbids assigning methods.
admin.site.has_permission = _admin_permission  # type: ignore[method-assign]

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # A department's rename/merge page is a reorganization (lifecycle), named in accounts' namespace.
    # So is a department's April change (人事異動), which hands its entries over.
    path(
        "",
        include(
            (
                accounts_urls.urlpatterns + reorganization_views.urlpatterns + transfer_views.urlpatterns,
                "accounts",
            )
        ),
    ),
    path("", include("shinchoku.plans.urls")),
    path("", include("shinchoku.reports.urls")),
    path("", include("shinchoku.imports.urls")),
    path("", include("shinchoku.directory.urls")),
    path("", include("shinchoku.cases.urls")),
    path("", include("shinchoku.council.urls")),
    path("", include("shinchoku.lifecycle.urls")),
    path("", include("shinchoku.national.urls")),
    path("", include("shinchoku.outcomes.urls")),
    path("", include("shinchoku.opendata.urls")),
    path("", include("shinchoku.notifications.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
