"""Top-level URLs. Every page needs a login unless its view says otherwise."""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "shinchoku 再犯防止推進計画 進捗管理"
admin.site.site_title = "shinchoku"
admin.site.index_title = "管理"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False), name="home"),
    path("admin/", admin.site.urls),
]
