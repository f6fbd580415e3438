from django.urls import path

from shinchoku.cases import views

app_name = "cases"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/log/", views.access_log, name="log"),
    path("cases/published/", views.published, name="published"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/save/", views.case_save, name="save"),
    path("cases/<int:pk>/events/", views.event_add, name="event"),
    path("cases/<int:pk>/export.csv", views.case_export, name="export"),
    path("cases/<int:pk>/summaries/new/", views.summary_edit, name="summary_new"),
    path("cases/<int:pk>/summaries/<int:summary_pk>/", views.summary_edit, name="summary"),
    path("cases/<int:pk>/summaries/<int:summary_pk>/approve/", views.summary_approve, name="summary_approve"),
    path("cases/<int:pk>/summaries/<int:summary_pk>/publish/", views.summary_publish, name="summary_publish"),
]
