from django.urls import path

from shinchoku.accounts import (
    department_views,
    installation_views,
    password_views,
    people_bulk_views,
    people_views,
    session_views,
    token_views,
    views,
)

app_name = "accounts"
urlpatterns = [
    path("account/second-factor/setup/", views.mfa_setup, name="mfa_setup"),
    path("account/second-factor/", views.mfa_verify, name="mfa_verify"),
    path("account/tokens/", token_views.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
    path("account/heartbeat/", session_views.heartbeat, name="heartbeat"),
    path(
        "account/set-password/<uidb64>/<token>/",
        password_views.SetPasswordView.as_view(),
        name="set_password",
    ),
    path("installation/organizations/", installation_views.organizations, name="organizations"),
    path("organization/people/", people_views.person_list, name="people"),
    path("organization/departments/", department_views.department_list, name="departments"),
    path("organization/people/new/", people_views.person_add, name="person_add"),
    path("organization/people/bulk/", people_bulk_views.bulk_upload, name="people_bulk"),
    path("organization/people/bulk/confirm/", people_bulk_views.bulk_confirm, name="people_bulk_confirm"),
    path("organization/people/bulk/done/", people_bulk_views.bulk_done, name="people_bulk_done"),
    path(
        "organization/people/bulk/template.csv",
        people_bulk_views.bulk_template,
        {"kind": "csv"},
        name="people_bulk_template_csv",
    ),
    path(
        "organization/people/bulk/template.xlsx",
        people_bulk_views.bulk_template,
        {"kind": "xlsx"},
        name="people_bulk_template_xlsx",
    ),
    path("organization/people/<int:pk>/", people_views.person_edit, name="person_edit"),
    path(
        "organization/people/<int:pk>/link/",
        people_views.person_action,
        {"action": "link"},
        name="person_link",
    ),
    path(
        "organization/people/<int:pk>/second-factor/",
        people_views.person_action,
        {"action": "second-factor"},
        name="person_second_factor",
    ),
    path(
        "organization/people/<int:pk>/unlock/",
        people_views.person_action,
        {"action": "unlock"},
        name="person_unlock",
    ),
]
