"""Top-level URLs. Every page needs a login unless its view says otherwise."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("shinchoku: progress of the recidivism-prevention plan")
admin.site.site_title = "shinchoku"
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False), name="home"),
    path("admin/", admin.site.urls),
]
