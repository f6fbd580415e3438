from django.urls import path

from shinchoku.imports import views

app_name = "imports"
urlpatterns = [
    path("imports/", views.upload, name="upload"),
    path("imports/template.xlsx", views.template, name="template"),
    path("imports/<str:token>/progress/", views.progress, name="progress"),
    path("imports/<str:token>/confirm/", views.confirm, name="confirm"),
    path("imports/<str:token>/cancel/", views.cancel, name="cancel"),
    path("plans/<slug:slug>/<int:year>/forms/", views.department_forms, name="department_forms"),
    path(
        "plans/<slug:slug>/<int:year>/forms/all.zip", views.all_department_forms, name="all_department_forms"
    ),
    path(
        "plans/<slug:slug>/<int:year>/forms/<int:department_id>.xlsx",
        views.department_form,
        name="department_form",
    ),
]
