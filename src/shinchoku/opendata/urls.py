from django.urls import path

from shinchoku.opendata import views

app_name = "opendata"
urlpatterns = [
    path("open/", views.index, name="index"),
    path("open/<slug:slug>/", views.plan_page, name="plan"),
    path("open/<slug:slug>/<str:name>", views.download, name="download"),
    path("plans/<slug:slug>/opendata/", views.settings, name="settings"),
]
