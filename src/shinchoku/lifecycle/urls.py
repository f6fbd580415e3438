from django.urls import path

from shinchoku.lifecycle import views

app_name = "lifecycle"
urlpatterns = [
    path("plans/<slug:slug>/lifecycle/", views.plan_lifecycle, name="plan"),
    path("plans/<slug:slug>/lifecycle/revision/", views.revision_new, name="revision"),
    path("plans/<slug:slug>/lifecycle/programs/<int:number>/end/", views.end_program, name="end_program"),
]
