from django.urls import path

from shinchoku.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/settings/", views.notification_settings, name="settings"),
    path("notifications/undelivered/", views.undelivered, name="undelivered"),
    path("notifications/mail/<int:pk>/retry/", views.retry, name="retry"),
    path("plans/<slug:slug>/<int:year>/remind/", views.remind, name="remind"),
]
