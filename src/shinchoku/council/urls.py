from django.urls import path

from shinchoku.council import answer_views, roster_views, views

app_name = "council"
urlpatterns = [
    path("plans/<slug:slug>/council/", views.council_home, name="home"),
    path("plans/<slug:slug>/council/members/", roster_views.members, name="members"),
    path("plans/<slug:slug>/council/members/<int:pk>/", roster_views.members, name="member_edit"),
    path("plans/<slug:slug>/council/meetings/", roster_views.meetings, name="meetings"),
    path("plans/<slug:slug>/council/meetings/<int:pk>/", roster_views.meetings, name="meeting_edit"),
    path("plans/<slug:slug>/council/opinions/new/", views.opinion_new, name="opinion_new"),
    path("plans/<slug:slug>/council/activities/new/", views.activity_new, name="activity_new"),
    path("council/opinions/<int:pk>/", views.opinion_detail, name="opinion"),
    path("council/meetings/<int:pk>/pack/", views.freeze_pack, name="freeze"),
    path("council/packs/<int:pk>/", views.pack_detail, name="pack"),
    path("council/packs/<int:pk>/pack.<str:fmt>", views.pack_file, name="pack_file"),
    path("council/answers.<str:fmt>", answer_views.answers_file, name="answers"),
]
