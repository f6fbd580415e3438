from django.urls import path

from shinchoku.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/second-factor/setup/", views.mfa_setup, name="mfa_setup"),
    path("account/second-factor/", views.mfa_verify, name="mfa_verify"),
]
