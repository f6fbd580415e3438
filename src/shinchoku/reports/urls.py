from django.urls import path

from shinchoku.reports import views

app_name = "reports"
urlpatterns = [
    path("plans/<slug:slug>/<int:year>/dashboard/", views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/<int:year>/report.<str:fmt>", views.download, name="download"),
    path("plans/<slug:slug>/trends/", views.trends, name="trends"),
]
