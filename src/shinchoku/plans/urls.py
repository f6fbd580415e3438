from django.urls import path

from shinchoku.plans import settings_views, views, year_views

app_name = "plans"
urlpatterns = [
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/settings/", settings_views.plan_settings_view, name="settings"),
    path("plans/<slug:slug>/years/open/", views.open_year, name="open_year"),
    path("plans/<slug:slug>/<int:year>/deadline/", year_views.change_deadline, name="year_deadline"),
    path("plans/<slug:slug>/<int:year>/undo-opening/", year_views.undo_opening, name="year_undo"),
    path("plans/<slug:slug>/<int:year>/entries/", views.entry_list, name="entries"),
    path("plans/<slug:slug>/<int:year>/entries/bulk/", views.entry_bulk, name="bulk"),
    path("plans/<slug:slug>/<int:year>/board/", views.status_board, name="board"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="edit"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="submit"),
    path("entries/<int:pk>/review/", views.entry_review, name="review"),
    path("entries/<int:pk>/correct/", views.entry_correct, name="correct"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="withdraw"),
    path("entries/<int:pk>/reopen/", views.entry_reopen, name="reopen"),
    path("entries/<int:pk>/suggest/", views.entry_suggest, name="suggest"),
    path("entries/<int:pk>/highlight/", views.entry_highlight, name="highlight"),
    path("entries/<int:pk>/indicators/accept/", views.accept_indicator, name="accept_indicator"),
]
