app_name = "national"
urlpatterns: list[object] = []
