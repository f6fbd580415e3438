from django.urls import path

from shinchoku.accounts import installation_views, password_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("account/second-factor/setup/", views.mfa_setup, name="mfa_setup"),
    path("account/second-factor/", views.mfa_verify, name="mfa_verify"),
    path("account/tokens/", token_views.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
    path(
        "account/set-password/<uidb64>/<token>/",
        password_views.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("installation/organizations/", installation_views.organizations, name="organizations"),
]
