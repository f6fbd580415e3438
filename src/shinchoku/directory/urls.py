from django.urls import path

from shinchoku.directory import manage_views, public_views, synonym_views

app_name = "directory"
urlpatterns = [
    path("directory/", public_views.directory, name="list"),
    path("directory/leaflet.pdf", public_views.leaflet, name="leaflet"),
    path("directory/<uuid:window_uuid>/", public_views.window_detail, name="detail"),
    path("manage/directory/", manage_views.window_list, name="manage"),
    path("manage/directory/new/", manage_views.window_edit, name="add"),
    path("manage/directory/<int:pk>/", manage_views.window_edit, name="edit"),
    path("manage/directory/<int:pk>/verify/", manage_views.window_verify, name="verify"),
    path("manage/directory/<int:pk>/retire/", manage_views.window_retire, name="retire"),
    path("manage/directory/leaflet/", manage_views.leaflet_texts, name="leaflet_texts"),
    path("manage/directory/synonyms/", synonym_views.synonyms, name="synonyms"),
]
