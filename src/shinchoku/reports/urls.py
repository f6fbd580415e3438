from django.urls import path

from shinchoku.reports import combined_views, views

app_name = "reports"
urlpatterns = [
    path("plans/<slug:slug>/<int:year>/dashboard/", views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/<int:year>/report.<str:fmt>", views.download, name="download"),
    path("plans/<slug:slug>/trends/", views.trends, name="trends"),
    path("reports/combined/", combined_views.choose, name="combined"),
    path("reports/combined/report.<str:fmt>", combined_views.combined_file, name="combined_file"),
]
