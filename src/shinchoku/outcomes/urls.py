from django.urls import path

from shinchoku.outcomes import context_views, outcome_views

app_name = "outcomes"
urlpatterns = [
    path("plans/<slug:slug>/outcomes/", outcome_views.outcome_list, name="list"),
    path("plans/<slug:slug>/outcomes/new/", outcome_views.outcome_edit, name="outcome_new"),
    path("plans/<slug:slug>/outcomes/<int:pk>/", outcome_views.outcome_edit, name="outcome_edit"),
    path("plans/<slug:slug>/outcomes/<int:pk>/values/new/", outcome_views.outcome_value, name="value_new"),
    path(
        "plans/<slug:slug>/outcomes/<int:pk>/values/<int:year>/",
        outcome_views.outcome_value,
        name="value_edit",
    ),
    path("plans/<slug:slug>/context/", context_views.context_table, name="context"),
    path("plans/<slug:slug>/context/new/", context_views.series_edit, name="series_new"),
    path("plans/<slug:slug>/context/upload/", context_views.context_upload, name="context_upload"),
    path("plans/<slug:slug>/context/<int:pk>/", context_views.series_edit, name="series_edit"),
    path(
        "plans/<slug:slug>/context/<int:pk>/values/new/",
        context_views.context_value,
        name="context_value_new",
    ),
    path(
        "plans/<slug:slug>/context/<int:pk>/values/<int:year>/",
        context_views.context_value,
        name="context_value_edit",
    ),
]
