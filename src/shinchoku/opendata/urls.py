app_name = "opendata"
urlpatterns: list[object] = []
