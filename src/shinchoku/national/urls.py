from django.urls import path

from shinchoku.national import views

app_name = "national"
urlpatterns = [
    path("plans/<slug:slug>/national/", views.mapping, name="mapping"),
    path("plans/<slug:slug>/national/programs/<int:number>/", views.program_mapping, name="program"),
    path("national/", views.shares, name="shares"),
    path("national/shares.csv", views.shares_download, name="shares_csv"),
]
