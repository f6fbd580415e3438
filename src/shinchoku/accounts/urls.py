from django.urls import path

from shinchoku.accounts import session_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("account/second-factor/setup/", views.mfa_setup, name="mfa_setup"),
    path("account/second-factor/", views.mfa_verify, name="mfa_verify"),
    path("account/tokens/", token_views.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
    path("account/heartbeat/", session_views.heartbeat, name="heartbeat"),
]
