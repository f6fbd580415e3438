from django.urls import path

from shinchoku.plans import (
    dimension_views,
    entry_form_views,
    entry_views,
    list_views,
    measure_views,
    plan_views,
    priority_views,
    review_views,
    settings_views,
    year_views,
)

app_name = "plans"
urlpatterns = [
    path("plans/<slug:slug>/", plan_views.plan_detail, name="plan"),
    path("plans/<slug:slug>/settings/", settings_views.plan_settings_view, name="settings"),
    path("plans/<slug:slug>/settings/measures/", measure_views.measure_settings, name="measure_settings"),
    path("plans/<slug:slug>/<int:year>/measures/", measure_views.year_measures_view, name="measures"),
    path("plans/<slug:slug>/settings/dimensions/", dimension_views.dimensions_view, name="dimensions"),
    path(
        "plans/<slug:slug>/settings/dimensions/<slug:key>/", dimension_views.dimension_edit, name="dimension"
    ),
    path(
        "plans/<slug:slug>/settings/dimensions/<slug:key>/move/",
        dimension_views.dimension_move,
        name="dimension_move",
    ),
    path(
        "plans/<slug:slug>/settings/dimensions/<slug:key>/remove/",
        dimension_views.dimension_remove,
        name="dimension_remove",
    ),
    path("plans/<slug:slug>/priority/", priority_views.plan_priority, name="priority"),
    path("plans/<slug:slug>/<int:year>/priority/", priority_views.year_priority, name="year_priority"),
    path("plans/<slug:slug>/years/open/", plan_views.open_year, name="open_year"),
    path("plans/<slug:slug>/<int:year>/deadline/", year_views.change_deadline, name="year_deadline"),
    path("plans/<slug:slug>/<int:year>/wording/", year_views.change_wording, name="year_wording"),
    path("plans/<slug:slug>/<int:year>/undo-opening/", year_views.undo_opening, name="year_undo"),
    path("plans/<slug:slug>/<int:year>/entries/", list_views.entry_list, name="entries"),
    path("plans/<slug:slug>/<int:year>/entries/bulk/", list_views.entry_bulk, name="bulk"),
    path("plans/<slug:slug>/<int:year>/board/", list_views.status_board, name="board"),
    path("entries/<int:pk>/", entry_views.entry_detail, name="entry"),
    path("entries/<int:pk>/edit/", entry_form_views.entry_edit, name="edit"),
    path("entries/<int:pk>/submit/", review_views.entry_submit, name="submit"),
    path("entries/<int:pk>/review/", review_views.entry_review, name="review"),
    path("entries/<int:pk>/correct/", review_views.entry_correct, name="correct"),
    path("entries/<int:pk>/exclude/", review_views.entry_exclude, name="exclude"),
    path("entries/<int:pk>/withdraw/", review_views.entry_withdraw, name="withdraw"),
    path("entries/<int:pk>/reopen/", review_views.entry_reopen, name="reopen"),
    path("entries/<int:pk>/suggest/", entry_views.entry_suggest, name="suggest"),
    path("entries/<int:pk>/highlight/", entry_views.entry_highlight, name="highlight"),
    path("entries/<int:pk>/indicators/accept/", entry_views.accept_indicator, name="accept_indicator"),
]
